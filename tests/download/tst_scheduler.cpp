// Which task runs next: waiting tasks start in queue order under the global and per-host
// limits, a lowered limit sends the last-started back to the front of the line, and moves
// reorder only waiting tasks. Against a table of fake tasks: no network, no waiting.

#include "download/scheduler.h"

#include <QTest>

using namespace Download;

namespace {

// Tasks as the scheduler sees them. start() takes a slot unless the task is marked as one that
// settles at once (a file already on disk).
class FakePool final : public Scheduler::Pool
{
public:
    enum class State
    {
        Waiting,
        Running,
        Done
    };
    struct Task
    {
        QString host;
        State state = State::Waiting;
        bool settlesAtOnce = false;
    };

    Scheduler scheduler;
    QHash<TaskId, Task> tasks;
    QList<TaskId> started;
    QList<TaskId> steppedBack;
    int reorders = 0;

    void add(TaskId id, const QString &host, State state = State::Waiting)
    {
        tasks.insert(id, Task{host, state, false});
        scheduler.append(id);
    }
    QList<TaskId> running() const
    {
        QList<TaskId> ids;
        for (TaskId id : scheduler.queue()) {
            if (tasks.value(id).state == State::Running)
                ids.append(id);
        }
        return ids;
    }

    bool isWaiting(TaskId id) const override { return tasks.value(id).state == State::Waiting; }
    bool holdsSlot(TaskId id) const override { return tasks.value(id).state == State::Running; }
    QString host(TaskId id) const override { return tasks.value(id).host; }
    void start(TaskId id) override
    {
        started.append(id);
        tasks[id].state = tasks.value(id).settlesAtOnce ? State::Done : State::Running;
    }
    void stepBack(TaskId id) override
    {
        steppedBack.append(id);
        tasks[id].state = State::Waiting;
    }
    void queueReordered() override { ++reorders; }
};

const QString kHub = QStringLiteral("hub");
const QString kCivitai = QStringLiteral("civitai");

}  // namespace

