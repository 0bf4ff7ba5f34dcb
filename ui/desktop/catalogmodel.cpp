#include "catalogmodel.h"

#include "download/types.h"

#include <QLocale>

namespace Ui {

using Catalog::LocalState;

QString localStateText(LocalState state)
{
    switch (state) {
    case LocalState::None: return QString();
    case LocalState::Queued: return CatalogModel::tr("Queued");
    case LocalState::Downloading: return CatalogModel::tr("Downloading");
    case LocalState::Verified: return CatalogModel::tr("Verified ✓");
    case LocalState::Failed: return CatalogModel::tr("Failed ✗");
    case LocalState::UpdateAvailable: return CatalogModel::tr("Update available");
    }
    return {};
}

struct CatalogModel::Node
{
    NodeKind kind = NodeKind::Model;
    Node *parent = nullptr;
    int row = 0;
    Catalog::ModelRecord model;      // Model nodes (variants filled once loaded)
    Catalog::VariantRecord variant;  // Variant nodes
    Catalog::FileRecord file;        // File nodes
    bool loaded = false;             // Model nodes: children read from the store
    std::vector<std::unique_ptr<Node>> children;

    const Node *modelNode() const
    {
        const Node *node = this;
        while (node->parent)
            node = node->parent;
        return node;
    }
};

CatalogModel::CatalogModel(Catalog::CatalogStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
{
}

CatalogModel::~CatalogModel() = default;

void CatalogModel::setQuery(const Catalog::CatalogStore::Query &query)
{
    m_query = query;
    QString error;
    const QList<Catalog::ModelRecord> models = m_store->search(query, &error);
    m_lastError = error;
    beginResetModel();
    m_models.clear();
    for (const Catalog::ModelRecord &record : models) {
        auto node = std::make_unique<Node>();
        node->kind = NodeKind::Model;
        node->row = int(m_models.size());
        node->model = record;
        // Read the variants and files now: a search shows at most a few hundred models, and a
        // tree whose rows appear on expand confuses selection-spanning downloads and the
        // model tester alike (it fetches inside endResetModel).
        load(node.get());
        m_models.push_back(std::move(node));
    }
    endResetModel();
}

std::optional<Catalog::ModelRecord> CatalogModel::record(const QString &modelKey) const
{
    return m_store->model(modelKey);
}

void CatalogModel::load(Node *modelNode)
{
    const std::optional<Catalog::ModelRecord> full = m_store->model(modelNode->model.key);
    modelNode->loaded = true;
    if (!full)
        return;
    const QStringList sources = modelNode->model.sources;
    modelNode->model = *full;
    if (modelNode->model.sources.isEmpty())
        modelNode->model.sources = sources;
    for (const Catalog::VariantRecord &variant : full->variants) {
        auto variantNode = std::make_unique<Node>();
        variantNode->kind = NodeKind::Variant;
        variantNode->parent = modelNode;
        variantNode->row = int(modelNode->children.size());
        variantNode->variant = variant;
        for (const Catalog::FileRecord &file : variant.files) {
            auto fileNode = std::make_unique<Node>();
            fileNode->kind = NodeKind::File;
            fileNode->parent = variantNode.get();
            fileNode->row = int(variantNode->children.size());
            fileNode->file = file;
            variantNode->children.push_back(std::move(fileNode));
        }
        modelNode->children.push_back(std::move(variantNode));
    }
}

void CatalogModel::refreshStates()
{
    for (const auto &modelNode : m_models) {
        const QModelIndex modelIndex = index(modelNode->row, 0);
        if (!modelNode->loaded) {
            modelNode->model.state = m_store->modelState(modelNode->model.key);
            Q_EMIT dataChanged(modelIndex, index(modelNode->row, ColumnCount - 1));
            continue;
        }
        const std::optional<Catalog::ModelRecord> full = m_store->model(modelNode->model.key);
        if (!full)
            continue;
        modelNode->model.state = full->state;
        // Same variants and files as before (the tree at a commit never changes); only the
        // states move.
        for (const auto &variantNode : modelNode->children) {
            for (const Catalog::VariantRecord &variant : full->variants) {
                if (variant.name != variantNode->variant.name)
                    continue;
                variantNode->variant.state = variant.state;
                for (const auto &fileNode : variantNode->children) {
                    for (const Catalog::FileRecord &file : variant.files) {
                        if (file.path == fileNode->file.path)
                            fileNode->file.state = file.state;
                    }
                }
                if (!variantNode->children.empty()) {
                    const QModelIndex variantIndex = index(variantNode->row, 0, modelIndex);
                    Q_EMIT dataChanged(index(0, 0, variantIndex),
                                       index(int(variantNode->children.size()) - 1, ColumnCount - 1, variantIndex));
                }
            }
        }
        if (!modelNode->children.empty())
            Q_EMIT dataChanged(index(0, 0, modelIndex), index(int(modelNode->children.size()) - 1, ColumnCount - 1, modelIndex));
        Q_EMIT dataChanged(modelIndex, index(modelNode->row, ColumnCount - 1));
    }
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
    if (!parent.isValid())
        return !m_models.empty();
    if (parent.column() != 0)
        return false;
    const Node *node = nodeFor(parent);
    if (node->kind == NodeKind::Model && !node->loaded)
        return true;  // variants are read on expand
    return !node->children.empty();
}

bool CatalogModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *node = nodeFor(parent);
    return node && node->kind == NodeKind::Model && !node->loaded;
}

void CatalogModel::fetchMore(const QModelIndex &parent)
{
    Node *node = nodeFor(parent);
    if (!node || node->loaded)
        return;
    // Read first, insert after: the row count must not change before beginInsertRows.
    auto scratch = std::make_unique<Node>(Node{NodeKind::Model, nullptr, node->row, node->model, {}, {}, false, {}});
    load(scratch.get());
    node->loaded = true;
    node->model = scratch->model;
    if (scratch->children.empty())
        return;
    beginInsertRows(parent, 0, int(scratch->children.size()) - 1);
    node->children = std::move(scratch->children);
    for (auto &child : node->children)
        child->parent = node;
    endInsertRows();
    Q_EMIT dataChanged(parent, index(parent.row(), ColumnCount - 1, parent.parent()));
}

QString CatalogModel::aggregateText(const QList<LocalState> &states)
{
    int verified = 0;
    int failed = 0;
    for (LocalState state : states) {
        verified += state == LocalState::Verified;
        failed += state == LocalState::Failed;
    }
    if (verified == 0 && failed == 0)
        return {};
    QString text = QStringLiteral("%1/%2 ✓").arg(verified).arg(states.size());
    if (failed > 0)
        text += QStringLiteral(" %1 ✗").arg(failed);
    return text;
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    if (role == ModelKeyRole)
        return node->modelNode()->model.key;
    if (role == HubRole)
        return node->modelNode()->model.hub;
    if (role == NodeKindRole)
        return int(node->kind);
    if (role == ProgressRole)
        return -1.0;
    switch (node->kind) {
    case NodeKind::Model: return modelData(node, index.column(), role);
    case NodeKind::Variant: return variantData(node, index.column(), role);
    case NodeKind::File: return fileData(node, index.column(), role);
    }
    return {};
}

QVariant CatalogModel::modelData(const Node *node, int column, int role) const
{
    const Catalog::ModelRecord &m = node->model;
    QList<LocalState> fileStates;
    qint64 size = -1;
    for (const auto &variant : node->children) {
        for (const auto &file : variant->children) {
            fileStates << file->file.state;
            if (file->file.size >= 0)
                size = std::max<qint64>(size, 0) + file->file.size;
        }
    }
    const QString aggregate = aggregateText(fileStates);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return m.hub == QLatin1String("civitai") && !m.name.isEmpty() ? m.name : m.key;
        case SizeColumn: return size >= 0 ? Download::formatBytes(size) : QString();
        case DownloadsColumn: return QLocale().toString(m.downloads);
        case LikesColumn: return QLocale().toString(m.likes);
        case UpdatedColumn: return QLocale().toString(m.lastModified.toLocalTime().date(), QLocale::ShortFormat);
        case StateColumn: return aggregate.isEmpty() ? localStateText(m.state) : aggregate;
        default: return {};
        }
    case Qt::ToolTipRole:
        return m.tags.join(QStringLiteral(", "));
    case SortRole:
        switch (column) {
        case NameColumn: return m.key.toLower();
        case SizeColumn: return size;
        case DownloadsColumn: return m.downloads;
        case LikesColumn: return m.likes;
        case UpdatedColumn: return m.lastModified;
        case StateColumn: return int(m.state);
        default: return {};
        }
    case StateRole: return int(m.state);
    case SizeRole: return size;
    case AggregateRole: return aggregate;
    default: return {};
    }
}

