#include "catalogpane.h"

#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "catalogfilterbar.h"
#include "catalogmodel.h"
#include "catalogprogress.h"
#include "detailspane.h"
#include "progressdelegate.h"
#include "sourcesdelegate.h"
#include "sourcesmodel.h"
#include "util/futurewatch.h"

#include <QDate>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTreeView>
#include <QtConcurrent/QtConcurrentRun>

namespace Ui {

namespace {
// The store sorts (SQL over the whole result), so the view's sort requests go to the model;
// this proxy keeps the model's row order and never sorts or filters the loaded rows.
class StoreOrderProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void sort(int column, Qt::SortOrder order) override
    {
        if (sourceModel())
            sourceModel()->sort(column, order);
    }
    // QTreeView asks for more rows on every layout, which would load a 100,000-model result
    // page after page into memory. Rows come only when the user nears the end of what is
    // loaded (CatalogPane watches the scroll bar).
    bool canFetchMore(const QModelIndex &parent) const override
    {
        return m_fetching && QSortFilterProxyModel::canFetchMore(parent);
    }
    void fetchNextPage()
    {
        m_fetching = true;
        if (canFetchMore({}))
            fetchMore({});
        m_fetching = false;
    }

private:
    bool m_fetching = false;
};

constexpr int kMaxBaseModels = 300;
}  // namespace

CatalogPane::CatalogPane(Catalog::CatalogStore *store, Catalog::SourceStore *sources, Catalog::SyncEngine *engine,
                         QListView *sourcesView, QLineEdit *search, CatalogFilterBar *filters, QTreeView *tree,
                         DetailsPane *details, CatalogProgress *progress, ImageCache *images, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_sources(sources)
    , m_sourcesView(sourcesView)
    , m_search(search)
    , m_filters(filters)
    , m_tree(tree)
    , m_details(details)
    , m_progress(progress)
    , m_model(new CatalogModel(store, this))
    , m_sourcesModel(new SourcesModel(sources, engine, store, this))
    , m_proxy(new StoreOrderProxy(this))
{
    m_lists.setMaxThreadCount(1);
    m_lists.setExpiryTimeout(-1);
    m_model->setProgressSource(progress);
    m_details->setServices(m_model, images);
    m_proxy->setSourceModel(m_model);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    pageInNearTheEnd(m_tree);
    m_tree->setItemDelegateForColumn(CatalogModel::StateColumn, new ProgressDelegate(m_tree));
    // "tinystories-….Q4_K_M.gguf" keeps the quantization in sight; the tooltip has it all.
    m_tree->setTextElideMode(Qt::ElideMiddle);
    // The name takes what the numbers leave; they are as wide as their header and values.
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(CatalogModel::NameColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(m_tree->fontMetrics().averageCharWidth() * 6);
    const int em = m_tree->fontMetrics().averageCharWidth();
    const int indicator = m_tree->style()->pixelMetric(QStyle::PM_HeaderMarkSize) + 2 * em;
    const QLocale locale;
    const QString widest[] = {
        locale.formattedDataSize(999 * 1024 * 1024),                 // size
        locale.toString(99999999),                                   // downloads
        locale.toString(999999),                                     // likes
        locale.toString(QDate(2024, 12, 28), QLocale::ShortFormat),  // updated
        QStringLiteral("✓ 99/99 done"),                              // state
    };
    for (int column = CatalogModel::SizeColumn; column < CatalogModel::ColumnCount; ++column) {
        const QString title = m_proxy->headerData(column, Qt::Horizontal).toString();
        const QString &value = widest[column - CatalogModel::SizeColumn];
        const QFontMetrics rows = m_tree->fontMetrics();
        header->resizeSection(column, std::max(header->fontMetrics().horizontalAdvance(title) + indicator,
                                               rows.horizontalAdvance(value) + 2 * em));
    }
    m_sourcesView->setModel(m_sourcesModel);
    m_sourcesView->setItemDelegate(new SourcesDelegate(m_sourcesView));
    m_sourcesView->setCurrentIndex(m_sourcesModel->index(0));

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &CatalogPane::requery);
    connect(m_search, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().isEmpty())
            m_model->setRelevanceWhileSearching(true);  // the next search starts by relevance again
    });
    if (m_filters) {
        connect(m_filters, &CatalogFilterBar::changed, this, &CatalogPane::requery);
        connect(m_filters, &CatalogFilterBar::hubChanged, this, &CatalogPane::loadBaseModels);
    }
    // A header click while searching means: this order, not relevance.
    connect(m_tree->header(), &QHeaderView::sectionClicked, this, [this] {
        const bool searching = !m_search->text().trimmed().isEmpty();
        m_model->setRelevanceWhileSearching(false);
        if (searching)
            m_model->setQuery(m_model->query());
    });
    connect(m_sourcesView->selectionModel(), &QItemSelectionModel::currentChanged, this, &CatalogPane::onSourceChanged);
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
        QSet<QString> keys = std::exchange(m_pendingStates, {});
        if (m_progress)
            keys.unite(m_progress->takeSettled());
        m_model->refreshStates(keys);
    });
    if (engine) {
        connect(engine, &Catalog::SyncEngine::syncFinished, this,
                [this](qint64 sourceId, const Catalog::SyncState &) { onSyncFinished(sourceId); });
    }
    onSourceChanged();
    loadBaseModels();
}

