#include "downloadsrowfilter.h"

#include "download/types.h"
#include "downloadsmodel.h"

#include <QTreeView>

namespace Ui {

using Download::TaskState;

DownloadsRowFilter::DownloadsRowFilter(QTreeView *view, DownloadsModel *model, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_model(model)
{
    // States change on every tick; only the groups a change touched are looked at again.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                if (m_filter == Filter::All)
                    return;
                if (!topLeft.parent().isValid()) {
                    for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                        applyToGroup(row);
                } else {
                    applyToGroup(topLeft.parent().row());
                }
            });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (m_filter == Filter::All)
            return;
        if (parent.isValid()) {
            applyToGroup(parent.row());
        } else {
            for (int row = first; row <= last; ++row)
                applyToGroup(row);
        }
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &DownloadsRowFilter::applyAll);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DownloadsRowFilter::applyAll);
}

QString DownloadsRowFilter::filterName(Filter filter)
{
    switch (filter) {
    case Filter::All:
        return tr("All");
    case Filter::Active:
        return tr("Active");
    case Filter::Queued:
        return tr("Queued");
    case Filter::Failed:
        return tr("Failed");
    case Filter::Done:
        return tr("Done");
    }
    return {};
}

void DownloadsRowFilter::setFilter(Filter filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    applyAll();
}

bool DownloadsRowFilter::accepts(const QModelIndex &task) const
{
    const auto state = TaskState(task.data(DownloadsModel::StateRole).toInt());
    switch (m_filter) {
    case Filter::All:
        return true;
    case Filter::Active:
        return Download::isActive(state);
    // Waiting for a slot or held by the user: neither runs, both will.
    case Filter::Queued:
        return state == TaskState::Queued || state == TaskState::Paused;
    case Filter::Failed:
        return state == TaskState::Failed;
    case Filter::Done:
        return state == TaskState::Completed;
    }
    return true;
}

void DownloadsRowFilter::applyToGroup(int row)
{
    const QModelIndex group = m_model->index(row, 0);
    bool any = false;
    for (int r = 0; r < m_model->rowCount(group); ++r) {
        const bool shown = accepts(m_model->index(r, 0, group));
        m_view->setRowHidden(r, group, !shown);
        any = any || shown;
    }
    m_view->setRowHidden(row, {}, !any && m_filter != Filter::All);
}

void DownloadsRowFilter::applyAll()
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        applyToGroup(row);
}

}  // namespace Ui