QVariant CatalogModel::variantData(const Node *node, int column, int role) const
{
    const Catalog::VariantRecord &v = node->variant;
    QList<LocalState> fileStates;
    for (const auto &file : node->children)
        fileStates << file->file.state;
    const QString aggregate = fileStates.size() > 1 ? aggregateText(fileStates) : QString();
    const qint64 size = v.totalSize();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return v.name;
        case SizeColumn: return size > 0 ? Download::formatBytes(size) : QString();
        case StateColumn: return aggregate.isEmpty() ? localStateText(v.state) : aggregate;
        default: return {};
        }
    case SortRole:
        switch (column) {
        case NameColumn: return v.name.toLower();
        case SizeColumn: return size;
        case StateColumn: return int(v.state);
        default: return QVariant(qint64(0));
        }
    case StateRole: return int(v.state);
    case VariantNameRole: return v.name;
    case SizeRole: return size;
    case AggregateRole: return aggregate;
    default: return {};
    }
}

QVariant CatalogModel::fileData(const Node *node, int column, int role) const
{
    const Catalog::FileRecord &f = node->file;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return f.path;
        case SizeColumn: return f.size >= 0 ? Download::formatBytes(f.size) : QString();
        case StateColumn: return localStateText(f.state);
        default: return {};
        }
    case Qt::ToolTipRole:
        return f.sha256.isEmpty() ? f.path : QStringLiteral("%1\nSHA-256 %2").arg(f.path, f.sha256);
    case Qt::CheckStateRole:
        if (column != NameColumn)
            return {};
        return m_checked.contains(node->modelNode()->model.key + QLatin1Char('\n') + node->parent->variant.name
                                  + QLatin1Char('\n') + f.path)
                   ? Qt::Checked
                   : Qt::Unchecked;
    case SortRole:
        switch (column) {
        case NameColumn: return f.path.toLower();
        case SizeColumn: return f.size;
        case StateColumn: return int(f.state);
        default: return QVariant(qint64(0));
        }
    case StateRole: return int(f.state);
    case VariantNameRole: return node->parent->variant.name;
    case FilePathRole: return f.path;
    case SizeRole: return f.size;
    default: return {};
    }
}

