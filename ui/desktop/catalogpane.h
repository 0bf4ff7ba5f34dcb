#pragma once

#include "catalog/catalogstore.h"

#include <QObject>
#include <QSet>
#include <QTimer>

class QListView;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace Catalog {
class SourceStore;
class SyncEngine;
struct ModelRecord;
}

namespace Ui {

class CatalogModel;
class CatalogProgress;
class DetailsPane;
class ImageCache;
class SourcesModel;

// Binds the catalog widgets of the main window to the core: the sources list selects the
// source, the search box (debounced) runs the query, the tree shows CatalogModel sorted by
// its SortRole with live download states, and the details pane follows the current model —
// also across a new search: it keeps the model if the new rows still hold it, else it clears.
class CatalogPane : public QObject
{
    Q_OBJECT
public:
    CatalogPane(Catalog::CatalogStore *store, Catalog::SourceStore *sources, Catalog::SyncEngine *engine,
                QListView *sourcesView, QLineEdit *search, QTreeView *tree, DetailsPane *details,
                CatalogProgress *progress /*may be null*/, ImageCache *images /*may be null*/,
                QObject *parent = nullptr);

    CatalogModel *model() const { return m_model; }
    SourcesModel *sourcesModel() const { return m_sourcesModel; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }

    // Runs the current query again (after a sync changed the catalog).
    void requery();
    // Downloads changed stored states: reads the affected models again, once for a burst.
    void scheduleStateRefresh();

private:
    void showDetails();
    void rememberView();
    void restoreView();

    QListView *m_sourcesView;
    QLineEdit *m_search;
    QTreeView *m_tree;
    DetailsPane *m_details;
    CatalogProgress *m_progress;
    CatalogModel *m_model;
    SourcesModel *m_sourcesModel;
    QSortFilterProxyModel *m_proxy;
    QTimer m_debounce;
    QTimer m_stateRefresh;
    QString m_currentKey;     // across a reset
    QSet<QString> m_expanded; // model keys, across a reset
};

} // namespace Ui
