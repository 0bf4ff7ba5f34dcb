// How one file's transfer survives the faults real hubs and CDNs produce, against the local
// test hub: cut connections, ignored ranges, corrupted bytes, 5xx, 429, stalls, a file that
// changes mid-download, and the errors that must fail at once.

#include "download/downloadpool.h"
#include "downloadtesthelpers.h"
#include "library/storagelayout.h"
#include "manualclock.h"
#include "net/session.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Download;
using namespace DownloadTest;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kTiny = QStringLiteral("modeldock-demo/TinyStories-GGUF");
const QString kQ8 = QStringLiteral("tinystories.Q8_0.gguf");  // 3 MiB
const QString kQ2 = QStringLiteral("tinystories.Q2_K.gguf");  // 1.5 MiB

// A real socket serving a 1000-byte file the way a broken server might: the first answer
// (200 with an ETag) breaks off after 100 bytes, every Range request gets a 206 carrying the
// Content-Range given, whatever was asked. For answers the test hub never gives.
class PartialServer : public QTcpServer
{
public:
    explicit PartialServer(QByteArray contentRange)
        : m_contentRange(std::move(contentRange))
    {
        for (int i = 0; i < 1000; ++i)
            m_body.append(char(i % 251));
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray request = socket->readAll();
                    if (!request.contains("\r\n\r\n"))
                        return;
                    const qsizetype at = request.indexOf("\r\nRange: ");
                    ranges.append(at < 0 ? QByteArray() : request.mid(at + 9).split('\r').first());
                    if (at < 0) {
                        socket->write("HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Length: 1000\r\n\r\n" +
                                      m_body.left(100));
                        socket->disconnectFromHost();
                        return;
                    }
                    const QList<QByteArray> parts = m_contentRange.mid(6).split('/').first().split('-');
                    const QByteArray part =
                        m_body.mid(parts.at(0).toInt(), parts.at(1).toInt() - parts.at(0).toInt() + 1);
                    socket->write("HTTP/1.1 206 Partial Content\r\nETag: \"v1\"\r\nContent-Range: " + m_contentRange +
                                  "\r\nContent-Length: " + QByteArray::number(part.size()) + "\r\n\r\n" + part);
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        listen(QHostAddress::LocalHost);
    }
    QByteArray body() const { return m_body; }
    QList<QByteArray> ranges;

private:
    QByteArray m_contentRange;
    QByteArray m_body;
};
}  // namespace

class TestDownloadTask : public QObject
{
    Q_OBJECT

private:
    TestHub m_hub;
    QScopedPointer<QTemporaryDir> m_dir;

    // Downloads one hub file with a fresh pool and returns its final snapshot.
    TaskSnapshot download(const FileRequest &request, const PoolOptions &options = fastOptions(), int timeoutMs = 30000)
    {
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = pool.createGroup(QStringLiteral("one file"));
        const TaskId id = pool.addTask(group, request);
        if (!waitForGroup(pool, group, timeoutMs))
            qWarning() << "group did not finish; task state" << taskStateName(pool.task(id).state);
        return pool.task(id);
    }

    // Files above 2 MiB may be split into up to four ranges.
    static PoolOptions rangedOptions()
    {
        PoolOptions options = fastOptions();
        options.segmentThreshold = 2 * 1024 * 1024;
        options.minSegmentSize = 1024 * 1024;
        options.maxSegments = 4;
        return options;
    }

    QString storagePathOf(const FileRequest &request) { return QStringLiteral("/lfs/") + request.expectedSha256; }

    // One file on a pool whose clock only the test moves.
    struct ClockedDownload
    {
        explicit ClockedDownload(const FileRequest &request, const PoolOptions &options = fastOptions())
            : pool(&session, options, nullptr, &clock)
            , group(pool.createGroup(QStringLiteral("one file")))
            , id(pool.addTask(group, request))
        {
        }
        TaskSnapshot snapshot() const { return pool.task(id); }

