#pragma once

#include "download/types.h"
#include "itemstate.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

namespace Download {
class DownloadPool;
}

namespace Ui {

// Adapts the download pool for the dashboard: groups at the top level in the pool's group
// order, their tasks below. It keeps copies of the pool's snapshots only so the view can ask
// for data between the pool's batched notifications (~4 per second); all state lives in the
// pool. A group the pool forgets (removeFinishedGroups) leaves the model at once.
//
// sort() orders groups, and the items inside each group, by a column's raw value (the typed
// roles), again after every tick that changed them; sort(-1) goes back to the pool's queue
// order. Persistent indexes, indexForTask/indexForGroup and the view's hidden rows follow.
class DownloadsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        ProgressColumn,
        SizeColumn,
        SpeedColumn,
        EtaColumn,
        StateColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role
    {
        StateRole = Qt::UserRole + 1,  // Download::TaskState as int (groups: their dominant state)
        BytesDoneRole,
        BytesTotalRole,
        SpeedRole,   // bytes per second (double)
        EtaRole,     // seconds, -1 unknown
        ErrorRole,   // the sentence, empty when fine
        TaskIdRole,  // 0 for group rows
        GroupIdRole,
        IsGroupRole,
        FinalPathRole,                        // tasks: the file (planned until verified); groups: their folder
        ItemStateRole = Ui::ItemStateRole,    // what the state and progress columns paint
        ProgressRole = Ui::ItemProgressRole,  // 0.0 … 1.0, -1 when the size is unknown
    };

    explicit DownloadsModel(Download::DownloadPool *pool, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }

    QModelIndex indexForGroup(Download::GroupId id) const;
    QModelIndex indexForTask(Download::TaskId id) const;

    // The deepest folder holding every given file.
    static QString commonFolder(const QStringList &files);

private:
    struct GroupRow
    {
        Download::GroupSnapshot group;
        QList<Download::TaskSnapshot> tasks;
        QStringList paths;  // per task: planned final path
        QHash<Download::TaskId, int> rowOf;
        QString folder;
    };
    // Internal ids: group rows carry 0, task rows carry their group's id.
    void onTasksChanged(const QList<Download::TaskId> &ids);
    void onGroupsChanged(const QList<Download::GroupId> &ids);
    void onGroupsRemoved(const QList<Download::GroupId> &ids);
    void followGroupOrder();
    // Puts groups and items in the sort order (or the pool's order), moving persistent indexes.
    void applyOrder();
    QVariant sortKey(const GroupRow &row, int taskRow, int column) const;  // taskRow -1: the group
    bool sortsBefore(const QVariant &a, const QVariant &b) const;
    int groupRowOf(Download::GroupId id) const { return m_groupRows.value(id, -1); }
    int ensureGroup(Download::GroupId id);
    void reindexGroups();
    void appendTask(GroupRow &row, const Download::TaskSnapshot &snapshot);
    QVariant groupData(const GroupRow &row, int column, int role) const;
    QString accessibleCell(int column, const QString &shown) const;
    QVariant taskData(const GroupRow &row, int taskRow, int column, int role) const;

    Download::DownloadPool *m_pool;
    QList<GroupRow> m_groups;
    QHash<Download::GroupId, int> m_groupRows;
    QHash<Download::TaskId, Download::GroupId> m_taskGroup;
    int m_sortColumn = -1;  // -1: the pool's queue order
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

QString stateText(Download::TaskState state);
QString formatSpeed(double bytesPerSecond);
QString formatEta(qint64 seconds);

}  // namespace Ui
