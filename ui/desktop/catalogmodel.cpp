#include "catalogmodel.h"

#include "catalogprogress.h"
#include "download/types.h"
#include "futurewatch.h"

#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

namespace Ui {

using Catalog::LocalState;

struct CatalogModel::Node
{
    NodeKind kind = NodeKind::Model;
    Node *parent = nullptr;
    int row = 0;
    int variant = -1;                // Variant and File nodes: index into the model's record
    int file = -1;                   // File nodes
    Catalog::ModelRecord record;     // Model nodes: the whole record with variants and files
    std::vector<std::unique_ptr<Node>> children;

    // What the state column shows, kept up to date so data() never walks the tree.
    ItemState shown = ItemState::None;
    double progress = -1;
    QString counts;
    qint64 size = -1;
    std::optional<CatalogProgress::Live> live;  // File nodes in the pool

    const Node *modelNode() const
    {
        const Node *node = this;
        while (node->parent)
            node = node->parent;
        return node;
    }
    const Catalog::VariantRecord &variantRecord() const { return modelNode()->record.variants.at(variant); }
    const Catalog::FileRecord &fileRecord() const { return variantRecord().files.at(file); }
};

struct CatalogModel::ReadResult
{
    QList<Catalog::ModelRecord> models;
    QString error;
};

CatalogModel::CatalogModel(Catalog::CatalogStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
{
    // One reader thread that stays: it keeps its SQLite connection, and queries never overtake
    // each other.
    m_reader.setMaxThreadCount(1);
    m_reader.setExpiryTimeout(-1);
}

CatalogModel::~CatalogModel()
{
    m_reader.waitForDone();
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
    m_pending = query;
    startRead();
}

void CatalogModel::refreshStates()
{
    m_pendingRefreshAll = true;
    startRead();
}

void CatalogModel::refreshStates(const QSet<QString> &keys)
{
    if (keys.isEmpty())
        return;
    m_pendingRefresh.unite(keys);
    startRead();
}

void CatalogModel::startRead()
{
    if (m_running)
        return;
    Catalog::CatalogStore *store = m_store;
    if (m_pending) {
        const Catalog::CatalogStore::Query query = *std::exchange(m_pending, std::nullopt);
        // A new search reads fresh states anyway.
        m_pendingRefresh.clear();
        m_pendingRefreshAll = false;
        m_running = true;
        whenFinished(this, QtConcurrent::run(&m_reader, [store, query] {
            ReadResult result;
            result.models = store->search(query, &result.error);
            for (Catalog::ModelRecord &model : result.models) {
                std::optional<Catalog::ModelRecord> full = store->model(model.key);
                if (!full)
                    continue;
                if (full->sources.isEmpty())
                    full->sources = model.sources;
                model = std::move(*full);
            }
            return result;
        }), [this](ReadResult result) {
            m_running = false;
            if (!m_pending)  // a newer query waits: this answer is already out of date
                applyQuery(std::move(result));
            startRead();
        });
        return;
    }
    if (m_pendingRefreshAll || !m_pendingRefresh.isEmpty()) {
        QStringList keys;
        if (m_pendingRefreshAll) {
            for (const auto &node : m_models)
                keys << node->record.key;
        } else {
            for (const QString &key : std::as_const(m_pendingRefresh)) {
                if (m_rowOfKey.contains(key))
                    keys << key;
            }
        }
        m_pendingRefresh.clear();
        m_pendingRefreshAll = false;
        if (keys.isEmpty())
            return;
        m_running = true;
        whenFinished(this, QtConcurrent::run(&m_reader, [store, keys] {
            QList<Catalog::ModelRecord> records;
            for (const QString &key : keys) {
                if (std::optional<Catalog::ModelRecord> full = store->model(key))
                    records << *full;
            }
            return records;
        }), [this](const QList<Catalog::ModelRecord> &records) {
            m_running = false;
            if (!m_pending)
                applyRefresh(records);
            startRead();
        });
    }
}

void CatalogModel::applyQuery(ReadResult result)
{
    m_lastError = result.error;
    beginResetModel();
    m_models.clear();
    m_rowOfKey.clear();
    for (Catalog::ModelRecord &record : result.models) {
        auto node = std::make_unique<Node>();
        node->kind = NodeKind::Model;
        node->row = int(m_models.size());
        node->record = std::move(record);
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
        m_rowOfKey.insert(node->record.key, node->row);
        m_models.push_back(std::move(node));
    }
    endResetModel();
    Q_EMIT queryFinished();
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
        variant->counts = fileStates.size() > 1 ? counts.text() : QString();
        variant->size = variant->variantRecord().totalSize();
        variantStates << variant->shown;
        modelDone += done;
        modelTotal += total;
    }
    // One verified quantization is all a user wants: a model is verified when any variant is.
    model->shown = variantStates.isEmpty() ? itemStateFromLocal(model->record.state) : aggregateState(variantStates, false);
    model->progress = isTransferring(model->shown) && modelTotal > 0 ? double(modelDone) / double(modelTotal) : -1.0;
    model->counts = modelCounts.text();
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

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    switch (role) {
    case ModelKeyRole: return node->modelNode()->record.key;
    case HubRole: return node->modelNode()->record.hub;
    case NodeKindRole: return int(node->kind);
    case ItemStateRole: return index.column() == StateColumn ? QVariant(int(node->shown)) : QVariant();
    case ProgressRole: return index.column() == StateColumn ? node->progress : -1.0;
    case AggregateRole: return node->counts;
    case SizeRole: return node->size;
    default: break;
    }
    if (index.column() == StateColumn && (role == Qt::DisplayRole || role == SortRole)) {
        if (role == SortRole)
            return int(node->shown);
        QString text = node->counts.isEmpty() ? itemStateText(node->shown) : node->counts;
        if (node->progress >= 0) {
            const QString percent = QStringLiteral("%1%").arg(int(node->progress * 100));
            text = node->counts.isEmpty() ? percent : percent + QStringLiteral(" · ") + node->counts;
        }
        return text;
    }
    switch (node->kind) {
    case NodeKind::Model: return modelData(node, index.column(), role);
    case NodeKind::Variant: return variantData(node, index.column(), role);
    case NodeKind::File: return fileData(node, index.column(), role);
    }
    return {};
}

QVariant CatalogModel::modelData(const Node *node, int column, int role) const
{
    const Catalog::ModelRecord &m = node->record;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return m.hub == QLatin1String("civitai") && !m.name.isEmpty() ? m.name : m.key;
        case SizeColumn: return node->size >= 0 ? Download::formatBytes(node->size) : QString();
        case DownloadsColumn: return QLocale().toString(m.downloads);
        case LikesColumn: return QLocale().toString(m.likes);
        case UpdatedColumn: return QLocale().toString(m.lastModified.toLocalTime().date(), QLocale::ShortFormat);
        default: return {};
        }
    case Qt::ToolTipRole:
        return m.tags.join(QStringLiteral(", "));
    case SortRole:
        switch (column) {
        case NameColumn: return m.key.toLower();
        case SizeColumn: return node->size;
        case DownloadsColumn: return m.downloads;
        case LikesColumn: return m.likes;
        case UpdatedColumn: return m.lastModified;
        default: return {};
        }
    case StateRole: return int(m.state);
    default: return {};
    }
}

