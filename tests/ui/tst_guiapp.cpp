// The desktop app as main() builds it (GuiComposition + MainWindow), against the local test
// hub: sync fills the tree, search filters it, a 60-LoRA collection downloads to verified
// through the Download action and its summary dialog, and a settings change applies live.
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "catalogprogress.h"
#include "detailspane.h"
#include "download/downloadpool.h"
#include "downloadrequester.h"
#include "downloadsdashboard.h"
#include "downloadsmodel.h"
#include "filelistmodel.h"
#include "guicomposition.h"
#include "mainwindow.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "settingsdialog.h"
#include "sourcesmodel.h"
#include "testhub.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace Settings;

class TestGuiApp : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SettingsCenter> m_settings;
    std::unique_ptr<App::GuiComposition> m_app;
    std::unique_ptr<Ui::MainWindow> m_window;

    int modelRows() const { return m_window->catalogPane()->proxy()->rowCount(); }

    bool syncAll()
    {
        m_window->refreshAction()->trigger();
        // The catalog reads its new rows on its own thread after the last sync finished.
        return QTest::qWaitFor([this] { return !m_app->engine()->isBusy(); }, 60000) &&
               QTest::qWaitFor([this] { return !m_window->catalogPane()->model()->isQueryPending(); }, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_hub.start({QStringLiteral("--big-file-mb"), QStringLiteral("8")}), qPrintable(m_hub.errorString()));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QProcessEnvironment env;
        env.insert(QStringLiteral("HF_ENDPOINT"), m_hub.hfUrl().toString());
        env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), m_hub.civitaiUrl().toString());
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), m_dir->filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("HF_HUB_CACHE"), m_dir->filePath(QStringLiteral("hub")));
        env.insert(QStringLiteral("MODELDOCK_LIBRARY"), m_dir->filePath(QStringLiteral("library")));
        const Config::RuntimeConfig runtime = Config::RuntimeConfig::fromEnvironment(env);
        QDir().mkpath(runtime.dataDir);
        m_settings = std::make_unique<SettingsCenter>(
            SettingsSchema::standard(runtime), QDir(runtime.dataDir).filePath(QStringLiteral("settings.sqlite")));
        QString error;
        QVERIFY2(m_settings->open(&error), qPrintable(error));
        QVERIFY(m_settings
                    ->apply({{QString::fromLatin1(Keys::MaxActive), 8}, {QString::fromLatin1(Keys::MaxPerHost), 6}},
                            ChangeSource::Gui)
                    .ok);
        m_app = App::GuiComposition::create(runtime, m_settings.get(), &error);
        QVERIFY2(m_app, qPrintable(error));
        m_window = std::make_unique<Ui::MainWindow>(m_app->services());
        m_window->show();
    }

    void cleanup()
    {
        m_window.reset();
        m_app.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void refreshFillsTheTreeAndSearchFiltersIt()
    {
        QAbstractItemModelTester catalogTester(m_window->catalogPane()->model(),
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester sourcesTester(m_window->catalogPane()->sourcesModel(),
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(modelRows(), 0);
        QVERIFY(syncAll());
        // The last sync's new search runs on the reader thread: wait for its rows.
        QTRY_VERIFY(!m_window->catalogPane()->model()->isQueryPending() && modelRows() > 0);
        QVERIFY(m_window->syncStatusLabel()->text().startsWith(QStringLiteral("Synced")));
        QVERIFY(m_window->sourcesView()->model()->index(1, 0).data(Ui::SourcesModel::ModelCountRole).toInt() > 0);

        const int all = modelRows();
        QTest::keyClicks(m_window->searchField(), QStringLiteral("cortexso"));
        QTRY_VERIFY(modelRows() > 0 && modelRows() < all);
        QStringList keys;
        for (int row = 0; row < modelRows(); ++row)
            keys << m_window->catalogPane()->proxy()->index(row, 0).data(Ui::CatalogModel::ModelKeyRole).toString();
        QVERIFY2(keys.contains(QStringLiteral("cortexso/llama3.2")), qPrintable(keys.join(u' ')));
        QVERIFY(!keys.contains(QStringLiteral("lora-pack/style-lora-001")));
        m_window->catalogView()->setCurrentIndex(m_window->catalogPane()->proxy()->index(0, 0));
        QVERIFY(!m_window->detailsView()->toPlainText().isEmpty());
    }

    void aSixtyLoraCollectionDownloadsToVerifiedWithALiveBandwidthChange()
    {
        const TestHub::Response listing =
            m_hub.get(QUrl(m_hub.hfUrl().toString() + QStringLiteral("/api/collections?owner=lora-pack")));
        QString slug;
        for (const QJsonValue &entry : QJsonDocument::fromJson(listing.body).array()) {
            if (entry[QStringLiteral("slug")].toString().contains(QStringLiteral("sixty-style-loras")))
                slug = entry[QStringLiteral("slug")].toString();
        }
        QVERIFY(!slug.isEmpty());
        Catalog::Source source;
        source.name = QStringLiteral("sixty loras");
        source.kind = Catalog::Source::Kind::HfCollection;
        source.target = slug;
        QString error;
        QVERIFY2(m_app->engine()->addSource(&source, &error), qPrintable(error));
        // Adding a source may already have started its sync.
        QVERIFY(m_app->engine()->isSyncing(source.id) || m_app->engine()->refresh(source.id));
        QTRY_VERIFY_WITH_TIMEOUT(!m_app->engine()->isBusy(), 60000);

        auto *sources = m_window->catalogPane()->sourcesModel();
        int row = -1;
        for (int r = 0; r < sources->rowCount(); ++r) {
            if (sources->index(r).data(Ui::SourcesModel::SourceIdRole).toLongLong() == source.id)
                row = r;
        }
        QVERIFY(row > 0);
        QCOMPARE(sources->index(row).data(Ui::SourcesModel::ModelCountRole).toInt(), 60);
        // A source's first sync is its baseline: its badge counts what later syncs add.
        QCOMPARE(sources->index(row).data(Ui::SourcesModel::NewCountRole).toInt(), 0);
        m_window->sourcesView()->setCurrentIndex(sources->index(row));
        QTRY_COMPARE(modelRows(), 60);

        m_window->catalogView()->selectAll();
        m_window->downloadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->requester()->summaryDialog() != nullptr, 30000);
        QDialog *summary = m_window->requester()->summaryDialog();
        const QString summaryText = summary->findChild<QLabel *>(QStringLiteral("summaryText"))->text();
        QVERIFY2(summaryText.contains(QStringLiteral("120 file")), qPrintable(summaryText));
        summary->accept();

        Download::DownloadPool *pool = m_app->pool();
        QTRY_COMPARE(pool->groups().size(), 1);
        const Download::GroupId group = pool->groups().first();
        QCOMPARE(pool->tasks(group).size(), 120);  // each LoRA repo: weights + README
        // The cap changes through the settings dialog, as a user does it, while the pack downloads.
        m_window->settingsAction()->trigger();
        auto *dialog = m_window->findChild<Ui::SettingsDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        auto *cap = qobject_cast<QLineEdit *>(dialog->editorFor(QString::fromLatin1(Keys::BandwidthLimit)));
        QVERIFY(cap);
        cap->setText(QStringLiteral("64M"));
        QVERIFY2(dialog->applyChanges(), qPrintable(dialog->lastError()));
        QCOMPARE(pool->options().bandwidthLimit, qint64(64 * 1024 * 1024));
        dialog->close();
        QVERIFY(m_settings->apply({{QString::fromLatin1(Keys::SyncInterval), 15}}, ChangeSource::Gui).ok);
        QCOMPARE(m_app->engine()->interval(), std::chrono::seconds(15 * 60));
        QTRY_COMPARE(m_window->dashboard()->model()->rowCount(), 1);
        QTRY_COMPARE(m_window->dashboard()->model()->rowCount(m_window->dashboard()->model()->index(0, 0)), 120);

        auto allVerified = [&] {
            for (Download::TaskId id : pool->tasks(group)) {
                if (pool->task(id).state != Download::TaskState::Completed)
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allVerified(), 60000);
        // What the user sees: every dashboard row of the group says verified.
        Ui::DownloadsModel *rows = m_window->dashboard()->model();
        const QModelIndex groupRow = rows->indexForGroup(group);
        QTRY_VERIFY([&] {
            for (int r = 0; r < rows->rowCount(groupRow); ++r) {
                const QModelIndex item = rows->index(r, Ui::DownloadsModel::StateColumn, groupRow);
                if (item.data(Ui::DownloadsModel::StateRole).toInt() != int(Download::TaskState::Completed) ||
                    item.data().toString() != QStringLiteral("Verified ✓"))
                    return false;
            }
            return rows->rowCount(groupRow) == 120;
        }());
        QVERIFY(groupRow.siblingAtColumn(Ui::DownloadsModel::StateColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("120/120 done")));
        QSortFilterProxyModel *proxy = m_window->catalogPane()->proxy();
        QTRY_VERIFY([&] {
            for (int r = 0; r < proxy->rowCount(); ++r) {
                if (proxy->index(r, Ui::CatalogModel::StateColumn).data(Ui::CatalogModel::StateRole).toInt() !=
                    int(Catalog::LocalState::Verified))
                    return false;
            }
            return true;
        }());
        // The tree's state column shows it too, and keeps showing it once the pool forgets the group.
        QCOMPARE(proxy->index(0, Ui::CatalogModel::StateColumn).data(Ui::ItemStateRole).toInt(),
                 int(Ui::ItemState::Verified));
        m_window->dashboard()->trigger(Ui::DownloadsDashboard::Action::ClearFinished);
        QVERIFY(pool->groups().isEmpty());
        QTRY_COMPARE(m_window->catalogProgress()->trackedTasks(), 0);
        QCOMPARE(proxy->index(0, Ui::CatalogModel::StateColumn).data(Ui::ItemStateRole).toInt(),
                 int(Ui::ItemState::Verified));
        QVERIFY(proxy->index(0, Ui::CatalogModel::StateColumn).data().toString().contains(QStringLiteral("✓")));
    }

    void anUnreachableHubLeavesTheCachedCatalogAndSaysSo()
    {
        QTemporaryDir dir;
        QProcessEnvironment env;
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        env.insert(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://127.0.0.1:1"));
        env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), QStringLiteral("http://127.0.0.1:1"));
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("HF_HUB_CACHE"), dir.filePath(QStringLiteral("hub")));
        const Config::RuntimeConfig runtime = Config::RuntimeConfig::fromEnvironment(env);
        QDir().mkpath(runtime.dataDir);
        SettingsCenter settings(SettingsSchema::standard(runtime),
                                QDir(runtime.dataDir).filePath(QStringLiteral("settings.sqlite")));
        QString error;
        QVERIFY(settings.open(&error));
        std::unique_ptr<App::GuiComposition> app = App::GuiComposition::create(runtime, &settings, &error);
        QVERIFY2(app, qPrintable(error));
        Ui::MainWindow window(app->services());
        window.refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!app->engine()->isBusy(), 50000);
        QTRY_COMPARE(window.syncStatusLabel()->text(), QStringLiteral("Offline — showing cached catalog"));
    }

    void aSingleSelectedFileDownloadsAloneAndShowsVerifiedInTheTree()
    {
        QVERIFY(syncAll());
        QTest::keyClicks(m_window->searchField(), QStringLiteral("tinystories"));
        QSortFilterProxyModel *proxy = m_window->catalogPane()->proxy();
        QTRY_COMPARE(proxy->rowCount(), 1);
        const QModelIndex repo = proxy->index(0, 0);
        QModelIndex file;
        for (int v = 0; v < proxy->rowCount(repo); ++v) {
            const QModelIndex variant = proxy->index(v, 0, repo);
            if (variant.data(Ui::CatalogModel::VariantNameRole).toString() == QStringLiteral("Q2_K"))
                file = proxy->index(0, 0, variant);
        }
        QVERIFY(file.isValid());
        m_window->catalogView()->selectionModel()->select(file, QItemSelectionModel::ClearAndSelect |
                                                                    QItemSelectionModel::Rows);
        m_window->downloadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->requester()->summaryDialog() != nullptr, 30000);
        const QString summaryText =
            m_window->requester()->summaryDialog()->findChild<QLabel *>(QStringLiteral("summaryText"))->text();
        QVERIFY2(summaryText.startsWith(QStringLiteral("1 file")), qPrintable(summaryText));
        m_window->requester()->summaryDialog()->accept();
        const QPersistentModelIndex state = file.siblingAtColumn(Ui::CatalogModel::StateColumn);
        QTRY_COMPARE_WITH_TIMEOUT(state.data(Ui::CatalogModel::StateRole).toInt(), int(Catalog::LocalState::Verified),
                                  30000);
        QCOMPARE(m_app->pool()->tasks(m_app->pool()->groups().first()).size(), 1);
    }

    void aDownloadingFileShowsItsProgressInTheTreeUpToTheModel()
    {
        QVERIFY(syncAll());
        // Slow enough to watch: 2 MiB/s for the 8 MiB file.
        QVERIFY(
            m_settings->apply({{QString::fromLatin1(Keys::BandwidthLimit), 2 * 1024 * 1024}}, ChangeSource::Gui).ok);
        QTest::keyClicks(m_window->searchField(), QStringLiteral("tinystories"));
        QSortFilterProxyModel *proxy = m_window->catalogPane()->proxy();
        QTRY_COMPARE(proxy->rowCount(), 1);
        const QPersistentModelIndex repo = proxy->index(0, 0);
        QPersistentModelIndex variant;
        for (int v = 0; v < proxy->rowCount(repo); ++v) {
            if (proxy->index(v, 0, repo).data(Ui::CatalogModel::VariantNameRole).toString() == QStringLiteral("Q4_K_M"))
                variant = proxy->index(v, 0, repo);
        }
        QVERIFY(variant.isValid());
        const QPersistentModelIndex file = proxy->index(0, Ui::CatalogModel::StateColumn, variant);
        m_window->catalogView()->selectionModel()->select(variant, QItemSelectionModel::ClearAndSelect |
                                                                       QItemSelectionModel::Rows);
        m_window->downloadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->requester()->summaryDialog() != nullptr, 30000);
        m_window->requester()->summaryDialog()->accept();

        // "Downloading" with a growing bar, on the file and, aggregated, on its parents.
        QTRY_VERIFY_WITH_TIMEOUT(file.data(Ui::ItemStateRole).toInt() == int(Ui::ItemState::Downloading) &&
                                     file.data(Ui::ItemProgressRole).toDouble() > 0.05,
                                 20000);
        const double early = file.data(Ui::ItemProgressRole).toDouble();
        QVERIFY(early < 1.0);
        QCOMPARE(QModelIndex(variant).siblingAtColumn(Ui::CatalogModel::StateColumn).data(Ui::ItemStateRole).toInt(),
                 int(Ui::ItemState::Downloading));
        QCOMPARE(QModelIndex(repo).siblingAtColumn(Ui::CatalogModel::StateColumn).data(Ui::ItemStateRole).toInt(),
                 int(Ui::ItemState::Downloading));
        QVERIFY(QModelIndex(repo).siblingAtColumn(Ui::CatalogModel::StateColumn).data(Ui::ItemProgressRole).toDouble() >
                0);
        QTRY_VERIFY_WITH_TIMEOUT(file.data(Ui::ItemProgressRole).toDouble() > early, 10000);
        // The details pane's file list follows the same live state.
        m_window->catalogView()->setCurrentIndex(repo);
        QTRY_COMPARE(m_window->detailsPane()->modelKey(), QStringLiteral("modeldock-demo/TinyStories-GGUF"));
        QTRY_COMPARE_WITH_TIMEOUT(file.data(Ui::ItemStateRole).toInt(), int(Ui::ItemState::Verified), 30000);
        QCOMPARE(QModelIndex(variant).siblingAtColumn(Ui::CatalogModel::StateColumn).data(Ui::ItemStateRole).toInt(),
                 int(Ui::ItemState::Verified));
        QTRY_COMPARE(file.data(Ui::CatalogModel::StateRole).toInt(), int(Catalog::LocalState::Verified));
    }

    void theCardFollowsTheCurrentModelAcrossSearches()
    {
        QVERIFY(syncAll());
        QTest::keyClicks(m_window->searchField(), QStringLiteral("tinystories"));
        QSortFilterProxyModel *proxy = m_window->catalogPane()->proxy();
        QTRY_COMPARE(proxy->rowCount(), 1);
        m_window->catalogView()->setCurrentIndex(proxy->index(0, 0));
        Ui::DetailsPane *details = m_window->detailsPane();
        QCOMPARE(details->modelKey(), QStringLiteral("modeldock-demo/TinyStories-GGUF"));
        QVERIFY(details->browser()->toPlainText().contains(QStringLiteral("TinyStories")));
        QVERIFY(details->files()->rowCount() > 1);

        // A search that still lists it keeps the card (and the row stays current).
        QTest::keyClicks(m_window->searchField(), QStringLiteral(" gguf"));
        QTRY_VERIFY(!m_window->catalogPane()->model()->isQueryPending() && proxy->rowCount() >= 1);
        QCOMPARE(details->modelKey(), QStringLiteral("modeldock-demo/TinyStories-GGUF"));
        QCOMPARE(m_window->catalogView()->currentIndex().data(Ui::CatalogModel::ModelKeyRole).toString(),
                 QStringLiteral("modeldock-demo/TinyStories-GGUF"));

        // A search that removes it clears the card instead of leaving a stale one.
        m_window->searchField()->clear();
        QTest::keyClicks(m_window->searchField(), QStringLiteral("cortexso"));
        QTRY_VERIFY(
            !m_window->catalogPane()->model()->isQueryPending() &&
            proxy->index(0, 0).data(Ui::CatalogModel::ModelKeyRole).toString().startsWith(QStringLiteral("cortexso")));
        QVERIFY(details->modelKey().isEmpty());
        QVERIFY(details->browser()->toPlainText().isEmpty());
        QCOMPARE(details->files()->rowCount(), 0);
    }
};

QTEST_MAIN(TestGuiApp)
#include "tst_guiapp.moc"