bool CatalogModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const Node *node = nodeFor(index);
    if (!node || node->kind != NodeKind::File || role != Qt::CheckStateRole || index.column() != NameColumn)
        return false;
    const QString id = node->modelNode()->model.key + QLatin1Char('\n') + node->parent->variant.name
                       + QLatin1Char('\n') + node->file.path;
    if (value.toInt() == Qt::Checked)
        m_checked.insert(id);
    else
        m_checked.remove(id);
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
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

QList<CatalogModel::FileRef> CatalogModel::checkedFiles() const
{
    QList<FileRef> files;
    for (const QString &id : m_checked) {
        const QStringList parts = id.split(QLatin1Char('\n'));
        files.append({parts.value(0), parts.value(1), parts.value(2)});
    }
    return files;
}

void CatalogModel::clearChecks()
{
    m_checked.clear();
    for (const auto &model : m_models) {
        const QModelIndex modelIndex = index(model->row, 0);
        for (const auto &variant : model->children) {
            if (variant->children.empty())
                continue;
            const QModelIndex variantIndex = index(variant->row, 0, modelIndex);
            Q_EMIT dataChanged(index(0, 0, variantIndex), index(int(variant->children.size()) - 1, 0, variantIndex),
                               {Qt::CheckStateRole});
        }
    }
}

} // namespace Ui
