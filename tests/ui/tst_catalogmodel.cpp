#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/sourcestore.h"
#include "catalog/syncwriter.h"
#include "catalogmodel.h"
#include "catalogprogress.h"
#include "download/downloadpool.h"
#include "net/session.h"
#include "waits.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Catalog;

namespace {
ModelRecord model(const QString &key, qint64 downloads)
{
    ModelRecord m;
    m.key = key;
    m.hub = QStringLiteral("hf");
    m.hubId = key;
    m.name = key;
    m.author = key.section(QLatin1Char('/'), 0, 0);
    m.downloads = downloads;
    m.lastModified = QDateTime::fromSecsSinceEpoch(1700000000 + downloads, Qt::UTC);
    m.fingerprint = m.lastModified.toString(Qt::ISODate);
    m.headCommit = QString(40, QLatin1Char('a'));
    m.details = DetailLevel::Complete;
    m.detailsCommit = m.headCommit;
    FileRecord q4{QStringLiteral("model.Q4_K_M.gguf"), 100, QString(64, QLatin1Char('b')), {}, {}, true, {}};
    FileRecord q8{QStringLiteral("model.Q8_0.gguf"), 200, QString(64, QLatin1Char('c')), {}, {}, true, {}};
    m.variants = {VariantRecord{QStringLiteral("Q4_K_M"),
                                QStringLiteral("quantization"),
                                QStringLiteral("main"),
                                m.headCommit,
                                {},
                                {q4},
                                {}},
                  VariantRecord{QStringLiteral("Q8_0"),
                                QStringLiteral("quantization"),
                                QStringLiteral("main"),
                                m.headCommit,
                                {},
                                {q8},
                                {}}};
    return m;
}
}  // namespace

