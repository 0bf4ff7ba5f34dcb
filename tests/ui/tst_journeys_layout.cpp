// Journey: the library layout and a type's folder change in the settings dialog while the app
// runs, and the next Civitai download follows them (issue 13).
#include "download/downloadpool.h"
#include "downloadrequester.h"
#include "downloadsummarydialog.h"
#include "journeyfixture.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "settingsdialog.h"
#include "typefolderseditor.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace Settings;

class TestJourneysLayout : public JourneyFixture
{
    Q_OBJECT
private:
    // Settings, on its Folders page, as a person opens it.
    Ui::SettingsDialog *openSettings()
    {
        m_window->settingsAction()->trigger();
        auto *dialog = m_window->findChild<Ui::SettingsDialog *>();
        if (!dialog || !QTest::qWaitForWindowExposed(dialog))
            return nullptr;
        auto *tabs = dialog->findChild<QTabWidget *>();
        for (int i = 0; tabs && i < tabs->count(); ++i) {
            if (tabs->tabText(i) == QLatin1String("Folders"))
                QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(i).center());
        }
        return tabs && tabs->tabText(tabs->currentIndex()) == QLatin1String("Folders") ? dialog : nullptr;
    }

    static QPushButton *button(Ui::SettingsDialog *dialog, QDialogButtonBox::StandardButton which)
    {
        auto *box = dialog->findChild<QDialogButtonBox *>();
        return box ? box->button(which) : nullptr;
    }

    // Downloads the newest version of a Civitai model through the tree and Ctrl+D; returns
    // the file the pool wrote.
    QString downloadThroughTheWindow(const QString &key, const QString &words)
    {
        const QPersistentModelIndex model = findModel(key, words);
        if (!model.isValid())
            return {};
        click(model);
        Ui::DownloadSummaryDialog *summary = pressDownload();
        Download::GroupId group = 0;
        if (!summary || !confirmAndWait(summary, &group))
            return {};
        const QList<Download::TaskId> tasks = m_app->pool()->tasks(group);
        return tasks.size() == 1 ? m_app->pool()->task(tasks.first()).finalPath : QString();
    }

    static QJsonObject readJson(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    }

