#include "sourcesmodel.h"

#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"

namespace Ui {

SourcesModel::SourcesModel(Catalog::SourceStore *sources, Catalog::SyncEngine *engine, QObject *parent)
    : QAbstractListModel(parent)
    , m_sources(sources)
    , m_engine(engine)
{
    reload();
    if (m_engine) {
        connect(m_engine, &Catalog::SyncEngine::sourcesChanged, this, &SourcesModel::reload);
        connect(m_engine, &Catalog::SyncEngine::syncFinished, this,
                [this](qint64 sourceId, const Catalog::SyncState &) { onSyncChanged(sourceId); });
    }
}

void SourcesModel::reload()
{
    beginResetModel();
    m_rows = m_sources->sources();
    m_counts.clear();
    for (const Catalog::Source &source : std::as_const(m_rows))
        m_counts << int(m_sources->members(source.id).size());
    endResetModel();
}

void SourcesModel::onSyncChanged(qint64 sourceId)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id != sourceId)
            continue;
        m_counts[i] = int(m_sources->members(sourceId).size());
        const QModelIndex changed = index(i + 1);
        Q_EMIT dataChanged(changed, changed);
    }
    Q_EMIT dataChanged(index(0), index(0));
}

int SourcesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + 1;
}

QVariant SourcesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (index.row() == 0) {
        int total = 0;
        for (int count : m_counts)
            total += count;
        switch (role) {
        case Qt::DisplayRole: return tr("All sources");
        case SourceIdRole: return qint64(0);
        case ModelCountRole: return total;
        case NewCountRole: return 0;
        default: return {};
        }
    }
    const Catalog::Source &source = m_rows.at(index.row() - 1);
    const int count = m_counts.at(index.row() - 1);
    const int added = m_engine ? m_engine->state(source.id).counts.added : 0;
    switch (role) {
    case Qt::DisplayRole: {
        QString text = tr("%1 (%n models)", nullptr, count).arg(source.name);
        if (added > 0)
            text += QStringLiteral(" · ") + tr("%n new", nullptr, added);
        return text;
    }
    case Qt::ToolTipRole: return m_engine ? m_engine->state(source.id).describe() : QString();
    case SourceIdRole: return source.id;
    case ModelCountRole: return count;
    case NewCountRole: return added;
    default: return {};
    }
}

} // namespace Ui
