#pragma once

#include "catalog/source.h"

#include <QAbstractListModel>

namespace Catalog {
class SourceStore;
class SyncEngine;
}

namespace Ui {

// The Sources dock: one row per catalog source with its model count and the "N new" badge of
// its last sync. Row 0 is "All sources" (source id 0). Reads SourceStore and SyncEngine; holds
// only the list it shows.
class SourcesModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { SourceIdRole = Qt::UserRole + 1, ModelCountRole, NewCountRole };

    SourcesModel(Catalog::SourceStore *sources, Catalog::SyncEngine *engine, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Re-reads the list of sources (after one was added or removed).
    void reload();

private:
    void onSyncChanged(qint64 sourceId);

    Catalog::SourceStore *m_sources;
    Catalog::SyncEngine *m_engine;
    QList<Catalog::Source> m_rows;
    QList<int> m_counts;
};

} // namespace Ui
