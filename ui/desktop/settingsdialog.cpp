#include "settingsdialog.h"

#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "typefolderseditor.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Ui {

using Settings::SettingDefinition;

namespace {

// Groups follow the key prefix: "download.maxActive" goes to the "Downloads" page.
QString pageTitle(const QString &key)
{
    const QString prefix = key.section(QLatin1Char('.'), 0, 0);
    if (prefix == QLatin1String("download"))
        return SettingsDialog::tr("Downloads");
    if (prefix == QLatin1String("sync"))
        return SettingsDialog::tr("Catalog sync");
    if (prefix == QLatin1String("network"))
        return SettingsDialog::tr("Network and accounts");
    if (prefix == QLatin1String("library"))
        return SettingsDialog::tr("Folders");
    return SettingsDialog::tr("Desktop");
}

QString choiceLabel(const QString &key, const QString &choice)
{
    if (key == QLatin1String(Settings::Keys::ProxyMode)) {
        if (choice == QLatin1String("system"))
            return SettingsDialog::tr("Use the system's proxy settings");
        if (choice == QLatin1String("none"))
            return SettingsDialog::tr("No proxy");
        if (choice == QLatin1String("manual"))
            return SettingsDialog::tr("Use the proxy URL below");
    }
    if (key == QLatin1String(Settings::Keys::Language)) {
        // Each language by its own name, as language menus do: found whatever the current one.
        if (choice == QLatin1String("system"))
            return SettingsDialog::tr("As the system (the locale's language)");
        if (choice == QLatin1String("en"))
            return QStringLiteral("English");
        if (choice == QLatin1String("zh_CN"))
            return QStringLiteral("简体中文 (Simplified Chinese)");
    }
    if (key == QLatin1String(Settings::Keys::LibraryLayout)) {
        if (choice == QLatin1String("modeldock"))
            return SettingsDialog::tr("ModelDock: Lora/, Checkpoint/…");
        if (choice == QLatin1String("comfyui"))
            return SettingsDialog::tr("ComfyUI: models/loras, models/checkpoints…");
        if (choice == QLatin1String("a1111"))
            return SettingsDialog::tr("AUTOMATIC1111, Forge, SD.Next: models/Lora…");
        if (choice == QLatin1String("stabilitymatrix"))
            return SettingsDialog::tr("Stability Matrix: Models/Lora, Models/StableDiffusion…");
    }
    if (key == QLatin1String(Settings::Keys::NsfwImages)) {
        if (choice == QLatin1String("show"))
            return SettingsDialog::tr("Show them");
        if (choice == QLatin1String("blur"))
            return SettingsDialog::tr("Blur them");
        if (choice == QLatin1String("hide"))
            return SettingsDialog::tr("Hide them");
    }
    return choice;
}

// "20M", "512 K", "1G": binary multiples, as curl's --limit-rate reads them. Anything else
// goes to the core as typed, which says what is wrong with it.
QVariant parseByteCount(const QString &typed)
{
    QString text = typed.trimmed();
    qint64 factor = 1;
    if (!text.isEmpty()) {
        const QChar unit = text.back().toUpper();
        const int power = unit == QLatin1Char('K')   ? 1
                          : unit == QLatin1Char('M') ? 2
                          : unit == QLatin1Char('G') ? 3
                                                     : 0;
        if (power > 0) {
            text.chop(1);
            factor = qint64(1) << (10 * power);
        }
    }
    bool ok = false;
    const double number = QLocale::c().toDouble(text.trimmed(), &ok);
    if (!ok || factor == 1)
        return typed.trimmed();
    return qint64(number * double(factor));
}
}  // namespace

