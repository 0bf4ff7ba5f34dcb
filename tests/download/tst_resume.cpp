// A download never starts over: pause and resume of a file taken in several ranges keeps every
// byte on disk; a restart from the journal resumes ranges of any shape; every failed attempt
// spends one retry budget, so servers that fail the same way forever are given up on; an
// expired storage link is replaced by a fresh one from the hub and the file resumes with Range.
// Real HTTP against the local test hub, with a large file (256 MiB) so ranges really are
// taken in order and some start past the end of the partial file.

#include "download/downloadpool.h"
#include "download/journal.h"
#include "downloadtesthelpers.h"
#include "library/bloblock.h"
#include "library/storagelayout.h"
#include "net/session.h"
#include "waits.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using namespace Download;
using namespace DownloadTest;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString kTiny = QStringLiteral("modeldock-demo/TinyStories-GGUF");
const QString kBig = QStringLiteral("tinystories.Q4_K_M.gguf");  // --big-file-mb
const QString kQ8 = QStringLiteral("tinystories.Q8_0.gguf");     // 3 MiB
constexpr qint64 kMiB = 1024 * 1024;
// 256 MiB in the suite; MODELDOCK_RESUME_FILE_MB=1024 measures the 1 GiB floor.
const int kBigMiB = qEnvironmentVariableIntValue("MODELDOCK_RESUME_FILE_MB") > 0
                        ? qEnvironmentVariableIntValue("MODELDOCK_RESUME_FILE_MB")
                        : 256;

// A server that breaks every answer off after 100 bytes of a 1000-byte file and refuses every
// Range request with 416: the loop a retry budget must end.
class CutThen416Server : public QTcpServer
{
public:
    CutThen416Server()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray request = socket->readAll();
                    if (!request.contains("\r\n\r\n"))
                        return;
                    ++requests;
                    if (request.contains("\r\nRange: ")) {
                        socket->write("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */1000\r\n"
                                      "Content-Length: 0\r\n\r\n");
                    } else {
                        socket->write("HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Length: 1000\r\n\r\n" +
                                      QByteArray(100, 'x'));
                    }
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        listen(QHostAddress::LocalHost);
    }
    int requests = 0;
};

// Whether this process has `path` open (Linux: the targets of /proc/self/fd).
bool holdsOpen(const QString &path)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    const QString file = canonical.isEmpty() ? QFileInfo(path).absoluteFilePath() : canonical;
    const QDir descriptors(QStringLiteral("/proc/self/fd"));
    for (const QString &fd : descriptors.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        if (QFileInfo(descriptors.filePath(fd)).symLinkTarget() == file)
            return true;
    }
    return false;
}

qint64 bytesSent(const QJsonArray &log)
{
    qint64 sum = 0;
    for (const QJsonValue &v : log)
        sum += qint64(v.toObject().value(QLatin1String("bytes_sent")).toDouble());
    return sum;
}

}  // namespace

class TestResume : public QObject
{
    Q_OBJECT

private:
    TestHub m_hub;
    QScopedPointer<QTemporaryDir> m_dir;

    // Ranges from 2 MiB files up, up to four at once, each asking for 16 MiB chunks in order.
    static PoolOptions rangedOptions()
    {
        PoolOptions options = fastOptions();
        options.segmentThreshold = 2 * kMiB;
        options.minSegmentSize = kMiB;
        options.maxSegments = 4;
        options.flushBytes = 2 * kMiB;
        return options;
    }

    // Fast retries: a loop the budget must end ends in well under a second.
    static PoolOptions loopOptions()
    {
        PoolOptions options = fastOptions();
        options.backoffBase = std::chrono::milliseconds(10);
        options.backoffCap = std::chrono::milliseconds(50);
        return options;
    }

    // One file in a pool of its own, until it settles.
    static TaskSnapshot downloadAlone(const FileRequest &request, const PoolOptions &options)
    {
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = pool.createGroup(QStringLiteral("one file"));
        const TaskId id = pool.addTask(group, request);
        if (!waitForGroup(pool, group, 90000))
            qWarning() << "the file did not settle:" << taskStateName(pool.task(id).state);
        return pool.task(id);
    }

    QString storagePath(const FileRequest &request) const { return QStringLiteral("/lfs/") + request.expectedSha256; }

    static bool waitFor(const std::function<bool()> &condition, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (!condition()) {
            if (timer.elapsed() > timeoutMs)
                return false;
            QTest::qWait(10);
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_hub.start({QStringLiteral("--big-file-mb"), QString::number(kBigMiB)}),
                 qPrintable(m_hub.errorString()));
    }

