#include "filelistmodel.h"

#include "catalogmodel.h"
#include "download/types.h"

#include <QFont>

namespace Ui {

FileListModel::FileListModel(CatalogModel *catalog, QObject *parent)
    : QAbstractTableModel(parent)
    , m_catalog(catalog)
{
    if (!catalog)
        return;
    connect(catalog, &CatalogModel::liveStatesChanged, this, &FileListModel::onStatesChanged);
    connect(catalog, &CatalogModel::recordsRefreshed, this, &FileListModel::onStatesChanged);
    connect(catalog, &CatalogModel::checksChanged, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, NameColumn), index(int(m_rows.size()) - 1, NameColumn), {Qt::CheckStateRole});
    });
}

void FileListModel::setRecord(const Catalog::ModelRecord &record)
{
    beginResetModel();
    m_record = record;
    m_variant.clear();
    rebuild();
    endResetModel();
}

void FileListModel::updateStates(const Catalog::ModelRecord &record)
{
    if (record.key != m_record.key)
        return;
    m_record = record;
    onStatesChanged({record.key});
}

void FileListModel::setVariantFilter(const QString &variant)
{
    if (variant == m_variant)
        return;
    beginResetModel();
    m_variant = variant;
    rebuild();
    endResetModel();
}

void FileListModel::clear()
{
    setRecord({});
}

void FileListModel::rebuild()
{
    m_rows.clear();
    for (int v = 0; v < m_record.variants.size(); ++v) {
        if (!m_variant.isEmpty() && m_record.variants.at(v).name != m_variant)
            continue;
        for (int f = 0; f < m_record.variants.at(v).files.size(); ++f)
            m_rows.append({v, f});
    }
}

void FileListModel::onStatesChanged(const QSet<QString> &keys)
{
    if (m_rows.isEmpty() || !keys.contains(m_record.key))
        return;
    Q_EMIT dataChanged(index(0, StateColumn), index(int(m_rows.size()) - 1, StateColumn));
}

int FileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FileListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FileListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row row = m_rows.at(index.row());
    const Catalog::VariantRecord &variant = m_record.variants.at(row.variant);
    const Catalog::FileRecord &file = variant.files.at(row.file);
    double progress = -1;
    ItemState state = itemStateFromLocal(file.state);
    if (m_catalog && m_catalog->recordFor(m_record.key))
        state = m_catalog->fileState(m_record.key, row.variant, row.file, &progress);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return file.path;
        case VariantColumn:
            return variant.name;
        case SizeColumn:
            return file.size >= 0 ? Download::formatBytes(file.size) : tr("unknown");
        case Sha256Column:
            return file.sha256.isEmpty() ? tr("not published") : file.sha256;
        case StateColumn:
            return progress >= 0 ? QStringLiteral("%1%").arg(int(progress * 100)) : itemStateText(state);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Sha256Column && !file.sha256.isEmpty())
            return tr("SHA-256 %1").arg(file.sha256);
        if (file.primary && variant.files.size() > 1)
            return tr("%1\nThe primary file: downloading the version takes this one; tick another to take it instead")
                .arg(file.path);
        return file.path;
    case Qt::FontRole:
        // Among a version's several files (fp16, fp8, GGUF…) the default one stands out.
        if (index.column() == NameColumn && file.primary && variant.files.size() > 1) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::CheckStateRole:
        if (index.column() != NameColumn || !m_catalog)
            return {};
        return m_catalog->isChecked({m_record.key, variant.name, file.path}) ? Qt::Checked : Qt::Unchecked;
    case SizeRole:
        return file.size;
    case VariantNameRole:
        return variant.name;
    case FilePathRole:
        return file.path;
    case ItemStateRole:
        return index.column() == StateColumn ? QVariant(int(state)) : QVariant();
    case ProgressRole:
        return index.column() == StateColumn ? progress : -1.0;
    default:
        return {};
    }
}

bool FileListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_catalog || role != Qt::CheckStateRole ||
        index.column() != NameColumn)
        return false;
    const Row row = m_rows.at(index.row());
    const Catalog::VariantRecord &variant = m_record.variants.at(row.variant);
    // The catalog signals checksChanged, which repaints the column here.
    m_catalog->setChecked({m_record.key, variant.name, variant.files.at(row.file).path}, value.toInt() == Qt::Checked);
    return true;
}

Qt::ItemFlags FileListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NameColumn && m_catalog)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant FileListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("File");
    case VariantColumn:
        return tr("Variant");
    case SizeColumn:
        return tr("Size");
    case Sha256Column:
        return tr("SHA-256");
    case StateColumn:
        return tr("State");
    }
    return {};
}

}  // namespace Ui
