#pragma once

#include "download/types.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

namespace Download {
class DownloadPool;
}

namespace Ui {

// Adapts the download pool for the dashboard: groups at the top level, their tasks below.
// It keeps copies of the pool's snapshots only so the view can ask for data between the
// pool's batched notifications (~4 per second); all state lives in the pool.
class DownloadsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ProgressColumn, SizeColumn, SpeedColumn, EtaColumn, StateColumn, ErrorColumn, ColumnCount };
    enum Role {
        StateRole = Qt::UserRole + 1,  // Download::TaskState as int (groups: their dominant state)
        ProgressRole,                  // 0.0 … 1.0, -1 when the size is unknown
        BytesDoneRole,
        BytesTotalRole,
        SpeedRole,                     // bytes per second (double)
        EtaRole,                       // seconds, -1 unknown
        ErrorRole,                     // the sentence, empty when fine
        TaskIdRole,                    // 0 for group rows
        GroupIdRole,
        IsGroupRole,
        FinalPathRole,
    };

    explicit DownloadsModel(Download::DownloadPool *pool, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QModelIndex indexForGroup(Download::GroupId id) const;
    QModelIndex indexForTask(Download::TaskId id) const;

    // Drops finished groups (every child completed or cancelled) from the pool's view here.
    void clearFinished();

private:
    struct GroupRow
    {
        Download::GroupSnapshot group;
        QList<Download::TaskSnapshot> tasks;
    };
    // Internal ids: group rows carry 0, task rows carry their group's id.
    void onTasksChanged(const QList<Download::TaskId> &ids);
    void onGroupsChanged(const QList<Download::GroupId> &ids);
    int groupRowOf(Download::GroupId id) const;
    int ensureGroup(Download::GroupId id);
    QVariant groupData(const GroupRow &row, int column, int role) const;
    QVariant taskData(const Download::TaskSnapshot &task, int column, int role) const;

    Download::DownloadPool *m_pool;
    QList<GroupRow> m_groups;
    QHash<Download::TaskId, Download::GroupId> m_taskGroup;
};

QString stateText(Download::TaskState state);
QString formatSpeed(double bytesPerSecond);
QString formatEta(qint64 seconds);

} // namespace Ui
