#include "sourcedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Ui {

using Catalog::Source;

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

SourceDialog::SourceDialog(const Source &source, std::function<QString(const Source &)> problemOf, QWidget *parent)
    : QDialog(parent), m_original(source), m_problemOf(std::move(problemOf))
{
    setWindowTitle(source.id == 0 ? tr("Add a source") : tr("Edit source “%1”").arg(source.name));
    auto *outer = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A source is what ModelDock lists from a hub. It is synced as soon as you press OK, "
                                "and again with every refresh."), this);
    intro->setWordWrap(true);
    outer->addWidget(intro);
    m_layout = new QFormLayout;
    m_layout->setRowWrapPolicy(QFormLayout::WrapLongRows);
    outer->addLayout(m_layout);

    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Hugging Face: an author or organisation"), int(Form::HfAuthor));
    m_kind->addItem(tr("Hugging Face: a search"), int(Form::HfSearch));
    m_kind->addItem(tr("Hugging Face: a collection"), int(Form::HfCollection));
    m_kind->addItem(tr("Civitai: a search"), int(Form::CivitaiSearch));
    m_kind->addItem(tr("Civitai: one model"), int(Form::CivitaiModel));
    m_kind->setAccessibleName(tr("Kind of source"));
    m_name = new QLineEdit(source.name, this);
    m_name->setPlaceholderText(tr("A name of your choice, e.g. My GGUF picks"));
    m_author = new QLineEdit(source.author, this);
    m_search = new QLineEdit(source.search, this);
    m_tags = new QLineEdit(source.tags.join(QStringLiteral(", ")), this);
    m_tags->setPlaceholderText(tr("e.g. gguf, text-generation"));
    m_target = new QLineEdit(source.target, this);
    m_types = new QComboBox(this);
    m_types->addItem(tr("Any type"), QString());
    for (const char *type : {"Checkpoint", "LORA", "LoCon", "TextualInversion", "VAE", "Controlnet", "Upscaler"})
        m_types->addItem(QString::fromLatin1(type), QString::fromLatin1(type));
    if (!source.types.isEmpty())
        m_types->setCurrentIndex(qMax(0, m_types->findData(source.types.first())));
    m_baseModels = new QLineEdit(source.baseModels.join(QStringLiteral(", ")), this);
    m_baseModels->setPlaceholderText(tr("e.g. SDXL 1.0, Pony"));
    m_limit = new QSpinBox(this);
    m_limit->setRange(1, Source::kMaxLimit);
    m_limit->setValue(source.limit);
    m_limit->setSuffix(tr(" models"));
    m_enabled = new QCheckBox(tr("Sync this source"), this);
    m_enabled->setChecked(source.enabled);

    m_layout->addRow(tr("Kind:"), m_kind);
    m_layout->addRow(tr("Name:"), m_name);
    m_layout->addRow(tr("Author:"), m_author);
    m_layout->addRow(tr("Search:"), m_search);
    m_layout->addRow(tr("Tags:"), m_tags);
    m_layout->addRow(tr("Collection:"), m_target);
    m_layout->addRow(tr("Type:"), m_types);
    m_layout->addRow(tr("Base models:"), m_baseModels);
    m_layout->addRow(tr("At most:"), m_limit);
    m_layout->addRow(QString(), m_enabled);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setAccessibleName(tr("Problem"));
    outer->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(source.id == 0 ? tr("Add and sync") : tr("Save and sync"));
    outer->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    Form initial = Form::HfAuthor;
    if (source.kind == Source::Kind::HfCollection)
        initial = Form::HfCollection;
    else if (source.kind == Source::Kind::CivitaiQuery)
        initial = Form::CivitaiSearch;
    else if (source.kind == Source::Kind::CivitaiModel)
        initial = Form::CivitaiModel;
    else if (source.kind == Source::Kind::HfQuery && source.author.isEmpty() && source.id != 0)
        initial = Form::HfSearch;
    m_kind->setCurrentIndex(m_kind->findData(int(initial)));
    showFieldsOf(initial);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] { showFieldsOf(form()); });
    for (QLineEdit *edit : {m_name, m_author, m_search, m_tags, m_target, m_baseModels})
        connect(edit, &QLineEdit::textChanged, this, &SourceDialog::revalidate);
    connect(m_types, &QComboBox::currentIndexChanged, this, &SourceDialog::revalidate);
    connect(m_limit, &QSpinBox::valueChanged, this, &SourceDialog::revalidate);
    revalidate();
}

