#pragma once

#include "catalog/source.h"
#include "catalog/sourcestore.h"

#include <QAbstractListModel>

namespace Catalog {
class CatalogStore;
class SyncEngine;
}  // namespace Catalog

namespace Ui {

// The Sources dock: one row per catalog source with its model count and a "N new" badge: the
// models later syncs added that the user has not looked at yet (SourceStore::unseen, kept in
// the catalog, so the badge survives a restart until the source is selected). Row 0 is "All
// sources" (source id 0), counting the whole catalog. Holds only the list it shows.
class SourcesModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        SourceIdRole = Qt::UserRole + 1,
        ModelCountRole,
        NewCountRole,      // models added since the user last looked at the source
        ChangedCountRole,  // models changed on the hub since then
        SourceNameRole,
    };

    SourcesModel(Catalog::SourceStore *sources, Catalog::SyncEngine *engine, Catalog::CatalogStore *store = nullptr,
                 QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Re-reads the list of sources (after one was added or removed).
    void reload();
    // Re-reads one source's counts (after a sync, or once the user has seen it).
    void refresh(qint64 sourceId);
    // "All sources (N)" again, after models came in that no source lists (a hub search, a link).
    void recount();
    QModelIndex indexOfSource(qint64 sourceId) const;

private:
    struct Row
    {
        Catalog::Source source;
        int models = 0;
        Catalog::SourceStore::Unseen unseen;
    };
    Row readRow(const Catalog::Source &source) const;

    Catalog::SourceStore *m_sources;
    Catalog::SyncEngine *m_engine;
    Catalog::CatalogStore *m_store;
    QList<Row> m_rows;
    int m_allModels = 0;
};

}  // namespace Ui
