#pragma once

#include "download/types.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Download {

// The groups of a pool: their names and display order, their members, the groups each task
// belongs to (a file asked for by two groups is one task in both; the first group it was added
// to is its primary one), and the counts a group shows (how many done, failed, running; bytes
// and speed summed over its members).
//
// Plain bookkeeping: it never touches a task, it is told what its members are doing when a
// snapshot is taken (tst_groupbook). Lives on the pool's thread.
class GroupBook
{
public:
    // What a group sums of one member.
    struct Member
    {
        TaskState state = TaskState::Queued;
        qint64 bytesDone = 0;
        qint64 bytesTotal = -1;
        double speed = 0;
    };
    // A member's state now; nothing when the task is gone.
    using MemberLookup = std::function<std::optional<Member>(TaskId id)>;

    // Appended to the display order, with `members` (each recorded as belonging to it).
    void add(GroupId id, const QString &name, const QList<TaskId> &members = {});
    bool contains(GroupId id) const { return m_groups.contains(id); }
    qsizetype size() const { return m_groups.size(); }
    const QList<GroupId> &order() const { return m_order; }
    QList<TaskId> members(GroupId id) const { return m_groups.value(id).members; }

    // False when `task` already is a member.
    bool addMember(GroupId group, TaskId task);
    // `task` leaves every group it was in; returns them (a duplicate joining another task).
    QList<GroupId> takeMemberships(TaskId task);
    QList<GroupId> groupsOf(TaskId task) const { return m_taskGroups.value(task); }
    GroupId primaryGroup(TaskId task) const { return m_taskGroups.value(task).value(0); }
    // `group` becomes the first of the task's groups, when it is one of them.
    void makePrimary(TaskId task, GroupId group);

    // Swaps the groups at `first` and `first + 1` in the display order.
    void swap(qsizetype first);

    GroupSnapshot snapshot(GroupId id, const MemberLookup &lookup) const;

    // Forgets `groups`; returns the tasks no remaining group holds.
    QList<TaskId> remove(const QList<GroupId> &groups);

private:
    struct Group
    {
        QString name;
        QList<TaskId> members;
    };

    QHash<GroupId, Group> m_groups;
    QList<GroupId> m_order;
    QHash<TaskId, QList<GroupId>> m_taskGroups;  // first = the group it was added to
};

}  // namespace Download
