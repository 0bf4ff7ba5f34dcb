#pragma once

#include "catalog/catalogstore.h"

#include <QObject>
#include <QTimer>

class QListView;
class QLineEdit;
class QSortFilterProxyModel;
class QTextBrowser;
class QTreeView;

namespace Catalog {
class SourceStore;
class SyncEngine;
struct ModelRecord;
}

namespace Ui {

class CatalogModel;
class SourcesModel;

// Binds the catalog widgets of the main window to the core: the sources list selects the
// source, the search box (debounced) runs the query, the tree shows CatalogModel sorted by
// its SortRole, and the details pane renders the selected model's card without ever loading
// a remote resource.
class CatalogPane : public QObject
{
    Q_OBJECT
public:
    CatalogPane(Catalog::CatalogStore *store, Catalog::SourceStore *sources, Catalog::SyncEngine *engine,
                QListView *sourcesView, QLineEdit *search, QTreeView *tree, QTextBrowser *details,
                QObject *parent = nullptr);

    CatalogModel *model() const { return m_model; }
    SourcesModel *sourcesModel() const { return m_sourcesModel; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }

    // Runs the current query again (after a sync changed the catalog).
    void requery();

    static QString detailsHtml(const Catalog::ModelRecord &model);

private:
    void showDetails();

    Catalog::CatalogStore *m_store;
    QListView *m_sourcesView;
    QLineEdit *m_search;
    QTreeView *m_tree;
    QTextBrowser *m_details;
    CatalogModel *m_model;
    SourcesModel *m_sourcesModel;
    QSortFilterProxyModel *m_proxy;
    QTimer m_debounce;
};

} // namespace Ui
