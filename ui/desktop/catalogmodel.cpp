#include "catalogmodel.h"

#include "catalogmodelnode.h"
#include "download/types.h"

#include <QLocale>
#include <QThreadPool>

namespace Ui {

using Catalog::LocalState;

CatalogModel::CatalogModel(Catalog::CatalogStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
    , m_reader(new Catalog::CatalogReader(store, this))
{
    connect(m_reader, &Catalog::CatalogReader::queryRead, this, &CatalogModel::applyQuery);
    connect(m_reader, &Catalog::CatalogReader::pageRead, this,
            [this](int offset, const Catalog::CatalogReader::Page &page) {
                m_pageWanted = false;
                // Only if nothing else moved the rows since it was asked for.
                if (offset == int(m_models.size()))
                    applyPage(page);
            });
    connect(m_reader, &Catalog::CatalogReader::recordsRead, this, &CatalogModel::applyRefresh);
}

CatalogModel::~CatalogModel() = default;

bool CatalogModel::isQueryPending() const
{
    return m_reader->isQueryPending();
}

void CatalogModel::setProgressSource(CatalogProgress *progress)
{
    m_progress = progress;
    if (progress)
        connect(progress, &CatalogProgress::modelsChanged, this, &CatalogModel::applyLive);
}

void CatalogModel::setQuery(const Catalog::CatalogStore::Query &query)
{
    m_query = query;
    m_query = effectiveQuery();
    m_pageWanted = false;
    m_reader->query(m_query);
}

Catalog::CatalogStore::Sort CatalogModel::sortForColumn(int column)
{
    using Sort = Catalog::CatalogStore::Sort;
    switch (column) {
    case NameColumn:
        return Sort::Name;
    case SizeColumn:
        return Sort::Size;
    case LikesColumn:
        return Sort::Likes;
    case UpdatedColumn:
        return Sort::Updated;
    case StateColumn:
        return Sort::State;
    default:
        return Sort::Downloads;
    }
}

Catalog::CatalogStore::Query CatalogModel::effectiveQuery() const
{
    Catalog::CatalogStore::Query query = m_query;
    query.offset = 0;
    query.limit = kPageSize;
    const bool searching = !query.text.trimmed().isEmpty();
    query.sort =
        searching && m_relevanceWhileSearching ? Catalog::CatalogStore::Sort::Relevance : sortForColumn(m_sortColumn);
    query.order = m_sortOrder;
    return query;
}

void CatalogModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    const bool same = column == m_sortColumn && order == m_sortOrder;
    m_sortColumn = column;
    m_sortOrder = order;
    const Catalog::CatalogStore::Query next = effectiveQuery();
    // The view sorts when it is set up and when its header state is restored: only a new
    // order needs a new query.
    if (same && next.sort == m_query.sort && next.order == m_query.order)
        return;
    setQuery(m_query);
}

bool CatalogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_reader->isQueryPending() && !m_pageWanted && int(m_models.size()) < m_total;
}

void CatalogModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_pageWanted = true;
    Catalog::CatalogStore::Query query = m_query;
    query.offset = int(m_models.size());
    m_reader->page(query);
}

void CatalogModel::refreshStates()
{
    QStringList keys;
    for (const auto &node : m_models)
        keys << node->record.key;
    m_reader->refresh(keys);
}

void CatalogModel::refreshStates(const QSet<QString> &keys)
{
    QStringList shown;
    for (const QString &key : keys) {
        if (m_rowOfKey.contains(key))
            shown << key;
    }
    m_reader->refresh(shown);
}

std::unique_ptr<CatalogModel::Node> CatalogModel::makeNode(Catalog::ModelRecord record, int row) const
{
    auto node = std::make_unique<Node>();
    node->kind = NodeKind::Model;
    node->row = row;
    node->record = std::move(record);
    if (!node->record.variants.isEmpty())
        node->previews = Catalog::previewImages(node->record.variants.first(), node->record.nsfw);
    for (int v = 0; v < node->record.variants.size(); ++v) {
        auto variantNode = std::make_unique<Node>();
        variantNode->kind = NodeKind::Variant;
        variantNode->parent = node.get();
        variantNode->row = v;
        variantNode->variant = v;
        for (int f = 0; f < node->record.variants.at(v).files.size(); ++f) {
            auto fileNode = std::make_unique<Node>();
            fileNode->kind = NodeKind::File;
            fileNode->parent = variantNode.get();
            fileNode->row = f;
            fileNode->variant = v;
            fileNode->file = f;
            variantNode->children.push_back(std::move(fileNode));
        }
        node->children.push_back(std::move(variantNode));
    }
    updateLive(node.get());
    updateAggregates(node.get());
    return node;
}

