// CatalogModel, presenting: what each column and role of a node shows.
#include "catalogmodel.h"
#include "catalogmodelnode.h"
#include "download/types.h"

#include <QFont>
#include <QLocale>

namespace Ui {

ChangeMark CatalogModel::markOf(const Catalog::ModelRecord &record) const
{
    if (!m_marksSince.isValid())
        return ChangeMark::None;
    if (record.firstSeen.isValid() && record.firstSeen > m_marksSince)
        return ChangeMark::New;
    if (record.changedAt.isValid() && record.changedAt > m_marksSince)
        return ChangeMark::Updated;
    return ChangeMark::None;
}

void CatalogModel::setMarksSince(const QDateTime &since)
{
    if (since == m_marksSince)
        return;
    m_marksSince = since;
    if (!m_models.empty()) {
        Q_EMIT dataChanged(index(0, NameColumn), index(int(m_models.size()) - 1, StateColumn),
                           {Qt::FontRole, MarkRole, Qt::ToolTipRole});
    }
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    switch (role) {
    case ModelKeyRole:
        return node->modelNode()->record.key;
    case HubRole:
        return node->modelNode()->record.hub;
    case NodeKindRole:
        return int(node->kind);
    case ItemStateRole:
        return index.column() == StateColumn ? QVariant(int(node->shown)) : QVariant();
    case ProgressRole:
        return index.column() == StateColumn ? node->progress : -1.0;
    case AggregateRole:
        return QVariant::fromValue(node->counts);
    case SizeRole:
        return node->size;
    case MarkRole:
        return node->kind == NodeKind::Model && index.column() == StateColumn ? QVariant(int(markOf(node->record)))
                                                                              : QVariant();
    case Qt::AccessibleTextRole: {
        // A cell reads with its column's name ("Downloads: 15,000"); the name cell as it is.
        QString text = data(index, Qt::DisplayRole).toString();
        if (node->kind == NodeKind::Model && index.column() == StateColumn) {
            const QString mark = changeMarkText(markOf(node->record));
            text = mark.isEmpty() ? text : text.isEmpty() ? mark : text + QStringLiteral(", ") + mark;
        }
        if (index.column() == NameColumn)
            return text;
        return QString(headerData(index.column(), Qt::Horizontal, Qt::DisplayRole).toString() + QStringLiteral(": ") +
                       (text.isEmpty() ? tr("none") : text));
    }
    case Qt::FontRole:
        if (node->kind == NodeKind::Model && index.column() == NameColumn && markOf(node->record) != ChangeMark::None) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        break;
    }
    if (index.column() == StateColumn && (role == Qt::DisplayRole || role == SortRole)) {
        if (role == SortRole)
            return int(node->shown);
        const QString counts = node->counts.text();
        QString text = counts.isEmpty() ? itemStateText(node->shown) : counts;
        if (node->progress >= 0) {
            const QString percent = QStringLiteral("%1%").arg(int(node->progress * 100));
            text = counts.isEmpty() ? percent : percent + QStringLiteral(" · ") + counts;
        }
        return text;
    }
    switch (node->kind) {
    case NodeKind::Model:
        return modelData(node, index.column(), role);
    case NodeKind::Variant:
        return variantData(node, index.column(), role);
    case NodeKind::File:
        return fileData(node, index.column(), role);
    }
    return {};
}

QVariant CatalogModel::modelData(const Node *node, int column, int role) const
{
    const Catalog::ModelRecord &m = node->record;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return m.hub == QLatin1String("civitai") && !m.name.isEmpty() ? m.name : m.key;
        case SizeColumn:
            return node->size >= 0 ? Download::formatBytes(node->size) : QString();
        case DownloadsColumn:
            return QLocale().toString(m.downloads);
        case LikesColumn:
            return QLocale().toString(m.likes);
        case UpdatedColumn:
            return QLocale().toString(m.lastModified.toLocalTime().date(), QLocale::ShortFormat);
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        // The full name first: the view elides long names in the middle.
        const QString name = m.hub == QLatin1String("civitai") && !m.name.isEmpty() ? m.name : m.key;
        QString tip = m.tags.isEmpty() ? name : name + QLatin1Char('\n') + m.tags.join(QStringLiteral(", "));
        const ChangeMark mark = markOf(m);
        if (mark == ChangeMark::New)
            tip = tr("New since you last looked at this source") + QLatin1Char('\n') + tip;
        else if (mark == ChangeMark::Updated)
            tip = tr("Changed on the hub since you last looked at this source") + QLatin1Char('\n') + tip;
        return tip;
    }
    case SortRole:
        switch (column) {
        case NameColumn:
            return m.key.toLower();
        case SizeColumn:
            return node->size;
        case DownloadsColumn:
            return m.downloads;
        case LikesColumn:
            return m.likes;
        case UpdatedColumn:
            return m.lastModified;
        default:
            return {};
        }
    case StateRole:
        return int(m.state);
    case ModelKindRole:
        return m.kind;
    case BaseModelsRole:
        return m.baseModels;
    case PreviewImagesRole:
        return QVariant::fromValue(node->previews);
    default:
        return {};
    }
}

QVariant CatalogModel::variantData(const Node *node, int column, int role) const
{
    const Catalog::VariantRecord &v = node->variantRecord();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return v.name;
        case SizeColumn:
            return node->size > 0 ? Download::formatBytes(node->size) : QString();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return column == NameColumn ? v.name : QVariant();
    case SortRole:
        switch (column) {
        case NameColumn:
            return v.name.toLower();
        case SizeColumn:
            return node->size;
        default:
            return QVariant(qint64(0));
        }
    case StateRole:
        return int(v.state);
    case VariantNameRole:
        return v.name;
    default:
        return {};
    }
}

QVariant CatalogModel::fileData(const Node *node, int column, int role) const
{
    const Catalog::FileRecord &f = node->fileRecord();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return f.path;
        case SizeColumn:
            return f.size >= 0 ? Download::formatBytes(f.size) : QString();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return f.sha256.isEmpty() ? f.path : QStringLiteral("%1\nSHA-256 %2").arg(f.path, f.sha256);
    case Qt::CheckStateRole:
        if (column != NameColumn)
            return {};
        return isChecked({node->modelNode()->record.key, node->variantRecord().name, f.path}) ? Qt::Checked
                                                                                              : Qt::Unchecked;
    case SortRole:
        switch (column) {
        case NameColumn:
            return f.path.toLower();
        case SizeColumn:
            return f.size;
        default:
            return QVariant(qint64(0));
        }
    case StateRole:
        return int(f.state);
    case VariantNameRole:
        return node->variantRecord().name;
    case FilePathRole:
        return f.path;
    default:
        return {};
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
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case DownloadsColumn:
        return tr("Downloads");
    case LikesColumn:
        return tr("Likes");
    case UpdatedColumn:
        return tr("Updated");
    case StateColumn:
        return tr("State");
    }
    return {};
}

}  // namespace Ui
