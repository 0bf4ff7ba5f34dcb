// Updates::ModelUpdater against the local test hub: the hub changes a model, the update
// downloads only what changed beside the version in force and switches in one step, and a
// reader that keeps resolving the model meanwhile never sees a mix or a missing file.
#include "library/storagelayout.h"
#include "updates/libraryversions.h"
#include "updates/modelupdater.h"
#include "updates/snapshotmanager.h"
#include "updatetesthelpers.h"

#include <QJsonDocument>
#include <QMutex>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <thread>

using namespace Updates;
using UpdateTest::Stack;

namespace {
struct Read
{
    QString version;               // the commit the ref named, or the version the sidecar named
    QMap<QString, QString> files;  // path -> sha256 as read right after
};
}  // namespace

class TestModelUpdater : public QObject
{
    Q_OBJECT
private:
    // Waits until a reader thread appended five more reads to `reads` (guarded by `mutex`).
    template <typename List> static bool readsMoreOf(QMutex &mutex, const List &reads)
    {
        const auto count = [&] {
            const QMutexLocker lock(&mutex);
            return reads.size();
        };
        const qsizetype from = count();
        return QTest::qWaitFor([&] { return count() >= from + 5; }, 10000);
    }
    QPair<QString, qint64> m_changed;  // what the hub's first change hits
    // One hub for the whole class: every `change` mutation hits the same repo and model again,
    // so each test downloads what the hub serves now, then changes it once more.
    std::unique_ptr<TestHub> m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;

    QString cache() const { return m_dir->filePath(QStringLiteral("hub")); }
    QString library() const { return m_dir->filePath(QStringLiteral("library")); }
    QString history() const { return m_dir->filePath(QStringLiteral("data/snapshot-history.json")); }

    UpdateResult runUpdate(ModelUpdater &updater, const QString &model)
    {
        UpdateResult result;
        bool done = false;
        updater.update(model, [&](const UpdateResult &r) {
            result = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 90000))
            result.error = QStringLiteral("the update did not finish");
        return result;
    }

    // The hub changes the model, and from now on serves bytes slowly enough that a reader
    // runs many times while the update downloads.
    void changeTheHubSlowly()
    {
        const QJsonObject changed = m_hub->mutateCatalog(0, 1, 0);
        QCOMPARE(changed.value(QLatin1String("changed")).toArray().first().toString(), m_changed.first);
        QVERIFY(m_hub->addScenario({{QStringLiteral("origin"), QStringLiteral("storage")},
                                    {QStringLiteral("fault"), QStringLiteral("slow")},
                                    {QStringLiteral("rate"), 192 * 1024}}) > 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_changed = UpdateTest::firstChanged();
        QVERIFY(!m_changed.first.isEmpty() && m_changed.second > 0);
        m_hub = std::make_unique<TestHub>();
        QVERIFY2(m_hub->start({QStringLiteral("--big-file-mb"), QStringLiteral("2")}),
                 qPrintable(m_hub->errorString()));
    }

    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void cleanup()
    {
        m_hub->reset();  // scenarios and the request log
        m_dir.reset();
    }

    void anHfUpdateAndRollbackShowAReaderTheOldOrTheNewVersionNeverAMix()
    {
        Stack stack(*m_hub);
        Plan::DownloadPlanner::Options options;
        options.hfCacheDir = cache();
        QVERIFY(stack.downloadAll(stack.plan(m_changed.first, options).files));
        const QString repo = cache() + QLatin1Char('/') + Library::StorageLayout::hfRepoFolderName(m_changed.first);
        const QString ref = repo + QStringLiteral("/refs/main");
        const QString oldCommit = UpdateTest::readSmall(ref);
        const QMap<QString, QString> oldFiles = UpdateTest::hashTree(repo + QStringLiteral("/snapshots/") + oldCommit);
        QVERIFY(!oldFiles.isEmpty());
        changeTheHubSlowly();

        // A program that loads the model through the ref, over and over.
        std::atomic<bool> stop{false};
        QMutex mutex;
        QList<Read> reads;
        std::thread reader([&] {
            while (!stop) {
                Read read;
                read.version = UpdateTest::readSmall(ref);
                read.files = UpdateTest::hashTree(repo + QStringLiteral("/snapshots/") + read.version);
                const QMutexLocker lock(&mutex);
                reads << read;
            }
        });
        // The reader looks a few more times at each state before the test moves on.
        const auto readsMore = [&] { return readsMoreOf(mutex, reads); };
        ModelUpdater updater(&stack.planner, &stack.pool, cache(), library(), history());
        const UpdateResult result = runUpdate(updater, m_changed.first);
        bool readOn = readsMore();
        const QString newCommit = result.toCommit;
        RollbackResult back;
        if (result.ok)
            back = updater.rollback(m_changed.first);
        readOn = readsMore() && readOn;
        stop = true;
        reader.join();
        QVERIFY2(readOn, "the reader stopped reading");

        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.fromCommit, oldCommit);
        QVERIFY(newCommit != oldCommit);
        // One changed file and one new one travelled; the rest was linked.
        QCOMPARE(result.filesFetched, 2);
        QVERIFY(result.filesReused >= 1);
        QVERIFY2(back.ok, qPrintable(back.error));
        QCOMPARE(back.toCommit, oldCommit);
        QCOMPARE(UpdateTest::readSmall(ref), oldCommit);
        const QMap<QString, QString> newFiles = UpdateTest::hashTree(repo + QStringLiteral("/snapshots/") + newCommit);
        QVERIFY(newFiles != oldFiles);

        int sawOld = 0;
        int sawNew = 0;
        QString last;
        int switches = 0;
        for (const Read &read : std::as_const(reads)) {
            if (read.version == oldCommit) {
                QVERIFY2(read.files == oldFiles, "a read of the old version was not entirely the old version");
                ++sawOld;
            } else if (read.version == newCommit) {
                QVERIFY2(read.files == newFiles, "a read of the new version was not entirely the new version");
                ++sawNew;
            } else {
                QFAIL(qPrintable(QStringLiteral("the ref named %1, neither version").arg(read.version)));
            }
            switches += !last.isEmpty() && last != read.version;
            last = read.version;
        }
        qInfo() << reads.size() << "reads:" << sawOld << "old," << sawNew << "new";
        QVERIFY(sawOld > 0 && sawNew > 0);
        QCOMPARE(switches, 2);  // old … new … old: the update, then the rollback
        QCOMPARE(last, oldCommit);
    }

