#include "identifymodel.h"

#include <QFileInfo>

namespace Ui {

IdentifyModel::IdentifyModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void IdentifyModel::setFiles(const QList<Identify::FileIdentity> &files)
{
    beginResetModel();
    m_files = files;
    endResetModel();
}

int IdentifyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_files.size());
}

int IdentifyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IdentifyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Identify::FileIdentity &file = m_files.at(index.row());
    switch (role) {
    case PathRole:
        return file.path;
    case IdentifiedRole:
        return file.identified();
    case NewerVersionIdRole:
        return file.newerVersionId;
    case Qt::ToolTipRole:
        return file.path;
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case FileColumn:
        return QFileInfo(file.path).fileName();
    case HubColumn:
        return file.hub == Identify::FileIdentity::Hub::Civitai       ? tr("Civitai")
               : file.hub == Identify::FileIdentity::Hub::HuggingFace ? tr("Hugging Face")
                                                                      : tr("unknown");
    case ModelColumn:
        return file.modelName;
    case VersionColumn:
        return file.versionName;
    case NewerColumn:
        return file.hasNewer() ? file.newerVersionName : QString();
    default:
        return {};
    }
}

QVariant IdentifyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FileColumn:
        return tr("File");
    case HubColumn:
        return tr("Hub");
    case ModelColumn:
        return tr("Model");
    case VersionColumn:
        return tr("Version");
    case NewerColumn:
        return tr("Newer version");
    default:
        return {};
    }
}

}  // namespace Ui