        ManualClock clock;
        Net::Session session;
        DownloadPool pool;
        GroupId group;
        TaskId id;
    };

    // Long enough for the pool to act on what the clock says: three of its ticks.
    static constexpr int kTicks = 3 * 250;

    // True when `holds` is still true after `ms` (asserting that nothing happens needs a wait).
    template <typename Predicate> static bool stillFor(int ms, Predicate holds)
    {
        QTest::qWait(ms);
        return holds();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
    }

    void init()
    {
        QVERIFY(m_hub.reset());
        m_dir.reset(new QTemporaryDir);
        QVERIFY(m_dir->isValid());
    }

    void aCutConnectionResumesWithRangeAndIfRange()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ8, m_dir->path());
        m_hub.addScenario({{u"origin"_s, u"storage"_s},
                           {u"path"_s, storagePathOf(request)},
                           {u"fault"_s, u"cut_after"_s},
                           {u"bytes"_s, 1024 * 1024},
                           {u"count"_s, 1}});
        const TaskSnapshot result = download(request);
        QCOMPARE(result.state, TaskState::Completed);
        QCOMPARE(sha256Of(result.finalPath), request.expectedSha256);

        const QJsonArray log = requestsFor(m_hub, QStringLiteral("storage"), storagePathOf(request));
        QCOMPARE(log.size(), 2);
        QVERIFY(header(log.at(0), "range").isEmpty());
        const QString range = header(log.at(1), "range");
        QVERIFY2(range.startsWith(QLatin1String("bytes=")) && !range.startsWith(QLatin1String("bytes=0-")),
                 qPrintable(range));
        QCOMPARE(header(log.at(1), "if-range"), QLatin1Char('"') + request.expectedSha256 + QLatin1Char('"'));
        QCOMPARE(log.at(1).toObject().value(QLatin1String("status")).toInt(), 206);
        // Only the missing part travelled again: the resumed request starts within what the first
        // answer sent (bytes still unread in the client when the connection broke are fetched once
        // more; on a loaded machine that is a few hundred KiB) and carries exactly the rest.
        const qint64 firstSent = qint64(log.at(0).toObject().value(QLatin1String("bytes_sent")).toDouble());
        const qint64 secondSent = qint64(log.at(1).toObject().value(QLatin1String("bytes_sent")).toDouble());
        const qint64 resumeAt = range.mid(6).section(QLatin1Char('-'), 0, 0).toLongLong();
        QVERIFY2(resumeAt > 0 && resumeAt <= firstSent, qPrintable(range));
        QCOMPARE(secondSent, request.expectedSize - resumeAt);
    }

    void aServerIgnoringRangeMakesTheTaskStartOver()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ8, m_dir->path());
        m_hub.addScenario({{u"origin"_s, u"storage"_s},
                           {u"path"_s, storagePathOf(request)},
                           {u"fault"_s, u"cut_after"_s},
                           {u"bytes"_s, 1024 * 1024},
                           {u"count"_s, 1}});
        m_hub.addScenario({{u"origin"_s, u"storage"_s},
                           {u"path"_s, storagePathOf(request)},
                           {u"fault"_s, u"ignore_range"_s},
                           {u"count"_s, 1}});
        const TaskSnapshot result = download(request);
        QCOMPARE(result.state, TaskState::Completed);
        QCOMPARE(result.bytesDone, request.expectedSize);
        QCOMPARE(sha256Of(result.finalPath), request.expectedSha256);
        const QJsonArray log = requestsFor(m_hub, QStringLiteral("storage"), storagePathOf(request));
        QCOMPARE(log.size(), 2);
        QVERIFY(!header(log.at(1), "range").isEmpty());
        QCOMPARE(log.at(1).toObject().value(QLatin1String("status")).toInt(), 200);
    }

    void aCorruptedTransferIsQuarantinedAndDownloadedOnceMore()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ2, m_dir->path());
        m_hub.addScenario({{u"origin"_s, u"storage"_s},
                           {u"path"_s, storagePathOf(request)},
                           {u"fault"_s, u"corrupt_byte"_s},
                           {u"offset"_s, 1000},
                           {u"count"_s, 1}});
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("verification failed")));
        const TaskSnapshot result = download(request);
        QCOMPARE(result.state, TaskState::Completed);
        QCOMPARE(sha256Of(result.finalPath), request.expectedSha256);
        QCOMPARE(requestsFor(m_hub, QStringLiteral("storage"), storagePathOf(request)).size(), 2);
        QVERIFY(
            !QFile::exists(Library::StorageLayout::partialPath(request.destination) + QStringLiteral(".quarantine")));
    }

    void aFileCorruptedTwiceFailsWithHashMismatch()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ2, m_dir->path());
        m_hub.addScenario({{u"origin"_s, u"storage"_s},
                           {u"path"_s, storagePathOf(request)},
                           {u"fault"_s, u"corrupt_byte"_s},
                           {u"offset"_s, 1000},
                           {u"count"_s, 2}});
        for (int i = 0; i < 2; ++i)
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("verification failed")));
        const TaskSnapshot result = download(request);
        QCOMPARE(result.state, TaskState::Failed);
        QCOMPARE(result.errorKind, Net::ErrorKind::HashMismatch);
        QVERIFY2(result.errorText.contains(QLatin1String("failed verification twice")), qPrintable(result.errorText));
        QVERIFY(!QFile::exists(Library::StorageLayout::finalPath(request.destination)));
        QVERIFY(
            QFile::exists(Library::StorageLayout::partialPath(request.destination) + QStringLiteral(".quarantine")));
    }

    // Backoff and stalls are timed by the pool's clock: here a manual one, so each test says
    // when time has passed and checks that nothing was retried before (no sleeps measured
    // against a loaded machine's scheduler).
    void serverErrorsAreRetriedWithBackoff()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ2, m_dir->path());
        m_hub.addScenario(
            {{u"origin"_s, u"hf"_s}, {u"path"_s, kQ2}, {u"fault"_s, u"status"_s}, {u"status"_s, 503}, {u"count"_s, 2}});
        ClockedDownload run(request);
        QTRY_COMPARE(run.snapshot().attempts, 1);
        // Backoff: the retry does not follow the failure until the clock says the wait is over.
        QVERIFY(stillFor(kTicks, [&] { return requestsFor(m_hub, u"hf"_s, kQ2).size() == 1; }));
        run.clock.advanceMs(fastOptions().backoffCap.count());
        QTRY_COMPARE(run.snapshot().attempts, 2);
        run.clock.advanceMs(fastOptions().backoffCap.count());
        QTRY_COMPARE_WITH_TIMEOUT(run.snapshot().state, TaskState::Completed, 10000);
        QCOMPARE(sha256Of(run.snapshot().finalPath), request.expectedSha256);
        const QJsonArray log = requestsFor(m_hub, QStringLiteral("hf"), kQ2);
        QCOMPARE(log.size(), 3);
        QCOMPARE(log.at(0).toObject().value(QLatin1String("status")).toInt(), 503);
        QCOMPARE(log.at(1).toObject().value(QLatin1String("status")).toInt(), 503);
        QCOMPARE(log.at(2).toObject().value(QLatin1String("status")).toInt(), 302);
    }

    void rateLimitingWaitsForRetryAfter()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ2, m_dir->path());
        m_hub.addScenario({{u"origin"_s, u"hf"_s},
                           {u"path"_s, kQ2},
                           {u"fault"_s, u"status"_s},
                           {u"status"_s, 429},
                           {u"retry_after"_s, 1},
                           {u"count"_s, 1}});
        ClockedDownload run(request);
        QTRY_COMPARE(run.snapshot().attempts, 1);
        // The pool's own backoff (≤ 1 s here, 100 ms first) is not enough: Retry-After says 1 s.
        run.clock.advanceMs(900);
        QVERIFY(stillFor(kTicks, [&] { return requestsFor(m_hub, u"hf"_s, kQ2).size() == 1; }));
        run.clock.advanceMs(100);
        QTRY_COMPARE_WITH_TIMEOUT(run.snapshot().state, TaskState::Completed, 10000);
        const QJsonArray log = requestsFor(m_hub, QStringLiteral("hf"), kQ2);
        QCOMPARE(log.size(), 2);
        QCOMPARE(log.at(0).toObject().value(QLatin1String("status")).toInt(), 429);
    }

    void aStalledTransferReconnectsAfterTheStallTimeout()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ8, m_dir->path());
        m_hub.addScenario({{u"origin"_s, u"storage"_s},
                           {u"path"_s, storagePathOf(request)},
                           {u"fault"_s, u"stall"_s},
                           {u"bytes"_s, 512 * 1024},
                           {u"seconds"_s, 30},
                           {u"count"_s, 1}});
        ClockedDownload run(request);
        QTRY_COMPARE_WITH_TIMEOUT(run.snapshot().bytesDone, 512 * 1024, 10000);
        // Silent, but not for the stall timeout yet: the connection is kept.
        run.clock.advanceMs(fastOptions().stallTimeout.count() - 100);
        const QString path = storagePathOf(request);
        QVERIFY(stillFor(kTicks, [&] { return requestsFor(m_hub, u"storage"_s, path).size() == 1; }));
        run.clock.advanceMs(100);
        // Dropped as stalled; the new connection follows the usual backoff.
        QTRY_COMPARE(run.snapshot().errorKind, Net::ErrorKind::Stalled);
        run.clock.advanceMs(fastOptions().backoffCap.count());
        QTRY_COMPARE_WITH_TIMEOUT(run.snapshot().state, TaskState::Completed, 10000);
        QCOMPARE(sha256Of(run.snapshot().finalPath), request.expectedSha256);
        const QJsonArray log = requestsFor(m_hub, QStringLiteral("storage"), path);
        QCOMPARE(log.size(), 2);
        QVERIFY(header(log.at(1), "range").startsWith(QLatin1String("bytes=524288-")));
    }

    // Decision: a file that changes on the hub mid-download is fetched again from byte 0 (If-Range
    // gives a 200), but its content no longer matches the SHA-256 the plan listed, so the task
    // fails with a sentence asking to refresh, instead of silently accepting unlisted bytes or
    // re-downloading in a loop.
    void aFileChangedOnTheHubFailsWithAClearSentence()
    {
        FileRequest request = hubFile(m_hub, kTiny, kQ8, m_dir->path());
        PoolOptions options = fastOptions();
        options.bandwidthLimit = 1024 * 1024;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = pool.createGroup(QStringLiteral("changing"));
        const TaskId id = pool.addTask(group, request);
        QTRY_VERIFY_WITH_TIMEOUT(pool.task(id).bytesDone > 256 * 1024, 10000);
        pool.pauseTask(id);
        QTRY_COMPARE(pool.task(id).state, TaskState::Paused);
        m_hub.addScenario({{u"origin"_s, u"storage"_s}, {u"fault"_s, u"change_content"_s}, {u"count"_s, 1}});
        pool.setBandwidthLimit(0);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("verification failed")));
        pool.resumeTask(id);
        QVERIFY(waitForGroup(pool, group, 20000));
        const TaskSnapshot result = pool.task(id);
        QCOMPARE(result.state, TaskState::Failed);
        QCOMPARE(result.errorKind, Net::ErrorKind::HashMismatch);
        QVERIFY2(result.errorText.contains(QLatin1String("changed on the hub")), qPrintable(result.errorText));
        const QJsonArray log = requestsFor(m_hub, QStringLiteral("storage"), storagePathOf(request));
        QVERIFY(log.size() >= 2);
        QVERIFY(!header(log.at(1), "if-range").isEmpty());
        QCOMPARE(log.at(1).toObject().value(QLatin1String("status")).toInt(), 200);
        QVERIFY(!QFile::exists(Library::StorageLayout::finalPath(request.destination)));
    }

    void errorsThatNeedTheUserFailAtOnce_data()
    {
        QTest::addColumn<QString>("origin");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("token");
        QTest::addColumn<Net::ErrorKind>("kind");
        QTest::addColumn<QString>("sentencePart");
        const QString gated = QStringLiteral("/modeldock-demo/gated-llm/resolve/main/model.safetensors");
        QTest::newRow("a gated repo without a token asks to log in and request access")
            << u"hf"_s << gated << QString() << Net::ErrorKind::GatedRepo << u"access"_s;
        QTest::newRow("a gated repo with an unapproved token asks to request access")
            << u"hf"_s << gated << u"hf_test_unapproved"_s << Net::ErrorKind::GatedRepo << u"access"_s;
        QTest::newRow("a file missing from the repo is not found")
            << u"hf"_s << u"/modeldock-demo/TinyStories-GGUF/resolve/main/missing.gguf"_s << QString()
            << Net::ErrorKind::NotFound << "";
        QTest::newRow("an archived Civitai model is gone")
            << u"civitai"_s << u"/api/download/models/420501"_s << QString() << Net::ErrorKind::Gone << u""_s;
        QTest::newRow("a Civitai early-access file is denied")
            << u"civitai"_s << u"/api/download/models/420301"_s << QString() << Net::ErrorKind::AccessDenied << u""_s;
        QTest::newRow("a Civitai file that needs a login asks for one")
            << u"civitai"_s << u"/api/download/models/420401"_s << QString() << Net::ErrorKind::Unauthorized << u""_s;
    }
    void errorsThatNeedTheUserFailAtOnce()
    {
        QFETCH(QString, origin);
        QFETCH(QString, path);
        QFETCH(QString, token);
        QFETCH(Net::ErrorKind, kind);
        QFETCH(QString, sentencePart);

        Net::Session session;
        DownloadPool pool(&session, fastOptions(), nullptr);
        QUrl url = origin == QLatin1String("hf") ? m_hub.hfUrl() : m_hub.civitaiUrl();
        if (!token.isEmpty())
            session.credentials().setToken(url, token);
        url.setPath(path);
        const GroupId group = pool.createGroup(QStringLiteral("mixed"));
        FileRequest bad;
        bad.url = url;
        bad.displayName = path.section(QLatin1Char('/'), -1);
        bad.destination.root = m_dir->path();
        bad.destination.relativePath = QStringLiteral("bad/") + bad.displayName;
        const TaskId badId = pool.addTask(group, bad);
        const TaskId goodId = pool.addTask(group, hubFile(m_hub, kTiny, kQ2, m_dir->path()));

        QElapsedTimer timer;
        timer.start();
        QVERIFY(waitForGroup(pool, group, 20000));
        const TaskSnapshot failed = pool.task(badId);
        QCOMPARE(failed.state, TaskState::Failed);
        QCOMPARE(failed.errorKind, kind);
        QVERIFY(!failed.errorText.isEmpty());
        QVERIFY2(failed.errorText.contains(sentencePart, Qt::CaseInsensitive), qPrintable(failed.errorText));
        QCOMPARE(failed.attempts, 0);
        QCOMPARE(requestsFor(m_hub, origin, path).size(), 1);  // no retry
        QCOMPARE(pool.task(goodId).state, TaskState::Completed);
        QCOMPARE(pool.group(group).failed, 1);
        QCOMPARE(pool.group(group).completed, 1);
    }

    void aFileAboveTheThresholdIsFetchedInSeveralRanges()
    {
        const QString big = QStringLiteral("tinystories.Q4_K_M.gguf");
        const FileRequest request = hubFile(m_hub, kTiny, big, m_dir->path(), Destination::Kind::HfCache);
        QVERIFY(request.expectedSize >= 8 * 1024 * 1024);
        PoolOptions options = rangedOptions();
        // Like a CDN, the storage caps each connection: ranges at once make it faster.
        m_hub.addScenario({{u"origin"_s, u"storage"_s},
                           {u"path"_s, storagePathOf(request)},
                           {u"fault"_s, u"slow"_s},
                           {u"rate"_s, 8 * 1024 * 1024}});
        const TaskSnapshot result = download(request, options);
        QCOMPARE(result.state, TaskState::Completed);
        QCOMPARE(sha256Of(result.finalPath), request.expectedSha256);
        const QJsonArray log = requestsFor(m_hub, QStringLiteral("storage"), storagePathOf(request));
        QSet<QString> ranges;
        for (const QJsonValue &r : log) {
            if (!header(r, "range").isEmpty()) {
                ranges.insert(header(r, "range"));
                QCOMPARE(header(r, "if-range"), QLatin1Char('"') + request.expectedSha256 + QLatin1Char('"'));
                QCOMPARE(r.toObject().value(QLatin1String("status")).toInt(), 206);
            }
        }
        QVERIFY2(ranges.size() >= 3, qPrintable(QStringList(ranges.values()).join(u' ')));
        // The HF cache layout: snapshot entry links to the blob named by its SHA-256.
        QVERIFY(QFileInfo(result.finalPath).isSymLink());
        QVERIFY(QFile::exists(Library::StorageLayout::hfBlobPath(request.destination)));
    }

    void rangesTakeTheFileInOrderOneChunkAtATime()
    {
        const QString big = QStringLiteral("tinystories.Q4_K_M.gguf");
        const FileRequest request = hubFile(m_hub, kTiny, big, m_dir->path(), Destination::Kind::HfCache);
        PoolOptions options = rangedOptions();
        options.minSegmentSize = 256 * 1024;
        options.minChunk = options.maxChunk = 512 * 1024;
        m_hub.addScenario({{u"origin"_s, u"storage"_s},
                           {u"path"_s, storagePathOf(request)},
                           {u"fault"_s, u"slow"_s},
                           {u"rate"_s, 4 * 1024 * 1024}});
        const TaskSnapshot result = download(request, options);
        QCOMPARE(result.state, TaskState::Completed);
        QCOMPARE(sha256Of(result.finalPath), request.expectedSha256);
        // In the order they reached the hub, ranged requests ask for one chunk each and move
        // forward through the file; only the last few (a slow range split again near the end)
        // may go back.
        QList<qint64> starts;
        for (const QJsonValue &r : requestsFor(m_hub, u"storage"_s, storagePathOf(request))) {
            const QString range = header(r, "range");
            if (range.isEmpty())
                continue;
            const qint64 from = range.mid(6).section(u'-', 0, 0).toLongLong();
            // The last range may leave its end open: it runs to the end of the file.
            const QString to = range.section(u'-', 1, 1);
            const qint64 last = to.isEmpty() ? request.expectedSize - 1 : to.toLongLong();
            QVERIFY2(last - from + 1 <= options.maxChunk + options.minSegmentSize, qPrintable(range));
            starts.append(from);
        }
        QVERIFY2(starts.size() >= request.expectedSize / (options.maxChunk + options.minSegmentSize),
                 qPrintable(u"%1 ranges"_s.arg(starts.size())));
        // Requests sent together may reach the hub in either order, but none goes back further
        // than the ranges that can be in flight at once.
        qint64 furthest = 0;
        for (qint64 from : std::as_const(starts)) {
            furthest = qMax(furthest, from);
            QVERIFY2(furthest - from <= options.maxSegments * (options.maxChunk + options.minSegmentSize),
                     qPrintable(u"a range at %1 after one at %2"_s.arg(from).arg(furthest)));
        }
    }

    void aPartialAnswerIsAcceptedOnlyWhenItIsExactlyThePartAskedFor_data()
    {
        QTest::addColumn<QByteArray>("contentRange");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("the rest of the file from where it broke off is accepted")
            << QByteArray("bytes 100-999/1000") << true;
        QTest::newRow("a part that ends early is refused") << QByteArray("bytes 100-199/1000") << false;
        QTest::newRow("a part of a file of another size is refused") << QByteArray("bytes 100-999/2000") << false;
    }
    void aPartialAnswerIsAcceptedOnlyWhenItIsExactlyThePartAskedFor()
    {
        QFETCH(QByteArray, contentRange);
        QFETCH(bool, accepted);
        PartialServer server(contentRange);
        FileRequest request;
        request.url = QUrl(u"http://127.0.0.1:%1/file.bin"_s.arg(server.serverPort()));
        request.displayName = u"file.bin"_s;  // no size, no hash: only the ranges protect it
        request.destination.root = m_dir->path();
        request.destination.relativePath = u"file.bin"_s;
        const TaskSnapshot result = download(request, fastOptions(), 10000);
        QVERIFY(server.ranges.size() >= 2);
        QCOMPARE(server.ranges.at(1), QByteArray("bytes=100-"));
        if (accepted) {
            QCOMPARE(result.state, TaskState::Completed);
            QFile file(result.finalPath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), server.body());
            return;
        }
        QCOMPARE(result.state, TaskState::Failed);
        QCOMPARE(result.errorKind, Net::ErrorKind::BadResponse);
        QVERIFY2(result.errorText.contains(u"wrong part"_s), qPrintable(result.errorText));
        QCOMPARE(server.ranges.size(), 2);  // no retry of a server that answers the wrong part
        QVERIFY(!QFile::exists(Library::StorageLayout::finalPath(request.destination)));
    }

    void aSha256ThatChangedOnTheHubFailsBeforeAnyByteIsFetched()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ8, m_dir->path());
        // The hub's next answer names the new file's SHA-256 in X-Linked-Etag.
        m_hub.addScenario(
            {{u"origin"_s, u"hf"_s}, {u"path"_s, kQ8}, {u"fault"_s, u"change_content"_s}, {u"count"_s, 1}});
        const TaskSnapshot result = download(request);
        QCOMPARE(result.state, TaskState::Failed);
        QCOMPARE(result.errorKind, Net::ErrorKind::HashMismatch);
        QVERIFY2(result.errorText.contains(u"different SHA-256"_s) && result.errorText.contains(u"Refresh the model"_s),
                 qPrintable(result.errorText));
        QCOMPARE(m_hub.requests(u"storage"_s).size(), 0);
    }

    void aSmallGitFileIsCheckedByItsGitBlobId_data()
    {
        QTest::addColumn<int>("corruptions");
        QTest::addColumn<TaskState>("state");
        QTest::newRow("one corrupted transfer is caught and downloaded again") << 1 << TaskState::Completed;
        QTest::newRow("two corrupted transfers fail with the git blob id named") << 2 << TaskState::Failed;
    }
    void aSmallGitFileIsCheckedByItsGitBlobId()
    {
        QFETCH(int, corruptions);
        QFETCH(TaskState, state);
        const QString path = u"config.json"_s;
        // As the planner asks for a file kept in git: no SHA-256, its git oid instead.
        FileRequest request = hubFile(m_hub, kTiny, path, m_dir->path(), Destination::Kind::HfCache);
        const QString sha256 = request.expectedSha256;
        request.expectedSha256.clear();
        request.expectedGitOid = request.destination.blobKey;
        QCOMPARE(request.expectedGitOid, m_hub.fileInfo(kTiny, path).value("oid"_L1).toString());
        m_hub.addScenario({{u"origin"_s, u"hf"_s},
                           {u"path"_s, path},
                           {u"fault"_s, u"corrupt_byte"_s},
                           {u"offset"_s, 10},
                           {u"count"_s, corruptions}});
        for (int i = 0; i < corruptions; ++i)
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"verification failed"_s));
        const TaskSnapshot result = download(request);
        QCOMPARE(result.state, state);
        QCOMPARE(requestsFor(m_hub, u"hf"_s, path).size(), 2);
        if (state == TaskState::Completed) {
            QCOMPARE(sha256Of(result.finalPath), sha256);
            return;
        }
        QCOMPARE(result.errorKind, Net::ErrorKind::HashMismatch);
        QVERIFY2(result.errorText.contains(u"git blob id"_s), qPrintable(result.errorText));
        QVERIFY(!QFile::exists(Library::StorageLayout::finalPath(request.destination)));
    }

    void rateLimitingWaitsForTheRateLimitHeader()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ2, m_dir->path());
        // No Retry-After: only the IETF RateLimit header says when ("t=1": the window resets in 1 s).
        m_hub.addScenario({{u"origin"_s, u"hf"_s},
                           {u"path"_s, kQ2},
                           {u"fault"_s, u"status"_s},
                           {u"status"_s, 429},
                           {u"ratelimit"_s, u"\"resolvers\";r=0;t=1"_s},
                           {u"count"_s, 1}});
        ClockedDownload run(request);
        QTRY_COMPARE(run.snapshot().attempts, 1);
        // The pool's own backoff is at most 1 s here; the header asks for t + 1 = 2 s.
        run.clock.advanceMs(1900);
        QVERIFY(stillFor(kTicks, [&] { return requestsFor(m_hub, u"hf"_s, kQ2).size() == 1; }));
        run.clock.advanceMs(100);
        QTRY_COMPARE_WITH_TIMEOUT(run.snapshot().state, TaskState::Completed, 10000);
        const QJsonArray log = requestsFor(m_hub, QStringLiteral("hf"), kQ2);
        QCOMPARE(log.size(), 2);
        QCOMPARE(log.at(0).toObject().value(QLatin1String("status")).toInt(), 429);
    }

    void aSlowRangeIsSplitAgainSoTheLastPartDoesNotCrawl()
    {
        const QString big = QStringLiteral("tinystories.Q4_K_M.gguf");
        const FileRequest request = hubFile(m_hub, kTiny, big, m_dir->path(), Destination::Kind::HfCache);
        PoolOptions options = rangedOptions();
        // The first connection (the one that becomes the first range) crawls at 1 MiB/s; alone
        // it would need a quarter of the file, many seconds.
        m_hub.addScenario({{u"origin"_s, u"storage"_s},
                           {u"path"_s, storagePathOf(request)},
                           {u"fault"_s, u"slow"_s},
                           {u"rate"_s, 1024 * 1024},
                           {u"count"_s, 1}});
        QElapsedTimer timer;
        timer.start();
        const TaskSnapshot result = download(request, options);
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(result.state, TaskState::Completed);
        QCOMPARE(sha256Of(result.finalPath), request.expectedSha256);
        const qint64 quarter = request.expectedSize / 4;
        QVERIFY2(
            elapsed < quarter / (1024 * 1024) * 1000 / 2,
            qPrintable(u"took %1 ms; the slow range alone needs %2 s"_s.arg(elapsed).arg(quarter / (1024 * 1024))));
        // Some range started inside the first quarter: the slow range was split again.
        bool splitAgain = false;
        for (const QJsonValue &r : requestsFor(m_hub, u"storage"_s, storagePathOf(request))) {
            const QString range = header(r, "range");
            const qint64 from = range.mid(6).section(u'-', 0, 0).toLongLong();
            splitAgain = splitAgain || (range.startsWith(u"bytes="_s) && from > 0 && from < quarter);
        }
        QVERIFY(splitAgain);
    }

    void aFileAlreadyPresentIsNotFetchedAgain()
    {
        const FileRequest request = hubFile(m_hub, kTiny, kQ2, m_dir->path(), Destination::Kind::HfCache);
        QCOMPARE(download(request).state, TaskState::Completed);
        QVERIFY(m_hub.reset());
        const TaskSnapshot again = download(request);
        QCOMPARE(again.state, TaskState::Completed);
        QCOMPARE(again.bytesDone, request.expectedSize);
        QCOMPARE(m_hub.requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDownloadTask)
#include "tst_downloadtask.moc"
