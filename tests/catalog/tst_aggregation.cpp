// The one rule for a parent's state (Catalog::aggregateRows), over the catalog's stored
// states and the live ones a transfer adds.
#include "catalog/catalogtypes.h"

#include <QTest>

using namespace Catalog;

class TestAggregation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aggregation_data()
    {
        QTest::addColumn<QList<LocalState>>("children");
        QTest::addColumn<bool>("requireAll");
        QTest::addColumn<LocalState>("expected");
        using S = LocalState;
        QTest::newRow("nothing downloaded is none") << QList<S>{S::None, S::None} << true << S::None;
        QTest::newRow("any download in progress shows")
            << QList<S>{S::Verified, S::Downloading, S::Failed} << true << S::Downloading;
        QTest::newRow("queued beats failed") << QList<S>{S::Queued, S::Failed} << true << S::Queued;
        QTest::newRow("a failure shows") << QList<S>{S::Verified, S::Failed} << true << S::Failed;
        QTest::newRow("an update shows") << QList<S>{S::Verified, S::UpdateAvailable} << true << S::UpdateAvailable;
        QTest::newRow("a half-downloaded variant is not verified") << QList<S>{S::Verified, S::None} << true << S::None;
        QTest::newRow("a model with one verified variant is verified")
            << QList<S>{S::Verified, S::None} << false << S::Verified;
        QTest::newRow("all verified is verified") << QList<S>{S::Verified, S::Verified} << true << S::Verified;
    }
    void aggregation()
    {
        QFETCH(QList<LocalState>, children);
        QFETCH(bool, requireAll);
        QFETCH(LocalState, expected);
        QCOMPARE(aggregate(children, requireAll), expected);
    }

    // The live states a transfer adds (verifying, paused, cancelled) follow the same rule.
    void aggregationOfLiveRowStates()
    {
        using R = RowState;
        QCOMPARE(aggregateRows({R::Verified, R::Verifying, R::Queued}, true), R::Verifying);
        QCOMPARE(aggregateRows({R::Paused, R::Failed}, true), R::Paused);
        QCOMPARE(aggregateRows({R::Queued, R::Paused}, true), R::Queued);
        QCOMPARE(aggregateRows({R::Verified, R::Cancelled}, true), R::None);
        QCOMPARE(aggregateRows({R::Verified, R::Cancelled}, false), R::Verified);
        QCOMPARE(aggregateRows({}, true), R::None);
    }
};

QTEST_GUILESS_MAIN(TestAggregation)
#include "tst_aggregation.moc"
