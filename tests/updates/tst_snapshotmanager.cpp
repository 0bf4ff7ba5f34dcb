#include "updates/snapshotmanager.h"
#include "util/sha256.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using Updates::SnapshotManager;

namespace {
const QString kRepo = QStringLiteral("org/model");
const QString kOld = QStringLiteral("1111111111111111111111111111111111111111");
const QString kNew = QStringLiteral("2222222222222222222222222222222222222222");

struct Version
{
    QString commit;
    QMap<QString, QByteArray> files;  // path -> content
};
}  // namespace

class TestSnapshotManager : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString cache() const { return m_dir.filePath(QStringLiteral("hub")); }
    QString repo() const { return cache() + QStringLiteral("/models--org--model"); }

    // Lays a version out exactly as the Hugging Face cache does: content-addressed blobs and
    // relative symlinks from the snapshot.
    void install(const Version &version)
    {
        for (auto it = version.files.cbegin(); it != version.files.cend(); ++it) {
            const QString blobName = Util::Sha256::hexOf(it.value());
            const QString blob = repo() + QStringLiteral("/blobs/") + blobName;
            QDir().mkpath(QFileInfo(blob).absolutePath());
            if (!QFile::exists(blob)) {
                QFile file(blob);
                QVERIFY(file.open(QIODevice::WriteOnly));
                file.write(it.value());
            }
            const QString link = repo() + QStringLiteral("/snapshots/") + version.commit + QLatin1Char('/') + it.key();
            QDir().mkpath(QFileInfo(link).absolutePath());
            const int depth = int(it.key().count(QLatin1Char('/')));
            QString target =
                QStringLiteral("../../") + QStringLiteral("../").repeated(depth) + QStringLiteral("blobs/") + blobName;
            QVERIFY(QFile::link(target, link));
        }
    }
    void writeRef(const QString &commit)
    {
        QDir().mkpath(repo() + QStringLiteral("/refs"));
        QFile ref(repo() + QStringLiteral("/refs/main"));
        QVERIFY(ref.open(QIODevice::WriteOnly));
        ref.write(commit.toLatin1());
    }
    Version oldVersion() const
    {
        return {kOld,
                {{QStringLiteral("config.json"), QByteArray("{\"v\":1}")},
                 {QStringLiteral("model.gguf"), QByteArray(300000, 'a')},
                 {QStringLiteral("sub/tokenizer.json"), QByteArray("tok-shared")}}};
    }
    Version newVersion() const
    {
        return {kNew,
                {{QStringLiteral("config.json"), QByteArray("{\"v\":2}")},
                 {QStringLiteral("model.gguf"), QByteArray(300000, 'b')},
                 {QStringLiteral("sub/tokenizer.json"), QByteArray("tok-shared")},
                 {QStringLiteral("extra.txt"), QByteArray("new file")}}};
    }

