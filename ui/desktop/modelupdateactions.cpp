#include "modelupdateactions.h"

#include "activity/activitylog.h"
#include "catalog/catalogstore.h"
#include "download/types.h"
#include "updates/catalogstates.h"
#include "updates/modelupdater.h"

#include <QAction>

namespace Ui {

ModelUpdateActions::ModelUpdateActions(Updates::ModelUpdater *updater, Catalog::CatalogStore *store,
                                       Activity::ActivityLog *log, QObject *parent)
    : QObject(parent)
    , m_updater(updater)
    , m_store(store)
    , m_log(log)
    , m_update(new QAction(tr("&Update"), this))
    , m_rollback(new QAction(tr("Roll &Back"), this))
{
    m_update->setObjectName(QStringLiteral("updateAction"));
    m_update->setToolTip(
        tr("Download what changed on the hub beside the version in use, then switch to it in one step"));
    m_rollback->setObjectName(QStringLiteral("rollbackAction"));
    m_rollback->setToolTip(tr("Switch back to the version in use before the last update"));
    connect(m_update, &QAction::triggered, this, &ModelUpdateActions::update);
    connect(m_rollback, &QAction::triggered, this, &ModelUpdateActions::rollBack);
    // What the update fetches, said before it starts: Xet files bring only their changed chunks.
    connect(m_updater, &Updates::ModelUpdater::fetching, this, [this](const Updates::UpdateResult &result) {
        if (!m_log)
            return;
        QString line = tr("%1 has a newer version: fetching %2 for %n changed file(s)", nullptr, result.filesFetched)
                           .arg(result.repoId, Download::formatBytes(result.bytesFetched));
        if (result.bytesReused > 0)
            line +=
                tr(", reusing %1 of unchanged chunks already on disk").arg(Download::formatBytes(result.bytesReused));
        m_log->add(tr("updates"), line);
    });
    refresh();
}

void ModelUpdateActions::setModel(const QString &modelKey)
{
    m_model = modelKey;
    refresh();
}

void ModelUpdateActions::refresh()
{
    const bool some = !m_model.isEmpty() && !m_running.contains(m_model);
    m_update->setEnabled(some && m_store->modelState(m_model) == Catalog::LocalState::UpdateAvailable);
    m_rollback->setEnabled(some && m_updater->canRollBack(m_model));
}

void ModelUpdateActions::report(const QString &modelKey, bool ok, const QString &message)
{
    if (m_log)
        m_log->add(tr("updates"), message, ok ? Activity::Event::Level::Info : Activity::Event::Level::Warning);
    Q_EMIT finished(modelKey, ok, message);
}

void ModelUpdateActions::update()
{
    const QString key = m_model;
    if (key.isEmpty() || m_running.contains(key))
        return;
    m_running.insert(key);
    refresh();
    if (m_log)
        m_log->add(tr("updates"), tr("Updating %1…").arg(key));
    m_updater->update(key, [this, key](const Updates::UpdateResult &result) {
        m_running.remove(key);
        QString message;
        if (result.ok) {
            QString error;
            QString note;
            if (!Updates::markInForce(m_store, key, result.fromCommit, result.toCommit, result.files, &error))
                note = tr(" The catalog could not record it: %1").arg(error);
            message =
                (result.upToDate ? tr("%1 is up to date (%2).").arg(key, result.toCommit.left(8))
                                 : tr("Updated %1 from %2 to %3: %n file(s) downloaded, %4 unchanged file(s) reused. "
                                      "Roll back returns to %2.",
                                      nullptr, result.filesFetched)
                                       .arg(key, result.fromCommit.left(8), result.toCommit.left(8))
                                       .arg(result.filesReused)) +
                note;
            Q_EMIT catalogStatesChanged();
        } else {
            message = result.error;
        }
        report(key, result.ok, message);
        refresh();
    });
}

void ModelUpdateActions::rollBack()
{
    const QString key = m_model;
    if (key.isEmpty() || m_running.contains(key))
        return;
    const Updates::RollbackResult result = m_updater->rollback(key);
    QString message = result.error;
    if (result.ok) {
        QString error;
        message = tr("Rolled %1 back from %2 to %3.").arg(key, result.fromCommit.left(8), result.toCommit.left(8));
        if (!Updates::markInForce(m_store, key, result.fromCommit, result.toCommit, result.files, &error))
            message += tr(" The catalog could not record it: %1").arg(error);
        Q_EMIT catalogStatesChanged();
    }
    report(key, result.ok, message);
    refresh();
}

}  // namespace Ui
