#include "catalogpane.h"

#include "catalog/syncengine.h"
#include "catalogmodel.h"
#include "catalogprogress.h"
#include "detailspane.h"
#include "progressdelegate.h"
#include "sourcesmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QTreeView>

namespace Ui {

CatalogPane::CatalogPane(Catalog::CatalogStore *store, Catalog::SourceStore *sources, Catalog::SyncEngine *engine,
                         QListView *sourcesView, QLineEdit *search, QTreeView *tree, DetailsPane *details,
                         CatalogProgress *progress, ImageCache *images, QObject *parent)
    : QObject(parent)
    , m_sourcesView(sourcesView)
    , m_search(search)
    , m_tree(tree)
    , m_details(details)
    , m_progress(progress)
    , m_model(new CatalogModel(store, this))
    , m_sourcesModel(new SourcesModel(sources, engine, this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_model->setProgressSource(progress);
    m_details->setServices(m_model, images);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CatalogModel::SortRole);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setItemDelegateForColumn(CatalogModel::StateColumn, new ProgressDelegate(m_tree));
    m_tree->header()->resizeSection(CatalogModel::NameColumn, m_tree->fontMetrics().averageCharWidth() * 40);
    m_sourcesView->setModel(m_sourcesModel);
    m_sourcesView->setCurrentIndex(m_sourcesModel->index(0));

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &CatalogPane::requery);
    connect(m_search, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_sourcesView->selectionModel(), &QItemSelectionModel::currentChanged, this, &CatalogPane::requery);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &CatalogPane::showDetails);
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this, &CatalogPane::rememberView);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &CatalogPane::restoreView);
    connect(m_model, &CatalogModel::recordsRefreshed, this, [this](const QSet<QString> &keys) {
        if (keys.contains(m_details->modelKey())) {
            if (const Catalog::ModelRecord *record = m_model->recordFor(m_details->modelKey()))
                m_details->updateRecord(*record);
        }
    });
    // Finished downloads arrive in bursts (a pack of LoRAs finishes many files per second):
    // read the affected models once per burst, off the UI thread.
    m_stateRefresh.setSingleShot(true);
    m_stateRefresh.setInterval(300);
    connect(&m_stateRefresh, &QTimer::timeout, this, [this] {
        if (m_progress)
            m_model->refreshStates(m_progress->takeSettled());
        else
            m_model->refreshStates();
    });
    if (engine)
        connect(engine, &Catalog::SyncEngine::syncFinished, this, [this] { requery(); });
    requery();
}

void CatalogPane::requery()
{
    Catalog::CatalogStore::Query query;
    query.text = m_search->text().simplified();
    query.limit = 200;
    query.sort = query.text.isEmpty() ? Catalog::CatalogStore::Sort::Downloads : Catalog::CatalogStore::Sort::Relevance;
    query.sourceId = m_sourcesView->currentIndex().data(SourcesModel::SourceIdRole).toLongLong();
    m_model->setQuery(query);
}

void CatalogPane::scheduleStateRefresh()
{
    if (!m_stateRefresh.isActive())
        m_stateRefresh.start();
}

void CatalogPane::showDetails()
{
    const QString key = m_tree->currentIndex().data(CatalogModel::ModelKeyRole).toString();
    const Catalog::ModelRecord *record = key.isEmpty() ? nullptr : m_model->recordFor(key);
    if (!record) {
        m_details->clear();
        return;
    }
    if (key == m_details->modelKey())
        m_details->updateRecord(*record);
    else
        m_details->showModel(*record);
}

void CatalogPane::rememberView()
{
    m_currentKey = m_tree->currentIndex().data(CatalogModel::ModelKeyRole).toString();
    m_expanded.clear();
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (m_tree->isExpanded(index))
            m_expanded.insert(index.data(CatalogModel::ModelKeyRole).toString());
    }
}

void CatalogPane::restoreView()
{
    // A reset sends no currentChanged: without this the card of a model that is gone stayed.
    QModelIndex current;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        const QString key = index.data(CatalogModel::ModelKeyRole).toString();
        if (key == m_currentKey)
            current = index;
        if (m_expanded.contains(key))
            m_tree->expand(index);
    }
    if (current.isValid()) {
        m_tree->selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);  // shows it
    } else {
        m_details->clear();
    }
}

} // namespace Ui
