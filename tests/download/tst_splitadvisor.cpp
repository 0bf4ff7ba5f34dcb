// How many ranges of one file run at once: more only while more make the download faster.
// The advisor is fed a simulated link (a rate for each number of streams, a connection that
// takes one tick to answer), tick by tick as the task feeds it, on a manual clock: a minute of
// simulated transfer takes microseconds.

#include "download/splitadvisor.h"
#include "manualclock.h"

#include <QTest>

#include <cmath>
#include <functional>

using namespace Download;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kTickMs = 250;

struct Run
{
    int finalTarget = 0;
    int maxStreams = 0;
    qint64 msToMax = -1;  // when the target first reached the maximum
    bool settled = false;
};

// rateOf(streams) in bytes/s; new streams answer one tick after they are allowed.
Run simulate(qint64 fileBytes, const std::function<double(int)> &rateOf, int maxSegments, qint64 forMs,
             int resumedRanges = 1)
{
    ManualClock clock;
    SplitAdvisor advisor(clock);
    advisor.reset(resumedRanges);
    Run run;
    qint64 done = 0;
    int receiving = 0;  // streams past their headers
    for (qint64 now = 0; now <= forMs && done < fileBytes; now += kTickMs) {
        clock.setElapsedMs(now);
        advisor.sample(done, fileBytes - done, receiving, maxSegments);
        if (advisor.target() >= maxSegments && run.msToMax < 0)
            run.msToMax = now;
        done += qint64(rateOf(receiving) * kTickMs / 1000.0);
        receiving = advisor.target();  // the ones allowed now answer by the next tick
        run.maxStreams = qMax(run.maxStreams, receiving);
    }
    run.finalTarget = advisor.target();
    run.settled = advisor.settled();
    return run;
}

}  // namespace

class TestSplitAdvisor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aServerThatCapsEachConnectionGetsEveryRangeWithinASecond()
    {
        // A CDN: 20 MB/s per connection, 2 GiB.
        const Run run = simulate(
            2048 * kMiB, [](int n) { return n * 20e6; }, 8, 60000);
        QCOMPARE(run.finalTarget, 8);
        QVERIFY2(run.msToMax >= 0 && run.msToMax <= 1000, qPrintable(QString::number(run.msToMax)));
    }

    void aLinkOneStreamFillsStopsAtTheSecondStream()
    {
        // Loopback on a small machine: 600 MB/s however many streams; a second one is tried
        // once, gains nothing, and no more are opened.
        const Run run = simulate(
            2048 * kMiB, [](int n) { return n > 0 ? 600e6 : 0.0; }, 8, 60000);
        QVERIFY(run.settled);
        QCOMPARE(run.finalTarget, 2);
        QCOMPARE(run.maxStreams, 2);
    }

    void aSharedBandwidthCapStopsAtTheSecondStream()
    {
        // The user's 16 MiB/s cap is shared by all streams: more streams cannot help.
        const Run run = simulate(
            512 * kMiB, [](int n) { return n > 0 ? 16.0 * kMiB : 0.0; }, 8, 60000);
        QVERIFY(run.settled);
        QCOMPARE(run.maxStreams, 2);
    }

    void aPartialGainDoublesStepByStep()
    {
        // Each doubling brings 1.41x: worth going on, but not straight to the maximum.
        QList<int> targets;
        ManualClock clock;
        SplitAdvisor advisor(clock);
        advisor.reset(1);
        qint64 done = 0;
        int receiving = 0;
        for (qint64 now = 0; now <= 10000; now += kTickMs) {
            clock.setElapsedMs(now);
            advisor.sample(done, 100000 * kMiB, receiving, 8);
            if (targets.isEmpty() || targets.last() != advisor.target())
                targets << advisor.target();
            done += qint64(receiving > 0 ? 50e6 * std::sqrt(double(receiving)) * kTickMs / 1000.0 : 0);
            receiving = advisor.target();
        }
        QCOMPARE(targets, (QList<int>{1, 2, 4, 8}));
    }

    void aFileAboutToFinishIsNotSplit()
    {
        // 400 MB at 400 MB/s: done in a second, a second connection would not pay off.
        const Run run = simulate(
            400 * 1000 * 1000, [](int n) { return n * 400e6; }, 8, 60000);
        QCOMPARE(run.maxStreams, 1);
    }

    void aWindowNeverIncludesConnecting()
    {
        // No stream has answered yet: nothing is measured, whatever the bytes say.
        ManualClock clock;
        SplitAdvisor advisor(clock);
        advisor.reset(1);
        for (qint64 now = 0; now <= 5000; now += kTickMs) {
            clock.setElapsedMs(now);
            advisor.sample(now * 1000, 1LL << 40, 0, 8);
        }
        QCOMPARE(advisor.target(), 1);
        QVERIFY(!advisor.settled());
    }

    void aWindowIsMeasuredOnlyOnceItIsLongEnough()
    {
        // On the clock: 199 ms of transfer measure nothing, the 200th decides.
        ManualClock clock;
        SplitAdvisor advisor(clock);
        advisor.reset(1);
        advisor.sample(0, 1LL << 40, 1, 8);
        clock.advanceMs(SplitAdvisor::kWindowMs - 1);
        advisor.sample(100 * kMiB, 1LL << 40, 1, 8);
        QCOMPARE(advisor.target(), 1);
        clock.advanceMs(1);
        advisor.sample(100 * kMiB, 1LL << 40, 1, 8);
        QCOMPARE(advisor.target(), 2);
    }

    void rangesLeftFromAnEarlierRunAllResume()
    {
        ManualClock clock;
        SplitAdvisor advisor(clock);
        advisor.reset(3);
        QCOMPARE(advisor.target(), 3);
        advisor.reset(0);
        QCOMPARE(advisor.target(), 1);
    }

    void aLowerMaximumIsHonoured()
    {
        const Run run = simulate(
            2048 * kMiB, [](int n) { return n * 20e6; }, 3, 60000);
        QVERIFY(run.maxStreams <= 3);
        QCOMPARE(run.finalTarget, 3);
    }
};

QTEST_GUILESS_MAIN(TestSplitAdvisor)
#include "tst_splitadvisor.moc"
