// The retry budget of one file: ranges that break together spend one attempt, the budget runs
// out after maxAttempts failures without progress, and only new ground fills it up again.

#include "download/attemptbudget.h"

#include <QTest>

using namespace Download;
using std::chrono::milliseconds;

namespace {
constexpr qint64 kMiB = 1024 * 1024;
}

class TestAttemptBudget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aServerThatFailsTheSameWayForeverIsGivenUpOn()
    {
        AttemptBudget budget(0, 0, milliseconds(100), milliseconds(1000));
        for (int i = 1; i < 8; ++i) {
            QVERIFY(budget.spend(budget.epoch(), 0, 100 * kMiB, 8));
            QCOMPARE(budget.attempts(), i);
        }
        QVERIFY(!budget.spend(budget.epoch(), 0, 100 * kMiB, 8));
        QCOMPARE(budget.attempts(), 8);
    }

    void rangesThatBreakTogetherSpendOneAttempt()
    {
        AttemptBudget budget(0, 0, milliseconds(100), milliseconds(1000));
        // Four requests started in the same epoch; one outage cuts them all.
        const int startedIn = budget.epoch();
        for (int i = 0; i < 4; ++i)
            QVERIFY(budget.spend(startedIn, 0, 100 * kMiB, 8));
        QCOMPARE(budget.attempts(), 1);
        // A request started after that spend is a new attempt.
        QVERIFY(budget.spend(budget.epoch(), 0, 100 * kMiB, 8));
        QCOMPARE(budget.attempts(), 2);
    }

    void newGroundFillsTheBudgetAgain_data()
    {
        QTest::addColumn<qint64>("total");
        QTest::addColumn<qint64>("progress");
        QTest::addColumn<int>("attemptsAfter");
        // New ground: 1/16 of the file, between 64 KiB and 1 MiB.
        QTest::newRow("a megabyte further in a big file is progress") << 100 * kMiB << kMiB << 1;
        QTest::newRow("less than a megabyte further in a big file is not") << 100 * kMiB << kMiB - 1 << 4;
        QTest::newRow("a sixteenth of a small file is progress") << 2 * kMiB << 2 * kMiB / 16 << 1;
        QTest::newRow("64 KiB further in a tiny file is progress") << qint64(100 * 1024) << qint64(64 * 1024) << 1;
        QTest::newRow("of a file of unknown size a megabyte is progress") << qint64(-1) << kMiB << 1;
    }
    void newGroundFillsTheBudgetAgain()
    {
        QFETCH(qint64, total);
        QFETCH(qint64, progress);
        QFETCH(int, attemptsAfter);
        AttemptBudget budget(0, 0, milliseconds(100), milliseconds(1000));
        for (int i = 0; i < 3; ++i)
            QVERIFY(budget.spend(budget.epoch(), 0, total, 8));
        QVERIFY(budget.spend(budget.epoch(), progress, total, 8));
        QCOMPARE(budget.attempts(), attemptsAfter);
    }

    void bytesFetchedAgainAfterARestartAreNotProgress()
    {
        // 10 MiB were on disk when the task was made; a failure at 10.5 MiB is not new ground.
        AttemptBudget budget(3, 10 * kMiB, milliseconds(100), milliseconds(1000));
        QVERIFY(budget.spend(budget.epoch(), 10 * kMiB + kMiB / 2, 100 * kMiB, 8));
        QCOMPARE(budget.attempts(), 4);
        // Losing bytes (the file started over) and fetching them again is not either.
        QVERIFY(budget.spend(budget.epoch(), kMiB, 100 * kMiB, 8));
        QVERIFY(budget.spend(budget.epoch(), 10 * kMiB + kMiB / 2, 100 * kMiB, 8));
        QCOMPARE(budget.attempts(), 6);
        budget.reset();
        QCOMPARE(budget.attempts(), 0);
    }

    void theWaitGrowsWithTheAttemptsAndTheServerMayAskForLonger()
    {
        AttemptBudget budget(0, 0, milliseconds(100), milliseconds(1000));
        QVERIFY(budget.spend(budget.epoch(), 0, -1, 8));
        for (int i = 0; i < 20; ++i) {
            const milliseconds first = budget.retryDelay(milliseconds(-1));
            QVERIFY2(first >= milliseconds(50) && first < milliseconds(100),
                     qPrintable(QString::number(first.count())));
        }
        for (int i = 0; i < 4; ++i)
            QVERIFY(budget.spend(budget.epoch(), 0, -1, 8));
        for (int i = 0; i < 20; ++i) {
            const milliseconds fifth = budget.retryDelay(milliseconds(-1));  // capped at 1 s
            QVERIFY2(fifth >= milliseconds(500) && fifth < milliseconds(1000),
                     qPrintable(QString::number(fifth.count())));
        }
        QCOMPARE(budget.retryDelay(milliseconds(5000)), milliseconds(5000));
    }
};

QTEST_GUILESS_MAIN(TestAttemptBudget)
#include "tst_attemptbudget.moc"
