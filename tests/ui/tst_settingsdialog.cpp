#include "config/runtimeconfig.h"
#include "library/librarylayout.h"
#include "settings/settingscenter.h"
#include "settingsdialog.h"
#include "typefolderseditor.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Settings;

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<SettingsCenter> m_center;

private Q_SLOTS:
    void init()
    {
        QFile::remove(m_dir.filePath(QStringLiteral("s.sqlite")));
        Config::RuntimeConfig runtime;
        runtime.hfEndpoint = QUrl(QStringLiteral("https://huggingface.co"));
        runtime.civitaiEndpoint = QUrl(QStringLiteral("https://civitai.com"));
        runtime.hfCacheDir = m_dir.filePath(QStringLiteral("hub"));
        runtime.libraryDir = m_dir.filePath(QStringLiteral("lib"));
        m_center = std::make_unique<SettingsCenter>(SettingsSchema::standard(runtime),
                                                    m_dir.filePath(QStringLiteral("s.sqlite")));
        QString error;
        QVERIFY2(m_center->open(&error), qPrintable(error));
    }
    void cleanup() { m_center.reset(); }

    void everyDeclaredSettingHasAnEditorAndTokensAreMasked()
    {
        Ui::SettingsDialog dialog(m_center.get());
        for (const SettingDefinition &definition : m_center->schema().definitions())
            QVERIFY2(dialog.editorFor(definition.key), qPrintable(definition.key));
        auto *token = qobject_cast<QLineEdit *>(dialog.editorFor(QString::fromLatin1(Keys::HfToken)));
        QVERIFY(token);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
    }

    void applyChangesTheCoreLive()
    {
        Ui::SettingsDialog dialog(m_center.get());
        dialog.show();
        auto *active = qobject_cast<QSpinBox *>(dialog.editorFor(QString::fromLatin1(Keys::MaxActive)));
        QVERIFY(active);
        active->setValue(9);
        QVERIFY(dialog.applyChanges());
        QCOMPARE(m_center->integer(Keys::MaxActive), 9);
        QCOMPARE(m_center->history().first().source, QStringLiteral("gui"));
    }

    void aValuePinnedByTheEnvironmentIsShownInEffectReadOnlyWithTheVariable()
    {
        const QString pinned = m_dir.filePath(QStringLiteral("pinned-hub"));
        const QString key = QString::fromLatin1(Keys::HfCacheDir);
        QString error;
        QVERIFY2(m_center->pin(key, pinned, QStringLiteral("HF_HUB_CACHE"), &error), qPrintable(error));
        Ui::SettingsDialog dialog(m_center.get());
        dialog.show();
        QWidget *editor = dialog.editorFor(key);
        auto *path = editor->findChild<QLineEdit *>(QStringLiteral("path"));
        QVERIFY(path);
        QCOMPARE(path->text(), pinned);  // where files go, not the stored default
        QVERIFY(!editor->isEnabled());
        QVERIFY2(editor->toolTip().contains(QStringLiteral("HF_HUB_CACHE")), qPrintable(editor->toolTip()));
        QLabel *label = nullptr;
        for (QLabel *candidate : dialog.findChildren<QLabel *>()) {
            if (candidate->buddy() == editor)
                label = candidate;
        }
        QVERIFY(label);
        QVERIFY2(label->text().contains(QStringLiteral("(set by HF_HUB_CACHE)")), qPrintable(label->text()));
        // Applying other changes stores nothing for the pinned key.
        auto *active = qobject_cast<QSpinBox *>(dialog.editorFor(QString::fromLatin1(Keys::MaxActive)));
        active->setValue(7);
        QVERIFY2(dialog.applyChanges(), qPrintable(dialog.lastError()));
        QCOMPARE(m_center->storedValue(key).toString(), m_dir.filePath(QStringLiteral("hub")));
        QCOMPARE(m_center->value(key).toString(), pinned);
    }

    void aRefusedValueShowsTheRuleAndChangesNothing()
    {
        Ui::SettingsDialog dialog(m_center.get());
        auto *active = qobject_cast<QSpinBox *>(dialog.editorFor(QString::fromLatin1(Keys::MaxActive)));
        active->setValue(2);
        auto *endpoint = qobject_cast<QLineEdit *>(dialog.editorFor(QString::fromLatin1(Keys::HfEndpoint)));
        endpoint->setText(QStringLiteral("not a url"));
        QVERIFY(!dialog.applyChanges());
        QVERIFY2(dialog.lastError().contains(QLatin1String("network.hfEndpoint")), qPrintable(dialog.lastError()));
        QCOMPARE(m_center->integer(Keys::MaxActive), 4);
        QCOMPARE(m_center->version(), 0);
    }

    void theMirrorPresetFillsTheEndpointAndTokensCanBeShown()
    {
        Ui::SettingsDialog dialog(m_center.get());
        dialog.show();
        auto *presets = dialog.findChild<QComboBox *>(QStringLiteral("hfEndpointPreset"));
        auto *endpoint = qobject_cast<QLineEdit *>(dialog.editorFor(QString::fromLatin1(Keys::HfEndpoint)));
        QVERIFY(presets && endpoint);
        QCOMPARE(presets->currentData().toString(), QStringLiteral("https://huggingface.co"));
        presets->setCurrentIndex(presets->findData(QStringLiteral("https://hf-mirror.com")));
        Q_EMIT presets->activated(presets->currentIndex());
        QCOMPARE(endpoint->text(), QStringLiteral("https://hf-mirror.com"));
        QVERIFY(dialog.applyChanges());
        QCOMPARE(m_center->value(QString::fromLatin1(Keys::HfEndpoint)).toString(),
                 QStringLiteral("https://hf-mirror.com"));
        endpoint->setText(QStringLiteral("https://models.example.org"));
        QCOMPARE(presets->currentIndex(), presets->count() - 1);  // custom

        // Civitai has its presets too: civitai.com and civitai.red.
        auto *civitai = dialog.findChild<QComboBox *>(QStringLiteral("civitaiEndpointPreset"));
        auto *civitaiEndpoint = qobject_cast<QLineEdit *>(dialog.editorFor(QString::fromLatin1(Keys::CivitaiEndpoint)));
        QVERIFY(civitai && civitaiEndpoint);
        QCOMPARE(civitai->currentData().toString(), QStringLiteral("https://civitai.com"));
        civitai->setCurrentIndex(civitai->findData(QStringLiteral("https://civitai.red")));
        Q_EMIT civitai->activated(civitai->currentIndex());
        QCOMPARE(civitaiEndpoint->text(), QStringLiteral("https://civitai.red"));

        auto *token = qobject_cast<QLineEdit *>(dialog.editorFor(QString::fromLatin1(Keys::CivitaiToken)));
        auto *reveal = token->findChild<QAction *>(QStringLiteral("revealToken"));
        QVERIFY(reveal);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        reveal->trigger();
        QCOMPARE(token->echoMode(), QLineEdit::Normal);
        reveal->trigger();
        QCOMPARE(token->echoMode(), QLineEdit::Password);
    }

    void theProxyUrlIsForAManualProxyAndByteSizesTakeUnits()
    {
        Ui::SettingsDialog dialog(m_center.get());
        auto *mode = qobject_cast<QComboBox *>(dialog.editorFor(QString::fromLatin1(Keys::ProxyMode)));
        QWidget *url = dialog.editorFor(QString::fromLatin1(Keys::ProxyUrl));
        QVERIFY(mode && url);
        QCOMPARE(mode->currentData().toString(), QStringLiteral("system"));
        QVERIFY(!url->isEnabled());
        mode->setCurrentIndex(mode->findData(QStringLiteral("manual")));
        QVERIFY(url->isEnabled());
        // A manual proxy without a URL is refused with the core's sentence.
        QVERIFY(!dialog.applyChanges());
        QVERIFY2(dialog.lastError().contains(QLatin1String("network.proxyUrl")), qPrintable(dialog.lastError()));
        qobject_cast<QLineEdit *>(url)->setText(QStringLiteral("http://proxy.example:3128"));
        auto *cap = qobject_cast<QLineEdit *>(dialog.editorFor(QString::fromLatin1(Keys::BandwidthLimit)));
        cap->setText(QStringLiteral("20M"));
        auto *connections =
            qobject_cast<QSpinBox *>(dialog.editorFor(QString::fromLatin1(Keys::MaxConnectionsPerHost)));
        QVERIFY(connections);
        connections->setValue(12);
        QVERIFY2(dialog.applyChanges(), qPrintable(dialog.lastError()));
        QCOMPARE(m_center->value(QString::fromLatin1(Keys::ProxyMode)).toString(), QStringLiteral("manual"));
        QCOMPARE(m_center->value(QString::fromLatin1(Keys::BandwidthLimit)).toLongLong(), qint64(20) << 20);
        QCOMPARE(m_center->integer(Keys::MaxConnectionsPerHost), 12);
        cap->setText(QStringLiteral("fast"));
        QVERIFY(!dialog.applyChanges());
        QVERIFY2(dialog.lastError().contains(QLatin1String("download.bandwidthLimit")), qPrintable(dialog.lastError()));
    }

    void theLayoutAndItsTypeTableApplyAsOneChange()
    {
        Ui::SettingsDialog dialog(m_center.get());
        dialog.show();
        auto *layout = qobject_cast<QComboBox *>(dialog.editorFor(QString::fromLatin1(Keys::LibraryLayout)));
        auto *folders = qobject_cast<Ui::TypeFoldersEditor *>(dialog.editorFor(QString::fromLatin1(Keys::TypeFolders)));
        QVERIFY(layout && folders);
        QCOMPARE(folders->rowCount(), int(Library::LibraryLayout::civitaiTypes().size()));
        QCOMPARE(folders->folderOf(QStringLiteral("LORA")), QStringLiteral("Lora"));
        layout->setCurrentIndex(layout->findData(QStringLiteral("stabilitymatrix")));
        QCOMPARE(folders->folderOf(QStringLiteral("TextualInversion")), QStringLiteral("Models/Embeddings"));
        QCOMPARE(folders->folderOf(QStringLiteral("LoCon")), QStringLiteral("Models/LyCORIS"));

        // A folder outside the library is refused with the core's rule, and nothing changes.
        QTableWidgetItem *vae = folders->item(folders->rowOf(QStringLiteral("VAE")), 1);
        vae->setText(QStringLiteral("../vae"));
        QVERIFY(!dialog.applyChanges());
        QVERIFY2(dialog.lastError().contains(QLatin1String("library.typeFolders")) &&
                     dialog.lastError().contains(QLatin1String("..")),
                 qPrintable(dialog.lastError()));
        QCOMPARE(m_center->version(), 0);
        // An emptied cell gives the type back to the layout.
        vae->setText(QString());
        QCOMPARE(folders->folderOf(QStringLiteral("VAE")), QStringLiteral("Models/VAE"));
        QVERIFY(!vae->font().bold());
        QTableWidgetItem *lora = folders->item(folders->rowOf(QStringLiteral("LORA")), 1);
        lora->setText(QStringLiteral("Models/Lora/civitai"));
        QVERIFY(lora->font().bold());
        QVERIFY2(dialog.applyChanges(), qPrintable(dialog.lastError()));
        QCOMPARE(m_center->string(Keys::LibraryLayout), QStringLiteral("stabilitymatrix"));
        QCOMPARE(m_center->string(Keys::TypeFolders), QStringLiteral(R"({"LORA":"Models/Lora/civitai"})"));
        // The layout's own folder typed in is no folder of the user's.
        lora->setText(QStringLiteral("Models/Lora"));
        QCOMPARE(folders->typeFoldersJson(), QStringLiteral("{}"));

        // A change made elsewhere (the CLI, the watched file) shows in the open dialog.
        QVERIFY(m_center
                    ->apply({{QString::fromLatin1(Keys::LibraryLayout), QStringLiteral("comfyui")},
                             {QString::fromLatin1(Keys::TypeFolders),
                              QVariantMap{{QStringLiteral("vae"), QStringLiteral("vae")}}}},
                            ChangeSource::Cli)
                    .ok);
        QCOMPARE(m_center->string(Keys::TypeFolders), QStringLiteral(R"({"VAE":"vae"})"));  // stored one way
        QCOMPARE(layout->currentData().toString(), QStringLiteral("comfyui"));
        QCOMPARE(folders->folderOf(QStringLiteral("VAE")), QStringLiteral("vae"));
        QCOMPARE(folders->folderOf(QStringLiteral("LORA")), QStringLiteral("models/loras"));
    }

    void rollbackFromTheHistoryTab()
    {
        QVERIFY(m_center->apply({{QString::fromLatin1(Keys::MaxActive), 5}}, ChangeSource::Cli).ok);
        QVERIFY(m_center->apply({{QString::fromLatin1(Keys::MaxActive), 10}}, ChangeSource::File).ok);
        Ui::SettingsDialog dialog(m_center.get());
        auto *history = dialog.findChild<QTreeWidget *>(QStringLiteral("settingsHistory"));
        QVERIFY(history);
        QCOMPARE(history->topLevelItemCount(), 3);  // two versions and the defaults
        // Changes made elsewhere refresh the dialog.
        auto *active = qobject_cast<QSpinBox *>(dialog.editorFor(QString::fromLatin1(Keys::MaxActive)));
        QCOMPARE(active->value(), 10);
        history->setCurrentItem(history->topLevelItem(1));  // version 1
        QVERIFY(dialog.rollbackToSelected());
        QCOMPARE(m_center->integer(Keys::MaxActive), 5);
        QCOMPARE(active->value(), 5);
        QCOMPARE(history->topLevelItemCount(), 4);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
