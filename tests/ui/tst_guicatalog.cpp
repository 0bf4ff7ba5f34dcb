// The catalog side of the desktop app as main() builds it, against the local test hub: the
// filter bar and header sorts run in the store, the Sources list shows counts and "new"
// badges that last until the user looks (across restarts), new and updated models are marked
// in the tree, the status bar says what sync is doing in the issue's words, and the download
// summary counts what is on disk and refuses what does not fit.
#include "catalog/catalogdatabase.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "catalog/syncwriter.h"
#include "catalogfilterbar.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "detailspane.h"
#include "download/downloadpool.h"
#include "downloadrequester.h"
#include "downloadsdashboard.h"
#include "downloadsmodel.h"
#include "guicomposition.h"
#include "mainwindow.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "sourcesmodel.h"
#include "syncstatus.h"
#include "testhub.h"
#include "waits.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFont>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace std::chrono_literals;
using namespace Settings;

class TestGuiCatalog : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    TestHub *m_endpoints = &m_hub;  // the hub the app is started against
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SettingsCenter> m_settings;
    std::unique_ptr<App::GuiComposition> m_app;
    std::unique_ptr<Ui::MainWindow> m_window;

    QAbstractItemModel *tree() const { return m_window->catalogPane()->proxy(); }
    Ui::CatalogModel *catalog() const { return m_window->catalogPane()->model(); }
    Ui::SourcesModel *sources() const { return m_window->catalogPane()->sourcesModel(); }

    bool startApp()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HF_ENDPOINT"), m_endpoints->hfUrl().toString());
        env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), m_endpoints->civitaiUrl().toString());
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), m_dir->filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("HF_HUB_CACHE"), m_dir->filePath(QStringLiteral("hub")));
        env.insert(QStringLiteral("MODELDOCK_LIBRARY"), m_dir->filePath(QStringLiteral("library")));
        const Config::RuntimeConfig runtime = Config::RuntimeConfig::fromEnvironment(env);
        QDir().mkpath(runtime.dataDir);
        m_settings = std::make_unique<SettingsCenter>(
            SettingsSchema::standard(runtime), QDir(runtime.dataDir).filePath(QStringLiteral("settings.sqlite")));
        QString error;
        if (!m_settings->open(&error))
            return false;
        m_app = App::GuiComposition::create(runtime, m_settings.get(), &error);
        if (!m_app)
            return false;
        m_window = std::make_unique<Ui::MainWindow>(m_app->services());
        m_window->show();
        return QTest::qWaitFor([this] { return !catalog()->isQueryPending(); }, 10000);
    }

    void stopApp()
    {
        m_window.reset();
        m_app.reset();
        m_settings.reset();
    }

    bool syncAll()
    {
        m_window->refreshAction()->trigger();
        return QTest::qWaitFor([this] { return !m_app->engine()->isBusy(); }, 60000) && settled();
    }

    bool settled()
    {
        return QTest::qWaitFor([this] { return !catalog()->isQueryPending(); }, 10000);
    }

    QStringList keys() const
    {
        QStringList out;
        for (int row = 0; row < tree()->rowCount(); ++row)
            out << tree()->index(row, 0).data(Ui::CatalogModel::ModelKeyRole).toString();
        return out;
    }

    static void choose(QComboBox *box, const QVariant &data)
    {
        const int index = box->findData(data);
        QVERIFY2(index >= 0, qPrintable(data.toString()));
        box->setCurrentIndex(index);
    }

    int sourceRow(const QString &name) const
    {
        for (int row = 0; row < sources()->rowCount(); ++row) {
            if (sources()->index(row).data(Ui::SourcesModel::SourceNameRole).toString() == name)
                return row;
        }
        return -1;
    }

    Ui::ChangeMark markOf(const QString &key) const
    {
        for (int row = 0; row < tree()->rowCount(); ++row) {
            const QModelIndex state = tree()->index(row, Ui::CatalogModel::StateColumn);
            if (state.data(Ui::CatalogModel::ModelKeyRole).toString() == key)
                return Ui::ChangeMark(state.data(Ui::CatalogModel::MarkRole).toInt());
        }
        return Ui::ChangeMark::None;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_hub.start({QStringLiteral("--big-file-mb"), QStringLiteral("8")}), qPrintable(m_hub.errorString()));
    }

    void init()
    {
        QVERIFY(m_hub.reset());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(startApp());
    }

    void cleanup()
    {
        stopApp();
        m_dir.reset();
    }

    void theFilterBarNarrowsTheTreeInTheStore()
    {
        QAbstractItemModelTester tester(catalog(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(syncAll());
        QTRY_VERIFY(tree()->rowCount() > 0);
        const int all = tree()->rowCount();
        Ui::CatalogFilterBar *filters = m_window->filterBar();

        choose(filters->typeBox(), QStringLiteral("lora"));
        QVERIFY(settled());
        QTRY_VERIFY(tree()->rowCount() > 0 && tree()->rowCount() < all);
        for (const QString &key : keys())
            QCOMPARE(catalog()->recordFor(key)->modelType, QStringLiteral("lora"));
        QCOMPARE(catalog()->query().type, QStringLiteral("lora"));

        choose(filters->hubBox(), QStringLiteral("civitai"));
        QVERIFY(settled());
        QTRY_VERIFY(!keys().isEmpty() && keys().first().startsWith(QStringLiteral("civitai:")));
        for (const QString &key : keys())
            QVERIFY2(key.startsWith(QStringLiteral("civitai:")), qPrintable(key));

        // The base models on offer follow the hub; picking one keeps only models built on it.
        QTRY_VERIFY(filters->baseModelBox()->findData(QStringLiteral("SDXL 1.0")) > 0);
        choose(filters->baseModelBox(), QStringLiteral("SDXL 1.0"));
        QVERIFY(settled());
        QTRY_VERIFY(!keys().isEmpty());
        for (const QString &key : keys())
            QVERIFY2(catalog()->recordFor(key)->baseModels.contains(QStringLiteral("SDXL 1.0")), qPrintable(key));

        // Nothing is downloaded yet: "downloaded only" is empty, "not downloaded" is everything.
        filters->reset();
        choose(filters->downloadedBox(), int(Catalog::CatalogStore::Downloaded::Only));
        QVERIFY(settled());
        QTRY_COMPARE(tree()->rowCount(), 0);
        choose(filters->downloadedBox(), int(Catalog::CatalogStore::Downloaded::Not));
        QVERIFY(settled());
        QTRY_COMPARE(tree()->rowCount(), all);

        // Filters and words together.
        QTest::keyClicks(m_window->searchField(), QStringLiteral("cortexso"));
        choose(filters->typeBox(), QStringLiteral("gguf"));
        QVERIFY(settled());
        QTRY_VERIFY(keys().contains(QStringLiteral("cortexso/llama3.2")));
        for (const QString &key : keys())
            QVERIFY2(key.startsWith(QStringLiteral("cortexso/")), qPrintable(key));
    }

    void aHeaderClickSortsTheWholeCatalogInTheStore()
    {
        QVERIFY(syncAll());
        QHeaderView *header = m_window->catalogView()->header();
        const auto click = [header](int column) {
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                              QPoint(header->sectionViewportPosition(column) + 5, header->height() / 2));
        };
        click(Ui::CatalogModel::NameColumn);
        QVERIFY(settled());
        QTRY_COMPARE(catalog()->query().sort, Catalog::CatalogStore::Sort::Name);
        const Qt::SortOrder first = catalog()->query().order;
        QStringList names;
        for (int row = 0; row < tree()->rowCount(); ++row)
            names << catalog()->recordFor(keys().at(row))->name.toLower();
        QStringList sorted = names;
        std::sort(sorted.begin(), sorted.end());
        if (first == Qt::DescendingOrder)
            std::reverse(sorted.begin(), sorted.end());
        QCOMPARE(names, sorted);
        click(Ui::CatalogModel::NameColumn);
        QVERIFY(settled());
        QTRY_VERIFY(catalog()->query().order != first);

        click(Ui::CatalogModel::LikesColumn);
        QVERIFY(settled());
        QTRY_COMPARE(catalog()->query().sort, Catalog::CatalogStore::Sort::Likes);
        qint64 previous = -1;
        const bool up = catalog()->query().order == Qt::AscendingOrder;
        for (int row = 0; row < tree()->rowCount(); ++row) {
            const qint64 likes =
                tree()->index(row, Ui::CatalogModel::LikesColumn).data(Ui::CatalogModel::SortRole).toLongLong();
            if (previous >= 0)
                QVERIFY(up ? likes >= previous : likes <= previous);
            previous = likes;
        }

        // While searching, a header click beats relevance too.
        QTest::keyClicks(m_window->searchField(), QStringLiteral("lora"));
        QVERIFY(settled());
        QTRY_COMPARE(catalog()->query().sort, Catalog::CatalogStore::Sort::Likes);  // chosen before: kept
        m_window->searchField()->clear();
        QTest::keyClicks(m_window->searchField(), QStringLiteral("style"));
        QVERIFY(settled());
        QTRY_COMPARE(catalog()->query().sort, Catalog::CatalogStore::Sort::Relevance);  // a new search
        click(Ui::CatalogModel::DownloadsColumn);
        QVERIFY(settled());
        QTRY_COMPARE(catalog()->query().sort, Catalog::CatalogStore::Sort::Downloads);
    }

    void rowsArePagedInOnlyAsTheUserScrollsToTheEnd()
    {
        // 450 models more than the demo hub has, written straight into the app's catalog.
        QVERIFY(syncAll());
        stopApp();
        {
            Catalog::CatalogDatabase database(
                QDir(m_dir->filePath(QStringLiteral("data"))).filePath(QStringLiteral("catalog.sqlite")));
            QVERIFY(database.open());
            Catalog::SyncBatch batch;
            batch.sourceId = Catalog::SourceStore(&database).sources().first().id;
            for (int i = 0; i < 450; ++i) {
                Catalog::ModelRecord m;
                m.key = QStringLiteral("bulk/model-%1").arg(i, 3, 10, QLatin1Char('0'));
                m.hub = QStringLiteral("hf");
                m.hubId = m.name = m.key;
                m.author = QStringLiteral("bulk");
                m.downloads = 1000000 + i;  // above every demo model: they come first
                m.fingerprint = QString::number(i);
                batch.upserts << m;
                batch.members << m.key;
            }
            batch.at = QDateTime::currentDateTimeUtc();
            QVERIFY(Catalog::SyncWriter::apply(database.path(), batch).ok);
        }
        QVERIFY(startApp());
        // The start-up catch-up finds every source synced: no sync re-reads the tree below.
        QTreeView *view = m_window->catalogView();
        view->resize(800, 400);
        QVERIFY(settled());
        QVERIFY(catalog()->totalCount() >= 450);
        // The view lays itself out many times; none of that loads more than the first page.
        QVERIFY(TestWait::holdsFor(500ms, [&] { return catalog()->rowCount() == Ui::CatalogModel::kPageSize; }));

        QScrollBar *bar = view->verticalScrollBar();
        bar->setValue(bar->maximum() / 2);
        // Not near the end yet.
        QVERIFY(TestWait::holdsFor(300ms, [&] { return catalog()->rowCount() == Ui::CatalogModel::kPageSize; }));
        bar->setValue(bar->maximum());
        QTRY_COMPARE(catalog()->rowCount(), 2 * Ui::CatalogModel::kPageSize);
        // One page per approach.
        QVERIFY(TestWait::holdsFor(300ms, [&] { return catalog()->rowCount() == 2 * Ui::CatalogModel::kPageSize; }));
        view->setCurrentIndex(tree()->index(0, 0));
        QTest::keyClick(view, Qt::Key_End);  // the keyboard's way to the end loads the rest
        QTRY_COMPARE(catalog()->rowCount(), catalog()->totalCount());
    }

    void aHuggingFaceModelShowsItsReadmeAsTheCard()
    {
        QVERIFY(syncAll());
        const int row = int(keys().indexOf(QStringLiteral("modeldock-demo/TinyStories-GGUF")));
        QVERIFY(row >= 0);
        m_window->catalogView()->setCurrentIndex(tree()->index(row, 0));
        QTextBrowser *card = m_window->detailsPane()->browser();
        QTRY_VERIFY(card->toPlainText().contains(QStringLiteral("Quantized TinyStories in GGUF")));
        QVERIFY(!card->toPlainText().contains(QStringLiteral("license: mit")));  // front matter is not text
        QVERIFY(card->toPlainText().contains(QStringLiteral("52,000 downloads")));
    }

    void selectAllDownloadsTheWholeListNotOnlyTheLoadedRows()
    {
        // A hub with more models than one page of the tree.
        stopApp();
        TestHub big;
        QVERIFY2(big.start({QStringLiteral("--catalog"), QStringLiteral("generated"), QStringLiteral("--models"),
                            QStringLiteral("400")}),
                 qPrintable(big.errorString()));
        m_endpoints = &big;
        const auto restore = qScopeGuard([this] {
            stopApp();
            m_endpoints = &m_hub;
        });
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(startApp());
        Catalog::Source source;
        source.name = QStringLiteral("Many models");
        source.kind = Catalog::Source::Kind::HfQuery;
        source.limit = 250;
        QString error;
        QVERIFY2(m_app->engine()->addSource(&source, &error), qPrintable(error));
        QVERIFY(syncAll());
        const int row = sourceRow(source.name);
        QVERIFY(row >= 0);
        m_window->sourcesView()->setCurrentIndex(sources()->index(row));
        QVERIFY(settled());
        QTRY_COMPARE(catalog()->totalCount(), 250);
        QCOMPARE(catalog()->rowCount(), Ui::CatalogModel::kPageSize);

        m_window->catalogView()->selectAll();
        m_window->downloadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->requester()->summaryDialog() != nullptr, 120000);
        m_window->requester()->summaryDialog()->accept();
        Ui::DownloadsModel *downloads = m_window->dashboard()->model();
        QTRY_VERIFY(downloads->rowCount() == 1);
        QCOMPARE(downloads->index(0, 0).data().toString(), QStringLiteral("250 models"));
        m_app->pool()->cancelGroup(m_app->pool()->groups().first());
    }

    void theSummaryCountsWhatIsOnDiskAndRefusesWhatDoesNotFit()
    {
        QVERIFY(syncAll());
        QTest::keyClicks(m_window->searchField(), QStringLiteral("tinystories"));
        QVERIFY(settled());
        QTRY_COMPARE(tree()->rowCount(), 1);
        const QModelIndex repo = tree()->index(0, 0);
        QModelIndex q2;
        for (int v = 0; v < tree()->rowCount(repo); ++v) {
            if (tree()->index(v, 0, repo).data(Ui::CatalogModel::VariantNameRole).toString() == QStringLiteral("Q2_K"))
                q2 = tree()->index(v, 0, repo);
        }
        QVERIFY(q2.isValid());
        m_window->catalogView()->selectionModel()->select(q2, QItemSelectionModel::ClearAndSelect |
                                                                  QItemSelectionModel::Rows);
        m_window->downloadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->requester()->summaryDialog() != nullptr, 30000);
        m_window->requester()->summaryDialog()->accept();
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_app->pool()->groups().isEmpty() &&
                m_app->pool()->task(m_app->pool()->tasks(m_app->pool()->groups().first()).first()).state ==
                    Download::TaskState::Completed,
            30000);

        // The model row (its recommended Q4_K_M) and Q2_K again: the Q2_K file is on disk and
        // skipped; a disk with 1 MB free cannot take the rest, and the dialog says so instead
        // of starting.
        m_window->requester()->setFreeSpaceProbe([](const QString &) { return qint64(1000000); });
        QTRY_VERIFY(!m_window->requester()->summaryDialog());
        m_window->catalogView()->selectionModel()->select(tree()->index(0, 0), QItemSelectionModel::ClearAndSelect |
                                                                                   QItemSelectionModel::Rows);
        m_window->catalogView()->selectionModel()->select(q2, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        m_window->downloadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->requester()->summaryDialog() != nullptr, 30000);
        QDialog *summary = m_window->requester()->summaryDialog();
        const QString text = summary->findChild<QLabel *>(QStringLiteral("summaryText"))->text();
        QVERIFY2(text.contains(QStringLiteral("1 file is already on disk and is skipped")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Free space on")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("This does not fit")), qPrintable(text));
        QVERIFY(!summary->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        const int groups = int(m_app->pool()->groups().size());
        summary->reject();
        QCOMPARE(int(m_app->pool()->groups().size()), groups);
    }

    void theStatusBarCountsDownARateLimitAndNamesAFailure()
    {
        // Every model listing answers 429 "wait 3 s" twice: the countdown ticks each second.
        m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("hf")},
                                      {QStringLiteral("path"), QStringLiteral("/api/models")},
                                      {QStringLiteral("fault"), QStringLiteral("status")},
                                      {QStringLiteral("status"), 429},
                                      {QStringLiteral("retry_after"), 3},
                                      {QStringLiteral("count"), 2}});
        QStringList seen;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&] {
            const QString text = m_window->syncStatusLabel()->text();
            if (seen.isEmpty() || seen.last() != text)
                seen << text;
        });
        poll.start(50);
        m_window->refreshAction()->trigger();
        QVERIFY(QTest::qWaitFor([this] { return !m_app->engine()->isBusy(); }, 60000));
        poll.stop();
        const QStringList countdown = seen.filter(QStringLiteral("Hub is rate-limiting, retrying in "));
        QVERIFY2(countdown.size() >= 2, qPrintable(seen.join(u'\n')));
        QVERIFY2(countdown.contains(QStringLiteral("Hub is rate-limiting, retrying in 3 s")) &&
                     countdown.contains(QStringLiteral("Hub is rate-limiting, retrying in 2 s")),
                 qPrintable(seen.join(u'\n')));
        QVERIFY2(!seen.filter(QStringLiteral("Syncing ")).isEmpty(), qPrintable(seen.join(u'\n')));
        QTRY_VERIFY(m_window->syncStatusLabel()->text().startsWith(QStringLiteral("Synced just now")));
        // Background syncs are on: the line says when the next one comes.
        QVERIFY2(m_window->syncStatusLabel()->text().contains(QStringLiteral(" · next in ")),
                 qPrintable(m_window->syncStatusLabel()->text()));

        // A hub that answers garbage: the line names the source and the reason.
        m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("hf")},
                                      {QStringLiteral("path"), QStringLiteral("/api/models")},
                                      {QStringLiteral("fault"), QStringLiteral("malformed_json")}});
        QVERIFY(syncAll());
        const QString failed = m_window->syncStatusLabel()->text();
        QVERIFY2(failed.startsWith(QStringLiteral("Sync of ")) && failed.contains(QStringLiteral(" failed: ")) &&
                     failed.size() > QStringLiteral("Sync of cortexso failed: ").size() + 5,
                 qPrintable(failed));
    }

    void theStatusLineHasTheIssuesShapes_data()
    {
        using Phase = Catalog::SyncState::Phase;
        QTest::addColumn<int>("phase");
        QTest::addColumn<int>("pagesDone");
        QTest::addColumn<int>("pagesTotal");
        QTest::addColumn<int>("ageSeconds");
        QTest::addColumn<int>("unseen");
        QTest::addColumn<int>("nextSeconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("synced a while ago, with news and a next sync")
            << int(Phase::Synced) << 0 << 0 << 5 * 60 << 12 << 55 * 60
            << QStringLiteral("Synced 5 min ago · 12 new · next in 55 min");
        QTest::newRow("synced, nothing new, no background sync")
            << int(Phase::Synced) << 0 << 0 << 10 << 0 << -1 << QStringLiteral("Synced just now");
        QTest::newRow("syncing with the pages of last time")
            << int(Phase::Syncing) << 3 << 10 << 0 << 0 << -1 << QStringLiteral("Syncing Civitai LoRAs… 3/10 pages");
        QTest::newRow("syncing a source for the first time")
            << int(Phase::Syncing) << 3 << 0 << 0 << 0 << -1 << QStringLiteral("Syncing Civitai LoRAs… 3 pages");
        QTest::newRow("offline") << int(Phase::Offline) << 0 << 0 << 0 << 0 << -1
                                 << QStringLiteral("Offline — showing cached catalog");
        QTest::newRow("rate-limited") << int(Phase::Throttled) << 0 << 0 << 0 << 0 << -1
                                      << QStringLiteral("Hub is rate-limiting, retrying in 40 s");
        QTest::newRow("failed") << int(Phase::Failed) << 0 << 0 << 0 << 0 << -1
                                << QStringLiteral("Sync of Civitai LoRAs failed: The hub answered 500.");
    }
    void theStatusLineHasTheIssuesShapes()
    {
        QFETCH(int, phase);
        QFETCH(int, pagesDone);
        QFETCH(int, pagesTotal);
        QFETCH(int, ageSeconds);
        QFETCH(int, unseen);
        QFETCH(int, nextSeconds);
        QFETCH(QString, expected);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Ui::SyncStatus::SourceLine line;
        line.name = QStringLiteral("Civitai LoRAs");
        line.state.phase = Catalog::SyncState::Phase(phase);
        line.state.pagesDone = pagesDone;
        line.state.pagesTotal = pagesTotal;
        line.state.at = now.addSecs(-ageSeconds);
        line.state.reason = QStringLiteral("The hub answered 500.");
        line.retryAt = now.addSecs(40);
        QCOMPARE(Ui::SyncStatus::compose({line}, unseen, nextSeconds < 0 ? QDateTime() : now.addSecs(nextSeconds), now),
                 expected);
    }

    // Last: it changes the hub's catalog for good.
    void newModelsGetBadgesAndMarksThatLastUntilTheUserLooks()
    {
        QAbstractItemModelTester sourcesTester(sources(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(syncAll());
        // A first sync is the baseline: nothing is news yet.
        for (int row = 0; row < sources()->rowCount(); ++row)
            QCOMPARE(sources()->index(row).data(Ui::SourcesModel::NewCountRole).toInt(), 0);
        for (const QString &key : keys())
            QCOMPARE(markOf(key), Ui::ChangeMark::None);
        QVERIFY(syncAll());  // and nothing changed on the hub: still no news
        for (const QString &key : keys())
            QCOMPARE(markOf(key), Ui::ChangeMark::None);

        const QJsonObject mutation = m_hub.mutateCatalog(2, 0, 0);
        const QJsonArray added = mutation.value(QStringLiteral("added")).toArray();
        QCOMPARE(added.size(), 2);
        QVERIFY(m_hub.pushBranch(QStringLiteral("cortexso/llama3.2"), QStringLiteral("1b-gguf-q8-0"))
                    .contains(QStringLiteral("commit")));
        QVERIFY(syncAll());
        const int gguf = sourceRow(QStringLiteral("popular-gguf"));
        const int cortexso = sourceRow(QStringLiteral("cortexso"));
        QVERIFY(gguf > 0 && cortexso > 0);
        QTRY_COMPARE(sources()->index(gguf).data(Ui::SourcesModel::NewCountRole).toInt(), 2);
        QCOMPARE(sources()->index(cortexso).data(Ui::SourcesModel::NewCountRole).toInt(), 0);
        QCOMPARE(sources()->index(cortexso).data(Ui::SourcesModel::ChangedCountRole).toInt(), 1);
        // The status line adds up every source's news (the mutation added Civitai models too).
        int news = 0;
        for (int row = 1; row < sources()->rowCount(); ++row)
            news += sources()->index(row).data(Ui::SourcesModel::NewCountRole).toInt();
        QVERIFY(news >= 2);
        QVERIFY2(m_window->syncStatusLabel()->text().contains(QStringLiteral(" · %1 new · ").arg(news)),
                 qPrintable(m_window->syncStatusLabel()->text()));
        // In the tree (every source): the two added models are new, the pushed one updated.
        for (const QJsonValue &key : added)
            QTRY_COMPARE(markOf(key.toString()), Ui::ChangeMark::New);
        QCOMPARE(markOf(QStringLiteral("cortexso/llama3.2")), Ui::ChangeMark::Updated);
        QCOMPARE(markOf(QStringLiteral("cortexso/qwen2.5")), Ui::ChangeMark::None);

        // The badge survives a restart.
        stopApp();
        QVERIFY(startApp());
        QCOMPARE(sources()->index(gguf).data(Ui::SourcesModel::NewCountRole).toInt(), 2);
        QVERIFY(sources()->index(gguf).data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("2 new")));
        QCOMPARE(markOf(added.first().toString()), Ui::ChangeMark::New);

        // Looking at the source clears its badge; the tree still shows what was new.
        m_window->sourcesView()->setCurrentIndex(sources()->index(gguf));
        QVERIFY(settled());
        QCOMPARE(sources()->index(gguf).data(Ui::SourcesModel::NewCountRole).toInt(), 0);
        QTRY_COMPARE(markOf(added.first().toString()), Ui::ChangeMark::New);
        const QModelIndex name = tree()->index(keys().indexOf(added.first().toString()), Ui::CatalogModel::NameColumn);
        QVERIFY(name.data(Qt::FontRole).value<QFont>().bold());

        // And it stays cleared after the next restart.
        stopApp();
        QVERIFY(startApp());
        QCOMPARE(sources()->index(gguf).data(Ui::SourcesModel::NewCountRole).toInt(), 0);
        QCOMPARE(sources()->index(cortexso).data(Ui::SourcesModel::ChangedCountRole).toInt(), 1);
        m_window->sourcesView()->setCurrentIndex(sources()->index(gguf));
        QVERIFY(settled());
        QTRY_VERIFY(keys().contains(added.first().toString()));
        QCOMPARE(markOf(added.first().toString()), Ui::ChangeMark::None);
    }
};

QTEST_MAIN(TestGuiCatalog)
#include "tst_guicatalog.moc"