void CatalogModel::applyQuery(Catalog::CatalogReader::Page result)
{
    m_lastError = result.error;
    beginResetModel();
    // Thousands of loaded models with their variants and files take long to free: a worker
    // frees them (plain values, referenced by nothing once the reset began).
    using Loaded = std::pair<std::vector<std::unique_ptr<Node>>, QHash<QString, int>>;
    auto *old = new Loaded(std::move(m_models), std::move(m_rowOfKey));
    m_models.clear();
    m_rowOfKey.clear();
    QThreadPool::globalInstance()->start([old] { delete old; });
    m_total = qMax(0, result.total);
    for (Catalog::ModelRecord &record : result.models) {
        if (m_rowOfKey.contains(record.key))
            continue;
        m_rowOfKey.insert(record.key, int(m_models.size()));
        m_models.push_back(makeNode(std::move(record), int(m_models.size())));
    }
    m_total = qMax(m_total, int(m_models.size()));
    endResetModel();
    Q_EMIT queryFinished();
}

void CatalogModel::applyPage(Catalog::CatalogReader::Page result)
{
    if (!result.error.isEmpty())
        m_lastError = result.error;
    // A sync may have moved rows between pages: a model already listed is not listed twice.
    QList<Catalog::ModelRecord> fresh;
    for (Catalog::ModelRecord &record : result.models) {
        if (!m_rowOfKey.contains(record.key))
            fresh << std::move(record);
    }
    if (fresh.isEmpty()) {
        if (result.models.isEmpty())  // the catalog shrank: nothing more to fetch
            m_total = int(m_models.size());
        return;
    }
    const int first = int(m_models.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (Catalog::ModelRecord &record : fresh) {
        m_rowOfKey.insert(record.key, int(m_models.size()));
        m_models.push_back(makeNode(std::move(record), int(m_models.size())));
    }
    endInsertRows();
    m_total = qMax(m_total, int(m_models.size()));
    Q_EMIT pageLoaded();
}

void CatalogModel::applyRefresh(const QList<Catalog::ModelRecord> &records)
{
    QSet<QString> refreshed;
    for (const Catalog::ModelRecord &fresh : records) {
        const auto row = m_rowOfKey.constFind(fresh.key);
        if (row == m_rowOfKey.cend())
            continue;
        Node *model = m_models.at(std::size_t(*row)).get();
        // The tree at a commit never changes; only the states move. Match by name and path in
        // case a sync replaced the model in between.
        model->record.state = fresh.state;
        for (Catalog::VariantRecord &variant : model->record.variants) {
            for (const Catalog::VariantRecord &freshVariant : fresh.variants) {
                if (freshVariant.name != variant.name)
                    continue;
                variant.state = freshVariant.state;
                for (Catalog::FileRecord &file : variant.files) {
                    for (const Catalog::FileRecord &freshFile : freshVariant.files) {
                        if (freshFile.path == file.path)
                            file.state = freshFile.state;
                    }
                }
            }
        }
        updateAggregates(model);
        emitStateChanged(model);
        refreshed.insert(fresh.key);
    }
    if (!refreshed.isEmpty())
        Q_EMIT recordsRefreshed(refreshed);
}

void CatalogModel::applyLive(const QSet<QString> &keys)
{
    QSet<QString> shown;
    for (const QString &key : keys) {
        const auto row = m_rowOfKey.constFind(key);
        if (row == m_rowOfKey.cend())
            continue;
        Node *model = m_models.at(std::size_t(*row)).get();
        updateLive(model);
        updateAggregates(model);
        emitStateChanged(model);
        shown.insert(key);
    }
    if (!shown.isEmpty())
        Q_EMIT liveStatesChanged(shown);
}

void CatalogModel::updateLive(Node *model) const
{
    const bool tracked = m_progress && m_progress->hasModel(model->record.key);
    for (const auto &variant : model->children) {
        const QString &commit = model->record.variants.at(variant->variant).commit;
        for (const auto &file : variant->children) {
            file->live = tracked ? m_progress->file(model->record.key, commit, file->fileRecord().path) : std::nullopt;
        }
    }
}

void CatalogModel::updateAggregates(Node *model)
{
    QList<ItemState> variantStates;
    StateCounts modelCounts;
    qint64 modelDone = 0;
    qint64 modelTotal = 0;
    qint64 modelSize = -1;
    for (const auto &variant : model->children) {
        QList<ItemState> fileStates;
        StateCounts counts;
        qint64 done = 0;
        qint64 total = 0;
        for (const auto &file : variant->children) {
            const Catalog::FileRecord &record = file->fileRecord();
            file->shown = file->live ? file->live->state : itemStateFromLocal(record.state);
            file->progress = file->live && isTransferring(file->shown) ? file->live->progress() : -1.0;
            file->size = record.size;
            fileStates << file->shown;
            counts.add(file->shown);
            modelCounts.add(file->shown);
            if (file->live && file->live->total > 0) {
                done += file->live->done;
                total += file->live->total;
            }
            if (record.size >= 0)
                modelSize = std::max<qint64>(modelSize, 0) + record.size;
        }
        variant->shown = fileStates.isEmpty() ? itemStateFromLocal(variant->variantRecord().state)
                                              : aggregateState(fileStates, true);
        variant->progress = isTransferring(variant->shown) && total > 0 ? double(done) / double(total) : -1.0;
        variant->counts = fileStates.size() > 1 ? counts : StateCounts();
        variant->size = variant->variantRecord().totalSize();
        variantStates << variant->shown;
        modelDone += done;
        modelTotal += total;
    }
    // One verified quantization is all a user wants: a model is verified when any variant is.
    model->shown =
        variantStates.isEmpty() ? itemStateFromLocal(model->record.state) : aggregateState(variantStates, false);
    model->progress = isTransferring(model->shown) && modelTotal > 0 ? double(modelDone) / double(modelTotal) : -1.0;
    model->counts = modelCounts;
    model->size = modelSize;
}

QModelIndex CatalogModel::indexOf(const Node *node, int column) const
{
    return createIndex(node->row, column, const_cast<Node *>(node));
}

void CatalogModel::emitStateChanged(const Node *model)
{
    static const QList<int> roles{Qt::DisplayRole, ItemStateRole, ProgressRole, StateRole, AggregateRole, SortRole};
    for (const auto &variant : model->children) {
        if (!variant->children.empty()) {
            Q_EMIT dataChanged(indexOf(variant->children.front().get(), StateColumn),
                               indexOf(variant->children.back().get(), StateColumn), roles);
        }
    }
    if (!model->children.empty()) {
        Q_EMIT dataChanged(indexOf(model->children.front().get(), StateColumn),
                           indexOf(model->children.back().get(), StateColumn), roles);
    }
    Q_EMIT dataChanged(indexOf(model, StateColumn), indexOf(model, StateColumn), roles);
}

const Catalog::ModelRecord *CatalogModel::recordFor(const QString &modelKey) const
{
    const auto row = m_rowOfKey.constFind(modelKey);
    return row == m_rowOfKey.cend() ? nullptr : &m_models.at(std::size_t(*row))->record;
}

ItemState CatalogModel::fileState(const QString &modelKey, int variant, int file, double *progress) const
{
    const auto row = m_rowOfKey.constFind(modelKey);
    if (progress)
        *progress = -1;
    if (row == m_rowOfKey.cend())
        return ItemState::None;
    const Node *model = m_models.at(std::size_t(*row)).get();
    if (variant < 0 || variant >= int(model->children.size()))
        return ItemState::None;
    const Node *variantNode = model->children.at(std::size_t(variant)).get();
    if (file < 0 || file >= int(variantNode->children.size()))
        return ItemState::None;
    const Node *fileNode = variantNode->children.at(std::size_t(file)).get();
    if (progress)
        *progress = fileNode->progress;
    return fileNode->shown;
}

CatalogModel::Node *CatalogModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex CatalogModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, m_models.at(std::size_t(row)).get());
    Node *parentNode = nodeFor(parent);
    return createIndex(row, column, parentNode->children.at(std::size_t(row)).get());
}