    void anUpdateOfAPartlyDownloadedRepoFetchesOnlyThatPart()
    {
        Stack stack(*m_hub);
        Plan::DownloadPlanner::Options options;
        options.hfCacheDir = cache();
        options.includes << QStringLiteral("README.md");  // one file of many, like one quantization
        QVERIFY(stack.downloadAll(stack.plan(m_changed.first, options).files));
        m_hub->mutateCatalog(0, 1, 0);
        ModelUpdater updater(&stack.planner, &stack.pool, cache(), library(), history());
        const UpdateResult result = runUpdate(updater, m_changed.first);
        QVERIFY2(result.ok, qPrintable(result.error));
        // The changed weights and the new notes are not what the user had: not fetched.
        QCOMPARE(result.filesFetched, 0);
        QCOMPARE(result.filesReused, 1);
        QCOMPARE(result.files, QStringList{QStringLiteral("README.md")});
        QCOMPARE(SnapshotManager(cache(), history()).currentCommit(m_changed.first, QStringLiteral("main")),
                 result.toCommit);
    }

    void aCivitaiUpdateSwitchesTheFileInPlaceAtomicallyAndRollsBack()
    {
        Stack stack(*m_hub);
        const qint64 modelId = m_changed.second;
        const QString model = QStringLiteral("civitai:%1").arg(modelId);
        Plan::DownloadPlanner::Options options;
        options.libraryDir = library();
        QVERIFY(stack.downloadAll(stack.plan(model, options).files));
        LibraryVersions versions(library());
        const LibraryVersion before = versions.current(modelId);
        QVERIFY(before.isValid());
        const QString visible = QDir(library()).filePath(before.primary);
        const QString oldSha = Util::Sha256::hexOfFile(visible);
        changeTheHubSlowly();

        std::atomic<bool> stop{false};
        QMutex mutex;
        QStringList reads;
        std::thread reader([&] {
            while (!stop) {
                const QString sha = Util::Sha256::hexOfFile(visible);
                const QMutexLocker lock(&mutex);
                reads << (sha.isEmpty() ? QStringLiteral("missing") : sha);
            }
        });
        const auto readsMore = [&] { return readsMoreOf(mutex, reads); };
        ModelUpdater updater(&stack.planner, &stack.pool, cache(), library(), history());
        QVERIFY(!updater.canRollBack(model));
        const UpdateResult result = runUpdate(updater, model);
        bool readOn = readsMore();
        const QString newSha = Util::Sha256::hexOfFile(visible);
        const LibraryVersion after = versions.current(modelId);
        const bool couldRollBack = updater.canRollBack(model);
        const RollbackResult back = updater.rollback(model);
        readOn = readsMore() && readOn;
        stop = true;
        reader.join();
        QVERIFY2(readOn, "the reader stopped reading");

        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.fromCommit, QString::number(before.versionId));
        QVERIFY(result.toCommit.toLongLong() != before.versionId);
        QCOMPARE(after.versionId, result.toCommit.toLongLong());
        // Same name for programs; a different file behind it; the old one kept beside.
        QCOMPARE(after.primary, before.primary);
        QVERIFY(QFileInfo(visible).isSymLink());
        QVERIFY(newSha != oldSha);
        QVERIFY(versions.stored(modelId, before.versionId).isValid());
        QVERIFY(couldRollBack);
        QVERIFY2(back.ok, qPrintable(back.error));
        QCOMPARE(back.toCommit, QString::number(before.versionId));
        QCOMPARE(Util::Sha256::hexOfFile(visible), oldSha);
        QCOMPARE(versions.current(modelId).versionId, before.versionId);
        QVERIFY(!updater.canRollBack(model));