private Q_SLOTS:
    void initTestCase() { setUpJourneys(); }
    void cleanupTestCase() { tearDownJourneys(); }
    void cleanup() { closeDialogs(); }

    void theLayoutChangesInTheSettingsDialogAndTheNextDownloadFollowsIt()
    {
        Ui::SettingsDialog *dialog = openSettings();
        QVERIFY(dialog);
        auto *layout = qobject_cast<QComboBox *>(dialog->editorFor(QString::fromLatin1(Keys::LibraryLayout)));
        auto *folders =
            qobject_cast<Ui::TypeFoldersEditor *>(dialog->editorFor(QString::fromLatin1(Keys::TypeFolders)));
        QVERIFY(layout && folders);
        QCOMPARE(layout->currentData().toString(), QStringLiteral("modeldock"));
        QCOMPARE(folders->folderOf(QStringLiteral("LORA")), QStringLiteral("Lora"));
        // ComfyUI, the next entry, chosen with the keyboard; the table follows at once.
        layout->setFocus();
        QTest::keyClick(layout, Qt::Key_Down);
        QCOMPARE(layout->currentData().toString(), QStringLiteral("comfyui"));
        QCOMPARE(folders->folderOf(QStringLiteral("LORA")), QStringLiteral("models/loras"));
        QCOMPARE(folders->folderOf(QStringLiteral("Checkpoint")), QStringLiteral("models/checkpoints"));
        QTest::mouseClick(button(dialog, QDialogButtonBox::Apply), Qt::LeftButton);
        QVERIFY2(dialog->lastError().isEmpty(), qPrintable(dialog->lastError()));
        QCOMPARE(m_settings->string(Keys::LibraryLayout), QStringLiteral("comfyui"));
        shot(QStringLiteral("librarylayout-comfyui"));
        QTest::mouseClick(button(dialog, QDialogButtonBox::Close), Qt::LeftButton);

        // The next download goes where ComfyUI reads LoRAs, with its sidecars.
        const QString first =
            downloadThroughTheWindow(QStringLiteral("civitai:4210"), QStringLiteral("Filler LORA 10"));
        QVERIFY2(first.startsWith(library() + QStringLiteral("/models/loras/")), qPrintable(first));
        const QString firstStem = first.chopped(QStringLiteral(".safetensors").size());
        QVERIFY(QFileInfo(firstStem + QStringLiteral(".preview.png")).size() > 0);
        QCOMPARE(readJson(firstStem + QStringLiteral(".civitai.info")).value(QLatin1String("modelId")).toInt(), 4210);
        QVERIFY(!QFileInfo::exists(firstStem + QStringLiteral(".json")));

        // Now AUTOMATIC1111, with LoRAs in a folder of the user's own, typed into the table.
        dialog = openSettings();
        QVERIFY(dialog);
        layout = qobject_cast<QComboBox *>(dialog->editorFor(QString::fromLatin1(Keys::LibraryLayout)));
        folders = qobject_cast<Ui::TypeFoldersEditor *>(dialog->editorFor(QString::fromLatin1(Keys::TypeFolders)));
        QVERIFY(layout && folders);
        QCOMPARE(layout->currentData().toString(), QStringLiteral("comfyui"));  // as applied
        layout->setFocus();
        QTest::keyClick(layout, Qt::Key_Down);
        QCOMPARE(layout->currentData().toString(), QStringLiteral("a1111"));
        QCOMPARE(folders->folderOf(QStringLiteral("LORA")), QStringLiteral("models/Lora"));
        QVERIFY(folders->isVisible());
        folders->setFocus();
        folders->setCurrentCell(folders->rowOf(QStringLiteral("LORA")), 1);
        QTest::keyClick(folders, Qt::Key_F2);
        QLineEdit *cell = nullptr;
        QTRY_VERIFY((cell = folders->findChild<QLineEdit *>()) && cell->isVisible());
        cell->selectAll();
        QTest::keyClicks(cell, QStringLiteral("models/Lora/civitai"));
        QTest::keyClick(cell, Qt::Key_Return);
        QTRY_COMPARE(folders->folderOf(QStringLiteral("LORA")), QStringLiteral("models/Lora/civitai"));
        QVERIFY(folders->item(folders->rowOf(QStringLiteral("LORA")), 1)->font().bold());  // the user's own
        QTest::mouseClick(button(dialog, QDialogButtonBox::Apply), Qt::LeftButton);
        QVERIFY2(dialog->lastError().isEmpty(), qPrintable(dialog->lastError()));
        QCOMPARE(m_settings->string(Keys::LibraryLayout), QStringLiteral("a1111"));
        QCOMPARE(m_settings->string(Keys::TypeFolders), QStringLiteral(R"({"LORA":"models/Lora/civitai"})"));
        shot(QStringLiteral("librarylayout-a1111-own-lora-folder"));
        QTest::mouseClick(button(dialog, QDialogButtonBox::Close), Qt::LeftButton);

        const QString second =
            downloadThroughTheWindow(QStringLiteral("civitai:4214"), QStringLiteral("Filler LORA 14"));
        QVERIFY2(second.startsWith(library() + QStringLiteral("/models/Lora/civitai/")), qPrintable(second));
        const QString secondStem = second.chopped(QStringLiteral(".safetensors").size());
        QVERIFY(QFileInfo(secondStem + QStringLiteral(".preview.png")).size() > 0);
        const QJsonObject card = readJson(secondStem + QStringLiteral(".json"));  // A1111's card
        QCOMPARE(card.value(QLatin1String("activation text")).toString(), QStringLiteral("filler14"));
        // The earlier download stays where it went.
        QVERIFY(QFileInfo(first).isFile());
    }
};

QTEST_MAIN(TestJourneysLayout)
#include "tst_journeys_layout.moc"
