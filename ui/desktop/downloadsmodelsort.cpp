// DownloadsModel's sorting: groups and the items inside each group by a column's raw value.
#include "download/downloadpool.h"
#include "downloadsmodel.h"

#include <algorithm>
#include <numeric>

namespace Ui {

using Download::GroupId;
using Download::TaskId;

namespace {
int roleFor(int column)
{
    switch (column) {
    case DownloadsModel::ProgressColumn:
        return DownloadsModel::ProgressRole;
    case DownloadsModel::SizeColumn:
        return DownloadsModel::BytesTotalRole;
    case DownloadsModel::SpeedColumn:
        return DownloadsModel::SpeedRole;
    case DownloadsModel::EtaColumn:
        return DownloadsModel::EtaRole;
    case DownloadsModel::StateColumn:
        return DownloadsModel::StateRole;
    case DownloadsModel::ErrorColumn:
        return DownloadsModel::ErrorRole;
    default:
        return Qt::DisplayRole;
    }
}
}  // namespace

void DownloadsModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column >= 0 && column < ColumnCount ? column : -1;
    m_sortOrder = order;
    applyOrder();
}

QVariant DownloadsModel::sortKey(const GroupRow &row, int taskRow, int column) const
{
    const int role = roleFor(column);
    return taskRow < 0 ? groupData(row, column, role) : taskData(row, taskRow, column, role);
}

bool DownloadsModel::sortsBefore(const QVariant &a, const QVariant &b) const
{
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
        return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive) < 0;
    return a.toDouble() < b.toDouble();
}

void DownloadsModel::applyOrder()
{
    // The new order first: most ticks change no order, and those cost no layout change.
    QList<int> groupOrder(m_groups.size());
    std::iota(groupOrder.begin(), groupOrder.end(), 0);
    const QList<GroupId> poolOrder = m_pool->groups();
    const auto before = [this](const QVariant &a, const QVariant &b) {
        return m_sortOrder == Qt::AscendingOrder ? sortsBefore(a, b) : sortsBefore(b, a);
    };
    if (m_sortColumn < 0) {
        std::stable_sort(groupOrder.begin(), groupOrder.end(), [&](int a, int b) {
            return poolOrder.indexOf(m_groups.at(a).group.id) < poolOrder.indexOf(m_groups.at(b).group.id);
        });
    } else {
        QList<QVariant> keys;
        for (const GroupRow &row : std::as_const(m_groups))
            keys << sortKey(row, -1, m_sortColumn);
        std::stable_sort(groupOrder.begin(), groupOrder.end(),
                         [&](int a, int b) { return before(keys.at(a), keys.at(b)); });
    }
    QList<QList<int>> taskOrders;
    bool moved = false;
    for (int g = 0; g < m_groups.size(); ++g) {
        moved = moved || groupOrder.at(g) != g;
        const GroupRow &row = m_groups.at(g);
        QList<int> order(row.tasks.size());
        std::iota(order.begin(), order.end(), 0);
        if (m_sortColumn < 0) {
            // Back to the order they came in.
            std::stable_sort(order.begin(), order.end(),
                             [&](int a, int b) { return row.tasks.at(a).id < row.tasks.at(b).id; });
        } else {
            QList<QVariant> keys;
            for (int t = 0; t < row.tasks.size(); ++t)
                keys << sortKey(row, t, m_sortColumn);
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return before(keys.at(a), keys.at(b)); });
        }
        for (int t = 0; t < order.size() && !moved; ++t)
            moved = order.at(t) != t;
        taskOrders << order;
    }
    if (!moved)
        return;

    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    struct Identity
    {
        GroupId group;
        TaskId task;  // 0 for a group row
        int column;
    };
    QList<Identity> identities;
    for (const QModelIndex &index : from) {
        if (index.internalId() == 0)
            identities.append({m_groups.at(index.row()).group.id, 0, index.column()});
        else
            identities.append({GroupId(index.internalId()),
                               m_groups.at(groupRowOf(GroupId(index.internalId()))).tasks.at(index.row()).id,
                               index.column()});
    }
    QList<GroupRow> groups;
    groups.reserve(m_groups.size());
    for (int g : std::as_const(groupOrder)) {
        const GroupRow &old = m_groups.at(g);
        GroupRow row;
        row.group = old.group;
        row.folder = old.folder;
        for (int t : std::as_const(taskOrders.at(g))) {
            row.rowOf.insert(old.tasks.at(t).id, int(row.tasks.size()));
            row.tasks.append(old.tasks.at(t));
            row.paths.append(old.paths.at(t));
        }
        groups.append(row);
    }
    m_groups = groups;
    reindexGroups();
    QModelIndexList to;
    for (const Identity &id : std::as_const(identities)) {
        const int groupRow = groupRowOf(id.group);
        if (id.task == 0)
            to << createIndex(groupRow, id.column, quintptr(0));
        else
            to << createIndex(m_groups.at(groupRow).rowOf.value(id.task), id.column, quintptr(id.group));
    }
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

}  // namespace Ui