SettingsDialog::SettingsDialog(Settings::SettingsCenter *center, QWidget *parent)
    : QDialog(parent)
    , m_center(center)
{
    setWindowTitle(tr("ModelDock Settings"));
    setObjectName(QStringLiteral("SettingsDialog"));
    auto *tabs = new QTabWidget(this);

    QHash<QString, QFormLayout *> pages;
    QStringList pageOrder;
    for (const SettingDefinition &definition : center->schema().definitions()) {
        const QString title = pageTitle(definition.key);
        if (!pages.contains(title)) {
            auto *page = new QWidget;
            auto *form = new QFormLayout(page);
            form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
            // Each description on a line of its own above its editor: a wrapped label beside
            // the field would be cut to the field's height.
            form->setRowWrapPolicy(QFormLayout::WrapAllRows);
            pages.insert(title, form);
            pageOrder << title;
            auto *scroll = new QScrollArea;
            scroll->setWidgetResizable(true);
            scroll->setWidget(page);
            tabs->addTab(scroll, title);
        }
        QWidget *editor = createEditor(definition, tabs);
        editor->setObjectName(definition.key);
        editor->setToolTip(definition.key);
        editor->setAccessibleName(definition.shownDescription());
        m_editors.insert(definition.key, editor);
        if (definition.key == QLatin1String(Settings::Keys::HfEndpoint))
            pages.value(title)->addRow(
                tr("Hugging Face &server:"),
                createServerPresets(qobject_cast<QLineEdit *>(editor), QStringLiteral("hfEndpointPreset"),
                                    tr("Hugging Face server"),
                                    {{tr("Hugging Face (huggingface.co)"), QStringLiteral("https://huggingface.co")},
                                     {tr("Mirror: hf-mirror.com"), QStringLiteral("https://hf-mirror.com")}}));
        if (definition.key == QLatin1String(Settings::Keys::CivitaiEndpoint))
            pages.value(title)->addRow(
                tr("Civita&i server:"),
                createServerPresets(qobject_cast<QLineEdit *>(editor), QStringLiteral("civitaiEndpointPreset"),
                                    tr("Civitai server"),
                                    {{tr("Civitai (civitai.com)"), QStringLiteral("https://civitai.com")},
                                     {tr("Civitai (civitai.red)"), QStringLiteral("https://civitai.red")}}));
        auto *label = new QLabel(tr("%1:").arg(definition.shownDescription()));  // a row of its own
        label->setBuddy(editor);
        label->setProperty("plainText", label->text());
        m_labels.insert(definition.key, label);
        pages.value(title)->addRow(label, editor);
    }
    // The proxy URL matters only for a manual proxy.
    auto *proxyMode = qobject_cast<QComboBox *>(m_editors.value(QLatin1String(Settings::Keys::ProxyMode)));
    QWidget *proxyUrl = m_editors.value(QLatin1String(Settings::Keys::ProxyUrl));
    if (proxyMode && proxyUrl) {
        const auto follow = [proxyMode, proxyUrl] {
            proxyUrl->setEnabled(proxyMode->currentData().toString() == QLatin1String("manual"));
        };
        connect(proxyMode, &QComboBox::currentIndexChanged, this, follow);
        m_followers << follow;
    }
    // The type table shows the folders of the layout chosen above, as it is chosen.
    auto *layoutCombo = qobject_cast<QComboBox *>(m_editors.value(QLatin1String(Settings::Keys::LibraryLayout)));
    auto *typeFolders = qobject_cast<TypeFoldersEditor *>(m_editors.value(QLatin1String(Settings::Keys::TypeFolders)));
    if (layoutCombo && typeFolders) {
        const auto follow = [layoutCombo, typeFolders] {
            Library::LibraryLayout::Preset preset = Library::LibraryLayout::Preset::ModelDock;
            Library::LibraryLayout::presetFromName(layoutCombo->currentData().toString(), &preset);
            typeFolders->setPreset(preset);
        };
        connect(layoutCombo, &QComboBox::currentIndexChanged, this, follow);
        m_followers << follow;
    }

    auto *historyPage = new QWidget;
    auto *historyLayout = new QVBoxLayout(historyPage);
    m_history = new QTreeWidget(historyPage);
    m_history->setObjectName(QStringLiteral("settingsHistory"));
    m_history->setAccessibleName(tr("Settings history"));
    m_history->setHeaderLabels({tr("Version"), tr("When"), tr("From"), tr("Change")});
    m_history->header()->setStretchLastSection(true);
    m_history->setRootIsDecorated(false);
    auto *rollback = new QPushButton(tr("&Roll back to this version"), historyPage);
    rollback->setObjectName(QStringLiteral("rollbackButton"));
    connect(rollback, &QPushButton::clicked, this, &SettingsDialog::rollbackToSelected);
    historyLayout->addWidget(m_history);
    historyLayout->addWidget(rollback, 0, Qt::AlignRight);
    tabs->addTab(historyPage, tr("History"));

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("settingsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Close, this);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::applyChanges);
    connect(buttons->button(QDialogButtonBox::Ok), &QPushButton::clicked, this, [this] {
        if (applyChanges())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    // Changes from elsewhere (CLI, the watched file) show up while the dialog is open.
    connect(center, &Settings::SettingsCenter::changed, this, [this] {
        loadValues();
        loadHistory();
    });
    loadValues();
    loadHistory();
    resize(720, 520);
}

QComboBox *SettingsDialog::createServerPresets(QLineEdit *endpoint, const QString &name, const QString &accessibleName,
                                               const QList<QPair<QString, QString>> &servers)
{
    auto *presets = new QComboBox(this);
    presets->setObjectName(name);
    presets->setAccessibleName(accessibleName);
    for (const auto &[label, url] : servers)
        presets->addItem(label, url);
    presets->addItem(tr("Custom endpoint"), QString());
    if (!endpoint)
        return presets;
    // A preset fills the endpoint; typing another address makes it a custom one.
    connect(presets, &QComboBox::activated, this, [presets, endpoint](int index) {
        const QString url = presets->itemData(index).toString();
        if (url.isEmpty()) {
            endpoint->setFocus(Qt::OtherFocusReason);
            endpoint->selectAll();
        } else {
            endpoint->setText(url);
        }
    });
    const auto follow = [presets, endpoint] {
        const QString text = endpoint->text().trimmed();
        int match = presets->count() - 1;
        for (int i = 0; i + 1 < presets->count(); ++i) {
            if (QUrl(presets->itemData(i).toString()).matches(QUrl(text), QUrl::StripTrailingSlash))
                match = i;
        }
        presets->setCurrentIndex(match);
    };
    connect(endpoint, &QLineEdit::textChanged, presets, follow);
    m_followers << follow;
    return presets;
}

QWidget *SettingsDialog::createEditor(const SettingDefinition &definition, QWidget *parent)
{
    using T = SettingDefinition::Type;
    switch (definition.type) {
    case T::Bool:
        return new QCheckBox(parent);
    case T::Integer: {
        // QSpinBox is int-only; large byte values are edited as text ("20M" works too) and
        // validated by the core.
        if (definition.maximum <= std::numeric_limits<int>::max()) {
            auto *spin = new QSpinBox(parent);
            spin->setRange(int(definition.minimum), int(definition.maximum));
            return spin;
        }
        auto *edit = new QLineEdit(parent);
        edit->setPlaceholderText(tr("bytes; K, M and G suffixes work (20M)"));
        return edit;
    }
    case T::Choice: {
        auto *combo = new QComboBox(parent);
        for (const QString &choice : definition.choices)
            combo->addItem(choiceLabel(definition.key, choice), choice);
        return combo;
    }
    case T::Folder: {
        auto *row = new QWidget(parent);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *edit = new QLineEdit(row);
        edit->setObjectName(QStringLiteral("path"));
        auto *browse = new QToolButton(row);
        browse->setText(tr("Browse…"));
        connect(browse, &QToolButton::clicked, this, [this, edit] {
            const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a folder"), edit->text());
            if (!dir.isEmpty())
                edit->setText(dir);
        });
        layout->addWidget(edit);
        layout->addWidget(browse);
        return row;
    }
    case T::Json:
        if (definition.key == QLatin1String(Settings::Keys::TypeFolders))
            return new TypeFoldersEditor(parent);
        return new QLineEdit(parent);
    case T::Url:
    case T::String: {
        auto *edit = new QLineEdit(parent);
        if (definition.secret) {
            edit->setEchoMode(QLineEdit::Password);
            edit->setPlaceholderText(tr("not set"));
            // Masked by default; the eye in the field shows it for a check, and hides it again.
            QAction *reveal =
                edit->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView), QLineEdit::TrailingPosition);
            reveal->setObjectName(QStringLiteral("revealToken"));
            reveal->setCheckable(true);
            reveal->setText(tr("Show the token"));
            reveal->setToolTip(tr("Show or hide the token"));
            connect(reveal, &QAction::toggled, edit,
                    [edit](bool shown) { edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password); });
        }
        return edit;
    }
    }
    return new QLineEdit(parent);
}

