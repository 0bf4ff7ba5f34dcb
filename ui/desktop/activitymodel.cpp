#include "activitymodel.h"

#include "activity/activitylog.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

namespace Ui {

ActivityModel::ActivityModel(Activity::ActivityLog *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    connect(m_log, &Activity::ActivityLog::aboutToTrim, this, [this](int count) { beginRemoveRows({}, 0, count - 1); });
    connect(m_log, &Activity::ActivityLog::trimmed, this, [this] { endRemoveRows(); });
    connect(m_log, &Activity::ActivityLog::aboutToAdd, this, [this](int row) { beginInsertRows({}, row, row); });
    connect(m_log, &Activity::ActivityLog::added, this, [this] { endInsertRows(); });
}

int ActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_log->size();
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Activity::Event &event = m_log->at(index.row());
    const bool warning = event.level == Activity::Event::Level::Warning;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(event.time.toLocalTime().time(), QLocale::ShortFormat);
        case SourceColumn:
            return event.source;
        case TextColumn:
            return event.text;
        }
        break;
    case Qt::ToolTipRole:
        return QString(QLocale().toString(event.time.toLocalTime(), QLocale::LongFormat) + QLatin1Char('\n') +
                       event.text);
    case Qt::DecorationRole:
        if (index.column() == TimeColumn && warning)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        break;
    case TimeRole:
        return event.time;
    case LevelRole:
        return int(event.level);
    }
    return {};
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SourceColumn:
        return tr("From");
    case TextColumn:
        return tr("What happened");
    }
    return {};
}

}  // namespace Ui
