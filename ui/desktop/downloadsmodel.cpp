#include "downloadsmodel.h"

#include "download/downloadpool.h"
#include "library/storagelayout.h"

#include <QDir>
#include <QFileInfo>

namespace Ui {

using Download::GroupId;
using Download::TaskId;
using Download::TaskSnapshot;
using Download::TaskState;

QString stateText(TaskState state)
{
    switch (state) {
    case TaskState::Queued:
        return DownloadsModel::tr("Queued");
    case TaskState::Connecting:
        return DownloadsModel::tr("Connecting");
    case TaskState::Downloading:
        return DownloadsModel::tr("Downloading");
    case TaskState::Paused:
        return DownloadsModel::tr("Paused");
    case TaskState::Verifying:
        return DownloadsModel::tr("Verifying");
    case TaskState::Completed:
        return DownloadsModel::tr("Verified ✓");
    case TaskState::Failed:
        return DownloadsModel::tr("Failed ✗");
    case TaskState::Cancelled:
        return DownloadsModel::tr("Cancelled");
    }
    return {};
}

QString formatSpeed(double bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return {};
    return Download::formatBytes(static_cast<qint64>(bytesPerSecond)) + DownloadsModel::tr("/s");
}

QString formatEta(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return DownloadsModel::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return DownloadsModel::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return DownloadsModel::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QString DownloadsModel::commonFolder(const QStringList &files)
{
    QStringList common;
    bool first = true;
    for (const QString &file : files) {
        if (file.isEmpty())
            continue;
        const QStringList parts = QFileInfo(file).absolutePath().split(QLatin1Char('/'));
        if (first) {
            common = parts;
            first = false;
            continue;
        }
        qsizetype same = 0;
        while (same < common.size() && same < parts.size() && common.at(same) == parts.at(same))
            ++same;
        common.resize(same);
    }
    const QString folder = common.join(QLatin1Char('/'));
    return folder.isEmpty() && !first ? QDir::rootPath() : folder;
}

DownloadsModel::DownloadsModel(Download::DownloadPool *pool, QObject *parent)
    : QAbstractItemModel(parent)
    , m_pool(pool)
{
    for (GroupId id : pool->groups()) {
        GroupRow row;
        row.group = pool->group(id);
        for (TaskId task : pool->tasks(id)) {
            const TaskSnapshot snapshot = pool->task(task);
            if (snapshot.isValid() && snapshot.group == id)
                appendTask(row, snapshot);
        }
        row.folder = commonFolder(row.paths);
        m_groups.append(row);
    }
    reindexGroups();
    connect(pool, &Download::DownloadPool::tasksChanged, this, &DownloadsModel::onTasksChanged);
    connect(pool, &Download::DownloadPool::groupsChanged, this, &DownloadsModel::onGroupsChanged);
    connect(pool, &Download::DownloadPool::groupsRemoved, this, &DownloadsModel::onGroupsRemoved);
}

void DownloadsModel::reindexGroups()
{
    m_groupRows.clear();
    for (int i = 0; i < m_groups.size(); ++i)
        m_groupRows.insert(m_groups.at(i).group.id, i);
}

void DownloadsModel::appendTask(GroupRow &row, const TaskSnapshot &snapshot)
{
    row.rowOf.insert(snapshot.id, int(row.tasks.size()));
    row.tasks.append(snapshot);
    const QString planned = snapshot.finalPath.isEmpty()
                                ? Library::StorageLayout::finalPath(m_pool->request(snapshot.id).destination)
                                : snapshot.finalPath;
    row.paths.append(planned);
    m_taskGroup.insert(snapshot.id, row.group.id);
}

int DownloadsModel::ensureGroup(GroupId id)
{
    int row = groupRowOf(id);
    if (row >= 0)
        return row;
    row = int(m_groups.size());
    beginInsertRows({}, row, row);
    GroupRow group;
    group.group = m_pool->group(id);
    m_groups.append(group);
    m_groupRows.insert(id, row);
    endInsertRows();
    return row;
}

void DownloadsModel::onGroupsChanged(const QList<GroupId> &ids)
{
    for (GroupId id : ids) {
        const Download::GroupSnapshot snapshot = m_pool->group(id);
        if (!snapshot.isValid())
            continue;
        const int row = ensureGroup(id);
        m_groups[row].group = snapshot;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    followGroupOrder();
}

void DownloadsModel::followGroupOrder()
{
    if (m_sortColumn >= 0) {
        applyOrder();
        return;
    }
    // Moves are single steps (move up/down), so this finds at most a swap or two.
    const QList<GroupId> order = m_pool->groups();
    int target = 0;
    for (GroupId id : order) {
        const int row = groupRowOf(id);
        if (row < 0)
            continue;
        if (row != target) {
            beginMoveRows({}, row, row, {}, target);
            m_groups.move(row, target);
            reindexGroups();
            endMoveRows();
        }
        ++target;
    }
}

void DownloadsModel::onGroupsRemoved(const QList<GroupId> &ids)
{
    for (GroupId id : ids) {
        const int row = groupRowOf(id);
        if (row < 0)
            continue;
        beginRemoveRows({}, row, row);
        for (const TaskSnapshot &task : std::as_const(m_groups.at(row).tasks))
            m_taskGroup.remove(task.id);
        m_groups.removeAt(row);
        reindexGroups();
        endRemoveRows();
    }
}

void DownloadsModel::onTasksChanged(const QList<TaskId> &ids)
{
    // Tasks of one group usually change together; collect the changed range per group so a
    // pack of 500 items costs one dataChanged per group per tick, not one per task.
    QHash<int, QPair<int, int>> changedRanges;
    QHash<int, QList<TaskSnapshot>> added;
    for (TaskId id : ids) {
        const TaskSnapshot snapshot = m_pool->task(id);
        if (!snapshot.isValid())
            continue;
        const int groupRow = ensureGroup(snapshot.group);
        GroupRow &group = m_groups[groupRow];
        const int taskRow = group.rowOf.value(id, -1);
        if (taskRow < 0) {
            added[groupRow].append(snapshot);
            continue;
        }
        group.tasks[taskRow] = snapshot;
        if (!snapshot.finalPath.isEmpty())
            group.paths[taskRow] = snapshot.finalPath;
        auto it = changedRanges.find(groupRow);
        if (it == changedRanges.end())
            changedRanges.insert(groupRow, {taskRow, taskRow});
        else
            *it = {std::min(it->first, taskRow), std::max(it->second, taskRow)};
    }
    // New tasks of a group arrive together (a pack adds hundreds at once): one insertion each.
    for (auto it = added.cbegin(); it != added.cend(); ++it) {
        GroupRow &group = m_groups[it.key()];
        const int first = int(group.tasks.size());
        beginInsertRows(index(it.key(), 0), first, first + int(it->size()) - 1);
        for (const TaskSnapshot &snapshot : *it)
            appendTask(group, snapshot);
        group.folder = commonFolder(group.paths);
        endInsertRows();
    }
    for (auto it = changedRanges.cbegin(); it != changedRanges.cend(); ++it) {
        const QModelIndex parent = index(it.key(), 0);
        Q_EMIT dataChanged(index(it->first, 0, parent), index(it->second, ColumnCount - 1, parent));
    }
    if (m_sortColumn >= 0)
        applyOrder();
}

QModelIndex DownloadsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    // Task rows carry their group's id (stable), not its row, so moving or removing a group
    // never leaves another group's task indexes pointing at the wrong parent.
    return createIndex(row, column, quintptr(m_groups.at(parent.row()).group.id));
}

QModelIndex DownloadsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(groupRowOf(GroupId(child.internalId())), 0, quintptr(0));
}

int DownloadsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_groups.at(parent.row()).tasks.size());
}

int DownloadsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant DownloadsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ProgressColumn:
        return tr("Progress");
    case SizeColumn:
        return tr("Size");
    case SpeedColumn:
        return tr("Speed");
    case EtaColumn:
        return tr("Time left");
    case StateColumn:
        return tr("State");
    case ErrorColumn:
        return tr("Problem");
    }
    return {};
}

QVariant DownloadsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0)
        return groupData(m_groups.at(index.row()), index.column(), role);
    const GroupRow &group = m_groups.at(groupRowOf(GroupId(index.internalId())));
    return taskData(group, index.row(), index.column(), role);
}

QVariant DownloadsModel::groupData(const GroupRow &row, int column, int role) const
{
    const Download::GroupSnapshot &g = row.group;
    const double progress = g.bytesTotal > 0 ? double(g.bytesDone) / double(g.bytesTotal) : -1.0;
    TaskState dominant = TaskState::Queued;
    if (g.active > 0)
        dominant = TaskState::Downloading;
    else if (g.isFinished())
        dominant = g.failed > 0 ? TaskState::Failed : g.completed > 0 ? TaskState::Completed : TaskState::Cancelled;
    else if (g.paused > 0 && g.queued == 0)
        dominant = TaskState::Paused;
    const qint64 eta = g.speed > 0 && g.bytesTotal > 0 ? qint64(double(g.bytesTotal - g.bytesDone) / g.speed) : -1;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return g.name;
        case ProgressColumn:
            return progress < 0 ? QString() : QStringLiteral("%1%").arg(int(progress * 100));
        case SizeColumn:
            return Download::formatBytes(g.bytesTotal);
        case SpeedColumn:
            return formatSpeed(g.speed);
        case EtaColumn:
            return formatEta(eta);
        case StateColumn:
            return g.summary();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return column == NameColumn ? QString(g.name + QLatin1Char('\n') + row.folder) : row.folder;
    case Qt::AccessibleTextRole:
        return column == NameColumn ? QString(g.name + QStringLiteral(": ") + g.summary())
                                    : accessibleCell(column, groupData(row, column, Qt::DisplayRole).toString());
    case StateRole:
        return int(dominant);
    case ItemStateRole:
        return int(itemStateFromTask(dominant));
    case ProgressRole:
        return progress;
    case BytesDoneRole:
        return g.bytesDone;
    case BytesTotalRole:
        return g.bytesTotal;
    case SpeedRole:
        return g.speed;
    case EtaRole:
        return eta;
    case ErrorRole:
        return QString();
    case TaskIdRole:
        return qint64(0);
    case GroupIdRole:
        return g.id;
    case IsGroupRole:
        return true;
    case FinalPathRole:
        return row.folder;
    default:
        return {};
    }
}

