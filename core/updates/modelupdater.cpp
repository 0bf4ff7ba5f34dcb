#include "modelupdater.h"

#include "download/downloadpool.h"
#include "library/storagelayout.h"
#include "plan/downloadplanner.h"
#include "snapshotmanager.h"

#include <QSet>

#include <memory>

namespace Updates {

ModelUpdater::ModelUpdater(Plan::DownloadPlanner *planner, Download::DownloadPool *pool, SnapshotManager *snapshots,
                           QString hfCacheDir, QObject *parent)
    : QObject(parent)
    , m_planner(planner)
    , m_pool(pool)
    , m_snapshots(snapshots)
    , m_hfCacheDir(std::move(hfCacheDir))
{
}

void ModelUpdater::update(const QString &repoId, const QString &revision, Callback callback)
{
    auto result = std::make_shared<UpdateResult>();
    result->repoId = repoId;
    result->revision = revision;
    result->fromCommit = m_snapshots->currentCommit(repoId, revision);

    Plan::DownloadTarget target;
    QString error;
    if (!Plan::DownloadTarget::parse(revision == QLatin1String("main") ? repoId : repoId + QLatin1Char('@') + revision,
                                     &target, &error)) {
        result->error = error;
        callback(*result);
        return;
    }
    Plan::DownloadPlanner::Options options;
    options.hfCacheDir = m_hfCacheDir;
    m_planner->plan(target, options, this, [this, result, callback](const Plan::DownloadPlan &plan) {
        if (!plan.ok()) {
            result->error = plan.error.message;
            callback(*result);
            return;
        }
        if (plan.files.isEmpty()) {
            result->error = tr("%1 has no files to update to.").arg(result->repoId);
            callback(*result);
            return;
        }
        result->toCommit = plan.files.first().destination.commit;
        if (result->toCommit == result->fromCommit && m_snapshots->snapshot(result->repoId, result->toCommit).complete) {
            result->ok = true;
            result->upToDate = true;
            callback(*result);
            return;
        }
        const Download::GroupId group = m_pool->createGroup(tr("Update %1").arg(result->repoId));
        auto pending = std::make_shared<QSet<Download::TaskId>>();
        for (Download::FileRequest request : plan.files) {
            // The ref moves once, at the end, not as each file lands.
            request.destination.revision.clear();
            if (Library::StorageLayout::isPresent(request.destination, request.expectedSize)) {
                ++result->filesReused;
            } else {
                ++result->filesFetched;
                result->bytesFetched += std::max<qint64>(0, request.expectedSize);
            }
            pending->insert(m_pool->addTask(group, request));
        }
        auto connection = std::make_shared<QMetaObject::Connection>();
        auto done = std::make_shared<bool>(false);
        auto finish = [this, result, callback, group, connection, done]() {
            const Download::GroupSnapshot snapshot = m_pool->group(group);
            if (*done || !snapshot.isFinished())
                return;
            *done = true;
            QObject::disconnect(*connection);
            if (snapshot.completed != snapshot.total) {
                result->error = tr("The update of %1 stopped: %2. The model still points at its previous version.")
                                    .arg(result->repoId, snapshot.summary());
                callback(*result);
                return;
            }
            QString switchError;
            if (!m_snapshots->switchRef(result->repoId, result->revision, result->toCommit, &switchError)) {
                result->error = switchError;
                callback(*result);
                return;
            }
            result->ok = true;
            callback(*result);
        };
        *connection = connect(m_pool, &Download::DownloadPool::groupFinished, this,
                              [group, finish](Download::GroupId finished) {
                                  if (finished == group)
                                      finish();
                              });
        // Everything may already be present (nothing changed but the commit).
        QMetaObject::invokeMethod(this, finish, Qt::QueuedConnection);
    });
}

} // namespace Updates
