#pragma once

#include "catalog/catalogstore.h"

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

class QAbstractItemView;
class QListView;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace Catalog {
class SourceStore;
class SyncEngine;
struct ModelRecord;
}  // namespace Catalog

namespace Ui {

class CatalogFilterBar;
class CatalogModel;
class CatalogProgress;
class DetailsPane;
class ImageCache;
class SourcesModel;

// Binds the catalog widgets of the main window to the core: the sources list selects the
// source (and marks it seen), the search box (debounced) and the filter bar run the query,
// header clicks sort it in the store, the tree shows CatalogModel in pages with live download
// states and new/updated marks, and the details pane follows the current model — also across
// a new search: it keeps the model if the new rows still hold it, else it clears.
class CatalogPane : public QObject
{
    Q_OBJECT
public:
    CatalogPane(Catalog::CatalogStore *store, Catalog::SourceStore *sources, Catalog::SyncEngine *engine,
                QListView *sourcesView, QLineEdit *search, CatalogFilterBar *filters /*may be null*/, QTreeView *tree,
                DetailsPane *details, CatalogProgress *progress /*may be null*/, ImageCache *images /*may be null*/,
                QObject *parent = nullptr);
    ~CatalogPane() override;

    CatalogModel *model() const { return m_model; }
    SourcesModel *sourcesModel() const { return m_sourcesModel; }
    // Between the model and the tree; it passes sorting on to the model (the store sorts) and
    // never reorders or filters the loaded rows itself.
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    CatalogFilterBar *filters() const { return m_filters; }

    // Runs the current query again (after a sync changed the catalog).
    void requery();
    // Downloads changed stored states: reads the affected models again, once for a burst.
    // Reads these models' states again, once per burst (a pack finishes many files a second).
    void scheduleStateRefresh(const QStringList &modelKeys);
    // These models' states changed on disk (the library index saw files come or go).
    void refreshModelStates(const QStringList &modelKeys);
    // The grid of cards shows the tree's top-level rows with the tree's selection, and pages in
    // more the same way when its scroll bar nears the end.
    void setGrid(QListView *grid);
    // The source whose models the tree lists (0: every source).
    qint64 currentSourceId() const;

private:
    void pageInNearTheEnd(QAbstractItemView *view);
    void showDetails();
    void rememberView();
    void restoreView();
    void onSourceChanged();
    void onSyncFinished(qint64 sourceId);
    void loadBaseModels();
    QDateTime lastLookedAtAnySource() const;

    Catalog::CatalogStore *m_store;
    Catalog::SourceStore *m_sources;
    QListView *m_sourcesView;
    QLineEdit *m_search;
    CatalogFilterBar *m_filters;
    QTreeView *m_tree;
    DetailsPane *m_details;
    CatalogProgress *m_progress;
    CatalogModel *m_model;
    SourcesModel *m_sourcesModel;
    QSortFilterProxyModel *m_proxy;
    QTimer m_debounce;
    QTimer m_stateRefresh;
    QSet<QString> m_pendingStates;  // models whose states the next refresh reads
    QString m_currentKey;           // across a reset
    QSet<QString> m_expanded;       // model keys, across a reset
    QThreadPool m_lists;            // filter lists, read off the UI thread with a connection of its own
};

}  // namespace Ui