SourceDialog::Form SourceDialog::form() const
{
    return Form(m_kind->currentData().toInt());
}

void SourceDialog::showFieldsOf(Form form)
{
    const bool hf = form == Form::HfAuthor || form == Form::HfSearch || form == Form::HfCollection;
    const bool civitai = form == Form::CivitaiSearch;
    m_layout->setRowVisible(m_author, form == Form::HfAuthor || civitai);
    m_layout->setRowVisible(m_search, form == Form::HfSearch || form == Form::HfAuthor || civitai);
    m_layout->setRowVisible(m_tags, form == Form::HfAuthor || form == Form::HfSearch);
    m_layout->setRowVisible(m_target, form == Form::HfCollection || form == Form::CivitaiModel);
    m_layout->setRowVisible(m_types, civitai);
    m_layout->setRowVisible(m_baseModels, civitai);
    m_layout->setRowVisible(m_limit, form != Form::CivitaiModel && form != Form::HfCollection);
    qobject_cast<QLabel *>(m_layout->labelForField(m_author))->setText(hf ? tr("Author:") : tr("Creator:"));
    qobject_cast<QLabel *>(m_layout->labelForField(m_target))
        ->setText(form == Form::CivitaiModel ? tr("Model id:") : tr("Collection:"));
    m_author->setPlaceholderText(hf ? tr("e.g. cortexso") : tr("a Civitai user name"));
    m_search->setPlaceholderText(hf ? tr("words in the model name") : tr("words to search for"));
    m_target->setPlaceholderText(form == Form::CivitaiModel ? tr("e.g. 4201") : tr("ns/slug-of-the-collection"));
    revalidate();
}

Source SourceDialog::source() const
{
    Source s = m_original;
    s.name = m_name->text().trimmed();
    s.enabled = m_enabled->isChecked();
    s.limit = m_limit->value();
    s.author.clear();
    s.search.clear();
    s.tags.clear();
    s.target.clear();
    s.types.clear();
    s.baseModels.clear();
    switch (form()) {
    case Form::HfAuthor:
    case Form::HfSearch:
        s.kind = Source::Kind::HfQuery;
        s.author = form() == Form::HfAuthor ? m_author->text().trimmed() : QString();
        s.search = m_search->text().trimmed();
        s.tags = listOf(m_tags->text());
        break;
    case Form::HfCollection:
        s.kind = Source::Kind::HfCollection;
        s.target = m_target->text().trimmed();
        break;
    case Form::CivitaiSearch:
        s.kind = Source::Kind::CivitaiQuery;
        s.author = m_author->text().trimmed();
        s.search = m_search->text().trimmed();
        if (!m_types->currentData().toString().isEmpty())
            s.types = QStringList{m_types->currentData().toString()};
        s.baseModels = listOf(m_baseModels->text());
        break;
    case Form::CivitaiModel:
        s.kind = Source::Kind::CivitaiModel;
        s.target = m_target->text().trimmed();
        break;
    }
    return s;
}

void SourceDialog::revalidate()
{
    const Source s = source();
    QString problem;
    if (form() == Form::HfAuthor && s.author.isEmpty())
        problem = tr("Name the author or organisation whose models to list.");
    else if (form() == Form::HfSearch && s.search.isEmpty() && s.tags.isEmpty())
        problem = tr("Give words to search for, or tags.");
    else if ((form() == Form::HfCollection || form() == Form::CivitaiModel) && s.target.isEmpty())
        problem = form() == Form::HfCollection ? tr("Give the collection's slug, as in its address on the hub.")
                                               : tr("Give the Civitai model's number.");
    if (problem.isEmpty())
        problem = s.validationError();
    if (problem.isEmpty() && m_problemOf)
        problem = m_problemOf(s);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace Ui
