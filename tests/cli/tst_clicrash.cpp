// Crash tests of the real modeldock-cli: kill -9 (and SIGTERM) at random moments during a
// large multi-range download and during a 60-item pack, each followed by a re-run of the same
// command, until it finishes. Asserts what a user would check afterwards: every file verified
// in its place, nothing half-written where a finished file belongs, and how much was fetched
// again per kill. Also two processes with different data folders sharing one Hugging Face
// cache: the blob is fetched once and both succeed.
//
// The seed is printed; MODELDOCK_CRASH_SEED replays a run, MODELDOCK_CRASH_KILLS sets how many
// kills and MODELDOCK_CRASH_RATE_MB the per-connection rate (bench/crash/run.sh asks for 20
// kills at 2 MiB/s per connection, so that many fit in one download).

#include "testhub.h"
#include "util/sha256.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
const QString kTiny = QStringLiteral("modeldock-demo/TinyStories-GGUF");
const QString kBig = QStringLiteral("tinystories.Q4_K_M.gguf");

// Bytes per second each storage connection gets (a CDN's per-connection cap).
qint64 perConnectionRate()
{
    const int mib = qEnvironmentVariableIntValue("MODELDOCK_CRASH_RATE_MB");
    return (mib > 0 ? mib : 16) * kMiB;
}

int bigFileMiB()
{
    const int mib = qEnvironmentVariableIntValue("MODELDOCK_CRASH_FILE_MB");
    return mib > 0 ? mib : 1024;
}

}  // namespace

class TestCliCrash : public QObject
{
    Q_OBJECT

private:
    TestHub m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    quint32 m_seed = 0;
    QRandomGenerator m_random;

    static QString binary() { return qEnvironmentVariable("MODELDOCK_BIN_DIR") + QStringLiteral("/modeldock-cli"); }