QVariant CatalogModel::variantData(const Node *node, int column, int role) const
{
    const Catalog::VariantRecord &v = node->variantRecord();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return v.name;
        case SizeColumn: return node->size > 0 ? Download::formatBytes(node->size) : QString();
        default: return {};
        }
    case SortRole:
        switch (column) {
        case NameColumn: return v.name.toLower();
        case SizeColumn: return node->size;
        default: return QVariant(qint64(0));
        }
    case StateRole: return int(v.state);
    case VariantNameRole: return v.name;
    default: return {};
    }
}

QVariant CatalogModel::fileData(const Node *node, int column, int role) const
{
    const Catalog::FileRecord &f = node->fileRecord();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return f.path;
        case SizeColumn: return f.size >= 0 ? Download::formatBytes(f.size) : QString();
        default: return {};
        }
    case Qt::ToolTipRole:
        return f.sha256.isEmpty() ? f.path : QStringLiteral("%1\nSHA-256 %2").arg(f.path, f.sha256);
    case Qt::CheckStateRole:
        if (column != NameColumn)
            return {};
        return isChecked({node->modelNode()->record.key, node->variantRecord().name, f.path}) ? Qt::Checked : Qt::Unchecked;
    case SortRole:
        switch (column) {
        case NameColumn: return f.path.toLower();
        case SizeColumn: return f.size;
        default: return QVariant(qint64(0));
        }
    case StateRole: return int(f.state);
    case VariantNameRole: return node->variantRecord().name;
    case FilePathRole: return f.path;
    default: return {};
    }
}

bool CatalogModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const Node *node = nodeFor(index);
    if (!node || node->kind != NodeKind::File || role != Qt::CheckStateRole || index.column() != NameColumn)
        return false;
    setChecked({node->modelNode()->record.key, node->variantRecord().name, node->fileRecord().path},
               value.toInt() == Qt::Checked);
    return true;
}

Qt::ItemFlags CatalogModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractItemModel::flags(index);
    const Node *node = nodeFor(index);
    if (node && node->kind == NodeKind::File && index.column() == NameColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant CatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case SizeColumn: return tr("Size");
    case DownloadsColumn: return tr("Downloads");
    case LikesColumn: return tr("Likes");
    case UpdatedColumn: return tr("Updated");
    case StateColumn: return tr("State");
    }
    return {};
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
                    Q_EMIT dataChanged(indexOf(node.get(), NameColumn), indexOf(node.get(), NameColumn), {Qt::CheckStateRole});
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

} // namespace Ui
