// Journeys through Civitai: a version's fp8 file, all 60 versions of a LoRA, a search on the hubs.
#include "activity/activitylog.h"
#include "catalog/source.h"
#include "catalog/syncengine.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "detailspane.h"
#include "download/downloadpool.h"
#include "downloadrequester.h"
#include "downloadsdashboard.h"
#include "downloadsmodel.h"
#include "downloadsummarydialog.h"
#include "filelistmodel.h"
#include "journeyfixture.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "sourcedialog.h"
#include "sourcesmodel.h"
#include "util/sha256.h"
#include "variantlist.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QDockWidget>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace Settings;

class TestJourneysCivitai : public JourneyFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { setUpJourneys(); }
    void cleanupTestCase() { tearDownJourneys(); }
    void cleanup() { closeDialogs(); }

    // Journey 5: "all versions" of a 60-version Civitai LoRA, from the dialog's check box and
    // from the model's context menu action, in one pack.
    void journey5_allVersionsOfACivitaiLoraDownloadSixtyFiles()
    {
        const QPersistentModelIndex model =
            findModel(QStringLiteral("civitai:4201"), QStringLiteral("Demo Style LoRA Pack"));
        QVERIFY(model.isValid());
        QCOMPARE(proxy()->rowCount(model), 60);
        click(model);
        QVERIFY(tree()->actions().contains(m_window->downloadAllVersionsAction()));
        QVERIFY(m_window->downloadAllVersionsAction()->isEnabled());
        // The model row alone: its newest version.
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        QStringList files = ticked(summary);
        QCOMPARE(files.filter(QStringLiteral(".safetensors")).size(), 1);
        QVERIFY(summary->allVersionsBox()->isVisible());
        QVERIFY(!summary->allVersionsBox()->isChecked());
        QTest::mouseClick(summary->allVersionsBox(), Qt::LeftButton, {},
                          QPoint(8, summary->allVersionsBox()->height() / 2));
        // The summary is planned again with every version. Not compared by address: the new
        // dialog may be allocated where the old one was.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->requester()->summary() && m_window->requester()->summary()->isVisible() &&
                m_window->requester()->summary()->allVersionsBox()->isChecked() &&
                ticked(m_window->requester()->summary()).filter(QStringLiteral(".safetensors")).size() == 60,
            30000);
        summary = m_window->requester()->summary();
        QVERIFY(summary->allVersionsBox()->isChecked());
        files = ticked(summary);
        QCOMPARE(files.filter(QStringLiteral(".safetensors")).size(), 60);
        QCOMPARE(summary->fileTree()->topLevelItemCount(), 60);  // one group per version
        // Each version's file; its preview image and sidecars come with it.
        QVERIFY2(summary->summaryLabel()->text().startsWith(QStringLiteral("60 files")),
                 qPrintable(summary->summaryLabel()->text()));
        summary->reject();
        // The context menu's action says the same: a right click selects the row, then the action.
        click(findModel(QStringLiteral("civitai:4201"), QStringLiteral("Demo Style LoRA Pack")));
        QVERIFY(m_window->downloadAllVersionsAction()->isEnabled());
        m_window->downloadAllVersionsAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->requester()->summary() && m_window->requester()->summary()->isVisible(),
                                 30000);
        summary = m_window->requester()->summary();
        QCOMPARE(ticked(summary).filter(QStringLiteral(".safetensors")).size(), 60);
        Download::GroupId group = 0;
        shot(QStringLiteral("journey5-all-versions"));
        QVERIFY(confirmAndWait(summary, &group));
        QCOMPARE(m_app->pool()->tasks(group).size(), 60);
        QStringList weights;
        for (QDirIterator it(library(), {QStringLiteral("*.safetensors")}, QDir::Files, QDirIterator::Subdirectories);
             it.hasNext();)
            weights << it.next();
        QCOMPARE(weights.size(), 60);
        for (const QString &path : std::as_const(weights))
            QVERIFY2(path.startsWith(library() + QStringLiteral("/Lora/")), qPrintable(path));
    }

    // Journey 4: a Civitai version carrying several model files (fp16 primary, fp8, GGUF): the
    // fp8 file's row takes that file, not the primary one.
    void journey4_aCivitaiVersionsFp8FileDownloadsInsteadOfItsPrimary()
    {
        Catalog::Source source;
        source.name = QStringLiteral("checkpoints");
        source.kind = Catalog::Source::Kind::CivitaiQuery;
        source.types = {QStringLiteral("Checkpoint")};
        QString error;
        QVERIFY2(m_app->engine()->addSource(&source, &error), qPrintable(error));
        QVERIFY(m_app->engine()->isSyncing(source.id) || m_app->engine()->refresh(source.id));
        QTRY_VERIFY_WITH_TIMEOUT(!m_app->engine()->isBusy(), 60000);

        const QPersistentModelIndex model =
            findModel(QStringLiteral("civitai:4202"), QStringLiteral("Demo Checkpoint"));
        QVERIFY(model.isValid());
        const QPersistentModelIndex version = childNamed(model, QStringLiteral("v2.0"));
        QVERIFY(version.isValid());
        tree()->expand(version);
        const QString fp8Name = QStringLiteral("demoCheckpoint_v20_fp8.safetensors");
        QModelIndex fp8;
        QStringList files;
        for (int row = 0; row < proxy()->rowCount(version); ++row) {
            const QModelIndex file = proxy()->index(row, 0, version);
            files << file.data(Ui::CatalogModel::FilePathRole).toString();
            if (files.last() == fp8Name)
                fp8 = file;
        }
        QVERIFY2(fp8.isValid(), qPrintable(files.join(u' ')));
        QVERIFY(files.contains(QStringLiteral("demoCheckpoint_v20-Q4_K_M.gguf")));  // every model file is listed
        click(fp8);
        // The details pane lists them too, the primary (default) one in bold.
        QTRY_COMPARE(m_window->detailsPane()->modelKey(), QStringLiteral("civitai:4202"));
        Ui::FileListModel *list = m_window->detailsPane()->files();
        for (int r = 0; r < list->rowCount(); ++r) {
            const QModelIndex name = list->index(r, Ui::FileListModel::NameColumn);
            const bool bold = name.data(Qt::FontRole).value<QFont>().bold();
            if (name.data().toString() == QStringLiteral("demoCheckpoint_v20.safetensors"))
                QVERIFY(bold);
            else
                QVERIFY2(!bold, qPrintable(name.data().toString()));
        }
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        const QStringList offered = ticked(summary);
        QCOMPARE(offered.filter(QStringLiteral(".safetensors")),
                 QStringList{QStringLiteral("Demo Checkpoint · v2.0/") + fp8Name});
        shot(QStringLiteral("journey4-fp8-file"));
        QVERIFY(confirmAndWait(summary));
        const QString file = library() + QStringLiteral("/Checkpoint/") + fp8Name;
        QVERIFY2(QFileInfo::exists(file), qPrintable(file));
        const TestHub::Response listing =
            m_hub.get(QUrl(m_hub.civitaiUrl().toString() + QStringLiteral("/api/v1/model-versions/420102")));
        QString sha;
        for (const QJsonValue &f : QJsonDocument::fromJson(listing.body)[QStringLiteral("files")].toArray()) {
            if (f[QStringLiteral("name")].toString() == fp8Name)
                sha = f[QStringLiteral("hashes")][QStringLiteral("SHA256")].toString().toLower();
        }
        QCOMPARE(sha256Of(file), sha);
        QVERIFY(!QFileInfo::exists(library() + QStringLiteral("/Checkpoint/demoCheckpoint_v20.safetensors")));
    }

    void journey7_aSearchOnTheHubsFindsAModelNoSourceListsAndItDownloads()
    {
        // "Filler Upscaler 15" (civitai:4215) is in no configured source: the local search finds
        // nothing, Ctrl+Enter in the search field asks the hubs, the result appears in the tree.
        const QString key = QStringLiteral("civitai:4215");
        QVERIFY(!m_app->services().store->model(key));
        const QModelIndex all = m_window->sourcesView()->model()->index(0, 0);
        const int before = all.data(Ui::SourcesModel::ModelCountRole).toInt();
        QLineEdit *search = m_window->searchField();
        QApplication::setActiveWindow(m_window.get());
        search->setFocus();
        search->selectAll();
        QTest::keyClick(search, Qt::Key_Backspace);
        QTest::keyClicks(search, QStringLiteral("Filler Upscaler"));
        QVERIFY(m_window->searchHubsAction()->isEnabled());
        QCOMPARE(m_window->searchHubsAction()->text(),
                 QStringLiteral("Search Hugging Face and Civitai for “Filler Upscaler”"));
        QVERIFY(search->actions().contains(m_window->searchHubsAction()));
        QTest::keyClick(search, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(
            m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Searching Hugging Face and Civitai")));
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("The hubs found")),
                                  qPrintable(m_window->statusBar()->currentMessage()), 15000);
        QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("The hubs found 1 model")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QVERIFY(m_app->services().store->model(key));
        // "All sources (N)" counts it.
        QCOMPARE(all.data(Ui::SourcesModel::ModelCountRole).toInt(), before + 1);
        const QPersistentModelIndex row = findModel(key, QStringLiteral("Filler Upscaler"));
        QVERIFY(row.isValid());
        click(row);
        shot(QStringLiteral("journey7-hub-search"));
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        QVERIFY(!ticked(summary).isEmpty());
        shot(QStringLiteral("journey7-hub-search-summary"));
        QVERIFY(confirmAndWait(summary));
        verifyCivitaiModelInLibrary(4215);
    }
};

QTEST_MAIN(TestJourneysCivitai)
#include "tst_journeys_civitai.moc"
