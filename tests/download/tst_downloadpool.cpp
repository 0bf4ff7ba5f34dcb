// The pool as a user drives it: groups of many files, limits, queue order, the bandwidth cap,
// batched notifications, free-space checks and group-wide actions, against the local test hub.

#include "download/downloadpool.h"
#include "downloadtesthelpers.h"
#include "library/storagelayout.h"
#include "net/session.h"
#include "scopedtmpfs.h"
#include "waits.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace std::chrono_literals;
using namespace Download;
using namespace DownloadTest;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString kTiny = u"modeldock-demo/TinyStories-GGUF"_s;
const QString kBig = u"tinystories.Q4_K_M.gguf"_s;  // --big-file-mb below
constexpr int kBigMiB = 48;

QString loraRepo(int k)
{
    return u"lora-pack/style-lora-%1"_s.arg(k, 3, 10, QLatin1Char('0'));
}
QString loraFile(int k)
{
    return u"style-lora-%1.safetensors"_s.arg(k, 3, 10, QLatin1Char('0'));
}

// Most transfers that overlapped in time, from the hub's log of one origin.
int maxOverlap(const QJsonArray &log)
{
    QList<QPair<double, int>> events;
    for (const QJsonValue &v : log) {
        const QJsonObject r = v.toObject();
        events.append({r.value("t"_L1).toDouble(), +1});
        events.append({r.value("t_done"_L1).toDouble(), -1});
    }
    std::sort(events.begin(), events.end());
    int now = 0, most = 0;
    for (const auto &e : events)
        most = qMax(most, now += e.second);
    return most;
}

qint64 peakRssBytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_maxrss) * 1024;
}

}  // namespace

class TestDownloadPool : public QObject
{
    Q_OBJECT

private:
    TestHub m_hub;
    QScopedPointer<QTemporaryDir> m_dir;

    // Four files of a few MiB from the hub's own host: two TinyStories quantizations and two
    // branches of cortexso/llama3.2.
    QList<FileRequest> fourFilesOfOneHost()
    {
        QList<FileRequest> requests;
        for (const QString &path : {u"tinystories.Q2_K.gguf"_s, u"tinystories.Q8_0.gguf"_s})
            requests.append(hubFile(m_hub, kTiny, path, m_dir->path()));
        for (const QString &branch : {u"1b-gguf-q4-km"_s, u"1b-gguf-q8-0"_s}) {
            FileRequest r = hubFile(m_hub, u"cortexso/llama3.2"_s, u"model.gguf"_s, m_dir->path());
            const QJsonObject info = m_hub.fileInfo(u"cortexso/llama3.2"_s, u"model.gguf"_s, branch);
            r.url =
                resolveUrl(m_hub.hfUrl(), u"cortexso/llama3.2"_s, info.value("commit"_L1).toString(), u"model.gguf"_s);
            r.expectedSha256 = info.value("sha256"_L1).toString();
            r.expectedSize = qint64(info.value("size"_L1).toDouble());
            r.destination.relativePath = branch + u"/model.gguf"_s;
            requests.append(r);
        }
        return requests;
    }

