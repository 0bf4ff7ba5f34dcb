#include "sourcesmodel.h"

#include "catalog/catalogstore.h"
#include "catalog/syncengine.h"

#include <QLocale>

namespace Ui {

SourcesModel::SourcesModel(Catalog::SourceStore *sources, Catalog::SyncEngine *engine, Catalog::CatalogStore *store,
                           QObject *parent)
    : QAbstractListModel(parent)
    , m_sources(sources)
    , m_engine(engine)
    , m_store(store)
{
    reload();
    if (m_engine) {
        connect(m_engine, &Catalog::SyncEngine::sourcesChanged, this, &SourcesModel::reload);
        connect(m_engine, &Catalog::SyncEngine::syncFinished, this,
                [this](qint64 sourceId, const Catalog::SyncState &) { refresh(sourceId); });
    }
}

SourcesModel::Row SourcesModel::readRow(const Catalog::Source &source) const
{
    return Row{source, m_sources->memberCount(source.id), m_sources->unseen(source.id)};
}

void SourcesModel::reload()
{
    beginResetModel();
    m_rows.clear();
    int sum = 0;
    for (const Catalog::Source &source : m_sources->sources()) {
        m_rows << readRow(source);
        sum += m_rows.last().models;
    }
    // Models listed by several sources count once in the whole catalog.
    m_allModels = m_store ? m_store->modelCount() : sum;
    endResetModel();
}

void SourcesModel::recount()
{
    refresh(0);  // no stored source has id 0: only the total is read again
}

void SourcesModel::refresh(qint64 sourceId)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).source.id != sourceId)
            continue;
        m_rows[i] = readRow(m_rows.at(i).source);
        const QModelIndex changed = index(i + 1);
        Q_EMIT dataChanged(changed, changed);
    }
    int sum = 0;
    for (const Row &row : std::as_const(m_rows))
        sum += row.models;
    m_allModels = m_store ? m_store->modelCount() : sum;
    Q_EMIT dataChanged(index(0), index(0));
}

QModelIndex SourcesModel::indexOfSource(qint64 sourceId) const
{
    if (sourceId == 0)
        return index(0);
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).source.id == sourceId)
            return index(i + 1);
    }
    return {};
}

int SourcesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + 1;
}

QVariant SourcesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QLocale locale;
    if (index.row() == 0) {
        switch (role) {
        case Qt::DisplayRole:
            return tr("All sources (%1)").arg(locale.toString(m_allModels));
        case Qt::AccessibleTextRole:
            return tr("All sources, %1 models").arg(locale.toString(m_allModels));
        case SourceNameRole:
            return tr("All sources");
        case SourceIdRole:
            return qint64(0);
        case ModelCountRole:
            return m_allModels;
        case NewCountRole:
        case ChangedCountRole:
            return 0;
        default:
            return {};
        }
    }
    const Row &row = m_rows.at(index.row() - 1);
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 (%2)").arg(row.source.name, locale.toString(row.models));
    case Qt::AccessibleTextRole: {
        QString text = tr("%1, %2 models").arg(row.source.name, locale.toString(row.models));
        if (row.unseen.added > 0)
            text += QStringLiteral(", ") + tr("%n new", nullptr, row.unseen.added);
        if (row.unseen.changed > 0)
            text += QStringLiteral(", ") + tr("%n updated", nullptr, row.unseen.changed);
        return text;
    }
    case Qt::ToolTipRole: {
        QStringList lines;
        if (m_engine)
            lines << m_engine->state(row.source.id).describe();
        if (row.unseen.added > 0 || row.unseen.changed > 0)
            lines << tr("Since you last looked: %1 new, %2 updated.").arg(row.unseen.added).arg(row.unseen.changed);
        return lines.join(QLatin1Char('\n'));
    }
    case SourceNameRole:
        return row.source.name;
    case SourceIdRole:
        return row.source.id;
    case ModelCountRole:
        return row.models;
    case NewCountRole:
        return row.unseen.added;
    case ChangedCountRole:
        return row.unseen.changed;
    default:
        return {};
    }
}

}  // namespace Ui
