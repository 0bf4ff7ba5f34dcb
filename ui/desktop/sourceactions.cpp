#include "sourceactions.h"

#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "sourcedialog.h"
#include "sourcesmodel.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QListView>
#include <QMessageBox>

namespace Ui {

using Catalog::Source;

SourceActions::SourceActions(Catalog::SyncEngine *engine, Catalog::SourceStore *sources, QListView *view, QObject *parent)
    : QObject(parent),
      m_engine(engine),
      m_sources(sources),
      m_view(view),
      m_add(new QAction(tr("&Add Source…"), this)),
      m_edit(new QAction(tr("&Edit Source…"), this)),
      m_remove(new QAction(tr("&Remove Source"), this))
{
    m_add->setObjectName(QStringLiteral("addSourceAction"));
    m_edit->setObjectName(QStringLiteral("editSourceAction"));
    m_remove->setObjectName(QStringLiteral("removeSourceAction"));
    m_add->setToolTip(tr("List more models: an author, a search or a collection on a hub"));
    connect(m_add, &QAction::triggered, this, &SourceActions::addSource);
    connect(m_edit, &QAction::triggered, this, &SourceActions::editSource);
    connect(m_remove, &QAction::triggered, this, &SourceActions::removeSource);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({m_add, m_edit, m_remove});
    connect(m_view, &QListView::doubleClicked, this, &SourceActions::editSource);
    if (m_view->selectionModel())
        connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &SourceActions::updateEnabled);
    updateEnabled();
}

QList<QAction *> SourceActions::actions() const
{
    return {m_add, m_edit, m_remove};
}

qint64 SourceActions::currentSourceId() const
{
    return m_view->currentIndex().data(SourcesModel::SourceIdRole).toLongLong();
}

void SourceActions::updateEnabled()
{
    // The "all sources" row (id 0) is no source of its own.
    const bool one = currentSourceId() > 0;
    m_edit->setEnabled(one);
    m_remove->setEnabled(one);
}

void SourceActions::addSource()
{
    Source fresh;
    fresh.name.clear();
    const QList<Source> existing = m_sources->sources();
    SourceDialog dialog(fresh, [this, existing](const Source &s) {
        for (const Source &other : existing) {
            if (other.name.compare(s.name, Qt::CaseInsensitive) == 0)
                return tr("A source named “%1” exists already; choose another name.").arg(s.name);
        }
        return m_engine->hubs().sourceProblem(s);
    }, m_view->window());
    if (dialog.exec() != QDialog::Accepted)
        return;
    Source source = dialog.source();
    QString error;
    if (!m_engine->addSource(&source, &error)) {
        QMessageBox::warning(m_view->window(), tr("Add source"), tr("The source was not added: %1").arg(error));
        return;
    }
    // The new source is shown at once; its models arrive as the sync goes.
    for (int row = 0; row < m_view->model()->rowCount(); ++row) {
        const QModelIndex index = m_view->model()->index(row, 0);
        if (index.data(SourcesModel::SourceIdRole).toLongLong() == source.id)
            m_view->setCurrentIndex(index);
    }
}

void SourceActions::editSource()
{
    const qint64 id = currentSourceId();
    Source current;
    const QList<Source> existing = m_sources->sources();
    for (const Source &s : existing) {
        if (s.id == id)
            current = s;
    }
    if (current.id == 0)
        return;
    SourceDialog dialog(current, [this, existing, id](const Source &s) {
        for (const Source &other : existing) {
            if (other.id != id && other.name.compare(s.name, Qt::CaseInsensitive) == 0)
                return tr("A source named “%1” exists already; choose another name.").arg(s.name);
        }
        return m_engine->hubs().sourceProblem(s);
    }, m_view->window());
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_engine->updateSource(dialog.source(), &error))
        QMessageBox::warning(m_view->window(), tr("Edit source"), tr("The source was not changed: %1").arg(error));
}

void SourceActions::removeSource()
{
    const qint64 id = currentSourceId();
    if (id <= 0)
        return;
    const QString name = m_view->currentIndex().data(SourcesModel::SourceNameRole).toString();
    const auto answer = QMessageBox::question(
        m_view->window(), tr("Remove source"),
        tr("Remove the source “%1”? Models only it lists leave the catalog; files you downloaded stay on disk.")
            .arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    QString error;
    if (!m_engine->removeSource(id, &error))
        QMessageBox::warning(m_view->window(), tr("Remove source"), tr("The source was not removed: %1").arg(error));
}

} // namespace Ui