        int sawOld = 0;
        int sawNew = 0;
        for (const QString &read : std::as_const(reads)) {
            QVERIFY2(read == oldSha || read == newSha, qPrintable(QStringLiteral("a reader saw %1").arg(read)));
            sawOld += read == oldSha;
            sawNew += read == newSha;
        }
        QVERIFY(sawOld > 0 && sawNew > 0);

        // Updating again needs no download: the newer version is still kept.
        const UpdateResult again = runUpdate(updater, model);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.filesFetched, 0);
        QCOMPARE(Util::Sha256::hexOfFile(visible), newSha);
    }

    void theSidecarsFollowTheVersionInForce_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::newRow("in ModelDock's folders") << QStringLiteral("modeldock");
        // Two folders deep, with the A1111 card beside the file: found, and switched with it.
        QTest::newRow("in AUTOMATIC1111's folders, with its card") << QStringLiteral("a1111");
    }
    void theSidecarsFollowTheVersionInForce()
    {
        QFETCH(QString, layout);
        Stack stack(*m_hub);
        const qint64 modelId = m_changed.second;
        const QString model = QStringLiteral("civitai:%1").arg(modelId);
        Plan::DownloadPlanner::Options options;
        options.libraryDir = library();
        options.layout = Library::LibraryLayout::fromSettings(layout);
        const Plan::DownloadPlan plan = stack.plan(model, options);
        QVERIFY(stack.downloadAll(plan.files));
        const LibraryVersion before = LibraryVersions(library()).current(modelId);
        QVERIFY(before.isValid());
        QVERIFY2(before.primary.startsWith(
                     options.layout.folderFor(
                         plan.files.first().destination.sidecar.value(QLatin1String("modelType")).toString()) +
                     QLatin1Char('/')),
                 qPrintable(before.primary));
        QVERIFY(m_hub->mutateCatalog(0, 1, 0)
                    .value(QLatin1String("civitai"))
                    .toObject()
                    .value(QLatin1String("changed"))
                    .toArray()
                    .size() > 0);
        ModelUpdater updater(&stack.planner, &stack.pool, cache(), library(), history());
        updater.setLibraryLayout(options.layout);
        const UpdateResult result = runUpdate(updater, model);
        QVERIFY2(result.ok, qPrintable(result.error));
        auto beside = [&](const QString &suffix) {
            const QFileInfo primary(before.primary);
            QFile file(
                QDir(library()).filePath(primary.path() + QLatin1Char('/') + primary.completeBaseName() + suffix));
            return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
        };
        auto sidecar = [&] {
            QFile file(QDir(library()).filePath(before.sidecar));
            return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
        };
        QCOMPARE(sidecar().value(QLatin1String("versionId")).toInteger(), result.toCommit.toLongLong());
        QCOMPARE(sidecar().value(QLatin1String("fileName")).toString(), QFileInfo(before.primary).fileName());
        // What Civitai Helper and A1111 read describes the version in force too.
        QCOMPARE(beside(QStringLiteral(".civitai.info")).value(QLatin1String("id")).toInteger(),
                 result.toCommit.toLongLong());
        QCOMPARE(beside(QStringLiteral(".json")).isEmpty(), layout != QLatin1String("a1111"));
        // A plain download of the newest version now finds it in place: nothing to fetch.
        Download::FileRequest newest = stack.plan(model, options).files.first();
        newest.destination.relativePath = before.primary;
        QVERIFY(Library::StorageLayout::isPresent(newest.destination, newest.expectedSize));
        QVERIFY(updater.rollback(model).ok);
        QCOMPARE(sidecar().value(QLatin1String("versionId")).toInteger(), before.versionId);
        QCOMPARE(beside(QStringLiteral(".civitai.info")).value(QLatin1String("id")).toInteger(), before.versionId);
    }

    void namesThatAreNeitherFormAreRefused_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("a bare name") << QStringLiteral("llama");
        QTest::newRow("a civitai id that is not a number") << QStringLiteral("civitai:abc");
        QTest::newRow("a path that climbs out of the cache") << QStringLiteral("../etc");
        QTest::newRow("an empty branch") << QStringLiteral("org/model@");
    }
    void namesThatAreNeitherFormAreRefused()
    {
        QFETCH(QString, model);
        QString repo;
        QString revision;
        qint64 id = 0;
        QString error;
        QVERIFY(!ModelUpdater::parseModel(model, &repo, &revision, &id, &error));
        QVERIFY2(error.contains(model), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestModelUpdater)
#include "tst_modelupdater.moc"
