#pragma once

#include "download/types.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Download {

// Which task runs next. Owns the queue order (one list of every task; waiting ones start in
// that order) and decides, under the global and per-host limits, which waiting tasks start and
// which running ones step back when a limit was lowered.
//
// - A task counts once towards maxActive and once towards maxPerHost of its host (the host of
//   its first URL), however many ranges it fetches. Only Connecting and Downloading hold a slot.
// - Limits lowered while transfers run: the last-started in queue order step back to the front
//   of the waiting line (keeping their bytes) and the others run on; raising a limit starts
//   more at once.
// - moveUp/moveDown/moveToFront reorder waiting tasks; position() is a task's place among
//   the waiting ones, cached until the queue or a state changes.
//
// It reads task states and acts on tasks only through Scheduler::Tasks and Scheduler::Pool, so its
// rules are tested with a table of fake tasks (tst_scheduler). Lives on the pool's thread.
class Scheduler
{
public:
    // What the scheduler reads of the tasks…
    class Tasks
    {
    public:
        virtual ~Tasks() = default;
        virtual bool isWaiting(TaskId id) const = 0;  // Queued
        virtual bool holdsSlot(TaskId id) const = 0;  // Connecting or Downloading
        virtual QString host(TaskId id) const = 0;
    };
    // …and what it asks of them, through the pool.
    class Pool : public Tasks
    {
    public:
        virtual void start(TaskId id) = 0;     // afterwards holdsSlot() tells if it took one
        virtual void stepBack(TaskId id) = 0;  // to Queued, keeping its bytes
        virtual void queueReordered() = 0;     // the queue order changed (journal, views)
    };
    struct Limits
    {
        int maxActive = 1;
        int maxPerHost = 1;
    };

    const QList<TaskId> &queue() const { return m_queue; }
    qsizetype size() const { return m_queue.size(); }
    qsizetype indexOf(TaskId id) const { return m_queue.indexOf(id); }
    void append(TaskId id);
    void remove(TaskId id);

    // Before the previous / after the next waiting task; false when there is none (nothing moved).
    bool moveUp(TaskId id, const Tasks &tasks);
    bool moveDown(TaskId id, const Tasks &tasks);
    bool moveToFront(TaskId id);
    // `ids` (in this order) go before every other task.
    void sendToFront(const QList<TaskId> &ids);
    // The places `first` and `second` hold in the queue, together, are refilled with `first`'s
    // tasks and then `second`'s; every other task keeps its place (two groups swapping their
    // waiting tasks).
    void placeBefore(const QList<TaskId> &first, const QList<TaskId> &second);

    // 0-based place among the waiting tasks, -1 when `id` is not waiting.
    int position(TaskId id, const Tasks &tasks) const;
    void invalidatePositions() { m_positionsValid = false; }

    // One scheduling pass: steps back what is over the limits, then starts waiting tasks in
    // queue order while there is room. True when tasks stepped back: run again once slots
    // free up.
    bool run(Pool &pool, const Limits &limits);

private:
    QList<TaskId> m_queue;                   // every task, in queue order
    mutable QHash<TaskId, int> m_positions;  // cache of the waiting tasks' places
    mutable bool m_positionsValid = false;
};

}  // namespace Download
