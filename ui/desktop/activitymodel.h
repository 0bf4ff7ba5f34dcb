#pragma once

#include <QAbstractTableModel>

namespace Activity {
class ActivityLog;
}

namespace Ui {

// The activity log as a table, oldest first: time, source, what happened. DisplayRole is
// formatted; TimeRole gives the raw QDateTime (UTC) and LevelRole the Activity::Event level.
class ActivityModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        SourceColumn,
        TextColumn,
        ColumnCount
    };
    enum Role
    {
        TimeRole = Qt::UserRole + 1,
        LevelRole
    };

    explicit ActivityModel(Activity::ActivityLog *log, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Activity::ActivityLog *m_log;
};

}  // namespace Ui