QString DownloadsModel::accessibleCell(int column, const QString &shown) const
{
    // Each cell reads as "Speed: 2.0 MiB/s", so progress, size and speed can be heard one by
    // one; an empty cell says so rather than repeating the row.
    const QString header = headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    return header + QStringLiteral(": ") + (shown.isEmpty() ? tr("none") : shown);
}

QVariant DownloadsModel::taskData(const GroupRow &row, int taskRow, int column, int role) const
{
    const TaskSnapshot &t = row.tasks.at(taskRow);
    const double progress = t.bytesTotal > 0 ? double(t.bytesDone) / double(t.bytesTotal) : -1.0;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return t.name;
        case ProgressColumn:
            return progress < 0 ? QString() : QStringLiteral("%1%").arg(int(progress * 100));
        case SizeColumn:
            return t.bytesTotal >= 0 ? QString(Download::formatBytes(t.bytesDone) + QStringLiteral(" / ") +
                                               Download::formatBytes(t.bytesTotal))
                                     : Download::formatBytes(t.bytesDone);
        case SpeedColumn:
            return Download::isActive(t.state) ? formatSpeed(t.speed) : QString();
        case EtaColumn:
            return Download::isActive(t.state) ? formatEta(t.etaSeconds) : QString();
        case StateColumn:
            return t.extracting ? tr("Extracting") : stateText(t.state);
        case ErrorColumn:
            // A file already on disk elsewhere: say where it came from, as nothing was fetched.
            if (t.errorText.isEmpty() && !t.reusedFrom.isEmpty())
                return tr("Reused %1 by %2; nothing downloaded").arg(t.reusedFrom, t.reuseMethod);
            // Through Xet: how much of it the network brought, how much came from files on disk.
            if (t.errorText.isEmpty() && t.xetFetched >= 0)
                return tr("Xet: fetched %1, reused %2")
                    .arg(Download::formatBytes(t.xetFetched), Download::formatBytes(t.xetReused));
            return t.errorText;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == NameColumn)  // names are elided in the middle: the whole one, and where it goes
            return QString(t.name + QLatin1Char('\n') + row.paths.at(taskRow));
        if (!t.errorText.isEmpty())
            return t.errorText;
        return t.archive.isEmpty() ? row.paths.at(taskRow) : t.archive.sentence;
    case Qt::AccessibleTextRole:
        return column == NameColumn
                   ? QString(t.name + QStringLiteral(": ") + stateText(t.state))
                   : accessibleCell(column, taskData(row, taskRow, column, Qt::DisplayRole).toString());
    case StateRole:
        return int(t.state);
    case ItemStateRole:
        return int(itemStateFromTask(t.state));
    case ProgressRole:
        return progress;
    case BytesDoneRole:
        return t.bytesDone;
    case BytesTotalRole:
        return t.bytesTotal;
    case SpeedRole:
        return t.speed;
    case EtaRole:
        return t.etaSeconds;
    case ErrorRole:
        return t.errorText;
    case TaskIdRole:
        return t.id;
    case GroupIdRole:
        return t.group;
    case IsGroupRole:
        return false;
    case FinalPathRole:
        return row.paths.at(taskRow);
    default:
        return {};
    }
}

QModelIndex DownloadsModel::indexForGroup(GroupId id) const
{
    const int row = groupRowOf(id);
    return row < 0 ? QModelIndex() : index(row, 0);
}

QModelIndex DownloadsModel::indexForTask(TaskId id) const
{
    const auto it = m_taskGroup.constFind(id);
    if (it == m_taskGroup.cend())
        return {};
    const int groupRow = groupRowOf(*it);
    if (groupRow < 0)
        return {};
    const int taskRow = m_groups.at(groupRow).rowOf.value(id, -1);
    return taskRow < 0 ? QModelIndex() : index(taskRow, 0, index(groupRow, 0));
}

}  // namespace Ui