// The catalog tree over a real catalog file: model → variant → file read off the UI thread,
// with typed roles, checkable files and live download states from a real pool, checked by
// QAbstractItemModelTester.
class TestCatalogModel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<CatalogDatabase> m_db;
    std::unique_ptr<CatalogStore> m_store;

    static bool runQuery(Ui::CatalogModel &catalog, const CatalogStore::Query &query = {})
    {
        QSignalSpy finished(&catalog, &Ui::CatalogModel::queryFinished);
        catalog.setQuery(query);
        return finished.wait(10000);
    }

    static QModelIndex childNamed(const QAbstractItemModel &model, const QModelIndex &parent, const QString &name)
    {
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            if (index.data().toString() == name)
                return index;
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store.reset();
        m_db.reset();
        QFile::remove(m_dir.filePath(QStringLiteral("catalog.sqlite")));
        m_db = std::make_unique<CatalogDatabase>(m_dir.filePath(QStringLiteral("catalog.sqlite")));
        QVERIFY2(m_db->open(), qPrintable(m_db->errorString()));
        Source s;
        s.name = QStringLiteral("test");
        QString error;
        QVERIFY(SourceStore(m_db.get()).add(&s, &error));
        SyncBatch b;
        b.sourceId = s.id;
        b.upserts = {model(QStringLiteral("cortexso/llama3.2"), 500), model(QStringLiteral("cortexso/qwen2.5"), 300),
                     model(QStringLiteral("TheBloke/TinyLlama"), 900)};
        for (const ModelRecord &m : b.upserts)
            b.members << m.key;
        b.at = QDateTime::currentDateTimeUtc();
        QVERIFY(SyncWriter::apply(m_db->path(), b).ok);
        m_store = std::make_unique<CatalogStore>(m_db.get());
    }

    void passesTheModelTesterThroughSearchExpandAndStateChanges()
    {
        Ui::CatalogModel catalog(m_store.get());
        QAbstractItemModelTester tester(&catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(runQuery(catalog));
        QCOMPARE(catalog.rowCount(), 3);
        for (int row = 0; row < catalog.rowCount(); ++row) {
            const QModelIndex m = catalog.index(row, 0);
            QCOMPARE(catalog.rowCount(m), 2);
            QCOMPARE(catalog.rowCount(catalog.index(0, 0, m)), 1);
        }
        QString error;
        QVERIFY(m_store->setFileState(QStringLiteral("cortexso/qwen2.5"), QStringLiteral("Q8_0"),
                                      QStringLiteral("model.Q8_0.gguf"), LocalState::Verified, &error));
        QSignalSpy refreshed(&catalog, &Ui::CatalogModel::recordsRefreshed);
        catalog.refreshStates({QStringLiteral("cortexso/qwen2.5")});
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(refreshed.first().first().value<QSet<QString>>(), QSet<QString>{QStringLiteral("cortexso/qwen2.5")});
        Catalog::CatalogStore::Query q;
        q.text = QStringLiteral("qwen");
        QVERIFY(runQuery(catalog, q));
        QCOMPARE(catalog.rowCount(), 1);
        const QModelIndex qwen = catalog.index(0, 0);
        const QModelIndex file = catalog.index(0, 0, catalog.index(1, 0, qwen));
        QCOMPARE(file.data(Ui::CatalogModel::FilePathRole).toString(), QStringLiteral("model.Q8_0.gguf"));
        QCOMPARE(file.siblingAtColumn(Ui::CatalogModel::StateColumn).data(Ui::CatalogModel::StateRole).toInt(),
                 int(LocalState::Verified));
        QCOMPARE(file.data(Ui::CatalogModel::SizeRole).toLongLong(), 200);
        // The state column speaks one enum: a verified file is Verified, never read as a task state.
        QCOMPARE(file.siblingAtColumn(Ui::CatalogModel::StateColumn).data(Ui::ItemStateRole).toInt(),
                 int(Ui::ItemState::Verified));
        QCOMPARE(qwen.siblingAtColumn(Ui::CatalogModel::StateColumn).data(Ui::ItemStateRole).toInt(),
                 int(Ui::ItemState::Verified));
        QCOMPARE(qwen.siblingAtColumn(Ui::CatalogModel::StateColumn).data().toString(), QStringLiteral("1/2 ✓"));
    }

    void onlyTheNewestOfQuicklyTypedQueriesIsApplied()
    {
        Ui::CatalogModel catalog(m_store.get());
        QAbstractItemModelTester tester(&catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&catalog, &QAbstractItemModel::modelReset);
        QSignalSpy finished(&catalog, &Ui::CatalogModel::queryFinished);
        for (const char *text : {"c", "co", "cor", "cort", "tiny"}) {
            CatalogStore::Query q;
            q.text = QString::fromLatin1(text);
            catalog.setQuery(q);  // returns at once: the reader thread answers
        }
        QTRY_VERIFY(!catalog.isQueryPending());
        QVERIFY(resets.count() <= 2);  // the first one that was already running, and the last
        QCOMPARE(catalog.rowCount(), 1);
        QCOMPARE(catalog.index(0, 0).data(Ui::CatalogModel::ModelKeyRole).toString(),
                 QStringLiteral("TheBloke/TinyLlama"));
        QCOMPARE(catalog.query().text, QStringLiteral("tiny"));
    }

    void aFileInThePoolShowsItsLiveStateUpToTheModel()
    {
        Download::PoolOptions options;
        options.maxAttempts = 1;
        Net::Session session;
        Download::DownloadPool pool(&session, options, nullptr);
        Ui::CatalogProgress progress(&pool);
        Ui::CatalogModel catalog(m_store.get());
        catalog.setProgressSource(&progress);
        QAbstractItemModelTester tester(&catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(runQuery(catalog));

        Download::FileRequest request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:9/model.Q8_0.gguf"));  // never reached
        request.expectedSize = 200;
        request.displayName = QStringLiteral("cortexso/qwen2.5 · model.Q8_0.gguf");
        request.destination.kind = Download::Destination::Kind::HfCache;
        request.destination.root = m_dir.filePath(QStringLiteral("hub"));
        request.destination.repoId = QStringLiteral("cortexso/qwen2.5");
        request.destination.revision = QStringLiteral("main");
        request.destination.commit = QString(40, QLatin1Char('a'));
        request.destination.relativePath = QStringLiteral("model.Q8_0.gguf");
        request.destination.blobKey = QString(64, QLatin1Char('c'));
        const Download::GroupId group = pool.createGroup(QStringLiteral("qwen"));
        const Download::TaskId task = pool.addTask(group, request);
        pool.pauseTask(task);  // before the scheduler starts it: it stays put

        const QModelIndex qwen = childNamed(catalog, {}, QStringLiteral("cortexso/qwen2.5"));
        QVERIFY(qwen.isValid());
        const QModelIndex variantName = childNamed(catalog, qwen, QStringLiteral("Q8_0"));
        const QPersistentModelIndex variant = variantName.siblingAtColumn(Ui::CatalogModel::StateColumn);
        const QPersistentModelIndex file = catalog.index(0, Ui::CatalogModel::StateColumn, variantName);
        const QPersistentModelIndex other =
            catalog.index(0, Ui::CatalogModel::StateColumn, childNamed(catalog, qwen, QStringLiteral("Q4_K_M")));
        const QPersistentModelIndex model = qwen.siblingAtColumn(Ui::CatalogModel::StateColumn);
        QTRY_COMPARE(file.data(Ui::ItemStateRole).toInt(), int(Ui::ItemState::Paused));
        QCOMPARE(file.data().toString(), QStringLiteral("Paused"));
        QCOMPARE(variant.data(Ui::ItemStateRole).toInt(), int(Ui::ItemState::Paused));
        QCOMPARE(model.data(Ui::ItemStateRole).toInt(), int(Ui::ItemState::Paused));
        QCOMPARE(other.data(Ui::ItemStateRole).toInt(), int(Ui::ItemState::None));
        // The stored catalog state is untouched: the live state is only shown.
        QCOMPARE(file.data(Ui::CatalogModel::StateRole).toInt(), int(LocalState::None));

        // Cancelled and gone from the pool: back to what the catalog knows.
        pool.cancelTask(task);
        QTRY_COMPARE(file.data(Ui::ItemStateRole).toInt(), int(Ui::ItemState::None));
        QCOMPARE(progress.takeSettled(), QSet<QString>{QStringLiteral("cortexso/qwen2.5")});
        QCOMPARE(pool.removeFinishedGroups(), QList<Download::GroupId>{group});
        QCOMPARE(progress.trackedTasks(), 0);
        QCOMPARE(model.data(Ui::ItemStateRole).toInt(), int(Ui::ItemState::None));
    }

    void aBranchVariantShowsOnlyItsOwnCommitsFile()
    {
        // Two variants hold a file of the same name at different commits (branch variants).
        Net::Session session;
        Download::DownloadPool pool(&session, Download::PoolOptions{}, nullptr);
        Ui::CatalogProgress progress(&pool);
        Download::FileRequest request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:9/model.gguf"));
        request.destination.kind = Download::Destination::Kind::HfCache;
        request.destination.root = m_dir.filePath(QStringLiteral("hub"));
        request.destination.repoId = QStringLiteral("cortexso/llama3.2");
        request.destination.commit = QString(40, QLatin1Char('b'));
        request.destination.relativePath = QStringLiteral("model.gguf");
        request.destination.blobKey = QString(64, QLatin1Char('d'));
        pool.pauseTask(pool.addTask(pool.createGroup(QStringLiteral("one")), request));
        QTRY_COMPARE(progress.trackedTasks(), 1);
        QVERIFY(progress.file(QStringLiteral("cortexso/llama3.2"), QString(40, QLatin1Char('b')),
                              QStringLiteral("model.gguf")));
        QVERIFY(!progress.file(QStringLiteral("cortexso/llama3.2"), QString(40, QLatin1Char('e')),
                               QStringLiteral("model.gguf")));
        QVERIFY(!progress.file(QStringLiteral("cortexso/llama3.2"), {}, QStringLiteral("odel.gguf")));
        QVERIFY(!progress.file(QStringLiteral("cortexso/qwen2.5"), {}, QStringLiteral("model.gguf")));
    }

    void filesCanBeCheckedAndAreReportedAsRefs()
    {
        Ui::CatalogModel catalog(m_store.get());
        QAbstractItemModelTester tester(&catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(runQuery(catalog));
        const QModelIndex m = catalog.index(0, 0);
        const QModelIndex file = catalog.index(0, 0, catalog.index(0, 0, m));
        QVERIFY(file.flags() & Qt::ItemIsUserCheckable);
        QVERIFY(!(m.flags() & Qt::ItemIsUserCheckable));
        QVERIFY(catalog.setData(file, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(file.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        const QList<Ui::CatalogModel::FileRef> refs = catalog.checkedFiles();
        QCOMPARE(refs.size(), 1);
        QCOMPARE(refs.first().modelKey, m.data(Ui::CatalogModel::ModelKeyRole).toString());
        QCOMPARE(refs.first().variant, file.data(Ui::CatalogModel::VariantNameRole).toString());
        catalog.clearChecks();
        QVERIFY(catalog.checkedFiles().isEmpty());
    }

    void aLargeResultComesInPagesAndSortsInTheStore()
    {
        SyncBatch b;
        b.sourceId = SourceStore(m_db.get()).sources().first().id;
        b.members = {QStringLiteral("cortexso/llama3.2"), QStringLiteral("cortexso/qwen2.5"),
                     QStringLiteral("TheBloke/TinyLlama")};
        for (int i = 0; i < 450; ++i) {
            b.upserts << model(QStringLiteral("bulk/model-%1").arg(i, 3, 10, QLatin1Char('0')), 1000 + i);
            b.members << b.upserts.last().key;
        }
        b.at = QDateTime::currentDateTimeUtc();
        QVERIFY(SyncWriter::apply(m_db->path(), b).ok);

        // Without a view asking, only the first page is read; the count says how many there are.
        Ui::CatalogModel catalog(m_store.get());
        QVERIFY(runQuery(catalog));
        QCOMPARE(catalog.totalCount(), 453);
        QCOMPARE(catalog.rowCount(), Ui::CatalogModel::kPageSize);
        QCOMPARE(catalog.index(0, 0).data(Ui::CatalogModel::ModelKeyRole).toString(), QStringLiteral("bulk/model-449"));
        QVERIFY(catalog.canFetchMore({}));
        QSignalSpy pages(&catalog, &Ui::CatalogModel::pageLoaded);
        catalog.fetchMore({});
        QVERIFY(!catalog.canFetchMore({}));  // one page at a time
        QVERIFY(pages.wait(10000));
        QCOMPARE(catalog.rowCount(), 2 * Ui::CatalogModel::kPageSize);
        catalog.fetchMore({});
        QVERIFY(pages.wait(10000));
        QCOMPARE(catalog.rowCount(), 453);
        QVERIFY(!catalog.canFetchMore({}));

        // A header order is the store's, over all 453 models, not over the loaded rows.
        QSignalSpy finished(&catalog, &Ui::CatalogModel::queryFinished);
        catalog.sort(Ui::CatalogModel::NameColumn, Qt::AscendingOrder);
        QVERIFY(finished.wait(10000));
        QCOMPARE(catalog.query().sort, CatalogStore::Sort::Name);
        QCOMPARE(catalog.rowCount(), Ui::CatalogModel::kPageSize);
        QCOMPARE(catalog.index(0, 0).data(Ui::CatalogModel::ModelKeyRole).toString(), QStringLiteral("bulk/model-000"));
        QCOMPARE(catalog.index(199, 0).data(Ui::CatalogModel::ModelKeyRole).toString(),
                 QStringLiteral("bulk/model-199"));
        catalog.sort(Ui::CatalogModel::NameColumn, Qt::DescendingOrder);
        QVERIFY(finished.wait(10000));
        QCOMPARE(catalog.index(0, 0).data(Ui::CatalogModel::ModelKeyRole).toString(),
                 QStringLiteral("TheBloke/TinyLlama"));

        // While searching the order is relevance, until a header is chosen.
        CatalogStore::Query words;
        words.text = QStringLiteral("bulk");
        QVERIFY(runQuery(catalog, words));
        QCOMPARE(catalog.query().sort, CatalogStore::Sort::Relevance);
        catalog.setRelevanceWhileSearching(false);
        QVERIFY(runQuery(catalog, words));
        QCOMPARE(catalog.query().sort, CatalogStore::Sort::Name);
        QCOMPARE(catalog.totalCount(), 450);

        // Under the model tester, asking for more as a scrolling view does, every page arrives
        // through consistent insertions.
        Ui::CatalogModel tested(m_store.get());
        QAbstractItemModelTester tester(&tested, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tested.setQuery({});
        QVERIFY(QTest::qWaitFor(
            [&tested] {
                if (tested.canFetchMore({}))
                    tested.fetchMore({});
                return tested.rowCount() == 453;
            },
            20000));
    }

    void newAndChangedModelsAreMarkedRelativeToWhenTheUserLooked()
    {
        const QDateTime before = QDateTime::currentDateTimeUtc();
        TestWait::nextMillisecond();
        SyncBatch b;
        b.sourceId = SourceStore(m_db.get()).sources().first().id;
        ModelRecord changed = model(QStringLiteral("cortexso/qwen2.5"), 300);
        changed.fingerprint = QStringLiteral("new content");
        b.upserts = {model(QStringLiteral("fresh/model"), 10), changed};
        b.members = {QStringLiteral("cortexso/llama3.2"), QStringLiteral("cortexso/qwen2.5"),
                     QStringLiteral("TheBloke/TinyLlama"), QStringLiteral("fresh/model")};
        b.at = QDateTime::currentDateTimeUtc();
        QVERIFY(SyncWriter::apply(m_db->path(), b).ok);

        Ui::CatalogModel catalog(m_store.get());
        QAbstractItemModelTester tester(&catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(runQuery(catalog));
        const auto markOf = [&catalog](const QString &key) {
            for (int row = 0; row < catalog.rowCount(); ++row) {
                const QModelIndex index = catalog.index(row, Ui::CatalogModel::StateColumn);
                if (index.data(Ui::CatalogModel::ModelKeyRole).toString() == key)
                    return Ui::ChangeMark(index.data(Ui::CatalogModel::MarkRole).toInt());
            }
            return Ui::ChangeMark::None;
        };
        QCOMPARE(markOf(QStringLiteral("fresh/model")), Ui::ChangeMark::None);  // no "since": no marks
        catalog.setMarksSince(before);
        QCOMPARE(markOf(QStringLiteral("fresh/model")), Ui::ChangeMark::New);
        QCOMPARE(markOf(QStringLiteral("cortexso/qwen2.5")), Ui::ChangeMark::Updated);
        QCOMPARE(markOf(QStringLiteral("cortexso/llama3.2")), Ui::ChangeMark::None);
        for (int row = 0; row < catalog.rowCount(); ++row) {
            const QModelIndex name = catalog.index(row, Ui::CatalogModel::NameColumn);
            const bool marked =
                name.data(Ui::CatalogModel::ModelKeyRole).toString() == QStringLiteral("fresh/model") ||
                name.data(Ui::CatalogModel::ModelKeyRole).toString() == QStringLiteral("cortexso/qwen2.5");
            QCOMPARE(name.data(Qt::FontRole).value<QFont>().bold(), marked);
        }
        catalog.setMarksSince(QDateTime::currentDateTimeUtc());
        QCOMPARE(markOf(QStringLiteral("fresh/model")), Ui::ChangeMark::None);
    }

    void sortRoleGivesRawNumbers()
    {
        Ui::CatalogModel catalog(m_store.get());
        QVERIFY(runQuery(catalog));
        for (int row = 0; row < catalog.rowCount(); ++row) {
            const QVariant downloads =
                catalog.index(row, Ui::CatalogModel::DownloadsColumn).data(Ui::CatalogModel::SortRole);
            QVERIFY(downloads.toLongLong() >= 300);
        }
    }
};

QTEST_MAIN(TestCatalogModel)
#include "tst_catalogmodel.moc"
