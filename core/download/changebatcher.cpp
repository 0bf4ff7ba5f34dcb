#include "download/changebatcher.h"

namespace Download {

ChangeBatcher::ChangeBatcher(std::chrono::milliseconds interval, Tick tick, IsFinished isFinished, QObject *parent)
    : QObject(parent)
    , m_tick(std::move(tick))
    , m_isFinished(std::move(isFinished))
{
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, &ChangeBatcher::flush);
}

void ChangeBatcher::taskChanged(TaskId id, const QList<GroupId> &groups)
{
    m_dirtyTasks.insert(id);
    for (GroupId g : groups)
        m_dirtyGroups.insert(g);
    if (!m_timer.isActive())
        m_timer.start();
}

void ChangeBatcher::taskSettled(TaskId id, const QList<GroupId> &groups)
{
    m_finishedTasks.append(id);
    for (GroupId g : groups)
        m_maybeFinished.insert(g);
}

void ChangeBatcher::reopen(const QList<GroupId> &groups)
{
    for (GroupId g : groups)
        m_reportedGroups.remove(g);
}

void ChangeBatcher::forgetTask(TaskId id)
{
    m_dirtyTasks.remove(id);
    m_finishedTasks.removeAll(id);
}

void ChangeBatcher::forgetGroup(GroupId id)
{
    m_dirtyGroups.remove(id);
    m_finishedGroups.removeAll(id);
    m_reportedGroups.remove(id);
}

void ChangeBatcher::flush()
{
    const bool busy = m_tick ? m_tick() : false;
    if (!m_dirtyTasks.isEmpty()) {
        const QList<TaskId> ids(m_dirtyTasks.cbegin(), m_dirtyTasks.cend());
        m_dirtyTasks.clear();
        Q_EMIT tasksChanged(ids);
    }
    if (!m_dirtyGroups.isEmpty()) {
        const QList<GroupId> ids(m_dirtyGroups.cbegin(), m_dirtyGroups.cend());
        m_dirtyGroups.clear();
        Q_EMIT groupsChanged(ids);
    }
    for (GroupId g : std::exchange(m_maybeFinished, {})) {
        if (!m_reportedGroups.contains(g) && m_isFinished(g)) {
            m_reportedGroups.insert(g);
            m_finishedGroups.append(g);
        }
    }
    const QList<TaskId> finished = std::exchange(m_finishedTasks, {});
    for (TaskId id : finished)
        Q_EMIT taskFinished(id);
    const QList<GroupId> finishedGroups = std::exchange(m_finishedGroups, {});
    for (GroupId id : finishedGroups)
        Q_EMIT groupFinished(id);
    if (!busy && m_dirtyTasks.isEmpty() && m_dirtyGroups.isEmpty() && m_finishedTasks.isEmpty())
        m_timer.stop();
}

}  // namespace Download