class TestScheduler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void waitingTasksStartInQueueOrderUpToTheActiveLimit()
    {
        FakePool pool;
        for (TaskId id = 1; id <= 5; ++id)
            pool.add(id, QStringLiteral("host%1").arg(id));
        QVERIFY(!pool.scheduler.run(pool, {3, 2}));
        QCOMPARE(pool.started, (QList<TaskId>{1, 2, 3}));
        // Running again with the same limits starts nothing more.
        pool.started.clear();
        pool.scheduler.run(pool, {3, 2});
        QVERIFY(pool.started.isEmpty());
    }

    void onePerHostStillLetsOtherHostsRun()
    {
        FakePool pool;
        pool.add(1, kHub);
        pool.add(2, kHub);
        pool.add(3, kHub);
        pool.add(4, kCivitai);
        pool.scheduler.run(pool, {4, 1});
        QCOMPARE(pool.started, (QList<TaskId>{1, 4}));
    }

    void aTaskThatSettlesAtOnceLeavesItsSlotToTheNext()
    {
        FakePool pool;
        pool.add(1, kHub);
        pool.add(2, kHub);
        pool.add(3, kHub);
        pool.tasks[1].settlesAtOnce = true;  // already on disk: Completed without a transfer
        pool.scheduler.run(pool, {1, 1});
        QCOMPARE(pool.started, (QList<TaskId>{1, 2}));
        QCOMPARE(pool.running(), (QList<TaskId>{2}));
    }

    void aLoweredLimitSendsTheLastStartedBackToTheFront()
    {
        FakePool pool;
        for (TaskId id = 1; id <= 6; ++id)
            pool.add(id, kHub);
        pool.scheduler.run(pool, {4, 4});
        QCOMPARE(pool.running(), (QList<TaskId>{1, 2, 3, 4}));
        pool.started.clear();
        // Down to two: 3 and 4 step back, ahead of 5 and 6; nothing new starts.
        QVERIFY(pool.scheduler.run(pool, {2, 4}));
        QCOMPARE(pool.steppedBack, (QList<TaskId>{3, 4}));
        QCOMPARE(pool.running(), (QList<TaskId>{1, 2}));
        QCOMPARE(pool.scheduler.queue(), (QList<TaskId>{3, 4, 1, 2, 5, 6}));
        QCOMPARE(pool.reorders, 1);
        QVERIFY(pool.started.isEmpty());
        // The next pass (once slots free up) starts them first.
        pool.tasks[1].state = FakePool::State::Done;
        QVERIFY(!pool.scheduler.run(pool, {2, 4}));
        QCOMPARE(pool.started, (QList<TaskId>{3}));
    }

    void aLoweredPerHostLimitKeepsOtherHostsRunning()
    {
        FakePool pool;
        pool.add(1, kHub);
        pool.add(2, kCivitai);
        pool.add(3, kHub);
        pool.add(4, kCivitai);
        pool.scheduler.run(pool, {4, 2});
        QCOMPARE(pool.running().size(), 4);
        pool.scheduler.run(pool, {4, 1});
        QCOMPARE(pool.steppedBack, (QList<TaskId>{3, 4}));
        QCOMPARE(pool.running(), (QList<TaskId>{1, 2}));
    }

    void movesReorderOnlyWaitingTasks()
    {
        FakePool pool;
        pool.add(1, kHub, FakePool::State::Running);
        pool.add(2, kHub);
        pool.add(3, kHub, FakePool::State::Done);
        pool.add(4, kHub);
        // Up past a finished task to the previous waiting one; never past a running one.
        QVERIFY(pool.scheduler.moveUp(4, pool));
        QCOMPARE(pool.scheduler.queue(), (QList<TaskId>{1, 4, 2, 3}));
        QVERIFY(!pool.scheduler.moveUp(4, pool));
        QVERIFY(pool.scheduler.moveDown(4, pool));
        QCOMPARE(pool.scheduler.queue(), (QList<TaskId>{1, 2, 4, 3}));
        QVERIFY(!pool.scheduler.moveDown(4, pool));
        QVERIFY(pool.scheduler.moveToFront(4));
        QCOMPARE(pool.scheduler.queue(), (QList<TaskId>{4, 1, 2, 3}));
        QVERIFY(!pool.scheduler.moveToFront(4));
        QVERIFY(!pool.scheduler.moveUp(99, pool));
    }

    void positionsCountWaitingTasksOnly()
    {
        FakePool pool;
        pool.add(1, kHub, FakePool::State::Running);
        pool.add(2, kHub);
        pool.add(3, kHub, FakePool::State::Done);
        pool.add(4, kHub);
        QCOMPARE(pool.scheduler.position(2, pool), 0);
        QCOMPARE(pool.scheduler.position(4, pool), 1);
        QCOMPARE(pool.scheduler.position(1, pool), -1);
        // Cached until told otherwise: a state change is the pool's to report.
        pool.tasks[2].state = FakePool::State::Running;
        QCOMPARE(pool.scheduler.position(4, pool), 1);
        pool.scheduler.invalidatePositions();
        QCOMPARE(pool.scheduler.position(4, pool), 0);
        // A reorder invalidates by itself.
        pool.tasks[2].state = FakePool::State::Waiting;
        pool.scheduler.invalidatePositions();
        QVERIFY(pool.scheduler.moveToFront(4));
        QCOMPARE(pool.scheduler.position(4, pool), 0);
        QCOMPARE(pool.scheduler.position(2, pool), 1);
    }

    void twoGroupsSwapTheirWaitingTasksInPlace()
    {
        FakePool pool;
        // Group A: 1, 3, 5 waiting; group B: 2, 6 waiting; 4 belongs to neither.
        for (TaskId id = 1; id <= 6; ++id)
            pool.add(id, kHub);
        pool.scheduler.placeBefore({2, 6}, {1, 3, 5});
        QCOMPARE(pool.scheduler.queue(), (QList<TaskId>{2, 6, 1, 4, 3, 5}));
        pool.scheduler.remove(4);
        QCOMPARE(pool.scheduler.queue(), (QList<TaskId>{2, 6, 1, 3, 5}));
        QCOMPARE(pool.scheduler.indexOf(3), 3);
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
