#include "sourcedialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace Ui {

namespace {
QStringList listOf(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    }
    return out;
}
} // namespace

SourceDialog::SourceDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_textLabel(new QLabel(this))
    , m_text(new QLineEdit(this))
    , m_type(new QLineEdit(this))
    , m_baseModel(new QLineEdit(this))
    , m_creator(new QLineEdit(this))
    , m_limit(new QSpinBox(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("sourceDialog"));
    setWindowTitle(tr("Add a source"));
    m_name->setObjectName(QStringLiteral("sourceName"));
    m_kind->setObjectName(QStringLiteral("sourceKind"));
    m_text->setObjectName(QStringLiteral("sourceText"));
    m_kind->addItem(tr("Hugging Face author or organisation"), int(Kind::HfAuthor));
    m_kind->addItem(tr("Hugging Face search"), int(Kind::HfSearch));
    m_kind->addItem(tr("Hugging Face collection"), int(Kind::HfCollection));
    m_kind->addItem(tr("Civitai search"), int(Kind::CivitaiQuery));
    m_type->setPlaceholderText(tr("LORA, Checkpoint… (any when empty)"));
    m_baseModel->setPlaceholderText(tr("SDXL 1.0, Pony… (any when empty)"));
    m_limit->setRange(1, Catalog::Source::kMaxLimit);
    m_limit->setValue(100);
    m_limit->setToolTip(tr("How many models the source keeps, the most downloaded first"));
    m_error->setObjectName(QStringLiteral("sourceError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(highlight);"));
    m_error->hide();

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    m_textLabel->setBuddy(m_text);
    form->addRow(m_textLabel, m_text);
    auto *typeLabel = new QLabel(tr("&Type:"), this);
    typeLabel->setBuddy(m_type);
    form->addRow(typeLabel, m_type);
    auto *baseLabel = new QLabel(tr("&Base model:"), this);
    baseLabel->setBuddy(m_baseModel);
    form->addRow(baseLabel, m_baseModel);
    auto *creatorLabel = new QLabel(tr("&Creator:"), this);
    creatorLabel->setBuddy(m_creator);
    form->addRow(creatorLabel, m_creator);
    m_civitaiOnly = {typeLabel, m_type, baseLabel, m_baseModel, creatorLabel, m_creator};
    form->addRow(tr("&At most:"), m_limit);
    form->addRow(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Add and sync"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SourceDialog::addRequested);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &SourceDialog::onKindChanged);
    onKindChanged();
}

void SourceDialog::onKindChanged()
{
    const auto kind = Kind(m_kind->currentData().toInt());
    switch (kind) {
    case Kind::HfAuthor: m_textLabel->setText(tr("A&uthor:")); m_text->setPlaceholderText(QStringLiteral("cortexso")); break;
    case Kind::HfSearch: m_textLabel->setText(tr("&Words:")); m_text->setPlaceholderText(QStringLiteral("llama gguf")); break;
    case Kind::HfCollection:
        m_textLabel->setText(tr("Co&llection:"));
        m_text->setPlaceholderText(QStringLiteral("owner/title-0123456789abcdef01234567"));
        break;
    case Kind::CivitaiQuery: m_textLabel->setText(tr("&Words:")); m_text->setPlaceholderText(tr("anime style")); break;
    }
    for (QWidget *widget : std::as_const(m_civitaiOnly))
        widget->setVisible(kind == Kind::CivitaiQuery);
}

Catalog::Source SourceDialog::source() const
{
    Catalog::Source s;
    s.name = m_name->text().trimmed();
    s.limit = m_limit->value();
    const QString text = m_text->text().trimmed();
    switch (Kind(m_kind->currentData().toInt())) {
    case Kind::HfAuthor:
        s.kind = Catalog::Source::Kind::HfQuery;
        s.author = text;
        s.sort = QStringLiteral("downloads");
        break;
    case Kind::HfSearch:
        s.kind = Catalog::Source::Kind::HfQuery;
        s.search = text;
        s.sort = QStringLiteral("downloads");
        break;
    case Kind::HfCollection:
        s.kind = Catalog::Source::Kind::HfCollection;
        // A pasted link works too: https://huggingface.co/collections/owner/slug.
        s.target = text.section(QStringLiteral("/collections/"), -1);
        break;
    case Kind::CivitaiQuery:
        s.kind = Catalog::Source::Kind::CivitaiQuery;
        s.search = text;
        s.types = listOf(m_type->text());
        s.baseModels = listOf(m_baseModel->text());
        s.author = m_creator->text().trimmed();
        s.sort = QStringLiteral("Most Downloaded");
        break;
    }
    return s;
}

void SourceDialog::setError(const QString &sentence)
{
    m_error->setText(sentence);
    m_error->setVisible(!sentence.isEmpty());
}

} // namespace Ui
