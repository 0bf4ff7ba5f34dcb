#pragma once

#include "download/types.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>

namespace Download {

// Coalesces the pool's many per-task changes into a few batched signals for the front ends.
// A task that changes only marks itself (and its groups) dirty; one timer (notifyInterval,
// 250 ms) flushes: the periodic work of the busy tasks runs first (speed, ETA, stalls), then
// tasksChanged(ids) and groupsChanged(ids) for what changed since the last flush (at most ~4
// per second however many bytes arrived), then taskFinished and groupFinished. Whether a group
// finished is decided once per flush: checking every member at every settled task made
// cancelling a 500-item group 250,000 snapshots. A group is reported finished once, until one
// of its tasks runs again. The timer stops when nothing is busy or pending.
//
// It knows ids only: the pool says what changed and answers "is this group finished"
// (tst_changebatcher drives flush() directly). Lives on the pool's thread.
class ChangeBatcher : public QObject
{
    Q_OBJECT
public:
    // The periodic work before each flush; true while some task is busy (keeps the timer on).
    using Tick = std::function<bool()>;
    using IsFinished = std::function<bool(GroupId id)>;

    ChangeBatcher(std::chrono::milliseconds interval, Tick tick, IsFinished isFinished, QObject *parent = nullptr);

    // A task changed: it and its groups go out with the next flush.
    void taskChanged(TaskId id, const QList<GroupId> &groups);
    // Queued tasks whose places changed, and groups that changed: marked, not woken.
    void noteTask(TaskId id) { m_dirtyTasks.insert(id); }
    void noteGroup(GroupId id) { m_dirtyGroups.insert(id); }
    // The timer (re)starts from now (a new group, a reordered queue).
    void restart() { m_timer.start(); }
    bool isRunning() const { return m_timer.isActive(); }

    // A task settled (Completed, Failed, Cancelled): reported at the next flush, and its groups
    // are checked for being finished then.
    void taskSettled(TaskId id, const QList<GroupId> &groups);
    // Groups with a task running again (or a new one): their finish is news again.
    void reopen(const QList<GroupId> &groups);
    // Already finished when the pool was restored: not news.
    void markReported(GroupId id) { m_reportedGroups.insert(id); }

    // Gone from the pool: nothing more is reported about them.
    void forgetTask(TaskId id);
    void forgetGroup(GroupId id);

    void flush();

Q_SIGNALS:
    void tasksChanged(const QList<Download::TaskId> &ids);
    void groupsChanged(const QList<Download::GroupId> &ids);
    void taskFinished(Download::TaskId id);
    void groupFinished(Download::GroupId id);

private:
    Tick m_tick;
    IsFinished m_isFinished;
    QTimer m_timer;
    QSet<TaskId> m_dirtyTasks;
    QSet<GroupId> m_dirtyGroups;
    QList<TaskId> m_finishedTasks;
    QList<GroupId> m_finishedGroups;
    QSet<GroupId> m_maybeFinished;   // a member settled: checked once per flush
    QSet<GroupId> m_reportedGroups;  // groupFinished already sent
};

}  // namespace Download
