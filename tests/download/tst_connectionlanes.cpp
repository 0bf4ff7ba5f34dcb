// More than Qt's six connections to one host: connection lanes. Unit rows for the lane
// bookkeeping and the lane names, then a real segmented download whose ranges overlap on the
// test hub's storage origin.

#include "download/connectionlanes.h"
#include "download/downloadpool.h"
#include "downloadtesthelpers.h"
#include "net/requestfactory.h"
#include "net/session.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Download;
using namespace DownloadTest;

class TestConnectionLanes : public QObject
{
    Q_OBJECT

private:
    TestHub m_hub;

    // The largest number of storage requests for `path` that were in flight at one moment.
    int peakOverlap(const QString &path)
    {
        QList<std::pair<double, int>> events;
        for (const QJsonValue &v : requestsFor(m_hub, QStringLiteral("storage"), path)) {
            const QJsonObject r = v.toObject();
            events.append({r.value(QLatin1String("t")).toDouble(), +1});
            events.append({r.value(QLatin1String("t_done")).toDouble(), -1});
        }
        std::sort(events.begin(), events.end());  // an end before a start at the same instant
        int open = 0;
        int peak = 0;
        for (const auto &e : events) {
            open += e.second;
            peak = qMax(peak, open);
        }
        return peak;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString())); }

    void connectionsSpreadOverLanesOfAtMostSix()
    {
        ConnectionLanes lanes(14);
        const QUrl url(QStringLiteral("https://cdn.example.org/file"));
        QList<int> taken;
        while (lanes.hasRoom(url))
            taken.append(lanes.acquire(url));
        QCOMPARE(taken.size(), 14);
        QCOMPARE(lanes.openCount(url), 14);
        for (int lane = 0; lane < 3; ++lane)
            QVERIFY(taken.count(lane) <= ConnectionLanes::kConnectionsPerLane);
        // Another host has its own count; a released connection makes room again.
        QVERIFY(lanes.hasRoom(QUrl(QStringLiteral("https://huggingface.co/x"))));
        lanes.release(url, taken.first());
        QVERIFY(lanes.hasRoom(url));
    }

    void aHostThatCannotCarryLanesKeepsToSix()
    {
        // An IP address over https has no other spelling that verifies the same.
        ConnectionLanes lanes(16);
        const QUrl url(QStringLiteral("https://10.1.2.3/file"));
        int opened = 0;
        while (lanes.hasRoom(url)) {
            QCOMPARE(lanes.acquire(url), 0);
            ++opened;
        }
        QCOMPARE(opened, ConnectionLanes::kConnectionsPerLane);
    }

    void laneNamesAreTheHostInAnotherCase()
    {
        QNetworkRequest request(QUrl(QStringLiteral("https://huggingface.co/a/resolve/main/b")));
        Net::RequestFactory::applyConnectionLane(request, 0);
        QVERIFY(request.peerVerifyName().isEmpty());
        Net::RequestFactory::applyConnectionLane(request, 3);
        QCOMPARE(request.peerVerifyName(), QStringLiteral("HUggingface.co"));
        QCOMPARE(request.peerVerifyName().toLower(), request.url().host());
        QCOMPARE(Net::RequestFactory::connectionLanes(QUrl(QStringLiteral("https://10.1.2.3/"))), 1);
        QVERIFY(Net::RequestFactory::connectionLanes(QUrl(QStringLiteral("http://127.0.0.1:8080/"))) > 1);
    }

    void aSegmentedFileUsesMoreThanSixConnectionsToOneHost()
    {
        QVERIFY(m_hub.reset());
        QTemporaryDir dir;
        const FileRequest request =
            hubFile(m_hub, QStringLiteral("modeldock-demo/TinyStories-GGUF"), QStringLiteral("tinystories.Q4_K_M.gguf"),
                    dir.path(), Destination::Kind::HfCache);
        // Like a CDN that caps each connection: only parallel connections make it faster.
        QVERIFY(m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("storage")},
                                              {QStringLiteral("fault"), QStringLiteral("slow")},
                                              {QStringLiteral("rate"), 2 * 1024 * 1024}}) >= 0);
        PoolOptions options = fastOptions();
        options.segmentThreshold = 2 * 1024 * 1024;
        options.minSegmentSize = 256 * 1024;
        options.maxSegments = 8;
        options.maxConnectionsPerHost = 8;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = pool.createGroup(QStringLiteral("lanes"));
        const TaskId id = pool.addTask(group, request);
        QVERIFY(waitForGroup(pool, group, 60000));
        QCOMPARE(pool.task(id).state, TaskState::Completed);
        QCOMPARE(sha256Of(pool.task(id).finalPath), request.expectedSha256);
        const int peak = peakOverlap(QStringLiteral("/lfs/") + request.expectedSha256);
        // (No upper bound from the server's side: a range the client shortened is abandoned at
        // once, but the throttled server notices only at its next write.)
        QVERIFY2(peak > ConnectionLanes::kConnectionsPerLane,
                 qPrintable(QStringLiteral("peak of %1 parallel requests").arg(peak)));
    }
};

QTEST_GUILESS_MAIN(TestConnectionLanes)
#include "tst_connectionlanes.moc"