CatalogPane::~CatalogPane()
{
    m_lists.waitForDone();
}

void CatalogPane::pageInNearTheEnd(QAbstractItemView *view)
{
    QScrollBar *bar = view->verticalScrollBar();
    const auto fetchNearTheEnd = [this, bar, view] {
        // A hidden grid has no size to judge by; the tree pages as it always did.
        if ((view == m_tree || view->isVisible()) && bar->value() >= bar->maximum() - bar->pageStep())
            static_cast<StoreOrderProxy *>(m_proxy)->fetchNextPage();
    };
    connect(bar, &QScrollBar::valueChanged, this, fetchNearTheEnd);
    connect(bar, &QScrollBar::rangeChanged, this, fetchNearTheEnd);
}

void CatalogPane::setGrid(QListView *grid)
{
    grid->setModel(m_proxy);
    QItemSelectionModel *own = grid->selectionModel();
    grid->setSelectionModel(m_tree->selectionModel());
    delete own;
    pageInNearTheEnd(grid);
}

qint64 CatalogPane::currentSourceId() const
{
    return m_sourcesView->currentIndex().data(SourcesModel::SourceIdRole).toLongLong();
}

void CatalogPane::requery()
{
    Catalog::CatalogStore::Query query;
    query.text = m_search->text().simplified();
    query.sourceId = currentSourceId();
    if (m_filters)
        m_filters->applyTo(&query);
    m_model->setQuery(query);  // order and pages are the model's
}

void CatalogPane::onSourceChanged()
{
    // Marks in the tree are relative to when the user last looked: a source's own mark,
    // which selecting it moves to now (its badge clears, and stays cleared after a restart);
    // for every source, the newest of their marks.
    const qint64 id = currentSourceId();
    QDateTime since;
    if (id != 0) {
        since = m_sources->seenAt(id);
        QString error;
        m_sources->markSeen(id, &error);
        m_sourcesModel->refresh(id);
    } else {
        since = lastLookedAtAnySource();
    }
    m_model->setMarksSince(since);
    requery();
}

QDateTime CatalogPane::lastLookedAtAnySource() const
{
    // Every source together: news since the user last looked at any of them. (The oldest
    // mark would count each source's first sync, which other sources' models follow, as news.)
    QDateTime since;
    for (const Catalog::Source &source : m_sources->sources()) {
        const QDateTime seen = m_sources->seenAt(source.id);
        if (seen.isValid() && (!since.isValid() || seen > since))
            since = seen;
    }
    return since;
}

void CatalogPane::onSyncFinished(qint64 sourceId)
{
    const qint64 current = currentSourceId();
    if (current == 0) {
        m_model->setMarksSince(lastLookedAtAnySource());
    } else if (current == sourceId) {
        // The user is looking at this source: what the sync brought is marked in the tree
        // and is seen from now on.
        if (!m_model->marksSince().isValid())
            m_model->setMarksSince(m_sources->seenAt(sourceId));
        QString error;
        m_sources->markSeen(sourceId, &error);
        m_sourcesModel->refresh(sourceId);
    }
    requery();
    loadBaseModels();
}

void CatalogPane::loadBaseModels()
{
    if (!m_filters)
        return;
    Catalog::CatalogStore *store = m_store;
    const QString hub = m_filters->hub();
    Util::whenFinished(this,
                       QtConcurrent::run(&m_lists,
                                         [store, hub] {
                                             QList<QPair<QString, int>> bases = store->baseModels(hub);
                                             if (bases.size() > kMaxBaseModels)
                                                 bases.resize(kMaxBaseModels);
                                             return bases;
                                         }),
                       [this, hub](const QList<QPair<QString, int>> &bases) {
                           if (hub == m_filters->hub())
                               m_filters->setBaseModels(bases);
                       });
}

void CatalogPane::scheduleStateRefresh(const QStringList &modelKeys)
{
    for (const QString &key : modelKeys)
        m_pendingStates.insert(key);
    if (!m_stateRefresh.isActive())
        m_stateRefresh.start();
}

void CatalogPane::refreshModelStates(const QStringList &modelKeys)
{
    m_model->refreshStates(QSet<QString>(modelKeys.cbegin(), modelKeys.cend()));
}

void CatalogPane::showDetails()
{
    const QString key = m_tree->currentIndex().data(CatalogModel::ModelKeyRole).toString();
    const Catalog::ModelRecord *record = key.isEmpty() ? nullptr : m_model->recordFor(key);
    if (!record) {
        m_details->clear();
        return;
    }
    if (key == m_details->modelKey()) {
        m_details->updateRecord(*record);
    } else {
        m_model->clearChecksExcept(key);
        m_details->showModel(*record);
    }
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

}  // namespace Ui
