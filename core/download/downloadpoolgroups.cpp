// DownloadPool: operations on whole groups that front ends offer on a dashboard — order (with
// the waiting tasks following it in the queue) and removal of finished groups — and the
// read-only request accessor. The bookkeeping itself is GroupBook's.
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
    const qsizetype at = m_groups.order().indexOf(id);
    if (at > 0)
        swapGroups(at - 1);
}

void DownloadPool::moveGroupDown(GroupId id)
{
    const qsizetype at = m_groups.order().indexOf(id);
    if (at >= 0 && at + 1 < m_groups.order().size())
        swapGroups(at);
}

void DownloadPool::swapGroups(qsizetype first)
{
    const GroupId earlier = m_groups.order().at(first);
    const GroupId later = m_groups.order().at(first + 1);
    m_groups.swap(first);
    // The waiting tasks of the group that now comes first take the places in the queue where
    // the waiting tasks of both groups were, ahead of the other group's; tasks of other groups
    // and running tasks keep their places.
    const auto waitingOf = [this](GroupId group) {
        QList<TaskId> waiting;
        for (TaskId t : m_groups.members(group)) {
            const DownloadTask *task = m_tasks.value(t);
            if (task && task->state() == TaskState::Queued && m_groups.primaryGroup(t) == group)
                waiting.append(t);
        }
        return waiting;
    };
    m_scheduler.placeBefore(waitingOf(later), waitingOf(earlier));
    m_batcher->noteGroup(earlier);
    m_batcher->noteGroup(later);
    queueChanged();
}

QList<GroupId> DownloadPool::removeFinishedGroups()
{
    QList<GroupId> removed;
    for (GroupId g : m_groups.order()) {
        if (group(g).isFinished())
            removed.append(g);
    }
    if (removed.isEmpty())
        return removed;
    const QList<TaskId> forgotten = m_groups.remove(removed);  // tasks no remaining group shows
    for (TaskId t : forgotten) {
        if (DownloadTask *task = m_tasks.take(t)) {
            const QString file = fileKey(task->request());
            if (m_byFile.value(file) == t)
                m_byFile.remove(file);
            task->disconnect(this);
            task->deleteLater();
        }
        m_scheduler.remove(t);
        m_batcher->forgetTask(t);
    }
    for (GroupId g : std::as_const(removed))
        m_batcher->forgetGroup(g);
    if (m_writer)
        m_writer->removeGroups(removed, forgotten);
    qCInfo(lcDownload) << "removed" << removed.size() << "finished groups and" << forgotten.size() << "tasks";
    Q_EMIT groupsRemoved(removed);
    return removed;
}

}  // namespace Download
