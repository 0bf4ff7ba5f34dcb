// DownloadPool: operations on whole groups that front ends offer on a dashboard — order and
// removal of finished groups — and the read-only request accessor.
#include "download/downloadpool.h"

#include "download/downloadtask.h"
#include "download/journalwriter.h"
#include "util/logging.h"

namespace Download {

FileRequest DownloadPool::request(TaskId id) const
{
    const DownloadTask *task = m_tasks.value(id);
    return task ? task->request() : FileRequest();
}

void DownloadPool::moveGroupUp(GroupId id)
{
    const qsizetype at = m_groupOrder.indexOf(id);
    if (at > 0)
        swapGroups(at - 1);
}

void DownloadPool::moveGroupDown(GroupId id)
{
    const qsizetype at = m_groupOrder.indexOf(id);
    if (at >= 0 && at + 1 < m_groupOrder.size())
        swapGroups(at);
}

void DownloadPool::swapGroups(qsizetype first)
{
    const GroupId earlier = m_groupOrder.at(first);
    const GroupId later = m_groupOrder.at(first + 1);
    m_groupOrder.swapItemsAt(first, first + 1);
    // The waiting tasks of the group that now comes first take the places in the queue where
    // the waiting tasks of both groups were, ahead of the other group's; tasks of other groups
    // and running tasks keep their places.
    const auto waitingOf = [this](GroupId group) {
        QList<TaskId> waiting;
        for (TaskId t : m_groups.value(group).members) {
            const DownloadTask *task = m_tasks.value(t);
            if (task && task->state() == TaskState::Queued && m_taskGroups.value(t).value(0) == group)
                waiting.append(t);
        }
        return waiting;
    };
    const QList<TaskId> front = waitingOf(later);
    const QList<TaskId> back = waitingOf(earlier);
    QSet<TaskId> moving(front.cbegin(), front.cend());
    moving.unite(QSet<TaskId>(back.cbegin(), back.cend()));
    QList<qsizetype> places;
    for (qsizetype i = 0; i < m_queue.size(); ++i) {
        if (moving.contains(m_queue.at(i)))
            places.append(i);
    }
    qsizetype next = 0;
    for (const QList<TaskId> *part : {&front, &back}) {
        for (TaskId t : *part)
            m_queue[places.at(next++)] = t;
    }
    m_dirtyGroups.insert(earlier);
    m_dirtyGroups.insert(later);
    queueChanged();
}

QList<GroupId> DownloadPool::removeFinishedGroups()
{
    QList<GroupId> removed;
    for (GroupId g : std::as_const(m_groupOrder)) {
        if (group(g).isFinished())
            removed.append(g);
    }
    if (removed.isEmpty())
        return removed;
    QList<TaskId> forgotten;
    for (GroupId g : std::as_const(removed)) {
        for (TaskId t : m_groups.value(g).members) {
            QList<GroupId> &owners = m_taskGroups[t];
            owners.removeAll(g);
            if (!owners.isEmpty())
                continue;  // another group still shows it
            m_taskGroups.remove(t);
            if (DownloadTask *task = m_tasks.take(t)) {
                const QString file = fileKey(task->request());
                if (m_byFile.value(file) == t)
                    m_byFile.remove(file);
                task->disconnect(this);
                task->deleteLater();
            }
            m_queue.removeOne(t);
            m_dirtyTasks.remove(t);
            m_finishedTasks.removeAll(t);
            forgotten.append(t);
        }
        m_groups.remove(g);
        m_groupOrder.removeOne(g);
        m_dirtyGroups.remove(g);
        m_finishedGroups.removeAll(g);
        m_reportedGroups.remove(g);
    }
    m_positionsValid = false;
    if (m_writer)
        m_writer->removeGroups(removed, forgotten);
    qCInfo(lcDownload) << "removed" << removed.size() << "finished groups and" << forgotten.size() << "tasks";
    Q_EMIT groupsRemoved(removed);
    return removed;
}

} // namespace Download