QModelIndex CatalogModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeFor(child);
    if (!node || !node->parent)
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int CatalogModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_models.size());
    if (parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int CatalogModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool CatalogModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QString CatalogModel::checkId(const FileRef &file)
{
    return file.modelKey + QLatin1Char('\n') + file.variant + QLatin1Char('\n') + file.path;
}

QList<CatalogModel::FileRef> CatalogModel::checkedFiles() const
{
    QList<FileRef> files;
    for (const QString &id : m_checked) {
        const QStringList parts = id.split(QLatin1Char('\n'));
        files.append({parts.value(0), parts.value(1), parts.value(2)});
    }
    return files;
}

bool CatalogModel::isChecked(const FileRef &file) const
{
    return m_checked.contains(checkId(file));
}

void CatalogModel::setChecked(const FileRef &file, bool checked)
{
    const QString id = checkId(file);
    if (checked == m_checked.contains(id))
        return;
    if (checked)
        m_checked.insert(id);
    else
        m_checked.remove(id);
    const auto row = m_rowOfKey.constFind(file.modelKey);
    if (row != m_rowOfKey.cend()) {
        for (const auto &variant : m_models.at(std::size_t(*row))->children) {
            if (variant->variantRecord().name != file.variant)
                continue;
            for (const auto &node : variant->children) {
                if (node->fileRecord().path == file.path)
                    Q_EMIT dataChanged(indexOf(node.get(), NameColumn), indexOf(node.get(), NameColumn),
                                       {Qt::CheckStateRole});
            }
        }
    }
    Q_EMIT checksChanged();
}

void CatalogModel::clearChecks()
{
    const QList<FileRef> files = checkedFiles();
    for (const FileRef &file : files)
        setChecked(file, false);
}

void CatalogModel::clearChecksExcept(const QString &modelKey)
{
    const QList<FileRef> files = checkedFiles();
    for (const FileRef &file : files) {
        if (file.modelKey != modelKey)
            setChecked(file, false);
    }
}

}  // namespace Ui
