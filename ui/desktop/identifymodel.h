#pragma once

#include "identify/fileidentity.h"

#include <QAbstractTableModel>

namespace Ui {

// The files Find my models identified, one row each: file, hub, model, version, newer
// version. DisplayRole formats; the typed roles give the raw values.
class IdentifyModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        FileColumn,
        HubColumn,
        ModelColumn,
        VersionColumn,
        NewerColumn,
        ColumnCount
    };
    enum Role
    {
        PathRole = Qt::UserRole + 1,  // absolute path
        IdentifiedRole,               // bool
        NewerVersionIdRole,           // qint64, 0 when none
    };

    explicit IdentifyModel(QObject *parent = nullptr);

    void setFiles(const QList<Identify::FileIdentity> &files);
    const QList<Identify::FileIdentity> &files() const { return m_files; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Identify::FileIdentity> m_files;
};

}  // namespace Ui
