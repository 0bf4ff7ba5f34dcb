#include "hub/ratelimit.h"

#include <QTest>

using Hub::RateLimit;

// The RateLimit header as hubs send it on every answer: a wait only when a policy has
// nothing left.
class TestRateLimit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aSpentPolicyMeansWaitingForItsReset_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("waitMs");
        QTest::newRow("quota left: no wait") << QByteArray(R"("api";r=998;t=120)") << qint64(-1);
        QTest::newRow("quota spent: wait for the reset and a second more")
            << QByteArray(R"("api";r=0;t=5)") << qint64(6000);
        QTest::newRow("duplicate headers joined by a comma: the spent one counts")
            << QByteArray(R"("api";r=998;t=120, "api";r=0;t=1)") << qint64(2000);
        QTest::newRow("two spent policies: the later reset")
            << QByteArray(R"("a";r=0;t=3, "b";r=0;t=9)") << qint64(10000);
        QTest::newRow("spaces around parameters are fine") << QByteArray(R"("api"; r=0 ; t=2)") << qint64(3000);
        QTest::newRow("no reset time: nothing to wait for") << QByteArray(R"("api";r=0)") << qint64(-1);
        QTest::newRow("garbage is ignored") << QByteArray("r=zero;t=soon") << qint64(-1);
        QTest::newRow("no header") << QByteArray() << qint64(-1);
        QTest::newRow("a reset of qint64 max waits a day, without overflowing")
            << QByteArray("\"api\";r=0;t=9223372036854775807") << qint64(86401000);
    }
    void aSpentPolicyMeansWaitingForItsReset()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, waitMs);
        QCOMPARE(qint64(RateLimit::quotaResetIn(header).count()), waitMs);
    }
};

QTEST_GUILESS_MAIN(TestRateLimit)
#include "tst_ratelimit.moc"