    void init()
    {
        QVERIFY(m_hub.reset());
        m_dir.reset(new QTemporaryDir);
        QVERIFY(m_dir->isValid());
    }

    void pauseAndResumeOfAFileInRangesRefetchesAlmostNothing()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kBig, m_dir->path());
        QCOMPARE(request.expectedSize, kBigMiB * kMiB);
        // Slow enough per connection that the ranges are in flight when the pause comes.
        m_hub.addScenario({{u"origin"_s, u"storage"_s}, {u"fault"_s, u"slow"_s}, {u"rate"_s, 24 * kMiB}});
        Net::Session session;
        DownloadPool pool(&session, rangedOptions(), nullptr);
        const GroupId group = pool.createGroup(u"big"_s);
        const TaskId id = pool.addTask(group, request);
        QVERIFY2(waitFor([&] { return pool.task(id).bytesDone >= kBigMiB * kMiB / 4; }, 120000),
                 qPrintable(taskStateName(pool.task(id).state)));
        pool.pauseTask(id);
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Paused, 10000);
        const qint64 before = pool.task(id).bytesDone;
        // Let the file close (the last sync closes it), as after a long pause.
        QTRY_VERIFY_WITH_TIMEOUT(!holdsOpen(Library::StorageLayout::partialPath(request.destination)), 10000);
        const qsizetype requestsBefore = requestsFor(m_hub, u"storage"_s, storagePath(request)).size();
        pool.resumeTask(id);
        QVERIFY(waitGroup(pool, group));
        const TaskSnapshot done = pool.task(id);
        QCOMPARE(done.state, TaskState::Completed);
        QCOMPARE(sha256Of(done.finalPath), request.expectedSha256);
        // The whole download, pause included, fetched at most 16 MiB twice (what was in flight
        // when the pause came: read buffers and socket buffers, dropped with the connections).
        const QJsonArray log = requestsFor(m_hub, u"storage"_s, storagePath(request));
        const qint64 refetched = bytesSent(log) - request.expectedSize;
        qInfo("paused at %lld bytes; the storage sent %lld bytes in all, %lld of them twice", before, bytesSent(log),
              refetched);
        QVERIFY2(refetched <= 16 * kMiB, qPrintable(QString::number(refetched)));
        for (qsizetype i = requestsBefore; i < log.size(); ++i)
            QVERIFY2(!header(log.at(i), "range").startsWith(u"bytes=0-"_s),
                     "a request after the resume started from byte 0");
    }

    void aRestartResumesRangesOfAnyShapeFromTheJournal()
    {
        // What kill -9 leaves while ranges are taken in order: the journal's last range not
        // started and beginning past the end of the partial file, which also has bytes past
        // what the journal counts (written, not yet synced).
        const FileRequest request = hubFile(m_hub, kTiny, kBig, m_dir->path());
        const QByteArray bytes = hubBytes(m_hub, request.url);
        QCOMPARE(qint64(bytes.size()), request.expectedSize);
        const QString partial = Library::StorageLayout::partialPath(request.destination);
        QVERIFY(QDir().mkpath(QFileInfo(partial).absolutePath()));
        QFile file(partial);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes.left(100 * kMiB));
        file.close();
        QVERIFY(m_hub.reset());  // count only what the resumed download fetches
        Journal journal(m_dir->filePath(u"journal.sqlite"_s));
        QVERIFY(journal.open());
        TaskRecord record;
        record.id = 1;
        record.group = 1;
        record.request = request;
        record.state = TaskState::Downloading;
        record.validator = QLatin1Char('"') + request.expectedSha256 + QLatin1Char('"');
        record.total = request.expectedSize;
        record.segments = {Segment{0, 64 * kMiB, 64 * kMiB}, Segment{64 * kMiB, 96 * kMiB, 128 * kMiB},
                           Segment{128 * kMiB, 128 * kMiB, request.expectedSize}};
        QVERIFY(journal.addGroup(1, u"restored"_s));
        QVERIFY(journal.saveTask(record));
        QVERIFY(journal.addMember(1, 1));
        {
            Net::Session session;
            DownloadPool pool(&session, rangedOptions(), &journal);
            pool.restoreFromJournal();
            QVERIFY(waitGroup(pool, 1));
            QCOMPARE(pool.task(1).state, TaskState::Completed);
            QCOMPARE(sha256Of(pool.task(1).finalPath), request.expectedSha256);
        }
        const QJsonArray log = requestsFor(m_hub, u"storage"_s, storagePath(request));
        const qint64 sent = bytesSent(log);
        qInfo("the journal counted %lld bytes; the storage sent %lld of the %lld left", 96 * kMiB, sent,
              request.expectedSize - 96 * kMiB);
        // Beyond the missing bytes only what was in flight when running ranges were split: a
        // few MiB, up to about 20 on a loaded 2-core machine (ctest -j2 with builds running);
        // the bug this guards against fetched the whole file again.
        QVERIFY2(sent <= request.expectedSize - 96 * kMiB + 32 * kMiB, qPrintable(QString::number(sent)));
        for (const QJsonValue &v : log)
            QVERIFY2(!header(v, "range").startsWith(u"bytes=0-"_s), qPrintable(header(v, "range")));
    }

    void aServerThatCutsThenRefusesRangesIsGivenUpOn()
    {
        CutThen416Server server;
        QVERIFY(server.isListening());
        FileRequest request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/file.bin").arg(server.serverPort()));
        request.expectedSize = 1000;
        request.displayName = u"file.bin"_s;
        request.destination.root = m_dir->path();
        request.destination.relativePath = u"file.bin"_s;
        const PoolOptions options = loopOptions();
        const TaskSnapshot result = downloadAlone(request, options);
        QCOMPARE(result.state, TaskState::Failed);
        QVERIFY2(result.errorText.startsWith(u"Gave up on file.bin after "_s), qPrintable(result.errorText));
        QVERIFY2(!result.errorText.contains(u"etrying"_s), qPrintable(result.errorText));
        // Each attempt is one cut answer and one 416: the budget bounds them.
        QVERIFY2(server.requests <= 2 * options.maxAttempts + 2, qPrintable(QString::number(server.requests)));
    }

    void aServerThatIgnoresRangeAndCutsIsGivenUpOn()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ8, m_dir->path());
        m_hub.addScenario({{u"origin"_s, u"storage"_s}, {u"fault"_s, u"ignore_range"_s}});
        m_hub.addScenario({{u"origin"_s, u"storage"_s}, {u"fault"_s, u"cut_after"_s}, {u"bytes"_s, 256 * 1024}});
        const PoolOptions options = loopOptions();
        const TaskSnapshot result = downloadAlone(request, options);
        QCOMPARE(result.state, TaskState::Failed);
        QVERIFY2(result.errorText.contains(u"Gave up"_s), qPrintable(result.errorText));
        const qint64 requests = requestsFor(m_hub, u"storage"_s, storagePath(request)).size();
        // One spent attempt per restart; a cut that lands further than any before refills the
        // budget once in a while, so allow twice the budget (a loop without one ran to 1,500).
        QVERIFY2(requests <= 2 * options.maxAttempts + 2, qPrintable(QString::number(requests)));
    }

    void anExpiredLinkIsReplacedAndTheFileResumes()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ8, m_dir->path());
        // The first storage answer breaks off after 1 MiB; the link then expires.
        m_hub.addScenario({{u"origin"_s, u"storage"_s},
                           {u"path"_s, storagePath(request)},
                           {u"fault"_s, u"cut_after"_s},
                           {u"bytes"_s, kMiB},
                           {u"count"_s, 1}});
        m_hub.addScenario({{u"origin"_s, u"storage"_s},
                           {u"path"_s, storagePath(request)},
                           {u"fault"_s, u"expire_link"_s},
                           {u"after"_s, 1},
                           {u"count"_s, 1}});
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), nullptr);
        const GroupId group = pool.createGroup(u"expiring"_s);
        const TaskId id = pool.addTask(group, request);
        QVERIFY(waitGroup(pool, group));
        const TaskSnapshot result = pool.task(id);
        QCOMPARE(result.state, TaskState::Completed);
        QCOMPARE(sha256Of(result.finalPath), request.expectedSha256);

        // hub → storage (cut) → storage again with the same link (expired) → hub for a fresh
        // link → storage with Range from where it stopped.
        QStringList sequence;
        const QString resolvePart = u"/resolve/"_s;
        for (const QJsonValue &v : m_hub.requests()) {
            const QJsonObject o = v.toObject();
            const QString path = o.value(QLatin1String("path")).toString();
            if (path.contains(kQ8) && path.contains(resolvePart))
                sequence << u"resolve"_s;
            else if (path.contains(storagePath(request)))
                sequence << u"storage %1%2"_s.arg(o.value(QLatin1String("status")).toInt())
                                .arg(header(v, "range").isEmpty() ? QString() : u" range"_s);
        }
        QCOMPARE(sequence, (QStringList{u"resolve"_s, u"storage 200"_s, u"storage 403 range"_s, u"resolve"_s,
                                        u"storage 206 range"_s}));
    }

    void aCivitaiLinkIsResolvedOnceForAllRangesOfAFile()
    {
        // The 3 MiB SDXL checkpoint of the demo's model 4202, taken in several ranges.
        const TestHub::Response version =
            m_hub.get(QUrl(m_hub.civitaiUrl().toString() + u"/api/v1/model-versions/420102"_s));
        QCOMPARE(version.status, 200);
        QJsonObject model;
        for (const QJsonValue &f : QJsonDocument::fromJson(version.body).object().value(u"files"_s).toArray()) {
            // The primary model file (3 MiB); the version also carries smaller fp8 and GGUF ones.
            if (f.toObject().value(u"type"_s).toString() == u"Model"_s && f.toObject().value(u"primary"_s).toBool())
                model = f.toObject();
        }
        QVERIFY(!model.isEmpty());
        FileRequest request;
        request.url = QUrl(model.value(u"downloadUrl"_s).toString());
        request.expectedSha256 = model.value(u"hashes"_s).toObject().value(u"SHA256"_s).toString().toLower();
        request.expectedSize = qint64(model.value(u"sizeKB"_s).toDouble() * 1024);
        request.displayName = model.value(u"name"_s).toString();
        request.destination.root = m_dir->path();
        request.destination.relativePath = request.displayName;
        QVERIFY(request.url.isValid());
        m_hub.addScenario({{u"origin"_s, u"storage"_s}, {u"fault"_s, u"slow"_s}, {u"rate"_s, kMiB}});
        PoolOptions options = rangedOptions();
        options.minChunk = kMiB;
        options.minSegmentSize = 512 * 1024;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = pool.createGroup(u"civitai"_s);
        const TaskId id = pool.addTask(group, request);
        QVERIFY(waitGroup(pool, group));
        QCOMPARE(pool.task(id).state, TaskState::Completed);
        QCOMPARE(sha256Of(pool.task(id).finalPath), request.expectedSha256);
        int resolves = 0;
        for (const QJsonValue &v : m_hub.requests(u"civitai"_s))
            resolves += v.toObject().value(u"path"_s).toString().startsWith(u"/api/download/models/"_s) ? 1 : 0;
        const qsizetype ranges = m_hub.requests(u"storage"_s).size();
        qInfo("%lld storage requests, %d download-link resolves", qint64(ranges), resolves);
        QVERIFY2(ranges >= 2, "the file was not taken in ranges");
        QCOMPARE(resolves, 1);
    }

    void aBlobLockedByAnotherProgramWaitsThenReusesIt()
    {
        FileRequest request = hubFile(m_hub, kTiny, kQ8, m_dir->filePath(u"hub"_s), Destination::Kind::HfCache);
        const QString lockPath = Library::BlobLock::lockPath(request.destination);
        QCOMPARE(lockPath, m_dir->filePath(u"hub/.locks/models--modeldock-demo--TinyStories-GGUF/"_s) +
                               request.expectedSha256 + u".lock"_s);
        // Another program (here: another lock holder in this process, as flock locks belong
        // to open file descriptions) holds the blob and then finishes it.
        Library::BlobLock other;
        QVERIFY(other.tryLock(lockPath));
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), nullptr);
        const GroupId group = pool.createGroup(u"shared"_s);
        const TaskId id = pool.addTask(group, request);
        QTRY_VERIFY_WITH_TIMEOUT(pool.task(id).errorText.contains(u"Another program"_s), 5000);
        QVERIFY(TestWait::holdsFor(300ms, [&] { return pool.task(id).bytesDone == 0; }));
        // The other program commits the blob and its snapshot entry, then lets go.
        const QByteArray bytes = hubBytes(m_hub, request.url);
        const QString partial = m_dir->filePath(u"other.part"_s);
        QFile file(partial);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        QString problem;
        QVERIFY2(Library::StorageLayout::commit(request.destination, partial, &problem), qPrintable(problem));
        m_hub.reset();
        other.unlock();
        QVERIFY(waitGroup(pool, group));
        QCOMPARE(pool.task(id).state, TaskState::Completed);
        QCOMPARE(sha256Of(pool.task(id).finalPath), request.expectedSha256);
        QCOMPARE(requestsFor(m_hub, u"storage"_s, storagePath(request)).size(), 0);
    }

private:
    static bool waitGroup(DownloadPool &pool, GroupId group) { return waitForGroup(pool, group, 90000); }
};

QTEST_GUILESS_MAIN(TestResume)
#include "tst_resume.moc"
