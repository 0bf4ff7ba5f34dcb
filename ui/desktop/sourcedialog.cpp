#include "sourcedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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
}  // namespace

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
    , m_enabled(new QCheckBox(tr("S&ync this source"), this))
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
    m_kind->addItem(tr("Hugging Face model"), int(Kind::HfRepo));
    m_kind->addItem(tr("Civitai search"), int(Kind::CivitaiQuery));
    m_kind->addItem(tr("Civitai model"), int(Kind::CivitaiModel));
    m_enabled->setObjectName(QStringLiteral("sourceEnabled"));
    m_enabled->setChecked(true);
    m_enabled->setToolTip(tr("Off: the source keeps its models in the catalog but is not synced"));
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
    auto *limitLabel = new QLabel(tr("&At most:"), this);
    limitLabel->setBuddy(m_limit);
    form->addRow(limitLabel, m_limit);
    m_queryOnly = {limitLabel, m_limit};
    form->addRow(m_enabled);
    form->addRow(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Add and sync"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SourceDialog::saveRequested);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &SourceDialog::onKindChanged);
    onKindChanged();
}

void SourceDialog::onKindChanged()
{
    const auto kind = Kind(m_kind->currentData().toInt());
    switch (kind) {
    case Kind::HfAuthor:
        m_textLabel->setText(tr("A&uthor:"));
        m_text->setPlaceholderText(QStringLiteral("cortexso"));
        break;
    case Kind::HfSearch:
        m_textLabel->setText(tr("&Words:"));
        m_text->setPlaceholderText(QStringLiteral("llama gguf"));
        break;
    case Kind::HfCollection:
        m_textLabel->setText(tr("Co&llection:"));
        m_text->setPlaceholderText(QStringLiteral("owner/title-0123456789abcdef01234567"));
        break;
    case Kind::HfRepo:
        m_textLabel->setText(tr("&Model:"));
        m_text->setPlaceholderText(QStringLiteral("cortexso/llama3.2"));
        break;
    case Kind::CivitaiQuery:
        m_textLabel->setText(tr("&Words:"));
        m_text->setPlaceholderText(tr("anime style"));
        break;
    case Kind::CivitaiModel:
        m_textLabel->setText(tr("&Model id:"));
        m_text->setPlaceholderText(QStringLiteral("4201"));
        break;
    }
    for (QWidget *widget : std::as_const(m_civitaiOnly))
        widget->setVisible(kind == Kind::CivitaiQuery);
    // One followed model has no "at most".
    for (QWidget *widget : std::as_const(m_queryOnly))
        widget->setVisible(kind != Kind::HfRepo && kind != Kind::CivitaiModel);
}

void SourceDialog::editSource(const Catalog::Source &source)
{
    m_base = source;
    setWindowTitle(tr("Edit source %1").arg(source.name));
    m_ok->setText(tr("&Save and sync"));
    m_name->setText(source.name);
    m_limit->setValue(qBound(1, source.limit, Catalog::Source::kMaxLimit));
    m_enabled->setChecked(source.enabled);
    Kind kind = Kind::HfSearch;
    QString text;
    if (source.kind == Catalog::Source::Kind::HfQuery) {
        kind = source.author.isEmpty() ? Kind::HfSearch : Kind::HfAuthor;
        text = source.author.isEmpty() ? source.search : source.author;
    } else if (source.kind == Catalog::Source::Kind::HfCollection) {
        kind = Kind::HfCollection;
        text = source.target;
    } else if (source.kind == Catalog::Source::Kind::HfRepo) {
        kind = Kind::HfRepo;
        text = source.target;
    } else if (source.kind == Catalog::Source::Kind::CivitaiQuery) {
        kind = Kind::CivitaiQuery;
        text = source.search;
        m_type->setText(source.types.join(QStringLiteral(", ")));
        m_baseModel->setText(source.baseModels.join(QStringLiteral(", ")));
        m_creator->setText(source.author);
    } else if (source.kind == Catalog::Source::Kind::CivitaiModel) {
        kind = Kind::CivitaiModel;
        text = source.target;
    }
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
    m_text->setText(text);
    onKindChanged();
}

Catalog::Source SourceDialog::source() const
{
    Catalog::Source s = m_base;
    const Kind kind = Kind(m_kind->currentData().toInt());
    const bool sameKind = m_base.id != 0 && SourceDialog::kindOf(m_base) == kind;
    if (!sameKind) {
        // Another kind: none of the old kind's query stays behind.
        s.author.clear();
        s.search.clear();
        s.target.clear();
        s.tags.clear();
        s.types.clear();
        s.baseModels.clear();
        s.sort.clear();
    }
    s.name = m_name->text().trimmed();
    s.limit = m_limit->value();
    s.enabled = m_enabled->isChecked();
    const QString text = m_text->text().trimmed();
    switch (kind) {
    case Kind::HfAuthor:
        s.kind = Catalog::Source::Kind::HfQuery;
        s.author = text;
        s.search.clear();
        break;
    case Kind::HfSearch:
        s.kind = Catalog::Source::Kind::HfQuery;
        s.search = text;
        s.author.clear();
        break;
    case Kind::HfCollection:
        s.kind = Catalog::Source::Kind::HfCollection;
        // A pasted link works too: https://huggingface.co/collections/owner/slug.
        s.target = text.section(QStringLiteral("/collections/"), -1);
        break;
    case Kind::HfRepo:
        s.kind = Catalog::Source::Kind::HfRepo;
        s.target = text;
        break;
    case Kind::CivitaiQuery:
        s.kind = Catalog::Source::Kind::CivitaiQuery;
        s.search = text;
        s.types = listOf(m_type->text());
        s.baseModels = listOf(m_baseModel->text());
        s.author = m_creator->text().trimmed();
        break;
    case Kind::CivitaiModel:
        s.kind = Catalog::Source::Kind::CivitaiModel;
        s.target = text;
        break;
    }
    if (s.sort.isEmpty() && s.kind == Catalog::Source::Kind::HfQuery)
        s.sort = QStringLiteral("downloads");
    if (s.sort.isEmpty() && s.kind == Catalog::Source::Kind::CivitaiQuery)
        s.sort = QStringLiteral("Most Downloaded");
    return s;
}

SourceDialog::Kind SourceDialog::kindOf(const Catalog::Source &source)
{
    if (source.kind == Catalog::Source::Kind::HfCollection)
        return Kind::HfCollection;
    if (source.kind == Catalog::Source::Kind::HfRepo)
        return Kind::HfRepo;
    if (source.kind == Catalog::Source::Kind::CivitaiQuery)
        return Kind::CivitaiQuery;
    if (source.kind == Catalog::Source::Kind::CivitaiModel)
        return Kind::CivitaiModel;
    return source.author.isEmpty() ? Kind::HfSearch : Kind::HfAuthor;
}

void SourceDialog::setError(const QString &sentence)
{
    m_error->setText(sentence);
    m_error->setVisible(!sentence.isEmpty());
}

}  // namespace Ui