QVariant SettingsDialog::editorValue(const SettingDefinition &definition) const
{
    QWidget *editor = m_editors.value(definition.key);
    if (auto *folders = qobject_cast<TypeFoldersEditor *>(editor))
        return folders->typeFoldersJson();
    if (auto *check = qobject_cast<QCheckBox *>(editor))
        return check->isChecked();
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        return qint64(spin->value());
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        return combo->currentData().toString();
    if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
        if (definition.type == SettingDefinition::Type::Integer)
            return parseByteCount(edit->text());
        return edit->text();
    }
    if (auto *path = editor->findChild<QLineEdit *>(QStringLiteral("path")))
        return path->text();
    return {};
}

void SettingsDialog::loadValues()
{
    for (const SettingDefinition &definition : m_center->schema().definitions()) {
        QWidget *editor = m_editors.value(definition.key);
        // The value in effect. One the environment or the command line pins for this run is
        // shown read-only with what pins it; the stored value it hides is in the tooltip, and
        // saving never stores the pinned one.
        const QString by = m_center->pinnedBy(definition.key);
        const QVariant value = by.isEmpty() ? m_center->storedValue(definition.key) : m_center->value(definition.key);
        editor->setEnabled(by.isEmpty());
        editor->setToolTip(by.isEmpty()
                               ? definition.key
                               : tr("%1 — set by %2 for this run (stored: %3); unset %2 to edit it here")
                                     .arg(definition.key, by, m_center->storedValue(definition.key).toString()));
        if (QLabel *label = m_labels.value(definition.key)) {
            const QString plain = label->property("plainText").toString();
            label->setText(by.isEmpty() ? plain : tr("%1 (set by %2)").arg(plain, by));
        }
        if (auto *folders = qobject_cast<TypeFoldersEditor *>(editor))
            folders->setTypeFoldersJson(value.toString());
        else if (auto *check = qobject_cast<QCheckBox *>(editor))
            check->setChecked(value.toBool());
        else if (auto *spin = qobject_cast<QSpinBox *>(editor))
            spin->setValue(value.toInt());
        else if (auto *combo = qobject_cast<QComboBox *>(editor))
            combo->setCurrentIndex(std::max(0, combo->findData(value.toString())));
        else if (auto *edit = qobject_cast<QLineEdit *>(editor))
            edit->setText(value.toString());
        else if (auto *path = editor->findChild<QLineEdit *>(QStringLiteral("path")))
            path->setText(value.toString());
    }
    for (const auto &follow : std::as_const(m_followers))
        follow();
}

