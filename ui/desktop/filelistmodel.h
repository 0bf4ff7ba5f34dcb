#pragma once

#include "catalog/catalogtypes.h"
#include "itemstate.h"

#include <QAbstractTableModel>

namespace Ui {

class CatalogModel;

// The details pane's file list: the files of one model, optionally of one variant only, with
// size, SHA-256, the local state (live while downloading) and a check box. The ticks are the
// catalog tree's (CatalogModel keeps them), so a file ticked here is ticked there and the
// Download action takes it.
class FileListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        VariantColumn,
        SizeColumn,
        Sha256Column,
        StateColumn,
        ColumnCount
    };
    enum Role
    {
        SizeRole = Qt::UserRole + 1,
        VariantNameRole,
        FilePathRole,
        ItemStateRole = Ui::ItemStateRole,
        ProgressRole = Ui::ItemProgressRole,
    };

    explicit FileListModel(CatalogModel *catalog /*may be null*/, QObject *parent = nullptr);

    void setRecord(const Catalog::ModelRecord &record);
    // Keeps the rows, takes new stored states (after a refresh of the same model).
    void updateStates(const Catalog::ModelRecord &record);
    // Empty: every variant.
    void setVariantFilter(const QString &variant);
    QString variantFilter() const { return m_variant; }
    void clear();
    QString modelKey() const { return m_record.key; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int variant;
        int file;
    };
    void rebuild();
    void onStatesChanged(const QSet<QString> &keys);

    CatalogModel *m_catalog;
    Catalog::ModelRecord m_record;
    QString m_variant;
    QList<Row> m_rows;
};

}  // namespace Ui
