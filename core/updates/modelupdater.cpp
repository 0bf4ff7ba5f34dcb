#include "modelupdater.h"

#include "download/downloadpool.h"
#include "download/xetestimate.h"
#include "library/storagelayout.h"
#include "libraryversions.h"
#include "plan/downloadplanner.h"
#include "snapshotmanager.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <memory>

namespace Updates {

ModelUpdater::ModelUpdater(Plan::DownloadPlanner *planner, Download::DownloadPool *pool, QString hfCacheDir,
                           QString libraryDir, QString historyFile, QObject *parent)
    : QObject(parent)
    , m_planner(planner)
    , m_pool(pool)
    , m_hfCacheDir(std::move(hfCacheDir))
    , m_libraryDir(std::move(libraryDir))
    , m_historyFile(std::move(historyFile))
{
}

ModelUpdater::~ModelUpdater() = default;

void ModelUpdater::setHfCacheDir(const QString &dir)
{
    m_hfCacheDir = dir;
}

void ModelUpdater::setLibraryDir(const QString &dir)
{
    m_libraryDir = dir;
}

bool ModelUpdater::parseModel(const QString &model, QString *repoId, QString *revision, qint64 *civitaiId,
                              QString *error)
{
    *civitaiId = 0;
    repoId->clear();
    revision->clear();
    if (model.startsWith(QLatin1String("civitai:"))) {
        bool ok = false;
        const qint64 id = model.mid(8).toLongLong(&ok);
        if (!ok || id <= 0) {
            *error = tr("\"%1\" is not a Civitai model: use civitai:MODEL_ID (the update moves to its newest version).")
                         .arg(model);
            return false;
        }
        *civitaiId = id;
        return true;
    }
    *repoId = model.section(QLatin1Char('@'), 0, 0);
    *revision = model.contains(QLatin1Char('@')) ? model.section(QLatin1Char('@'), 1) : QString();
    // SnapshotManager knows which names are safe to turn into cache paths.
    const SnapshotManager probe(QStringLiteral("/"), QString());
    if (probe.repoPath(*repoId).isEmpty() || (model.contains(QLatin1Char('@')) && revision->isEmpty())) {
        *error = tr("\"%1\" is not a model: use namespace/name[@branch] or civitai:MODEL_ID.").arg(model);
        return false;
    }
    return true;
}

QString ModelUpdater::defaultRevision(const QString &repoId) const
{
    const SnapshotManager snapshots(m_hfCacheDir, m_historyFile);
    if (!snapshots.currentCommit(repoId, QStringLiteral("main")).isEmpty())
        return QStringLiteral("main");
    // A repo whose quantizations live on branches (one downloaded): that branch.
    const QStringList refs = QDir(snapshots.repoPath(repoId) + QStringLiteral("/refs")).entryList(QDir::Files);
    return refs.size() == 1 ? refs.first() : QStringLiteral("main");
}

void ModelUpdater::update(const QString &model, Callback callback)
{
    QString repoId;
    QString revision;
    qint64 civitaiId = 0;
    QString error;
    if (!parseModel(model, &repoId, &revision, &civitaiId, &error)) {
        UpdateResult result;
        result.repoId = model;
        result.error = error;
        callback(result);
        return;
    }
    if (civitaiId > 0)
        updateCivitai(civitaiId, std::move(callback));
    else
        updateHf(repoId, revision.isEmpty() ? defaultRevision(repoId) : revision, std::move(callback));
}

void ModelUpdater::download(const QString &name, const QList<Download::FileRequest> &files,
                            std::function<void(bool, const QString &)> done)
{
    const Download::GroupId group = m_pool->createGroup(name);
    for (const Download::FileRequest &request : files)
        m_pool->addTask(group, request);
    auto connection = std::make_shared<QMetaObject::Connection>();
    auto finished = std::make_shared<bool>(false);
    auto check = [this, group, connection, finished, done]() {
        const Download::GroupSnapshot snapshot = m_pool->group(group);
        if (*finished || !snapshot.isFinished())
            return;
        *finished = true;
        QObject::disconnect(*connection);
        done(snapshot.completed == snapshot.total, snapshot.summary());
    };
    *connection = connect(m_pool, &Download::DownloadPool::groupFinished, this, [group, check](Download::GroupId id) {
        if (id == group)
            check();
    });
    // Everything may already be present (nothing changed but the commit).
    QMetaObject::invokeMethod(this, check, Qt::QueuedConnection);
}

void ModelUpdater::updateHf(const QString &repoId, const QString &revision, Callback callback)
{
    auto result = std::make_shared<UpdateResult>();
    result->repoId = repoId;
    result->revision = revision;
    const QString cacheDir = m_hfCacheDir;
    const SnapshotManager snapshots(cacheDir, m_historyFile);
    result->fromCommit = snapshots.currentCommit(repoId, revision);

    Plan::DownloadTarget target;
    QString error;
    if (!Plan::DownloadTarget::parse(revision == QLatin1String("main") ? repoId : repoId + QLatin1Char('@') + revision,
                                     &target, &error)) {
        result->error = error;
        callback(*result);
        return;
    }
    Plan::DownloadPlanner::Options options;
    options.hfCacheDir = cacheDir;
    m_planner->plan(target, options, this, [this, result, callback, cacheDir](const Plan::DownloadPlan &plan) {
        if (!plan.ok() || plan.files.isEmpty()) {
            result->error = plan.ok() ? tr("%1 has no files to update to.").arg(result->repoId) : plan.error.message;
            callback(*result);
            return;
        }
        result->toCommit = plan.files.first().destination.commit;
        const SnapshotManager snapshots(cacheDir, m_historyFile);
        if (result->toCommit == result->fromCommit && snapshots.snapshot(result->repoId, result->toCommit).complete) {
            result->ok = true;
            result->upToDate = true;
            result->files = snapshots.paths(result->repoId, result->toCommit);
            callback(*result);
            return;
        }
        const QStringList had =
            result->fromCommit.isEmpty() ? QStringList() : snapshots.paths(result->repoId, result->fromCommit);
        if (had.isEmpty()) {
            fetchHf(result, plan.files, cacheDir, callback);
            return;
        }
        // Keep the user's choice: a whole download stays whole (new files come too), a part
        // (one quantization of many) stays that part. The hub says what the old commit held.
        Plan::DownloadTarget old;
        QString error;
        Plan::DownloadTarget::parse(result->repoId + QLatin1Char('@') + result->fromCommit, &old, &error);
        Plan::DownloadPlanner::Options options;
        options.hfCacheDir = cacheDir;
        const QList<Download::FileRequest> newest = plan.files;
        m_planner->plan(old, options, this,
                        [this, result, callback, cacheDir, had, newest](const Plan::DownloadPlan &oldPlan) {
                            const QSet<QString> present(had.cbegin(), had.cend());
                            bool whole = oldPlan.ok() && !oldPlan.files.isEmpty();
                            for (const Download::FileRequest &file : oldPlan.files)
                                whole = whole && present.contains(file.destination.relativePath);
                            QList<Download::FileRequest> files;
                            for (const Download::FileRequest &file : newest) {
                                if (whole || present.contains(file.destination.relativePath))
                                    files << file;
                            }
                            if (files.isEmpty()) {
                                result->error = tr("None of the files of %1 you have are in its new version %2.")
                                                    .arg(result->repoId, result->toCommit.left(8));
                                callback(*result);
                                return;
                            }
                            fetchHf(result, files, cacheDir, callback);
                        });
    });
}

void ModelUpdater::fetchHf(const std::shared_ptr<UpdateResult> &result, QList<Download::FileRequest> files,
                           const QString &cacheDir, Callback callback)
{
    QList<Download::FileRequest> missing;
    for (Download::FileRequest &request : files) {
        // The ref moves once, at the end, not as each file lands.
        request.destination.revision.clear();
        if (Library::StorageLayout::isPresent(request.destination, request.expectedSize)) {
            ++result->filesReused;
        } else {
            ++result->filesFetched;
            missing << request;
        }
    }
    // What it will cost, before it starts: for Xet files, only the chunks not on disk.
    auto *estimate = new Download::XetEstimate(m_pool->session(), m_pool->xetLedger(), this);
    connect(estimate, &Download::XetEstimate::finished, this,
            [this, estimate, result, files, cacheDir, callback](const Download::XetEstimate::Result &cost) {
                estimate->deleteLater();
                result->bytesFetched = cost.bytesToFetch;
                result->bytesReused = cost.bytesReused;
                Q_EMIT fetching(*result);
                downloadHf(result, files, cacheDir, callback);
            });
    estimate->estimate(missing);
}

void ModelUpdater::downloadHf(const std::shared_ptr<UpdateResult> &result, const QList<Download::FileRequest> &files,
                              const QString &cacheDir, Callback callback)
{
    download(tr("Update %1").arg(result->repoId), files,
             [this, result, callback, cacheDir](bool allVerified, const QString &summary) {
                 if (!allVerified) {
                     result->error = tr("The update of %1 stopped: %2. The model still points at its previous version.")
                                         .arg(result->repoId, summary);
                     callback(*result);
                     return;
                 }
                 SnapshotManager snapshots(cacheDir, m_historyFile);
                 QString switchError;
                 result->ok = snapshots.switchRef(result->repoId, result->revision, result->toCommit, &switchError);
                 result->error = switchError;
                 result->files = snapshots.paths(result->repoId, result->ok ? result->toCommit : result->fromCommit);
                 callback(*result);
             });
}

void ModelUpdater::updateCivitai(qint64 modelId, Callback callback)
{
    auto result = std::make_shared<UpdateResult>();
    result->repoId = QStringLiteral("civitai:%1").arg(modelId);
    const QString libraryDir = m_libraryDir;
    const QStringList folders = m_layout.knownFolders();
    const LibraryVersion now = LibraryVersions(libraryDir, folders).current(modelId);
    if (!now.isValid()) {
        result->error = tr("%1 is not in the library (%2); download it first.").arg(result->repoId, libraryDir);
        callback(*result);
        return;
    }
    result->fromCommit = QString::number(now.versionId);
    Plan::DownloadTarget target;
    QString error;
    Plan::DownloadTarget::parse(result->repoId, &target, &error);
    Plan::DownloadPlanner::Options options;
    options.libraryDir = libraryDir;
    options.layout = m_layout;
    m_planner->plan(
        target, options, this,
        [this, result, callback, libraryDir, folders, modelId, now](const Plan::DownloadPlan &plan) {
            if (!plan.ok() || plan.files.isEmpty()) {
                result->error =
                    plan.ok() ? tr("%1 has no version to update to.").arg(result->repoId) : plan.error.message;
                callback(*result);
                return;
            }
            // The newest version only: its primary file carries the version in its sidecar.
            const qint64 versionId =
                plan.files.first().destination.sidecar.value(QLatin1String("versionId")).toInteger();
            result->toCommit = QString::number(versionId);
            if (versionId <= 0) {
                result->error = tr("The hub did not say which version of %1 is the newest.").arg(result->repoId);
                callback(*result);
                return;
            }
            if (versionId == now.versionId) {
                result->ok = true;
                result->upToDate = true;
                callback(*result);
                return;
            }
            // Beside the version in force, never over it: into the library's version store.
            const QString root = LibraryVersions(libraryDir, folders).versionRoot(modelId, versionId);
            QList<Download::FileRequest> files;
            for (Download::FileRequest request : plan.files) {
                request.destination.root = root;
                // The store keeps files and switches a symlink to one; an extracted folder
                // has no place there yet, so an update keeps an archive as a file.
                request.archive = false;
                if (Library::StorageLayout::isPresent(request.destination, request.expectedSize)) {
                    ++result->filesReused;
                } else {
                    ++result->filesFetched;
                    result->bytesFetched += std::max<qint64>(0, request.expectedSize);
                }
                files << request;
            }
            download(
                tr("Update %1").arg(result->repoId), files,
                [result, callback, libraryDir, folders, modelId, versionId](bool allVerified, const QString &summary) {
                    if (!allVerified) {
                        result->error = tr("The update of %1 stopped: %2. The library keeps its previous version.")
                                            .arg(result->repoId, summary);
                        callback(*result);
                        return;
                    }
                    LibraryVersions versions(libraryDir, folders);
                    QString switchError;
                    result->ok = versions.switchTo(modelId, versionId, &switchError);
                    result->error = switchError;
                    callback(*result);
                });
        });
}

RollbackResult ModelUpdater::rollback(const QString &model)
{
    RollbackResult result;
    result.repoId = model;
    QString repoId;
    QString revision;
    qint64 civitaiId = 0;
    if (!parseModel(model, &repoId, &revision, &civitaiId, &result.error))
        return result;
    if (civitaiId > 0) {
        LibraryVersions versions(m_libraryDir, m_layout.knownFolders());
        result.fromCommit = QString::number(versions.current(civitaiId).versionId);
        qint64 restored = 0;
        result.ok = versions.rollback(civitaiId, &result.error, &restored);
        result.toCommit = result.ok ? QString::number(restored) : QString();
        return result;
    }
    if (revision.isEmpty())
        revision = defaultRevision(repoId);
    SnapshotManager snapshots(m_hfCacheDir, m_historyFile);
    result.repoId = repoId;
    result.fromCommit = snapshots.currentCommit(repoId, revision);
    result.ok = snapshots.rollback(repoId, revision, &result.error, &result.toCommit);
    result.files = snapshots.paths(repoId, snapshots.currentCommit(repoId, revision));
    return result;
}

bool ModelUpdater::canRollBack(const QString &model) const
{
    QString repoId;
    QString revision;
    qint64 civitaiId = 0;
    QString error;
    if (!parseModel(model, &repoId, &revision, &civitaiId, &error))
        return false;
    if (civitaiId > 0) {
        const LibraryVersions versions(m_libraryDir, m_layout.knownFolders());
        const qint64 previous = versions.previousVersion(civitaiId);
        return previous > 0 && versions.stored(civitaiId, previous).isValid();
    }
    if (revision.isEmpty())
        revision = defaultRevision(repoId);
    const SnapshotManager snapshots(m_hfCacheDir, m_historyFile);
    const QString previous = snapshots.previousCommit(repoId, revision);
    return !previous.isEmpty() && snapshots.snapshot(repoId, previous).complete;
}

}  // namespace Updates
