// `modeldock-cli update | rollback | prune` on a repo whose hub commit changed.
#include "clirun.h"
#include "testhub.h"
#include "updates/snapshotmanager.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCliUpdate : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    QTemporaryDir m_dir;
    QString m_repo;

    QString cache() const { return m_dir.filePath(QStringLiteral("hub")); }
    using Run = Cli::Result;
    Run cli(const QStringList &arguments)
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(QStringLiteral("HF_HUB_CACHE"), cache());
        return Cli::run(QStringList{QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("data")),
                                    QStringLiteral("--hf-endpoint"), m_hub.hfUrl().toString(),
                                    QStringLiteral("--civitai-endpoint"), m_hub.civitaiUrl().toString()} +
                            arguments,
                        env);
    }
    QString ref() const
    {
        QFile file(cache() + QStringLiteral("/models--") +
                   QString(m_repo).replace(QLatin1Char('/'), QLatin1String("--")) + QStringLiteral("/refs/main"));
        return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()) : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The hub's mutations are deterministic: a scratch hub tells which repo the first
        // change will hit, so the test can download that repo before it changes.
        {
            TestHub scout;
            QVERIFY2(scout.start({QStringLiteral("--big-file-mb"), QStringLiteral("4")}),
                     qPrintable(scout.errorString()));
            m_repo = scout.mutateCatalog(0, 1, 0).value(QLatin1String("changed")).toArray().first().toString();
        }
        QVERIFY(!m_repo.isEmpty());
        QVERIFY2(m_hub.start({QStringLiteral("--big-file-mb"), QStringLiteral("4")}), qPrintable(m_hub.errorString()));
    }

    void updateFetchesOnlyWhatChangedThenRollbackAndPrune()
    {
        Run run = cli({QStringLiteral("download"), m_repo});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const QString oldCommit = ref();
        QCOMPARE(oldCommit.size(), 40);

        run = cli({QStringLiteral("update"), m_repo});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.all().contains(QLatin1String("up to date")), qPrintable(run.all()));

        const QJsonObject changed = m_hub.mutateCatalog(0, 1, 0);
        QCOMPARE(changed.value(QLatin1String("changed")).toArray().first().toString(), m_repo);
        QVERIFY(m_hub.reset());
        run = cli({QStringLiteral("--json"), QStringLiteral("update"), m_repo});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const QJsonObject result =
            QJsonDocument::fromJson(run.out.trimmed().split(QLatin1Char('\n')).last().toUtf8()).object();
        QVERIFY(result.value(QLatin1String("ok")).toBool());
        // One changed file and one new file; everything else is linked from existing blobs.
        QCOMPARE(result.value(QLatin1String("filesFetched")).toInt(), 2);
        QVERIFY(result.value(QLatin1String("filesReused")).toInt() >= 1);
        const QString newCommit = ref();
        QCOMPARE(result.value(QLatin1String("to")).toString(), newCommit);
        QVERIFY(newCommit != oldCommit);
        // Only the changed content travelled: no more file GETs than fetched files.
        int fileGets = 0;
        for (const QJsonValue &request : m_hub.requests()) {
            const QJsonObject r = request.toObject();
            const QString path = r.value(QLatin1String("path")).toString();
            fileGets += r.value(QLatin1String("method")).toString() == QLatin1String("GET") &&
                        (r.value(QLatin1String("origin")).toString() == QLatin1String("storage") ||
                         path.contains(QLatin1String("/resolve/"))) &&
                        r.value(QLatin1String("status")).toInt() / 100 == 2;
        }
        QCOMPARE(fileGets, 2);

        Updates::SnapshotManager snapshots(cache(), m_dir.filePath(QStringLiteral("scratch-history.json")));
        QVERIFY(snapshots.snapshot(m_repo, oldCommit).complete);
        QVERIFY(snapshots.snapshot(m_repo, newCommit).complete);

        run = cli({QStringLiteral("rollback"), m_repo});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QCOMPARE(ref(), oldCommit);
        QVERIFY(run.all().contains(oldCommit.left(8)));

        // The newer snapshot is no longer referenced: prune lists it and its own blobs, and
        // removes nothing without --yes.
        const QString newSnapshot = cache() + QStringLiteral("/models--") +
                                    QString(m_repo).replace(QLatin1Char('/'), QLatin1String("--")) +
                                    QStringLiteral("/snapshots/") + newCommit;
        run = cli({QStringLiteral("prune")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.all().contains(QStringLiteral("would remove ") + newSnapshot), qPrintable(run.all()));
        QVERIFY2(run.all().contains(QStringLiteral("run again with --yes")), qPrintable(run.all()));
        QVERIFY(QFileInfo::exists(newSnapshot));
        // What another tool put in the cache is not ModelDock's to remove: a repo of its own
        // (a snapshot pinned to a commit, without a ref, and a blob no snapshot links to), and
        // a pinned snapshot inside this very repo.
        const QString other = cache() + QStringLiteral("/models--someone--else");
        const QString pinned = other + QStringLiteral("/snapshots/") + QString(40, QLatin1Char('c'));
        const QString strayBlob = other + QStringLiteral("/blobs/") + QString(64, QLatin1Char('d'));
        const QString pinnedHere = QFileInfo(newSnapshot).path() + QLatin1Char('/') + QString(40, QLatin1Char('e'));
        QVERIFY(QDir().mkpath(pinned) && QDir().mkpath(QFileInfo(strayBlob).path()) && QDir().mkpath(pinnedHere));
        for (const QString &path : QStringList{strayBlob, pinned + QStringLiteral("/weights.bin")}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("someone else's bytes");
        }
        run = cli({QStringLiteral("--json"), QStringLiteral("prune"), QStringLiteral("--yes")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject pruned = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(pruned.value(QLatin1String("snapshotsRemoved")).toInt(), 1);
        QCOMPARE(pruned.value(QLatin1String("blobsRemoved")).toInt(), 2);
        QVERIFY(pruned.value(QLatin1String("bytesFreed")).toInteger() > 0);
        QVERIFY(snapshots.snapshot(m_repo, oldCommit).complete);
        QVERIFY(!QFileInfo::exists(newSnapshot));
        QVERIFY(QFileInfo::exists(pinned + QStringLiteral("/weights.bin")));
        QVERIFY(QFileInfo::exists(strayBlob));
        QVERIFY(QFileInfo::exists(pinnedHere));

        run = cli({QStringLiteral("rollback"), m_repo});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("no earlier version")), qPrintable(run.err));
        QCOMPARE(cli({QStringLiteral("update")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliUpdate)
#include "tst_cliupdate.moc"
