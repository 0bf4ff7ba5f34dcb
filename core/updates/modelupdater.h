#pragma once

#include "download/types.h"

#include <QObject>

#include <functional>

namespace Plan {
class DownloadPlanner;
}
namespace Download {
class DownloadPool;
}

namespace Updates {

class SnapshotManager;

struct UpdateResult
{
    bool ok = false;
    bool upToDate = false;     // the hub's commit is the one refs/<revision> already names
    QString repoId;
    QString revision;
    QString fromCommit;        // empty when the repo was not downloaded before
    QString toCommit;
    int filesFetched = 0;      // blobs that had to be downloaded
    int filesReused = 0;       // unchanged blobs linked into the new snapshot
    qint64 bytesFetched = 0;
    QString error;             // a sentence when !ok
};

// Updates a downloaded Hugging Face repo to the hub's newest commit of a branch without ever
// exposing a half-updated model: it plans the new commit, downloads only the blobs whose hash
// changed into a new snapshot (unchanged blobs are linked, not fetched), and only when every
// file of the new snapshot is verified does SnapshotManager switch refs/<revision> in one
// rename. The previous snapshot stays for rollback until pruned.
class ModelUpdater : public QObject
{
    Q_OBJECT
public:
    ModelUpdater(Plan::DownloadPlanner *planner, Download::DownloadPool *pool, SnapshotManager *snapshots,
                 QString hfCacheDir, QObject *parent = nullptr);

    using Callback = std::function<void(const UpdateResult &)>;
    // The callback runs exactly once, on this thread.
    void update(const QString &repoId, const QString &revision, Callback callback);

private:
    Plan::DownloadPlanner *m_planner;
    Download::DownloadPool *m_pool;
    SnapshotManager *m_snapshots;
    QString m_hfCacheDir;
};

} // namespace Updates
