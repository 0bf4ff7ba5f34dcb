#include "net/retrybudget.h"

#include <QTest>

using namespace Net;
using namespace std::chrono;

class TestRetryBudget : public QObject
{
    Q_OBJECT
private:
    static HttpError error(ErrorKind kind, milliseconds retryAfter = milliseconds(-1))
    {
        HttpError e = HttpError::make(kind, QStringLiteral("org/model: the hub is rate-limiting requests (HTTP 429)."));
        e.retryAfter = retryAfter;
        return e;
    }

private Q_SLOTS:
    void aRetryIsAnnouncedWithTheWaitTheHubAskedFor()
    {
        RetryBudget budget(RetryPolicy{5, seconds(60), milliseconds(100), seconds(1)});
        const RetryBudget::Decision d = budget.afterFailure(error(ErrorKind::RateLimited, seconds(3)));
        QVERIFY(d.retry);
        QCOMPARE(d.delay, milliseconds(3000));
        QCOMPARE(d.message,
                 QStringLiteral("org/model: the hub is rate-limiting requests (HTTP 429). Retrying in 3 s."));
    }

    void withoutAServerDelayTheBackoffGrowsAndIsAnnouncedRoundedUp()
    {
        RetryBudget budget(RetryPolicy{5, seconds(60), milliseconds(400), seconds(10)});
        const RetryBudget::Decision first = budget.afterFailure(error(ErrorKind::ServerError));
        QVERIFY(first.retry);
        QVERIFY(first.delay >= milliseconds(200) && first.delay <= milliseconds(400));
        QVERIFY2(first.message.endsWith(QLatin1String(" Retrying in 1 s.")), qPrintable(first.message));
        const RetryBudget::Decision second = budget.afterFailure(error(ErrorKind::ServerError));
        QVERIFY(second.delay >= milliseconds(400) && second.delay <= milliseconds(800));
    }

    void theLastAttemptSaysItGaveUpAndPromisesNothing()
    {
        RetryBudget budget(RetryPolicy{3, seconds(60), milliseconds(10), milliseconds(20)});
        QVERIFY(budget.afterFailure(error(ErrorKind::Network)).retry);
        QVERIFY(budget.afterFailure(error(ErrorKind::Network)).retry);
        const RetryBudget::Decision last = budget.afterFailure(error(ErrorKind::Network));
        QVERIFY(!last.retry);
        QCOMPARE(budget.attempts(), 3);
        QVERIFY2(last.message.endsWith(QLatin1String(" Gave up after 3 attempts; try again later.")),
                 qPrintable(last.message));
        QVERIFY(!last.message.contains(QLatin1String("Retrying")));
    }

    void aWaitBeyondTheTotalIsNotWaitedFor()
    {
        RetryBudget budget(RetryPolicy{5, seconds(60), milliseconds(10), milliseconds(20)});
        const RetryBudget::Decision d = budget.afterFailure(error(ErrorKind::RateLimited, seconds(600)));
        QVERIFY(!d.retry);
        QVERIFY2(
            d.message.endsWith(QLatin1String(" That is longer than ModelDock waits (at most 60 s); try again later.")),
            qPrintable(d.message));
        QCOMPARE(budget.waited(), milliseconds(0));
    }

    void theWaitsTogetherStayWithinTheTotal()
    {
        RetryBudget budget(RetryPolicy{10, seconds(5), milliseconds(10), milliseconds(20)});
        QVERIFY(budget.afterFailure(error(ErrorKind::RateLimited, seconds(3))).retry);
        const RetryBudget::Decision d = budget.afterFailure(error(ErrorKind::RateLimited, seconds(3)));
        QVERIFY(!d.retry);
        QVERIFY2(d.message.contains(QLatin1String("Gave up after 2 attempts over 3 s")), qPrintable(d.message));
    }

    void anErrorNoRetryCanFixIsLeftAsItIs()
    {
        RetryBudget budget;
        HttpError gated = HttpError::make(ErrorKind::GatedRepo, QStringLiteral("a/b is a gated model."));
        const RetryBudget::Decision d = budget.afterFailure(gated);
        QVERIFY(!d.retry);
        QCOMPARE(d.message, gated.message);
    }
};

QTEST_GUILESS_MAIN(TestRetryBudget)
#include "tst_retrybudget.moc"