    GroupId addLoras(DownloadPool &pool, int first, int count, QList<FileRequest> *requests = nullptr)
    {
        // Ask the hub first: its admin calls spin an event loop, which would start the pool.
        QList<FileRequest> list;
        for (int k = first; k < first + count; ++k)
            list.append(hubFile(m_hub, loraRepo(k), loraFile(k), m_dir->path(), Destination::Kind::HfCache));
        const GroupId group = pool.createGroup(u"LoRA pack"_s);
        for (const FileRequest &r : std::as_const(list))
            pool.addTask(group, r);
        if (requests)
            *requests = list;
        return group;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_hub.start({u"--big-file-mb"_s, QString::number(kBigMiB)}), qPrintable(m_hub.errorString()));
    }

    void init()
    {
        QVERIFY(m_hub.reset());
        m_dir.reset(new QTemporaryDir);
        QVERIFY(m_dir->isValid());
    }

    void memoryDoesNotGrowWithFileSize()
    {
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("AddressSanitizer keeps freed memory in quarantine: peak RSS says nothing here");
#endif
        // Peak RSS only ever grows, so the small file goes first: whatever the machinery costs
        // is paid there, and the big file may add only what does not depend on its size.
        auto download = [this](const QString &path) {
            const FileRequest request = hubFile(m_hub, kTiny, path, m_dir->path());
            const qint64 before = peakRssBytes();
            Net::Session session;
            DownloadPool pool(&session, fastOptions(), nullptr);
            const GroupId group = pool.createGroup(path);
            const TaskId id = pool.addTask(group, request);
            if (!waitForGroup(pool, group, 30000) || pool.task(id).state != TaskState::Completed)
                return std::pair<qint64, qint64>(-1, request.expectedSize);
            return std::pair<qint64, qint64>(peakRssBytes() - before, request.expectedSize);
        };
        const auto [smallGrowth, smallSize] = download(u"tinystories.Q8_0.gguf"_s);
        const auto [bigGrowth, bigSize] = download(kBig);
        QVERIFY(smallGrowth >= 0 && bigGrowth >= 0);
        QVERIFY(bigSize >= 10 * smallSize);
        // The big file is 16 times the small one; its download may cost at most a few MiB more.
        QVERIFY2(bigGrowth < 8 * 1024 * 1024,
                 qPrintable(u"peak RSS grew by %1 for a %2 file after %3 for a %4 one"_s.arg(
                     formatBytes(bigGrowth), formatBytes(bigSize), formatBytes(smallGrowth), formatBytes(smallSize))));
    }

    void aSixtyFileGroupCompletesVerifiedWithBatchedNotifications()
    {
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), nullptr);
        QSignalSpy changes(&pool, &DownloadPool::tasksChanged);
        QSignalSpy groupDone(&pool, &DownloadPool::groupFinished);
        QList<FileRequest> requests;
        QElapsedTimer timer;
        const GroupId group = addLoras(pool, 1, 60, &requests);
        timer.start();
        QVERIFY(waitForGroup(pool, group, 40000));
        const qint64 elapsed = timer.elapsed();
        const GroupSnapshot g = pool.group(group);
        QCOMPARE(g.total, 60);
        QCOMPARE(g.completed, 60);
        QCOMPARE(g.summary(), u"60/60 done"_s);
        for (const FileRequest &r : std::as_const(requests))
            QCOMPARE(sha256Of(Library::StorageLayout::finalPath(r.destination)), r.expectedSha256);
        QTRY_COMPARE(groupDone.size(), 1);
        QCOMPARE(groupDone.at(0).at(0).value<GroupId>(), group);
        // One batch per notify tick, never one signal per file or per read.
        QVERIFY2(changes.size() <= 5 * (elapsed / 1000 + 2),
                 qPrintable(u"%1 tasksChanged in %2 ms"_s.arg(changes.size()).arg(elapsed)));
    }

    void tasksChangedComesAtMostFiveTimesASecondDuringAFastDownload()
    {
        PoolOptions options = fastOptions();
        options.bandwidthLimit = 16 * 1024 * 1024;  // about 3 s for the big file
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        QSignalSpy changes(&pool, &DownloadPool::tasksChanged);
        const GroupId group = pool.createGroup(u"big"_s);
        pool.addTask(group, hubFile(m_hub, kTiny, kBig, m_dir->path()));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(waitForGroup(pool, group, 30000));
        const double perSecond = changes.size() * 1000.0 / qMax<qint64>(1, timer.elapsed());
        QVERIFY2(changes.size() >= 3 && perSecond <= 5.0, qPrintable(QString::number(perSecond)));
    }

    void neverMoreTransfersThanTheActiveLimit()
    {
        PoolOptions options = fastOptions();
        options.maxActive = 2;
        options.maxPerHost = 6;
        options.bandwidthLimit = 2 * 1024 * 1024;  // transfers must overlap to prove anything
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = addLoras(pool, 1, 8);
        int most = 0;
        while (!pool.group(group).isFinished()) {
            int active = 0;
            for (TaskId id : pool.tasks(group)) {
                const TaskState s = pool.task(id).state;
                active += (s == TaskState::Connecting || s == TaskState::Downloading) ? 1 : 0;
            }
            most = qMax(most, active);
            QTest::qWait(10);
        }
        QCOMPARE(pool.group(group).completed, 8);
        QCOMPARE(most, 2);
        QVERIFY(maxOverlap(m_hub.requests(u"storage"_s)) <= 2);
    }

    void onePerHostStillLetsOtherHostsRun()
    {
        PoolOptions options = fastOptions();
        options.maxActive = 4;
        options.maxPerHost = 1;
        options.bandwidthLimit = 2 * 1024 * 1024;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = addLoras(pool, 1, 3);
        QUrl civitai = m_hub.civitaiUrl();
        for (int v : {420060, 420059, 420058}) {
            civitai.setPath(u"/api/download/models/%1"_s.arg(v));
            FileRequest r;
            r.url = civitai;
            r.displayName = QString::number(v);
            r.destination.root = m_dir->path();
            r.destination.relativePath = u"civitai/%1.safetensors"_s.arg(v);
            pool.addTask(group, r);
        }
        bool bothHostsAtOnce = false;
        while (!pool.group(group).isFinished()) {
            QHash<QString, int> perHost;
            for (TaskId id : pool.tasks(group)) {
                const TaskSnapshot t = pool.task(id);
                if (t.state == TaskState::Connecting || t.state == TaskState::Downloading)
                    ++perHost[t.host];
            }
            for (int n : std::as_const(perHost))
                QVERIFY(n <= 1);
            bothHostsAtOnce = bothHostsAtOnce || perHost.size() == 2;
            QTest::qWait(10);
        }
        for (TaskId id : pool.tasks(group))
            QVERIFY2(pool.task(id).state == TaskState::Completed, qPrintable(pool.task(id).errorText));
        QVERIFY(bothHostsAtOnce);
        QVERIFY(maxOverlap(m_hub.requests(u"hf"_s)) <= 1);
    }

    void moveToFrontChangesTheStartOrder()
    {
        PoolOptions options = fastOptions();
        options.maxActive = 1;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = addLoras(pool, 1, 5);
        const QList<TaskId> ids = pool.tasks(group);
        QCOMPARE(pool.task(ids.at(4)).queuePosition, 4);
        pool.moveToFront(ids.at(4));
        pool.moveUp(ids.at(3));
        QCOMPARE(pool.task(ids.at(4)).queuePosition, 0);
        QCOMPARE(pool.task(ids.at(3)).queuePosition, 3);
        QVERIFY(waitForGroup(pool, group, 20000));
        QStringList order;
        for (const QJsonValue &r : m_hub.requests(u"hf"_s))
            order.append(r.toObject().value("path"_L1).toString().section(u'/', -1).left(15));
        QCOMPARE(order, QStringList({u"style-lora-005."_s, u"style-lora-001."_s, u"style-lora-002."_s,
                                     u"style-lora-004."_s, u"style-lora-003."_s}));
    }

    void changingLimitsWhileRunningFailsNothing()
    {
        PoolOptions options = fastOptions();
        options.maxActive = 4;
        options.maxPerHost = 4;
        options.bandwidthLimit = 3 * 1024 * 1024;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = pool.createGroup(u"quantizations"_s);
        QList<FileRequest> requests;
        for (const QString &path : {u"tinystories.Q2_K.gguf"_s, u"tinystories.Q8_0.gguf"_s}) {
            requests.append(hubFile(m_hub, kTiny, path, m_dir->path()));
            pool.addTask(group, requests.last());
        }
        for (const QString &branch : {u"1b-gguf-q4-km"_s, u"1b-gguf-q8-0"_s}) {
            FileRequest r = hubFile(m_hub, u"cortexso/llama3.2"_s, u"model.gguf"_s, m_dir->path());
            const QJsonObject info = m_hub.fileInfo(u"cortexso/llama3.2"_s, u"model.gguf"_s, branch);
            r.url =
                resolveUrl(m_hub.hfUrl(), u"cortexso/llama3.2"_s, info.value("commit"_L1).toString(), u"model.gguf"_s);
            r.expectedSha256 = info.value("sha256"_L1).toString();
            r.expectedSize = qint64(info.value("size"_L1).toDouble());
            r.destination.relativePath = branch + u"/model.gguf"_s;
            requests.append(r);
            pool.addTask(group, r);
        }
        QTRY_COMPARE_WITH_TIMEOUT(pool.group(group).active, 4, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(pool.group(group).bytesDone > 1024 * 1024, 5000);
        pool.setMaxActive(1);
        QTRY_COMPARE_WITH_TIMEOUT(pool.group(group).active, 1, 3000);
        QCOMPARE(pool.group(group).queued, 3);
        // The ones that stepped back kept their bytes.
        qint64 kept = 0;
        for (TaskId id : pool.tasks(group))
            kept += pool.task(id).state == TaskState::Queued ? pool.task(id).bytesDone : 0;
        QVERIFY(kept > 0);
        pool.setMaxActive(3);
        pool.setBandwidthLimit(0);
        QVERIFY(waitForGroup(pool, group, 30000));
        QCOMPARE(pool.group(group).completed, 4);
        for (const FileRequest &r : std::as_const(requests))
            QCOMPARE(sha256Of(Library::StorageLayout::finalPath(r.destination)), r.expectedSha256);
        // They resumed: some storage request asked for a range.
        bool resumed = false;
        for (const QJsonValue &r : m_hub.requests(u"storage"_s))
            resumed = resumed || !header(r, "range").isEmpty();
        QVERIFY(resumed);
    }

    void theBandwidthCapHoldsAndARaiseTakesEffectWithinASecond()
    {
        PoolOptions options = fastOptions();
        options.bandwidthLimit = 2 * 1024 * 1024;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = pool.createGroup(u"capped"_s);
        pool.addTask(group, hubFile(m_hub, kTiny, kBig, m_dir->path()));
        pool.addTask(group, hubFile(m_hub, kTiny, u"tinystories.Q8_0.gguf"_s, m_dir->path()));
        QTRY_VERIFY_WITH_TIMEOUT(pool.group(group).bytesDone > 0, 5000);
        QTest::qWait(500);  // past the first burst of socket buffers
        const qint64 start = pool.group(group).bytesDone;
        QElapsedTimer timer;
        timer.start();
        QTest::qWait(3000);
        const double rate = double(pool.group(group).bytesDone - start) * 1000.0 / double(timer.elapsed());
        QVERIFY2(rate > 0.75 * 2 * 1024 * 1024 && rate < 1.25 * 2 * 1024 * 1024,
                 qPrintable(u"%1 B/s under a 2 MiB/s cap"_s.arg(rate)));

        pool.setBandwidthLimit(8 * 1024 * 1024);
        const qint64 raisedAt = pool.group(group).bytesDone;
        timer.restart();
        QTest::qWait(1000);
        const double raised = double(pool.group(group).bytesDone - raisedAt) * 1000.0 / double(timer.elapsed());
        QVERIFY2(raised > 0.6 * 8 * 1024 * 1024, qPrintable(u"%1 B/s in the first second after raising"_s.arg(raised)));
        pool.cancelGroup(group);
        QTRY_VERIFY(pool.group(group).isFinished());
    }

    void theSameFileAddedTwiceIsOneTask()
    {
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), nullptr);
        const GroupId a = pool.createGroup(u"selection"_s);
        const GroupId b = pool.createGroup(u"collection"_s);
        const FileRequest r = hubFile(m_hub, loraRepo(7), loraFile(7), m_dir->path(), Destination::Kind::HfCache);
        const TaskId first = pool.addTask(a, r);
        QCOMPARE(pool.addTask(b, r), first);
        QCOMPARE(pool.tasks(b), QList<TaskId>{first});
        QVERIFY(waitForGroup(pool, b, 10000));
        QVERIFY(pool.group(a).isFinished());
        QCOMPARE(m_hub.requests(u"storage"_s).size(), 1);
    }

    void pausingAndResumingAGroupActsOnEveryChild()
    {
        PoolOptions options = fastOptions();
        options.bandwidthLimit = 1024 * 1024;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = addLoras(pool, 11, 10);
        QTRY_VERIFY_WITH_TIMEOUT(pool.group(group).bytesDone > 0, 5000);
        pool.pauseGroup(group);
        QTRY_COMPARE(pool.group(group).paused + pool.group(group).completed, 10);
        QCOMPARE(pool.group(group).active, 0);
        QVERIFY(pool.group(group).paused > 0);
        QVERIFY(pool.group(group).summary().contains("paused"_L1));
        pool.setBandwidthLimit(0);
        pool.resumeGroup(group);
        QVERIFY(waitForGroup(pool, group, 20000));
        QCOMPARE(pool.group(group).completed, 10);
    }

    void cancellingAGroupRemovesItsPartialFiles()
    {
        PoolOptions options = fastOptions();
        options.bandwidthLimit = 512 * 1024;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        QList<FileRequest> requests;
        const GroupId group = addLoras(pool, 21, 6, &requests);
        QTRY_VERIFY_WITH_TIMEOUT(pool.group(group).bytesDone > 0, 5000);
        pool.cancelGroup(group);
        QVERIFY(waitForGroup(pool, group, 5000));
        QVERIFY(pool.group(group).cancelled > 0);
        for (const FileRequest &r : std::as_const(requests)) {
            QVERIFY(!QFile::exists(Library::StorageLayout::partialPath(r.destination)));
        }
    }

    void retryFailedRetriesOnlyTheFailedChildren()
    {
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), nullptr);
        const GroupId group = addLoras(pool, 31, 3);
        FileRequest missing;
        missing.url = resolveUrl(m_hub.hfUrl(), loraRepo(31), u"main"_s, u"missing.safetensors"_s);
        missing.displayName = u"missing"_s;
        missing.destination.root = m_dir->path();
        missing.destination.relativePath = u"missing.safetensors"_s;
        const TaskId bad = pool.addTask(group, missing);
        QVERIFY(waitForGroup(pool, group, 10000));
        QCOMPARE(pool.group(group).failed, 1);
        QVERIFY(pool.group(group).summary().startsWith("3/4 done, 1 failed"_L1));
        QVERIFY(m_hub.reset());
        pool.retryFailed(group);
        QVERIFY(waitForGroup(pool, group, 10000));
        QCOMPARE(pool.task(bad).state, TaskState::Failed);
        QCOMPARE(m_hub.requests().size(), 1);  // only the failed one went out again
    }

    void loweringThePerHostLimitWhileRunningStepsTransfersBack()
    {
        PoolOptions options = fastOptions();
        options.maxActive = 4;
        options.maxPerHost = 4;
        options.bandwidthLimit = 2 * 1024 * 1024;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = pool.createGroup(u"one host"_s);
        for (const FileRequest &r : fourFilesOfOneHost())
            pool.addTask(group, r);
        QTRY_COMPARE_WITH_TIMEOUT(pool.group(group).active, 4, 5000);
        auto allMoving = [&pool, group] {
            for (TaskId id : pool.tasks(group)) {
                if (pool.task(id).bytesDone == 0)
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allMoving(), 5000);
        pool.setMaxPerHost(1);
        // Within about a second only one transfer talks to the hub; the others wait, bytes kept.
        QTRY_COMPARE_WITH_TIMEOUT(pool.group(group).active, 1, 1500);
        int most = 0;
        QElapsedTimer watch;
        watch.start();
        while (watch.elapsed() < 500) {
            int active = 0;
            for (TaskId id : pool.tasks(group)) {
                const TaskState s = pool.task(id).state;
                active += (s == TaskState::Connecting || s == TaskState::Downloading) ? 1 : 0;
            }
            most = qMax(most, active);
            QTest::qWait(10);
        }
        QCOMPARE(most, 1);
        qint64 kept = 0;
        for (TaskId id : pool.tasks(group))
            kept += pool.task(id).state == TaskState::Queued ? pool.task(id).bytesDone : 0;
        QVERIFY(kept > 0);
        pool.setMaxPerHost(4);
        pool.setBandwidthLimit(0);
        QVERIFY(waitForGroup(pool, group, 20000));
        QCOMPARE(pool.group(group).completed, 4);
    }

    void aLoweredBandwidthCapSlowsTheTransferWithinTwoSeconds()
    {
        PoolOptions options = fastOptions();
        options.bandwidthLimit = 16 * 1024 * 1024;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = pool.createGroup(u"capped"_s);
        pool.addTask(group, hubFile(m_hub, kTiny, kBig, m_dir->path()));
        QTRY_VERIFY_WITH_TIMEOUT(pool.group(group).bytesDone > 2 * 1024 * 1024, 5000);
        constexpr qint64 lowered = 1024 * 1024;
        pool.setBandwidthLimit(lowered);
        QTest::qWait(1000);  // what was read ahead under the old cap drains
        const qint64 start = pool.group(group).bytesDone;
        QElapsedTimer timer;
        timer.start();
        QTest::qWait(2000);
        const double rate = double(pool.group(group).bytesDone - start) * 1000.0 / double(timer.elapsed());
        QVERIFY2(rate < 1.3 * lowered && rate > 0.5 * lowered,
                 qPrintable(u"%1 B/s one second after lowering the cap to %2 B/s"_s.arg(rate).arg(lowered)));
        pool.cancelGroup(group);
        QTRY_VERIFY(pool.group(group).isFinished());
    }

    void filesAddedToARunningGroupJoinItAndItFinishesOnce()
    {
        PoolOptions options = fastOptions();
        options.bandwidthLimit = 4 * 1024 * 1024;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        QSignalSpy groupDone(&pool, &DownloadPool::groupFinished);
        const GroupId group = pool.createGroup(u"growing"_s);
        const FileRequest first = hubFile(m_hub, kTiny, u"tinystories.Q8_0.gguf"_s, m_dir->path());
        QList<FileRequest> later;
        for (int k = 61 - 3; k < 61; ++k)
            later.append(hubFile(m_hub, loraRepo(k), loraFile(k), m_dir->path(), Destination::Kind::HfCache));
        pool.addTask(group, first);
        QTRY_VERIFY_WITH_TIMEOUT(pool.group(group).bytesDone > 512 * 1024, 5000);
        QVERIFY(pool.group(group).active == 1 && !pool.group(group).isFinished());
        for (const FileRequest &r : std::as_const(later))
            pool.addTask(group, r);
        QCOMPARE(pool.group(group).total, 4);
        QVERIFY(waitForGroup(pool, group, 20000));
        QCOMPARE(pool.group(group).completed, 4);
        for (const FileRequest &r : std::as_const(later))
            QCOMPARE(sha256Of(Library::StorageLayout::finalPath(r.destination)), r.expectedSha256);
        QTRY_COMPARE(groupDone.size(), 1);
        QVERIFY(TestWait::holdsFor(300ms, [&] { return groupDone.size() == 1; }));
    }

    void aCompletedFileThatWasDeletedIsDownloadedAgainWhenAskedFor()
    {
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), nullptr);
        const FileRequest r = hubFile(m_hub, loraRepo(3), loraFile(3), m_dir->path(), Destination::Kind::HfCache);
        const GroupId first = pool.createGroup(u"first"_s);
        const TaskId id = pool.addTask(first, r);
        QVERIFY(waitForGroup(pool, first, 10000));
        QCOMPARE(pool.task(id).state, TaskState::Completed);
        QVERIFY(QDir(m_dir->filePath(u"models--lora-pack--style-lora-003"_s)).removeRecursively());

        const GroupId again = pool.createGroup(u"again"_s);
        QCOMPARE(pool.addTask(again, r), id);
        QVERIFY(waitForGroup(pool, again, 10000));
        QCOMPARE(pool.task(id).state, TaskState::Completed);
        QCOMPARE(sha256Of(Library::StorageLayout::finalPath(r.destination)), r.expectedSha256);
        QCOMPARE(requestsFor(m_hub, u"storage"_s, r.expectedSha256).size(), 2);
    }

    void twoSnapshotsSharingABlobAreOneDownloadLinkedTwice()
    {
        // refs/pr/1 of TinyStories is another commit holding the same GGUF blobs as main.
        const QString path = u"tinystories.Q2_K.gguf"_s;
        const FileRequest main = hubFile(m_hub, kTiny, path, m_dir->path(), Destination::Kind::HfCache);
        const QJsonObject pr = m_hub.fileInfo(kTiny, path, u"refs/pr/1"_s);
        FileRequest other = main;
        other.destination.revision = u"refs/pr/1"_s;
        other.destination.commit = pr.value("commit"_L1).toString();
        other.url = resolveUrl(m_hub.hfUrl(), kTiny, other.destination.commit, path);
        QVERIFY(other.destination.commit != main.destination.commit);
        QCOMPARE(pr.value("sha256"_L1).toString(), main.expectedSha256);

        PoolOptions options = fastOptions();
        options.bandwidthLimit = 2 * 1024 * 1024;  // both requests arrive while it runs
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId a = pool.createGroup(u"main"_s);
        const GroupId b = pool.createGroup(u"pull request"_s);
        const TaskId id = pool.addTask(a, main);
        QTRY_VERIFY_WITH_TIMEOUT(pool.task(id).bytesDone > 0, 5000);
        QCOMPARE(pool.addTask(b, other), id);
        QVERIFY(waitForGroup(pool, b, 20000));
        QCOMPARE(pool.task(id).state, TaskState::Completed);
        QCOMPARE(requestsFor(m_hub, u"storage"_s, main.expectedSha256).size(), 1);
        for (const FileRequest &r : {main, other}) {
            const QString entry = Library::StorageLayout::finalPath(r.destination);
            QVERIFY2(QFileInfo(entry).isSymLink(), qPrintable(entry));
            QCOMPARE(sha256Of(entry), main.expectedSha256);
            QFile ref(Library::StorageLayout::hfRefPath(r.destination));
            QVERIFY(ref.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromLatin1(ref.readAll()), r.destination.commit);
        }

        // Asked for again once finished, a third snapshot is linked at once, nothing fetched.
        FileRequest third = other;
        third.destination.revision = u"v1.0"_s;
        third.destination.commit = u"0123456789abcdef0123456789abcdef01234567"_s;
        const GroupId c = pool.createGroup(u"tag"_s);
        QCOMPARE(pool.addTask(c, third), id);
        QVERIFY(QFileInfo(Library::StorageLayout::finalPath(third.destination)).isSymLink());
        QCOMPARE(requestsFor(m_hub, u"storage"_s, main.expectedSha256).size(), 1);
    }

    void anotherFileForAPlaceInUseIsRefusedAndOverwritesNothing()
    {
        PoolOptions options = fastOptions();
        options.bandwidthLimit = 1024 * 1024;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const GroupId group = pool.createGroup(u"two models, one file name"_s);
        FileRequest a = hubFile(m_hub, kTiny, u"tinystories.Q8_0.gguf"_s, m_dir->path());
        a.destination.kind = Destination::Kind::Library;
        a.destination.relativePath = u"Lora/same-name.safetensors"_s;
        a.destination.repoId = u"civitai:1"_s;
        FileRequest b = hubFile(m_hub, kTiny, u"tinystories.Q2_K.gguf"_s, m_dir->path());
        b.destination = a.destination;
        b.destination.repoId = u"civitai:2"_s;
        const TaskId first = pool.addTask(group, a);
        const TaskId second = pool.addTask(group, b);
        QVERIFY(second != first);
        const TaskSnapshot refused = pool.task(second);
        QCOMPARE(refused.state, TaskState::Failed);
        QVERIFY2(refused.errorText.contains(u"not started, so neither is overwritten"_s),
                 qPrintable(refused.errorText));
        pool.setBandwidthLimit(0);
        QVERIFY(waitForGroup(pool, group, 20000));
        QCOMPARE(pool.task(first).state, TaskState::Completed);
        QCOMPARE(sha256Of(Library::StorageLayout::finalPath(a.destination)), a.expectedSha256);
        QCOMPARE(requestsFor(m_hub, u"storage"_s, b.expectedSha256).size(), 0);
    }

    void aFullDiskPausesTheDownloadAndItResumesOnceThereIsRoom()
    {
        ScopedTmpfs disk(20);
        if (!disk.isMounted())
            QSKIP(qPrintable(disk.error()));
        PoolOptions options = fastOptions();
        options.diskSpacePoll = std::chrono::milliseconds(200);
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const FileRequest request = hubFile(m_hub, kTiny, u"tinystories.Q8_0.gguf"_s, disk.path());
        const QString filler = disk.fill(1024 * 1024);
        const GroupId group = pool.createGroup(u"full disk"_s);
        const TaskId id = pool.addTask(group, request);

        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Paused, 10000);
        const TaskSnapshot paused = pool.task(id);
        QCOMPARE(paused.errorKind, Net::ErrorKind::DiskFull);
        QVERIFY2(paused.errorText.contains(u"Free space on "_s + disk.path()) &&
                     paused.errorText.contains(u"resumes by itself"_s),
                 qPrintable(paused.errorText));
        QVERIFY(paused.bytesDone > 0 && paused.bytesDone < request.expectedSize);
        QVERIFY(!QFile::exists(Library::StorageLayout::finalPath(request.destination)));
        // While the rest does not fit it stays paused and asks nothing of the hub.
        const qsizetype asked = m_hub.requests(u"storage"_s).size();
        QVERIFY(TestWait::holdsFor(700ms, [&] {
            return pool.task(id).state == TaskState::Paused && m_hub.requests(u"storage"_s).size() == asked;
        }));

        QVERIFY(QFile::remove(filler));
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Completed, 5000);
        QCOMPARE(sha256Of(Library::StorageLayout::finalPath(request.destination)), request.expectedSha256);
        const QJsonArray log = m_hub.requests(u"storage"_s);
        QVERIFY(header(log.last(), "range").startsWith(u"bytes="_s));  // resumed, bytes kept
        QVERIFY(!header(log.last(), "range").startsWith(u"bytes=0-"_s));
    }

    void aWriteErrorOfAFullDiskPausesAndResumesWithoutAMount()
    {
        // Where mounting is not allowed (CI), the kernel's own full device stands in: the
        // partial file is a link to /dev/full, whose every write fails with ENOSPC.
        if (!QFileInfo(u"/dev/full"_s).exists())
            QSKIP("no /dev/full");
        PoolOptions options = fastOptions();
        options.diskSpacePoll = std::chrono::milliseconds(200);
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        const FileRequest request = hubFile(m_hub, kTiny, u"tinystories.Q2_K.gguf"_s, m_dir->path());
        const QString partial = Library::StorageLayout::partialPath(request.destination);
        QVERIFY(QDir().mkpath(QFileInfo(partial).absolutePath()));
        QVERIFY(QFile::link(u"/dev/full"_s, partial));
        const GroupId group = pool.createGroup(u"injected"_s);
        const TaskId id = pool.addTask(group, request);
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Paused, 10000);
        QCOMPARE(pool.task(id).errorKind, Net::ErrorKind::DiskFull);
        QVERIFY2(pool.task(id).errorText.contains(u"resumes by itself"_s), qPrintable(pool.task(id).errorText));
        QVERIFY(QFile::remove(partial));  // space freed
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Completed, 10000);
        QCOMPARE(sha256Of(Library::StorageLayout::finalPath(request.destination)), request.expectedSha256);
    }

    void aGroupLargerThanTheFreeSpaceIsRefused()
    {
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), nullptr);
        const GroupId group = pool.createGroup(u"too big"_s);
        FileRequest huge = hubFile(m_hub, kTiny, kBig, m_dir->path());
        huge.expectedSize = 1LL << 50;  // one PiB
        pool.addTask(group, huge);
        pool.pauseGroup(group);
        QString error;
        QVERIFY(!pool.checkFreeSpace(group, &error));
        QVERIFY2(error.contains("1.0 PiB"_L1) && error.contains("free"_L1), qPrintable(error));

        const GroupId small = addLoras(pool, 41, 2);
        QVERIFY2(pool.checkFreeSpace(small, &error), qPrintable(error));
        pool.cancelGroup(group);
    }
};

QTEST_GUILESS_MAIN(TestDownloadPool)
#include "tst_downloadpool.moc"
