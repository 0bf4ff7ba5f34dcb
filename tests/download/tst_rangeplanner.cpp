// Which byte ranges of a file are fetched, when and how big: resuming from what the journal
// says is on disk (holes, unstarted ranges, a short file), the requests ranges turn into,
// chunks and splits, and backoff deadlines on a manual clock. Pure logic: no network, no file,
// no waiting.

#include "download/rangeplanner.h"
#include "manualclock.h"

#include <QTest>

using namespace Download;

Q_DECLARE_METATYPE(QList<Download::Segment>)

namespace {

constexpr qint64 kMiB = 1024 * 1024;

// Small numbers so the arithmetic is easy to follow: splittable from 8 MiB, chunks of 2 MiB,
// never a range below 1 MiB.
PoolOptions smallOptions()
{
    PoolOptions options;
    options.segmentThreshold = 8 * kMiB;
    options.maxSegments = 4;
    options.minSegmentSize = kMiB;
    options.minChunk = 2 * kMiB;
    options.maxChunk = 4 * kMiB;
    return options;
}

// A planner for a file of `total` bytes whose first response named a validator.
struct Fixture
{
    PoolOptions options = smallOptions();
    ManualClock clock;
    RangePlanner planner{options, clock};

    explicit Fixture(qint64 total = 32 * kMiB, const QList<Segment> &segments = {})
    {
        planner.assign(segments.isEmpty() ? QList<Segment>{Segment{0, 0, total}} : segments);
        planner.setTotal(total);
        planner.setValidator(QStringLiteral("\"etag\""));
    }
};

}  // namespace

class TestRangePlanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // --- resume -----------------------------------------------------------------------------

    void resumeKeepsEveryByteTheFileHolds_data()
    {
        QTest::addColumn<QList<Segment>>("journal");
        QTest::addColumn<qint64>("fileSize");
        QTest::addColumn<QList<Segment>>("resumed");
        const qint64 t = 100;
        QTest::newRow("one range stopped half way resumes where it stopped")
            << QList<Segment>{{0, 50, t}} << qint64(50) << QList<Segment>{{0, 50, t}};
        QTest::newRow("a hole between two ranges becomes a range of its own")
            << QList<Segment>{{0, 30, 30}, {60, 80, t}} << qint64(80)
            << QList<Segment>{{0, 30, 30}, {30, 30, 60}, {60, 80, t}};
        QTest::newRow("ranges taken in order but not started past the last byte written count as unwritten")
            << QList<Segment>{{0, 40, 40}, {40, 60, 60}, {60, 60, 80}, {80, 80, t}} << qint64(60)
            << QList<Segment>{{0, 40, 40}, {40, 60, 60}, {60, 60, 80}, {80, 80, t}};
        QTest::newRow("a file shorter than the journal says loses only the bytes past its end")
            << QList<Segment>{{0, 50, 50}, {50, 90, t}} << qint64(70) << QList<Segment>{{0, 50, 50}, {50, 70, t}};
        QTest::newRow("ranges out of order are sorted")
            << QList<Segment>{{50, 70, t}, {0, 50, 50}} << qint64(70) << QList<Segment>{{0, 50, 50}, {50, 70, t}};
    }
    void resumeKeepsEveryByteTheFileHolds()
    {
        QFETCH(QList<Segment>, journal);
        QFETCH(qint64, fileSize);
        QFETCH(QList<Segment>, resumed);
        Fixture f(100, journal);
        QVERIFY(f.planner.resume(fileSize, 100));
        QCOMPARE(f.planner.segments(), resumed);
        QCOMPARE(f.planner.bytesWritten(), bytesWritten(resumed));
        for (qsizetype i = 0; i < f.planner.size(); ++i)
            QVERIFY(!f.planner.at(i).fetching);
    }

    void aFileWithNothingOnDiskStartsOver()
    {
        Fixture f(100, {{0, 50, 50}, {50, 90, 100}});
        QVERIFY(!f.planner.resume(0, 100));
        // Unchanged: the task starts the file over instead.
        QCOMPARE(f.planner.segments(), (QList<Segment>{{0, 50, 50}, {50, 90, 100}}));
    }

    void startingOverForgetsTheValidatorAndLeavesOneRange()
    {
        Fixture f(100, {{0, 50, 50}, {50, 90, 100}});
        f.planner.startOver(120);
        QCOMPARE(f.planner.segments(), (QList<Segment>{{0, 0, 120}}));
        QCOMPARE(f.planner.total(), qint64(120));
        QVERIFY(f.planner.validator().isEmpty());
        QCOMPARE(f.planner.advisedStreams(), 1);
    }

    void aBodyThatGoesOnKeepsItsKeyWhenTheFileStartsOver()
    {
        Fixture f(100, {{0, 50, 50}, {50, 60, 100}});
        const int key = f.planner.at(1).key;
        f.planner.request(1, 3);
        f.planner.startOver(100, key);
        QCOMPARE(f.planner.size(), 1);
        QCOMPARE(f.planner.at(0).key, key);
        QVERIFY(f.planner.at(0).fetching);
        QCOMPARE(f.planner.at(0).requestedEnd, qint64(-1));
        QCOMPARE(f.planner.at(0).epoch, 0);
    }

    // --- what is written ----------------------------------------------------------------------

    void theContiguousPrefixStopsAtTheFirstGap()
    {
        Fixture f(100, {{0, 30, 30}, {30, 45, 60}, {60, 90, 100}});
        QCOMPARE(f.planner.contiguousEnd(), qint64(45));
        QVERIFY(!f.planner.allDone());
        QCOMPARE(f.planner.unfinished(), 2);
        Fixture done(100, {{0, 60, 60}, {60, 100, 100}});
        QCOMPARE(done.planner.contiguousEnd(), qint64(100));
        QVERIFY(done.planner.allDone());
        Fixture empty;
        empty.planner.clear();
        QVERIFY(!empty.planner.allDone());
    }

    void finishedNeighboursMergeButNotWhileARequestRuns()
    {
        Fixture f(100, {{0, 30, 30}, {30, 60, 60}, {60, 80, 80}, {80, 85, 100}});
        f.planner.request(2, 0);
        f.planner.mergeFinished();
        QCOMPARE(f.planner.segments(), (QList<Segment>{{0, 60, 60}, {60, 80, 80}, {80, 85, 100}}));
        f.planner.release(f.planner.at(1).key);
        f.planner.mergeFinished();
        QCOMPARE(f.planner.segments(), (QList<Segment>{{0, 80, 80}, {80, 85, 100}}));
    }

    void bytesBeyondAShortenedRangeAreNotTaken()
    {
        Fixture f(100, {{0, 0, 50}, {50, 50, 100}});
        const int key = f.planner.at(0).key;
        f.planner.request(0, 0);
        f.planner.advance(key, 40);
        QCOMPARE(f.planner.room(key, 30), qint64(10));
        f.planner.advance(key, 10);
        QVERIFY(!f.planner.cutShort(key));  // asked for exactly this range: it just ends
    }

    void aRangeShortenedByASplitStopsItsRequest()
    {
        Fixture f;
        const int key = f.planner.at(0).key;
        f.planner.request(0, 0);  // open-ended: the first request of the file
        const qsizetype tail = f.planner.splitRunning(2 * kMiB);
        QCOMPARE(tail, 1);
        QCOMPARE(f.planner.at(0).segment.end, 2 * kMiB);
        f.planner.advance(key, f.planner.room(key, 3 * kMiB));
        QCOMPARE(f.planner.at(0).segment.pos, 2 * kMiB);
        QVERIFY(f.planner.cutShort(key));
    }

    void aBodyOfUnknownSizeEndsTheFileWhereItEnds()
    {
        PoolOptions options = smallOptions();
        ManualClock clock;
        RangePlanner planner(options, clock);
        planner.startOver(-1);
        const int key = planner.at(0).key;
        QCOMPARE(planner.total(), qint64(-1));
        planner.request(0, 0);
        planner.advance(key, 1234);
        planner.closeOpenEnd(key);
        QCOMPARE(planner.total(), qint64(1234));
        QVERIFY(planner.allDone());
    }

    void aResponseNamingTheSizeClosesTheOpenEnd()
    {
        PoolOptions options = smallOptions();
        ManualClock clock;
        RangePlanner planner(options, clock);
        planner.startOver(-1);
        planner.learnTotal(500);
        QCOMPARE(planner.segments(), (QList<Segment>{{0, 0, 500}}));
    }

    // --- requests -----------------------------------------------------------------------------

    void theFirstRequestOfAFileAsksForAllOfItWithoutRange()
    {
        Fixture f;
        const RangePlanner::Request ask = f.planner.request(0, 0);
        QVERIFY(!ask.sendRange);
        QCOMPARE(ask.offset, qint64(0));
        QCOMPARE(ask.end, qint64(-1));
        QVERIFY(ask.ifRange.isEmpty());
        QVERIFY(f.planner.at(0).fetching);
    }

    void aResumedRangeAsksFromWhereItStoppedWithIfRange()
    {
        Fixture f(100, {{0, 20, 50}, {50, 50, 100}});
        const RangePlanner::Request first = f.planner.request(0, 2);
        QVERIFY(first.sendRange);
        QCOMPARE(first.offset, qint64(20));
        QCOMPARE(first.end, qint64(50));
        QCOMPARE(first.ifRange, QStringLiteral("\"etag\""));
        QCOMPARE(f.planner.at(0).epoch, 2);
        // The last range asks to the end of the file, open-ended.
        const RangePlanner::Request last = f.planner.request(1, 2);
        QCOMPARE(last.offset, qint64(50));
        QCOMPARE(last.end, qint64(-1));
        QVERIFY(last.sendRange);
    }

    void oneRequestAtATimeUntilAValidatorIsKnown()
    {
        Fixture f;
        f.planner.setValidator({});
        QVERIFY(f.planner.wantsAnotherStream(0));
        QVERIFY(!f.planner.wantsAnotherStream(1));
        QVERIFY(!f.planner.splittable());
        f.planner.setValidator(QStringLiteral("\"v\""));
        f.planner.restartAdvice();  // one unfinished range: one at once until measured
        QVERIFY(!f.planner.wantsAnotherStream(1));
    }

    void splittingNeedsASizeAValidatorAndAServerThatHonoursRange_data()
    {
        QTest::addColumn<qint64>("total");
        QTest::addColumn<int>("maxSegments");
        QTest::addColumn<bool>("validator");
        QTest::addColumn<bool>("rangesIgnored");
        QTest::addColumn<bool>("splittable");
        QTest::newRow("a big file with a validator is split") << 32 * kMiB << 4 << true << false << true;
        QTest::newRow("a file below the threshold is not") << 4 * kMiB << 4 << true << false << false;
        QTest::newRow("one segment allowed: not split") << 32 * kMiB << 1 << true << false << false;
        QTest::newRow("no validator: not split") << 32 * kMiB << 4 << false << false << false;
        QTest::newRow("a server that answered Range with 200: never split again")
            << 32 * kMiB << 4 << true << true << false;
    }
    void splittingNeedsASizeAValidatorAndAServerThatHonoursRange()
    {
        QFETCH(qint64, total);
        QFETCH(int, maxSegments);
        QFETCH(bool, validator);
        QFETCH(bool, rangesIgnored);
        QFETCH(bool, splittable);
        Fixture f(total);
        f.options.maxSegments = maxSegments;  // options are read live
        if (!validator)
            f.planner.setValidator({});
        f.planner.setRangesIgnored(rangesIgnored);
        QCOMPARE(f.planner.splittable(), splittable);
        const qsizetype before = f.planner.size();
        f.planner.boundToChunk(0, 2 * kMiB);
        QCOMPARE(f.planner.size(), splittable ? before + 1 : before);
    }

    void aRangeAboutToBeAskedForTakesOneChunkAndTheRestWaitsInOrder()
    {
        Fixture f;
        f.planner.boundToChunk(0, 2 * kMiB);
        QCOMPARE(f.planner.segments(), (QList<Segment>{{0, 0, 2 * kMiB}, {2 * kMiB, 2 * kMiB, 32 * kMiB}}));
        // The rest is the next range due; it too takes one chunk when asked for.
        QCOMPARE(f.planner.nextDue(1), 1);
        f.planner.request(0, 0);
        QCOMPARE(f.planner.nextDue(), 1);
        f.planner.boundToChunk(1, 2 * kMiB);
        QCOMPARE(f.planner.at(1).segment, (Segment{2 * kMiB, 2 * kMiB, 4 * kMiB}));
        // A range no longer than a chunk and a minimum segment stays whole.
        Fixture small(10 * kMiB, {{0, 0, 8 * kMiB}, {8 * kMiB, 8 * kMiB, 10 * kMiB}});
        small.planner.boundToChunk(1, 2 * kMiB);
        QCOMPARE(small.planner.size(), 2);
    }

    void chunksAreAboutOneSecondOfOneStream_data()
    {
        QTest::addColumn<double>("speed");
        QTest::addColumn<int>("receiving");
        QTest::addColumn<qint64>("chunk");
        QTest::newRow("slow: the smallest chunk") << 100.0 * 1024 << 1 << 2 * kMiB;
        QTest::newRow("3 MiB/s in one stream: 3 MiB") << 3.0 * kMiB << 1 << 3 * kMiB;
        QTest::newRow("the rate is shared by the streams receiving") << 6.0 * kMiB << 2 << 3 * kMiB;
        QTest::newRow("fast: the largest chunk") << 100.0 * kMiB << 1 << 4 * kMiB;
        QTest::newRow("rounded down to 64 KiB") << 3.0 * kMiB + 1000 << 1 << 3 * kMiB;
    }
    void chunksAreAboutOneSecondOfOneStream()
    {
        QFETCH(double, speed);
        QFETCH(int, receiving);
        QFETCH(qint64, chunk);
        Fixture f;
        QCOMPARE(f.planner.chunkSize(speed, receiving), chunk);
    }

    void aWaitingRangeGoesBeforeASplit()
    {
        Fixture f;
        f.planner.boundToChunk(0, 2 * kMiB);
        f.planner.request(0, 0);
        QCOMPARE(f.planner.splitRunning(2 * kMiB), -1);
    }

    void aNewConnectionSplitsTheLargestRunningRange()
    {
        // Two running ranges; the larger is halved (it is shorter than two chunks).
        Fixture f(32 * kMiB, {{0, 0, 6 * kMiB}, {6 * kMiB, 6 * kMiB, 32 * kMiB}});
        f.planner.request(0, 0);
        f.planner.request(1, 0);
        f.planner.advance(f.planner.at(0).key, 3 * kMiB);   // 3 MiB left in the first
        f.planner.advance(f.planner.at(1).key, 20 * kMiB);  // 6 MiB left in the second
        const qsizetype tail = f.planner.splitRunning(4 * kMiB);
        QCOMPARE(tail, 2);
        QCOMPARE(f.planner.at(1).segment.end, 29 * kMiB);
        QCOMPARE(f.planner.at(2).segment, (Segment{29 * kMiB, 29 * kMiB, 32 * kMiB}));
        QVERIFY(!f.planner.at(2).fetching);
        // A long range (more than two chunks left) keeps one chunk and gives away the rest.
        Fixture g;
        g.planner.request(0, 0);
        QCOMPARE(g.planner.splitRunning(2 * kMiB), 1);
        QCOMPARE(g.planner.at(1).segment, (Segment{2 * kMiB, 2 * kMiB, 32 * kMiB}));
    }

    void nothingBelowTwoMinimumSegmentsIsSplit()
    {
        Fixture f(32 * kMiB, {{0, 0, 32 * kMiB}});
        f.planner.request(0, 0);
        f.planner.advance(f.planner.at(0).key, 32 * kMiB - 2 * kMiB + 1);
        QCOMPARE(f.planner.splitRunning(2 * kMiB), -1);
        QCOMPARE(f.planner.size(), 1);
    }

    void aPartAnswerMustBeExactlyThePartAskedFor_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<QString>("problem");
        QTest::newRow("exactly the part asked for") << qint64(20) << qint64(50) << qint64(100) << QString();
        QTest::newRow("no end stated is fine") << qint64(20) << qint64(-1) << qint64(-1) << QString();
        QTest::newRow("another start") << qint64(0) << qint64(50) << qint64(100)
                                       << QStringLiteral("asked from 20, got from 0");
        QTest::newRow("another end") << qint64(20) << qint64(40) << qint64(100)
                                     << QStringLiteral("asked up to 50, got up to 40");
        QTest::newRow("another file size")
            << qint64(20) << qint64(50) << qint64(200) << QStringLiteral("file of 100 bytes, got part of 200");
    }
    void aPartAnswerMustBeExactlyThePartAskedFor()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(qint64, total);
        QFETCH(QString, problem);
        Fixture f(100, {{0, 20, 50}, {50, 50, 100}});
        f.planner.request(0, 0);
        QCOMPARE(f.planner.contentRangeProblem(f.planner.at(0).key, start, end, total, -1), problem);
    }

    void anOpenEndedRequestMustReachTheEndOfTheFile()
    {
        Fixture f(100, {{0, 20, 100}});
        f.planner.request(0, 0);
        QCOMPARE(f.planner.contentRangeProblem(f.planner.at(0).key, 20, 100, 100, -1), QString());
        QCOMPARE(f.planner.contentRangeProblem(f.planner.at(0).key, 20, 90, 100, -1),
                 QStringLiteral("asked up to 100, got up to 90"));
    }

    // --- backoff on the clock -----------------------------------------------------------------

    void aRangeInBackoffIsDueOnlyWhenItsDelayHasPassed()
    {
        Fixture f(100, {{0, 0, 50}, {50, 50, 100}});
        const int key = f.planner.at(0).key;
        f.planner.deferRetry(key, std::chrono::milliseconds(1500));
        QCOMPARE(f.planner.nextDue(), 1);  // the other range is not held back
        f.planner.request(1, 0);
        QCOMPARE(f.planner.nextDue(), -1);
        QCOMPARE(f.planner.nextRetryIn(), std::optional(std::chrono::milliseconds(1500)));
        f.clock.advanceMs(1499);
        QCOMPARE(f.planner.nextDue(), -1);
        QCOMPARE(f.planner.nextRetryIn(), std::optional(std::chrono::milliseconds(1)));
        f.clock.advanceMs(1);
        QCOMPARE(f.planner.nextDue(), 0);
        QCOMPARE(f.planner.nextRetryIn(), std::nullopt);
    }

    void theRetryTimerNeverWakesBeforeTheDeadline()
    {
        Fixture f;
        f.planner.deferRetry(f.planner.at(0).key, std::chrono::milliseconds(10));
        f.clock.advance(std::chrono::microseconds(9500));  // 0.5 ms left: wait 1 ms, not 0
        QCOMPARE(f.planner.nextRetryIn(), std::optional(std::chrono::milliseconds(1)));
    }

    void theSoonestOfSeveralBackoffsWins()
    {
        Fixture f(100, {{0, 0, 30}, {30, 30, 60}, {60, 60, 100}});
        f.planner.deferRetry(f.planner.at(0).key, std::chrono::milliseconds(800));
        f.planner.deferRetry(f.planner.at(1).key, std::chrono::milliseconds(200));
        f.planner.deferRetry(f.planner.at(2).key, std::chrono::milliseconds(500));
        QCOMPARE(f.planner.nextRetryIn(), std::optional(std::chrono::milliseconds(200)));
        f.clock.advanceMs(300);
        QCOMPARE(f.planner.nextDue(), 1);
        QCOMPARE(f.planner.nextRetryIn(), std::optional(std::chrono::milliseconds(200)));
    }

    // --- how many at once ---------------------------------------------------------------------

    void aServerCappingEachConnectionEarnsMoreRanges()
    {
        // 10 MiB/s per stream over 250 ms ticks: the advisor allows two, then all four.
        Fixture f(1024 * kMiB);
        f.planner.restartAdvice();
        QCOMPARE(f.planner.streamTarget(), 1);
        qint64 done = 0;
        int receiving = 1;
        bool grew = false;
        for (int tick = 0; tick < 12; ++tick) {
            grew = f.planner.sampleSpeed(done, receiving) || grew;
            f.clock.advanceMs(250);
            done += receiving * 10 * kMiB / 4;
            receiving = f.planner.streamTarget();
        }
        QVERIFY(grew);
        QCOMPARE(f.planner.streamTarget(), 4);
    }

    void aFileThatMayNotBeSplitTakesNoAdvice()
    {
        Fixture f(4 * kMiB);
        for (int tick = 0; tick < 8; ++tick) {
            QVERIFY(!f.planner.sampleSpeed(tick * kMiB, 1));
            f.clock.advanceMs(250);
        }
        QCOMPARE(f.planner.streamTarget(), 1);
    }

    void rangesLeftFromAnEarlierRunMayAllRunAtOnce()
    {
        Fixture f(64 * kMiB, {{0, 10, 16 * kMiB},
                              {16 * kMiB, 16 * kMiB, 32 * kMiB},
                              {32 * kMiB, 40 * kMiB, 40 * kMiB},
                              {40 * kMiB, 40 * kMiB, 64 * kMiB}});
        f.planner.restartAdvice();
        QCOMPARE(f.planner.streamTarget(), 3);  // three unfinished
        QVERIFY(f.planner.wantsAnotherStream(2));
        QVERIFY(!f.planner.wantsAnotherStream(3));
    }
};

QTEST_GUILESS_MAIN(TestRangePlanner)
#include "tst_rangeplanner.moc"
