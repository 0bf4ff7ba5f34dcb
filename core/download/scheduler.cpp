#include "download/scheduler.h"

#include <QSet>

namespace Download {

void Scheduler::append(TaskId id)
{
    m_queue.append(id);
    m_positionsValid = false;
}

void Scheduler::remove(TaskId id)
{
    m_queue.removeOne(id);
    m_positionsValid = false;
}

bool Scheduler::moveUp(TaskId id, const Tasks &tasks)
{
    const qsizetype at = m_queue.indexOf(id);
    for (qsizetype i = at - 1; at > 0 && i >= 0; --i) {
        if (tasks.isWaiting(m_queue.at(i))) {
            m_queue.move(at, i);
            m_positionsValid = false;
            return true;
        }
    }
    return false;
}

bool Scheduler::moveDown(TaskId id, const Tasks &tasks)
{
    const qsizetype at = m_queue.indexOf(id);
    for (qsizetype i = at + 1; at >= 0 && i < m_queue.size(); ++i) {
        if (tasks.isWaiting(m_queue.at(i))) {
            m_queue.move(at, i);
            m_positionsValid = false;
            return true;
        }
    }
    return false;
}

bool Scheduler::moveToFront(TaskId id)
{
    const qsizetype at = m_queue.indexOf(id);
    if (at <= 0)
        return false;
    m_queue.move(at, 0);
    m_positionsValid = false;
    return true;
}

void Scheduler::sendToFront(const QList<TaskId> &ids)
{
    for (qsizetype i = ids.size() - 1; i >= 0; --i) {
        m_queue.removeOne(ids.at(i));
        m_queue.prepend(ids.at(i));
    }
    m_positionsValid = false;
}

void Scheduler::placeBefore(const QList<TaskId> &first, const QList<TaskId> &second)
{
    QSet<TaskId> moving(first.cbegin(), first.cend());
    moving.unite(QSet<TaskId>(second.cbegin(), second.cend()));
    QList<qsizetype> places;
    for (qsizetype i = 0; i < m_queue.size(); ++i) {
        if (moving.contains(m_queue.at(i)))
            places.append(i);
    }
    if (places.size() != first.size() + second.size())
        return;  // not all queued, or in both lists: nothing sensible to do
    qsizetype next = 0;
    for (const QList<TaskId> *part : {&first, &second}) {
        for (TaskId t : *part)
            m_queue[places.at(next++)] = t;
    }
    m_positionsValid = false;
}

int Scheduler::position(TaskId id, const Tasks &tasks) const
{
    if (!m_positionsValid) {
        m_positions.clear();
        int position = 0;
        for (TaskId t : m_queue) {
            if (tasks.isWaiting(t))
                m_positions.insert(t, position++);
        }
        m_positionsValid = true;
    }
    return m_positions.value(id, -1);
}

bool Scheduler::run(Pool &pool, const Limits &limits)
{
    // Limits lowered while running: the last-started in queue order step back to the front of
    // the waiting line; they keep their bytes and resume from them.
    QList<TaskId> running;
    for (TaskId id : std::as_const(m_queue)) {
        if (pool.holdsSlot(id))
            running.append(id);
    }
    QList<TaskId> stepBack;
    QHash<QString, int> perHost;
    int kept = 0;
    for (TaskId id : std::as_const(running)) {
        const QString host = pool.host(id);
        if (kept >= limits.maxActive || perHost.value(host) >= limits.maxPerHost) {
            stepBack.append(id);
            continue;
        }
        ++kept;
        ++perHost[host];
    }
    for (TaskId id : std::as_const(stepBack))
        pool.stepBack(id);
    if (!stepBack.isEmpty()) {
        sendToFront(stepBack);
        pool.queueReordered();
    }

    int active = kept;
    for (qsizetype i = 0; i < m_queue.size() && active < limits.maxActive; ++i) {
        const TaskId id = m_queue.at(i);
        if (!pool.isWaiting(id) || stepBack.contains(id))
            continue;
        const QString host = pool.host(id);
        if (perHost.value(host) >= limits.maxPerHost)
            continue;
        pool.start(id);
        if (pool.holdsSlot(id)) {
            ++active;
            ++perHost[host];
        }
    }
    return !stepBack.isEmpty();
}

}  // namespace Download
