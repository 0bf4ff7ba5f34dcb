// Many per-task changes become a few batched signals: one tasksChanged and one groupsChanged per
// flush however many changes came, finished tasks after them, a group finished once until it
// runs again, and a timer that stops when nothing is busy. flush() is called directly, so
// nothing waits for the timer.

#include "download/changebatcher.h"

#include <QSignalSpy>
#include <QTest>

using namespace Download;
using namespace std::chrono_literals;

namespace {

template <typename T> QSet<T> asSet(const QVariant &list)
{
    const QList<T> ids = list.value<QList<T>>();
    return QSet<T>(ids.cbegin(), ids.cend());
}

}  // namespace

class TestChangeBatcher : public QObject
{
    Q_OBJECT

private:
    bool m_busy = false;
    int m_ticks = 0;
    QSet<GroupId> m_finishedGroups;

    std::unique_ptr<ChangeBatcher> makeBatcher()
    {
        return std::make_unique<ChangeBatcher>(
            250ms,
            [this] {
                ++m_ticks;
                return m_busy;
            },
            [this](GroupId g) { return m_finishedGroups.contains(g); });
    }

private Q_SLOTS:
    void init()
    {
        m_busy = false;
        m_ticks = 0;
        m_finishedGroups.clear();
    }

    void manyChangesMakeOneBatch()
    {
        auto batcher = makeBatcher();
        QSignalSpy tasks(batcher.get(), &ChangeBatcher::tasksChanged);
        QSignalSpy groups(batcher.get(), &ChangeBatcher::groupsChanged);
        QVERIFY(!batcher->isRunning());
        for (int i = 0; i < 1000; ++i)
            batcher->taskChanged(TaskId(i % 3 + 1), {GroupId(i % 2 + 1)});
        QVERIFY(batcher->isRunning());  // the first change woke the timer
        QVERIFY(tasks.isEmpty());
        batcher->flush();
        QCOMPARE(m_ticks, 1);  // the busy tasks' periodic work comes first
        QCOMPARE(tasks.size(), 1);
        QCOMPARE(asSet<TaskId>(tasks.at(0).at(0)), (QSet<TaskId>{1, 2, 3}));
        QCOMPARE(groups.size(), 1);
        QCOMPARE(asSet<GroupId>(groups.at(0).at(0)), (QSet<GroupId>{1, 2}));
        // Nothing changed since: nothing is sent, and with nothing busy the timer stops.
        batcher->flush();
        QCOMPARE(tasks.size(), 1);
        QVERIFY(!batcher->isRunning());
    }

    void aBusyTaskKeepsTheTimerGoing()
    {
        auto batcher = makeBatcher();
        batcher->taskChanged(1, {});
        m_busy = true;
        batcher->flush();
        batcher->flush();
        QVERIFY(batcher->isRunning());
        m_busy = false;
        batcher->flush();
        QVERIFY(!batcher->isRunning());
    }

    void notedChangesWaitForTheNextFlush()
    {
        auto batcher = makeBatcher();
        QSignalSpy tasks(batcher.get(), &ChangeBatcher::tasksChanged);
        QSignalSpy groups(batcher.get(), &ChangeBatcher::groupsChanged);
        batcher->noteTask(4);
        batcher->noteGroup(9);
        QVERIFY(!batcher->isRunning());  // noted, not woken
        batcher->restart();
        QVERIFY(batcher->isRunning());
        batcher->flush();
        QCOMPARE(asSet<TaskId>(tasks.at(0).at(0)), (QSet<TaskId>{4}));
        QCOMPARE(asSet<GroupId>(groups.at(0).at(0)), (QSet<GroupId>{9}));
    }

    void finishedTasksComeAfterTheChangesAndAGroupFinishesOnce()
    {
        auto batcher = makeBatcher();
        QStringList order;
        connect(batcher.get(), &ChangeBatcher::tasksChanged, this, [&order] { order << QStringLiteral("tasks"); });
        connect(batcher.get(), &ChangeBatcher::groupsChanged, this, [&order] { order << QStringLiteral("groups"); });
        connect(batcher.get(), &ChangeBatcher::taskFinished, this,
                [&order](TaskId id) { order << QStringLiteral("task %1").arg(id); });
        connect(batcher.get(), &ChangeBatcher::groupFinished, this,
                [&order](GroupId id) { order << QStringLiteral("group %1").arg(id); });
        batcher->taskChanged(1, {7});
        batcher->taskSettled(1, {7});
        batcher->taskChanged(2, {7});
        batcher->taskSettled(2, {7});
        m_finishedGroups.insert(7);
        batcher->flush();
        QCOMPARE(order, (QStringList{QStringLiteral("tasks"), QStringLiteral("groups"), QStringLiteral("task 1"),
                                     QStringLiteral("task 2"), QStringLiteral("group 7")}));
        // Another member settling again (a retried task failing once more) is not news…
        order.clear();
        batcher->taskSettled(2, {7});
        batcher->flush();
        QCOMPARE(order, (QStringList{QStringLiteral("task 2")}));
        // …until one of its tasks ran again.
        order.clear();
        batcher->reopen({7});
        batcher->taskSettled(2, {7});
        batcher->flush();
        QCOMPARE(order, (QStringList{QStringLiteral("task 2"), QStringLiteral("group 7")}));
    }

    void aGroupFinishedInAnEarlierRunIsNotNews()
    {
        auto batcher = makeBatcher();
        QSignalSpy finished(batcher.get(), &ChangeBatcher::groupFinished);
        m_finishedGroups.insert(3);
        batcher->markReported(3);
        batcher->taskSettled(1, {3});
        batcher->flush();
        QCOMPARE(finished.size(), 0);
    }

    void forgottenTasksAndGroupsAreNotReported()
    {
        auto batcher = makeBatcher();
        QSignalSpy tasks(batcher.get(), &ChangeBatcher::tasksChanged);
        QSignalSpy groups(batcher.get(), &ChangeBatcher::groupsChanged);
        QSignalSpy taskFinished(batcher.get(), &ChangeBatcher::taskFinished);
        QSignalSpy groupFinished(batcher.get(), &ChangeBatcher::groupFinished);
        batcher->taskChanged(1, {5});
        batcher->taskSettled(1, {5});
        batcher->taskChanged(2, {6});
        batcher->forgetTask(1);
        batcher->forgetGroup(5);
        batcher->flush();
        QCOMPARE(asSet<TaskId>(tasks.at(0).at(0)), (QSet<TaskId>{2}));
        QCOMPARE(asSet<GroupId>(groups.at(0).at(0)), (QSet<GroupId>{6}));
        QCOMPARE(taskFinished.size(), 0);
        QCOMPARE(groupFinished.size(), 0);  // gone: not finished
    }

    void theTimerFlushesByItself()
    {
        auto batcher = makeBatcher();
        QSignalSpy tasks(batcher.get(), &ChangeBatcher::tasksChanged);
        batcher->taskChanged(1, {});
        QVERIFY(tasks.wait(2000));
        QTRY_VERIFY(!batcher->isRunning());
    }
};

QTEST_GUILESS_MAIN(TestChangeBatcher)
#include "tst_changebatcher.moc"
