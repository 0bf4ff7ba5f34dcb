#include "download/groupbook.h"

namespace Download {

void GroupBook::add(GroupId id, const QString &name, const QList<TaskId> &members)
{
    m_groups.insert(id, Group{name, members});
    m_order.append(id);
    for (TaskId t : members)
        m_taskGroups[t].append(id);
}

bool GroupBook::addMember(GroupId group, TaskId task)
{
    Group &g = m_groups[group];
    if (g.members.contains(task))
        return false;
    g.members.append(task);
    m_taskGroups[task].append(group);
    return true;
}

QList<GroupId> GroupBook::takeMemberships(TaskId task)
{
    const QList<GroupId> owners = m_taskGroups.take(task);
    for (GroupId g : owners)
        m_groups[g].members.removeOne(task);
    return owners;
}

void GroupBook::makePrimary(TaskId task, GroupId group)
{
    QList<GroupId> &owners = m_taskGroups[task];
    if (owners.removeOne(group))
        owners.prepend(group);
}

void GroupBook::swap(qsizetype first)
{
    if (first >= 0 && first + 1 < m_order.size())
        m_order.swapItemsAt(first, first + 1);
}

GroupSnapshot GroupBook::snapshot(GroupId id, const MemberLookup &lookup) const
{
    GroupSnapshot s;
    const auto it = m_groups.constFind(id);
    if (it == m_groups.cend())
        return s;
    s.id = id;
    s.name = it->name;
    for (TaskId t : it->members) {
        const std::optional<Member> member = lookup(t);
        if (!member)
            continue;
        ++s.total;
        switch (member->state) {
        case TaskState::Completed:
            ++s.completed;
            break;
        case TaskState::Failed:
            ++s.failed;
            break;
        case TaskState::Cancelled:
            ++s.cancelled;
            break;
        case TaskState::Paused:
            ++s.paused;
            break;
        case TaskState::Queued:
            ++s.queued;
            break;
        case TaskState::Connecting:
        case TaskState::Downloading:
        case TaskState::Verifying:
            ++s.active;
            break;
        }
        if (member->state == TaskState::Cancelled)
            continue;
        s.bytesDone += member->bytesDone;
        s.bytesTotal += qMax<qint64>(0, member->bytesTotal);
        s.speed += member->speed;
    }
    return s;
}

QList<TaskId> GroupBook::remove(const QList<GroupId> &groups)
{
    QList<TaskId> orphans;
    for (GroupId g : groups) {
        for (TaskId t : m_groups.value(g).members) {
            QList<GroupId> &owners = m_taskGroups[t];
            owners.removeAll(g);
            if (!owners.isEmpty())
                continue;  // another group still shows it
            m_taskGroups.remove(t);
            orphans.append(t);
        }
        m_groups.remove(g);
        m_order.removeOne(g);
    }
    return orphans;
}

}  // namespace Download