private Q_SLOTS:
    void init()
    {
        QDir(cache()).removeRecursively();
        QFile::remove(m_dir.filePath(QStringLiteral("history.json")));
        install(oldVersion());
        writeRef(kOld);
    }

    void switchRequiresACompleteSnapshot()
    {
        SnapshotManager manager(cache(), m_dir.filePath(QStringLiteral("history.json")));
        Version partial = newVersion();
        install(partial);
        // A missing blob makes the new snapshot incomplete: the ref must not move.
        QFile::remove(repo() + QStringLiteral("/blobs/") +
                      Util::Sha256::hexOf(partial.files.value(QStringLiteral("extra.txt"))));
        QString error;
        QVERIFY(!manager.switchRef(kRepo, QStringLiteral("main"), kNew, &error));
        QVERIFY2(error.contains(QLatin1String("not complete")), qPrintable(error));
        QCOMPARE(manager.currentCommit(kRepo, QStringLiteral("main")), kOld);
    }

    void switchAndRollBack()
    {
        SnapshotManager manager(cache(), m_dir.filePath(QStringLiteral("history.json")));
        install(newVersion());
        QString error;
        QVERIFY2(manager.switchRef(kRepo, QStringLiteral("main"), kNew, &error), qPrintable(error));
        QCOMPARE(manager.currentCommit(kRepo, QStringLiteral("main")), kNew);
        QCOMPARE(manager.previousCommit(kRepo, QStringLiteral("main")), kOld);
        QString restored;
        QVERIFY2(manager.rollback(kRepo, QStringLiteral("main"), &error, &restored), qPrintable(error));
        QCOMPARE(restored, kOld);
        QCOMPARE(manager.currentCommit(kRepo, QStringLiteral("main")), kOld);
        QVERIFY(!manager.rollback(kRepo, QStringLiteral("main"), &error));
        QVERIFY2(error.contains(QLatin1String("no earlier version")), qPrintable(error));
    }

    void hostileNamesAreRefused()
    {
        SnapshotManager manager(cache(), m_dir.filePath(QStringLiteral("history.json")));
        QString error;
        QVERIFY(!manager.switchRef(QStringLiteral("../etc"), QStringLiteral("main"), kNew, &error));
        QVERIFY(!manager.switchRef(kRepo, QStringLiteral("../../x"), kNew, &error));
        QVERIFY(!manager.switchRef(kRepo, QStringLiteral("main"), QStringLiteral("not-a-commit"), &error));
        QVERIFY(manager.repoPath(QStringLiteral("a/../../b")).isEmpty());
    }

    void readersSeeEntirelyOldOrEntirelyNew()
    {
        SnapshotManager manager(cache(), m_dir.filePath(QStringLiteral("history.json")));
        install(newVersion());
        QMap<QString, QMap<QString, QString>> expected;  // commit -> path -> sha256
        for (const Version &v : {oldVersion(), newVersion()})
            for (auto it = v.files.cbegin(); it != v.files.cend(); ++it)
                expected[v.commit][it.key()] = Util::Sha256::hexOf(it.value());

        std::atomic<bool> stop{false};
        std::atomic<int> consistentReads{0};
        std::atomic<int> seenOld{0};
        std::atomic<int> seenNew{0};
        QStringList problems;
        // The reader does what another program does: resolve the ref, then read every file
        // of that snapshot.
        QThread *reader = QThread::create([&] {
            const QString repoDir = repo();
            while (!stop.load()) {
                QFile ref(repoDir + QStringLiteral("/refs/main"));
                if (!ref.open(QIODevice::ReadOnly)) {
                    problems << QStringLiteral("the ref could not be read");
                    return;
                }
                const QString commit = QString::fromLatin1(ref.readAll());
                if (!expected.contains(commit)) {
                    problems << QStringLiteral("the ref held \"%1\"").arg(commit);
                    return;
                }
                for (auto it = expected[commit].cbegin(); it != expected[commit].cend(); ++it) {
                    QString error;
                    const QString actual = Util::Sha256::hexOfFile(
                        repoDir + QStringLiteral("/snapshots/") + commit + QLatin1Char('/') + it.key(), &error);
                    if (actual != it.value()) {
                        problems << QStringLiteral("%1 at %2: %3")
                                        .arg(it.key(), commit.left(4), error.isEmpty() ? actual : error);
                        return;
                    }
                }
                ++consistentReads;
                (commit == kOld ? seenOld : seenNew)++;
            }
        });
        reader->start();
        QString error;
        for (int i = 0; i < 150; ++i) {
            QVERIFY2(manager.switchRef(kRepo, QStringLiteral("main"), kNew, &error), qPrintable(error));
            QThread::usleep(300);
            QVERIFY2(manager.rollback(kRepo, QStringLiteral("main"), &error), qPrintable(error));
            QThread::usleep(300);
        }
        stop = true;
        reader->wait();
        delete reader;
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(consistentReads > 20);
        QVERIFY2(seenOld > 0 && seenNew > 0, "the reader should have seen both versions");
    }

    void pruneRemovesUnreferencedSnapshotsAndBlobsAndSaysHowMuchItFreed()
    {
        SnapshotManager manager(cache(), m_dir.filePath(QStringLiteral("history.json")));
        install(newVersion());
        QString error;
        QVERIFY(manager.switchRef(kRepo, QStringLiteral("main"), kNew, &error));
        // A snapshot being filled by an update right now is protected.
        const Updates::PruneResult kept = manager.prune(kRepo, {kOld});
        QCOMPARE(kept.snapshotsRemoved, 0);
        QCOMPARE(kept.bytesFreed, 0);

        const Updates::PruneResult result = manager.prune(kRepo);
        QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.join(QLatin1Char('\n'))));
        QCOMPARE(result.snapshotsRemoved, 1);
        // Only the blobs the old version alone used: config v1 and model 'a'. The shared
        // tokenizer stays.
        QCOMPARE(result.blobsRemoved, 2);
        QCOMPARE(result.bytesFreed, qint64(QByteArray("{\"v\":1}").size() + 300000));
        QVERIFY(manager.snapshot(kRepo, kNew).complete);
        QVERIFY(!QFileInfo::exists(repo() + QStringLiteral("/snapshots/") + kOld));
        // The earlier version is gone, so rolling back says so.
        QVERIFY(!manager.rollback(kRepo, QStringLiteral("main"), &error));
        QVERIFY2(error.contains(QLatin1String("pruned")), qPrintable(error));
    }

    // A snapshot without a ref that ModelDock never switched away from is another tool's
    // (huggingface_hub pins a download to a commit that way): prune lists nothing and keeps it,
    // and a dry run removes nothing at all.
    void snapshotsModelDockDidNotReplaceAreNotPruned()
    {
        SnapshotManager manager(cache(), m_dir.filePath(QStringLiteral("history-foreign.json")));
        install(newVersion());  // kNew beside kOld, refs/main still at kOld, nothing switched
        const Updates::PruneResult foreign = manager.prune(kRepo);
        QCOMPARE(foreign.snapshotsRemoved, 0);
        QCOMPARE(foreign.blobsRemoved, 0);
        QVERIFY(manager.snapshot(kRepo, kNew).complete);
        QString error;
        QVERIFY(manager.switchRef(kRepo, QStringLiteral("main"), kNew, &error));
        const Updates::PruneResult dry = manager.prune(kRepo, {}, false);
        QCOMPARE(dry.snapshotsRemoved, 1);
        QCOMPARE(dry.snapshotPaths, QStringList{repo() + QStringLiteral("/snapshots/") + kOld});
        QVERIFY(manager.snapshot(kRepo, kOld).complete);  // only said, not done
        QVERIFY(manager.rollback(kRepo, QStringLiteral("main"), &error));
    }

    void partialDownloadsAreNotPruned()
    {
        SnapshotManager manager(cache(), m_dir.filePath(QStringLiteral("history.json")));
        const QString partial = repo() + QStringLiteral("/blobs/abc.modeldock.incomplete");
        QFile file(partial);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("half");
        file.close();
        manager.prune();
        QVERIFY(QFile::exists(partial));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotManager)
#include "tst_snapshotmanager.moc"