    QProcessEnvironment environment(const QString &data, const QString &cache) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "CIVITAI_API_TOKEN", "HF_HOME", "HUGGINGFACE_HUB_CACHE"})
            env.remove(QLatin1String(name));
        env.insert(u"HF_HUB_CACHE"_s, cache);
        env.insert(u"MODELDOCK_DATA_DIR"_s, data);
        env.insert(u"MODELDOCK_LIBRARY"_s, m_dir->filePath(u"library"_s));
        env.insert(u"HF_ENDPOINT"_s, m_hub.hfUrl().toString());
        env.insert(u"MODELDOCK_CIVITAI_ENDPOINT"_s, m_hub.civitaiUrl().toString());
        return env;
    }
    QString cache() const { return m_dir->filePath(u"hub"_s); }
    QString data() const { return m_dir->filePath(u"data"_s); }

    // Starts the command and ends it with `signal` after `afterMs`; returns false when it
    // finished before that (nothing was killed).
    bool runAndKill(const QStringList &arguments, int afterMs, int signal)
    {
        QProcess process;
        process.setProcessEnvironment(environment(data(), cache()));
        process.start(binary(), arguments);
        if (!process.waitForStarted())
            return false;
        if (process.waitForFinished(afterMs))
            return false;
        ::kill(pid_t(process.processId()), signal);
        process.waitForFinished(10000);
        return true;
    }

    int runToEnd(const QStringList &arguments, QString *output, int timeoutMs = 240000)
    {
        QProcess process;
        process.setProcessEnvironment(environment(data(), cache()));
        process.start(binary(), arguments);
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
        }
        *output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

    qint64 storageBytes(const QString &pathPart)
    {
        qint64 sum = 0;
        for (const QJsonValue &v : m_hub.requests(u"storage"_s)) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("path")).toString().contains(pathPart))
                sum += qint64(o.value(QLatin1String("bytes_sent")).toDouble());
        }
        return sum;
    }

    void checkNoPartialInPlace(const QString &root)
    {
        QDirIterator it(root, {u"*.incomplete"_s, u"*.modeldock-link"_s}, QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        QVERIFY2(!it.hasNext(), qPrintable(u"left behind: "_s + (it.hasNext() ? it.next() : QString())));
    }

    int kills() const
    {
        const int n = qEnvironmentVariableIntValue("MODELDOCK_CRASH_KILLS");
        return n > 0 ? n : 5;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_seed = qEnvironmentVariableIsSet("MODELDOCK_CRASH_SEED")
                     ? quint32(qEnvironmentVariableIntValue("MODELDOCK_CRASH_SEED"))
                     : QRandomGenerator::global()->generate();
        m_random.seed(m_seed);
        qInfo("crash seed %u (MODELDOCK_CRASH_SEED=%u replays it)", m_seed, m_seed);
        QVERIFY2(m_hub.start({u"--big-file-mb"_s, QString::number(bigFileMiB())}), qPrintable(m_hub.errorString()));
    }

    void init()
    {
        QVERIFY(m_hub.reset());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void killNineDuringALargeMultiRangeDownloadRefetchesLittle_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("kill -9") << int(SIGKILL);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }
    void killNineDuringALargeMultiRangeDownloadRefetchesLittle()
    {
        QFETCH(int, signal);
        const QJsonObject info = m_hub.fileInfo(kTiny, kBig);
        const qint64 size = info.value(u"size"_s).toInteger();
        const QString sha = info.value(u"sha256"_s).toString();
        QCOMPARE(size, bigFileMiB() * kMiB);
        // A per-connection cap, as CDNs have: the file takes several ranges and several seconds.
        m_hub.addScenario({{u"origin"_s, u"storage"_s}, {u"fault"_s, u"slow"_s}, {u"rate"_s, perConnectionRate()}});
        const QStringList command{u"download"_s, kTiny, u"--include"_s, u"*Q4_K_M*"_s};
        // Baseline: one run without a kill. A range split while its request runs wastes what
        // was in flight past the split (socket buffers); that is not the crash's doing.
        QString output;
        QCOMPARE(runToEnd(command, &output), 0);
        const qint64 baseline = storageBytes(u"/lfs/"_s + sha) - size;
        QVERIFY(QDir(cache()).removeRecursively());
        QVERIFY(QDir(data()).removeRecursively());
        QVERIFY(m_hub.reset());
        m_hub.addScenario({{u"origin"_s, u"storage"_s}, {u"fault"_s, u"slow"_s}, {u"rate"_s, perConnectionRate()}});

        const int wanted = signal == SIGKILL ? kills() : 2;
        int killed = 0;
        QList<int> moments;
        for (int round = 0; killed < wanted && round < wanted * 3; ++round) {
            const int afterMs = 700 + int(m_random.bounded(2300));
            if (!runAndKill(command, afterMs, signal))
                break;  // it finished first
            ++killed;
            moments << afterMs;
        }
        QCOMPARE(runToEnd(command, &output), 0);
        const QString blob = cache() + u"/models--modeldock-demo--TinyStories-GGUF/blobs/"_s + sha;
        QCOMPARE(QFileInfo(blob).size(), size);
        QCOMPARE(Util::Sha256::hexOfFile(blob), sha);
        checkNoPartialInPlace(cache());
        const qint64 sent = storageBytes(u"/lfs/"_s + sha);
        const qint64 perKill = killed ? (sent - size - baseline) / killed : 0;
        QStringList at;
        for (int ms : std::as_const(moments))
            at << QString::number(ms);
        qInfo("%d kills (signal %d) at %s ms into each run: the storage sent %lld bytes for a %lld-byte file; "
              "a run without kills sent %lld extra; %.1f MiB fetched again per kill",
              killed, signal, qPrintable(at.join(u',')), sent, size, baseline, double(perKill) / kMiB);
        QVERIFY2(killed >= qMin(wanted, 2), "the download finished before it could be killed");
        // Floor from the issue: at most 64 MiB fetched again per kill.
        QVERIFY2(perKill <= 64 * kMiB, qPrintable(QString::number(perKill)));
    }

    void ctrlCStopsWithinASecondAndTheNextRunResumes_data()
    {
        QTest::addColumn<int>("afterMs");
        QTest::newRow("while it asks the hub for the file list") << 30;
        QTest::newRow("while it downloads") << 1500;
    }
    void ctrlCStopsWithinASecondAndTheNextRunResumes()
    {
        QFETCH(int, afterMs);
        m_hub.addScenario({{u"origin"_s, u"storage"_s}, {u"fault"_s, u"slow"_s}, {u"rate"_s, perConnectionRate()}});
        const QStringList command{u"download"_s, kTiny, u"--include"_s, u"*Q4_K_M*"_s};
        QProcess process;
        process.setProcessEnvironment(environment(data(), cache()));
        process.start(binary(), command);
        QVERIFY(process.waitForStarted());
        QVERIFY(!process.waitForFinished(afterMs));
        QElapsedTimer stopping;
        stopping.start();
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(5000));
        const qint64 took = stopping.elapsed();
        qInfo("Ctrl+C %d ms into the run: exit %d after %lld ms", afterMs, process.exitCode(), took);
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 130);
        QVERIFY2(took <= 1000, qPrintable(QString::number(took)));
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(u"Run the same command again to resume"_s));
        QString output;
        QCOMPARE(runToEnd(command, &output), 0);
        const QString sha = m_hub.fileInfo(kTiny, kBig).value(u"sha256"_s).toString();
        QCOMPARE(Util::Sha256::hexOfFile(cache() + u"/models--modeldock-demo--TinyStories-GGUF/blobs/"_s + sha), sha);
        checkNoPartialInPlace(cache());
    }

    void killNineDuringASixtyItemPackLosesNothing()
    {
        // Each file at 256 KiB/s per connection: the pack takes several seconds.
        m_hub.addScenario({{u"origin"_s, u"storage"_s}, {u"fault"_s, u"slow"_s}, {u"rate"_s, 256 * 1024}});
        const QStringList command{u"download"_s, u"civitai:4201"_s, u"--all-versions"_s};
        int killed = 0;
        for (int round = 0; killed < 3 && round < 9; ++round) {
            if (runAndKill(command, 800 + int(m_random.bounded(1500)), SIGKILL))
                ++killed;
            else
                break;
        }
        QString output;
        QCOMPARE(runToEnd(command, &output), 0);
        // Every version's file is in the library, verified against its sidecar's SHA-256.
        int files = 0;
        QDirIterator it(m_dir->filePath(u"library"_s), {u"*.safetensors"_s}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile sidecar(path.left(path.lastIndexOf(u'.')) + u".modeldock.json"_s);
            QVERIFY2(sidecar.open(QIODevice::ReadOnly), qPrintable(sidecar.fileName()));
            const QByteArray json = sidecar.readAll();
            QVERIFY2(json.toLower().contains(Util::Sha256::hexOfFile(path).toLatin1()), qPrintable(path));
            ++files;
        }
        qInfo("%d kills during the pack; %d files verified", killed, files);
        QCOMPARE(files, 60);
        checkNoPartialInPlace(m_dir->filePath(u"library"_s));
    }

    void everyCommandShutsDownInOrder()
    {
        // sync used to die of SIGSEGV after "Done" now and then: a worker thread ending during
        // static destruction. Each command runs repeatedly and must exit normally every time.
        const QList<QStringList> commands{{u"sync"_s},
                                          {u"search"_s, u"tiny"_s},
                                          {u"show"_s, kTiny},
                                          {u"sources"_s, u"list"_s},
                                          {u"settings"_s, u"get"_s},
                                          {u"download"_s, kTiny, u"--include"_s, u"*Q2_K*"_s},
                                          {u"library"_s, u"scan"_s},
                                          {u"prune"_s}};
        const int rounds = qMax(3, qEnvironmentVariableIntValue("MODELDOCK_EXIT_ROUNDS"));
        for (int round = 0; round < rounds; ++round) {
            for (const QStringList &command : commands) {
                QString output;
                const int code = runToEnd(command, &output, 60000);
                QVERIFY2(code == 0,
                         qPrintable(command.join(u' ') + u": exit "_s + QString::number(code) + u'\n' + output));
            }
            // The next round starts from nothing again: sync fetches the catalog, download the file.
            QVERIFY(QDir(data()).removeRecursively());
            QVERIFY(QDir(cache()).removeRecursively());
        }
    }

    void twoProcessesOnOneCacheFetchTheBlobOnce()
    {
        const QJsonObject info = m_hub.fileInfo(kTiny, kBig);
        const qint64 size = info.value(u"size"_s).toInteger();
        const QString sha = info.value(u"sha256"_s).toString();
        m_hub.addScenario({{u"origin"_s, u"storage"_s}, {u"fault"_s, u"slow"_s}, {u"rate"_s, 200 * kMiB}});
        const QStringList command{u"download"_s, kTiny, u"--include"_s, u"*Q4_K_M*"_s};
        QProcess first;
        QProcess second;
        first.setProcessEnvironment(environment(m_dir->filePath(u"data-a"_s), cache()));
        second.setProcessEnvironment(environment(m_dir->filePath(u"data-b"_s), cache()));
        first.start(binary(), command);
        second.start(binary(), command);
        QVERIFY(first.waitForFinished(240000));
        QVERIFY(second.waitForFinished(240000));
        QCOMPARE(first.exitCode(), 0);
        QCOMPARE(second.exitCode(), 0);
        const QString blob = cache() + u"/models--modeldock-demo--TinyStories-GGUF/blobs/"_s + sha;
        QCOMPARE(Util::Sha256::hexOfFile(blob), sha);
        QVERIFY(QFileInfo::exists(cache() + u"/.locks/models--modeldock-demo--TinyStories-GGUF/"_s + sha + u".lock"_s));
        checkNoPartialInPlace(cache());
        const qint64 sent = storageBytes(u"/lfs/"_s + sha);
        qInfo("two processes, one cache: the storage sent %lld bytes for a %lld-byte blob", sent, size);
        // Once, not twice: a second copy would double it (ranges split while running waste a
        // few percent of a fast local transfer, whoever runs them).
        QVERIFY2(sent < size + size / 4, qPrintable(QString::number(sent)));
    }
};

QTEST_GUILESS_MAIN(TestCliCrash)
#include "tst_clicrash.moc"
