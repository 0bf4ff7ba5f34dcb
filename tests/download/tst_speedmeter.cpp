// The smoothed rate of a file and its ETA, measured on a manual clock.

#include "download/speedmeter.h"
#include "manualclock.h"

#include <QTest>

using namespace Download;

class TestSpeedMeter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theFirstWindowGivesTheRate()
    {
        ManualClock clock;
        SpeedMeter meter(clock);
        QVERIFY(!meter.sample(0));  // starts the window
        clock.advanceMs(250);
        QVERIFY(meter.sample(250 * 1000));
        QCOMPARE(meter.speed(), 1e6);
        QCOMPARE(meter.lastBytes(), qint64(250 * 1000));
    }

    void ticksCloserThanAWindowMeasureNothing()
    {
        ManualClock clock;
        SpeedMeter meter(clock);
        meter.sample(0);
        clock.advanceMs(SpeedMeter::kMinWindowMs - 1);
        QVERIFY(!meter.sample(5000));
        QCOMPARE(meter.speed(), 0.0);
        clock.advanceMs(1);
        QVERIFY(meter.sample(10000));
        QCOMPARE(meter.speed(), 10000.0 * 1000 / SpeedMeter::kMinWindowMs);
    }

    void eachWindowWeighsThirtyPercent()
    {
        ManualClock clock;
        SpeedMeter meter(clock);
        meter.sample(0);
        clock.advanceMs(1000);
        meter.sample(1000);  // 1000 B/s
        clock.advanceMs(1000);
        meter.sample(3000);  // 2000 B/s in this window
        QCOMPARE(meter.speed(), 0.7 * 1000 + 0.3 * 2000);
        clock.advanceMs(1000);
        meter.sample(3000);  // nothing
        QCOMPARE(meter.speed(), 0.7 * (0.7 * 1000 + 0.3 * 2000));
    }

    void aStoppedTransferHasNoSpeedUntilTheNextWindow()
    {
        ManualClock clock;
        SpeedMeter meter(clock);
        meter.sample(0);
        clock.advanceMs(500);
        meter.sample(5000);
        meter.stop();
        QCOMPARE(meter.speed(), 0.0);
        clock.advanceMs(500);
        meter.sample(10000);
        QCOMPARE(meter.speed(), 10000.0);  // a fresh start, not smoothed against the old rate
    }

    void theEtaIsWhatIsLeftAtTheSpeed_data()
    {
        QTest::addColumn<double>("speed");
        QTest::addColumn<qint64>("done");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<qint64>("eta");
        QTest::newRow("half of 10 MB at 1 MB/s: 5 s") << 1e6 << qint64(5000000) << qint64(10000000) << qint64(5);
        QTest::newRow("an unknown size has no ETA") << 1e6 << qint64(5000000) << qint64(-1) << qint64(-1);
        QTest::newRow("no speed, no ETA") << 0.5 << qint64(0) << qint64(100) << qint64(-1);
    }
    void theEtaIsWhatIsLeftAtTheSpeed()
    {
        QFETCH(double, speed);
        QFETCH(qint64, done);
        QFETCH(qint64, total);
        QFETCH(qint64, eta);
        QCOMPARE(SpeedMeter::etaSeconds(speed, done, total), eta);
    }
};

QTEST_GUILESS_MAIN(TestSpeedMeter)
#include "tst_speedmeter.moc"