void SettingsDialog::loadHistory()
{
    m_history->clear();
    for (const Settings::ChangeRecord &record : m_center->history()) {
        QStringList changes;
        for (const Settings::ValueChange &change : record.changes)
            changes << QStringLiteral("%1: %2 → %3").arg(change.key, change.before, change.after);
        auto *item =
            new QTreeWidgetItem(m_history, {QString::number(record.version),
                                            QLocale().toString(record.time.toLocalTime(), QLocale::ShortFormat),
                                            record.source, changes.join(QStringLiteral("; "))});
        item->setData(0, Qt::UserRole, record.version);
    }
    auto *defaults = new QTreeWidgetItem(m_history, {QStringLiteral("0"), QString(), QString(), tr("Defaults")});
    defaults->setData(0, Qt::UserRole, qint64(0));
}

QString SettingsDialog::lastError() const
{
    return m_status->property("error").toBool() ? m_status->text() : QString();
}

bool SettingsDialog::applyChanges()
{
    QVariantMap changes;
    for (const SettingDefinition &definition : m_center->schema().definitions()) {
        if (m_center->pinnedBy(definition.key).isEmpty())
            changes.insert(definition.key, editorValue(definition));
    }
    const Settings::ApplyResult result = m_center->apply(changes, Settings::ChangeSource::Gui);
    m_status->setProperty("error", !result.ok);
    if (!result.ok) {
        m_status->setText(tr("Nothing was changed:\n%1").arg(result.errorString()));
        return false;
    }
    m_status->setText(result.changedKeys.isEmpty() ? tr("No changes to apply.")
                                                   : tr("Applied as version %1; in effect now.").arg(result.version));
    return true;
}

bool SettingsDialog::rollbackToSelected()
{
    const QTreeWidgetItem *item = m_history->currentItem();
    if (!item)
        return false;
    const Settings::ApplyResult result =
        m_center->rollbackTo(item->data(0, Qt::UserRole).toLongLong(), Settings::ChangeSource::Gui);
    m_status->setProperty("error", !result.ok);
    m_status->setText(result.ok ? tr("Rolled back; the settings are now version %1.").arg(result.version)
                                : tr("Could not roll back:\n%1").arg(result.errorString()));
    return result.ok;
}

}  // namespace Ui
