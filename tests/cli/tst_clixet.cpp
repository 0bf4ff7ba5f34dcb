// Hugging Face files stored in Xet, through the real modeldock-cli against the test hub, which
// chunks, compresses and deduplicates them as the Hub does and serves a CAS and xorb storage of
// their own: a download comes through the reconstruction (no byte from the plain storage
// route), a new revision with only its header changed fetches a sliver of the file and copies
// the rest from the old one, expired xorb links are refreshed, and every Xet failure falls
// back to the plain download. The files on disk are checked against the hub's SHA-256.
#include "clirun.h"
#include "testfiles.h"
#include "testhub.h"
#include "util/sha256.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliXet : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    const QString m_repo = u"modeldock-demo/Xet-GGUF"_s;
    const QString m_file = u"xet-tinystories.Q4_K_M.gguf"_s;

    QProcessEnvironment environment(const QStringList &extra = {}) const
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        const QString root = m_dir->path();
        env.insert(u"HOME"_s, root + u"/home"_s);
        env.insert(u"HF_HUB_CACHE"_s, root + u"/hub"_s);
        env.insert(u"MODELDOCK_DATA_DIR"_s, root + u"/data"_s);
        env.insert(u"HF_ENDPOINT"_s, m_hub.hfUrl().toString());
        for (const QString &assignment : extra)
            env.insert(assignment.section(u'=', 0, 0), assignment.section(u'=', 1));
        return env;
    }
    Cli::Result download(const QStringList &env = {})
    {
        return Cli::run({u"download"_s, m_repo, u"--include"_s, m_file}, environment(env));
    }
    QString blob(const QString &sha256) const
    {
        return m_dir->filePath(u"hub/models--modeldock-demo--Xet-GGUF/blobs/"_s + sha256);
    }
    // Requests (and body bytes) of one origin since the last reset, optionally only those
    // whose path contains `part`.
    int count(const QString &origin, const QString &part = {})
    {
        int n = 0;
        for (const QJsonValue &request : m_hub.requests(origin))
            n += request[u"path"_s].toString().contains(part) ? 1 : 0;
        return n;
    }
    qint64 bytesSent(const QString &origin)
    {
        qint64 total = 0;
        for (const QJsonValue &request : m_hub.requests(origin))
            total += request[u"bytes_sent"_s].toInteger();
        return total;
    }
    void checkBlob(const QJsonObject &info)
    {
        const QString sha = info[u"sha256"_s].toString();
        QCOMPARE(Util::Sha256::hexOf(TestFiles::readAll(blob(sha))), sha);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        QVERIFY2(m_hub.casUrl().isValid(), "the test hub runs without its Xet library (tests/hub/native)");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(m_hub.reset());
    }

    void aXetFileComesThroughItsReconstruction()
    {
        const QJsonObject info = m_hub.fileInfo(m_repo, m_file);
        QVERIFY2(!info[u"xetHash"_s].toString().isEmpty(), "the demo file should be Xet-backed");
        const Cli::Result run = download();
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        checkBlob(info);
        // The hub's read token, one reconstruction, xorb ranges; nothing from the plain route.
        QCOMPARE(count(u"hf"_s, u"/xet-read-token/"_s), 1);
        QVERIFY(count(u"cas"_s, u"/reconstructions/"_s) >= 1);
        QVERIFY(count(u"xorbs"_s) >= 1);
        QCOMPARE(count(u"storage"_s, info[u"sha256"_s].toString()), 0);
        QVERIFY2(run.err.contains(u"through Xet: fetched"_s), qPrintable(run.err));
        // The snapshot folder on stdout, as for any download.
        QVERIFY2(run.out.contains(u"/snapshots/"_s), qPrintable(run.out));
    }

    void aNewRevisionWithOnlyItsHeaderChangedFetchesAlmostNothing()
    {
        const Cli::Result first = download();
        QVERIFY2(first.exitCode == 0, qPrintable(first.all()));
        const QJsonObject before = m_hub.fileInfo(m_repo, m_file);
        const QJsonObject after = m_hub.xetUpdate(m_repo, m_file, u"header"_s);
        QVERIFY2(!after[u"sha256"_s].toString().isEmpty(), QJsonDocument(after).toJson().constData());
        QVERIFY(after[u"sha256"_s] != before[u"sha256"_s]);
        QVERIFY(m_hub.reset());

        const Cli::Result update = download();
        QVERIFY2(update.exitCode == 0, qPrintable(update.all()));
        checkBlob(after);
        checkBlob(before);  // the old revision's file is untouched
        const qint64 size = after[u"size"_s].toInteger();
        const qint64 fetched = bytesSent(u"xorbs"_s);
        qInfo("header update of a %lld-byte file: %lld xorb bytes fetched (%.2f %%)", size, fetched,
              100.0 * double(fetched) / double(size));
        QVERIFY2(fetched * 50 <= size, qPrintable(u"fetched %1 of %2"_s.arg(fetched).arg(size)));
        QVERIFY2(update.err.contains(u"reused"_s), qPrintable(update.err));
        QCOMPARE(count(u"storage"_s, after[u"sha256"_s].toString()), 0);
    }

    // `modeldock-cli update` says what the update will fetch before it starts: for a Xet file,
    // the xorb bytes of the chunks no file on disk holds.
    void anUpdateSaysWhatItWillFetchBeforeItStarts()
    {
        const Cli::Result first = download();
        QVERIFY2(first.exitCode == 0, qPrintable(first.all()));
        const QJsonObject after = m_hub.xetUpdate(m_repo, m_file, u"header"_s);
        QVERIFY(!after[u"sha256"_s].toString().isEmpty());
        QVERIFY(m_hub.reset());
        const Cli::Result update = Cli::run({u"--json"_s, u"update"_s, m_repo}, environment());
        QVERIFY2(update.exitCode == 0, qPrintable(update.all()));
        checkBlob(after);
        QJsonObject fetching;
        QJsonObject done;
        for (const QString &line : update.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
            if (event[u"event"_s] == u"fetching"_s)
                fetching = event;
            if (event[u"event"_s] == u"update"_s)
                done = event;
        }
        QVERIFY2(!fetching.isEmpty(), qPrintable(update.out));
        QVERIFY(done[u"ok"_s].toBool());
        const qint64 size = after[u"size"_s].toInteger();
        const qint64 estimated = fetching[u"bytesFetched"_s].toInteger();
        QVERIFY2(estimated > 0 && estimated * 50 <= size, qPrintable(QString::number(estimated)));
        QVERIFY(fetching[u"bytesReused"_s].toInteger() * 10 >= size * 9);
        // The estimate is what the download then fetched.
        QCOMPARE(bytesSent(u"xorbs"_s), estimated);

        // Said in words without --json, on stderr, before the result.
        QVERIFY(m_hub.xetUpdate(m_repo, m_file, u"header"_s).contains(u"sha256"_s));
        const Cli::Result words = Cli::run({u"update"_s, m_repo}, environment());
        QVERIFY2(words.exitCode == 0, qPrintable(words.all()));
        QVERIFY2(words.err.contains(u"has a newer version"_s) && words.err.contains(u"reusing"_s),
                 qPrintable(words.err));
    }

    void expiredXorbLinksAreRefreshed()
    {
        const QJsonObject info = m_hub.fileInfo(m_repo, m_file);
        QVERIFY(m_hub.addScenario({{u"origin"_s, u"xorbs"_s}, {u"fault"_s, u"expire_link"_s}, {u"count"_s, 2}}) > 0);
        const Cli::Result run = download();
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        checkBlob(info);
        QVERIFY(count(u"cas"_s, u"/reconstructions/"_s) >= 2);  // asked again for fresh links
        QCOMPARE(count(u"storage"_s, info[u"sha256"_s].toString()), 0);
    }

    // A process killed in the middle of a Xet download: the next run asks for a fresh
    // reconstruction and fetches only the terms not yet on disk (a term cut off is fetched
    // again whole: at most one xorb range, 64 MiB, twice).
    void aKilledXetDownloadFetchesOnlyWhatIsMissing()
    {
        TestHub big;  // a file of several xorbs
        QVERIFY2(big.start({u"--xet-file-mb"_s, u"160"_s}), qPrintable(big.errorString()));
        const QJsonObject info = big.fileInfo(m_repo, m_file);
        const qint64 size = info[u"size"_s].toInteger();
        QProcessEnvironment env = environment();
        env.insert(u"HF_ENDPOINT"_s, big.hfUrl().toString());
        auto xorbBytes = [&big] {
            qint64 total = 0;
            for (const QJsonValue &request : big.requests(u"xorbs"_s))
                total += request[u"bytes_sent"_s].toInteger();
            return total;
        };
        QVERIFY(big.addScenario({{u"origin"_s, u"xorbs"_s}, {u"fault"_s, u"slow"_s}, {u"rate"_s, 4 << 20}}) > 0);
        QProcess victim;
        victim.setProcessEnvironment(env);
        victim.start(Cli::binary(), {u"download"_s, m_repo, u"--include"_s, m_file});
        QVERIFY(victim.waitForStarted());
        QVERIFY(
            QTest::qWaitFor([&] { return xorbBytes() >= size / 2 || victim.state() == QProcess::NotRunning; }, 60000));
        QCOMPARE(victim.state(), QProcess::Running);
        victim.kill();  // SIGKILL: no chance to save anything more
        QVERIFY(victim.waitForFinished());
        const qint64 before = xorbBytes();
        QVERIFY(big.reset());

        const Cli::Result again = Cli::run({u"download"_s, m_repo, u"--include"_s, m_file}, env);
        QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
        const QString sha = info[u"sha256"_s].toString();
        QCOMPARE(Util::Sha256::hexOf(TestFiles::readAll(blob(sha))), sha);
        const qint64 after = xorbBytes();
        qInfo("killed after %lld xorb bytes of a %lld-byte file; the next run fetched %lld", before, size, after);
        QVERIFY2(before + after <= size + (64LL << 20), qPrintable(u"%1 + %2"_s.arg(before).arg(after)));
        QVERIFY2(after < size, "the next run started over");
    }

    void withXetTurnedOffTheFileComesThePlainWay_data()
    {
        QTest::addColumn<QStringList>("env");
        QTest::newRow("HF_HUB_DISABLE_XET=1") << QStringList{u"HF_HUB_DISABLE_XET=1"_s};
        QTest::newRow("the download.xet setting") << QStringList{};
    }

    void withXetTurnedOffTheFileComesThePlainWay()
    {
        QFETCH(QStringList, env);
        if (env.isEmpty()) {
            const Cli::Result set = Cli::run({u"settings"_s, u"set"_s, u"download.xet=false"_s}, environment());
            QVERIFY2(set.exitCode == 0, qPrintable(set.all()));
        }
        const QJsonObject info = m_hub.fileInfo(m_repo, m_file);
        const Cli::Result run = download(env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        checkBlob(info);
        QCOMPARE(count(u"cas"_s), 0);
        QVERIFY(count(u"storage"_s, info[u"sha256"_s].toString()) >= 1);
    }

    void anyXetFailureFallsBackToThePlainDownload_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::newRow("the CAS answers 500")
            << QJsonObject{{u"origin"_s, u"cas"_s}, {u"fault"_s, u"status"_s}, {u"status"_s, 500}, {u"count"_s, 50}};
        QTest::newRow("the read token is refused") << QJsonObject{{u"origin"_s, u"hf"_s},
                                                                  {u"path"_s, u"xet-read-token"_s},
                                                                  {u"fault"_s, u"status"_s},
                                                                  {u"status"_s, 503},
                                                                  {u"count"_s, 50}};
        QTest::newRow("xorb storage answers 404")
            << QJsonObject{{u"origin"_s, u"xorbs"_s}, {u"fault"_s, u"status"_s}, {u"status"_s, 404}, {u"count"_s, 50}};
        QTest::newRow("a xorb body is corrupt")
            << QJsonObject{{u"origin"_s, u"xorbs"_s}, {u"fault"_s, u"corrupt_byte"_s}, {u"count"_s, 50}};
    }

    void anyXetFailureFallsBackToThePlainDownload()
    {
        QFETCH(QJsonObject, fault);
        const QJsonObject info = m_hub.fileInfo(m_repo, m_file);
        QVERIFY(m_hub.addScenario(fault) > 0);
        const Cli::Result run = download();
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        checkBlob(info);
        QVERIFY(count(u"storage"_s, info[u"sha256"_s].toString()) >= 1);
    }
};

QTEST_GUILESS_MAIN(TestCliXet)
#include "tst_clixet.moc"
