#pragma once

#include "download/types.h"
#include "library/librarylayout.h"

#include <QObject>

#include <functional>
#include <memory>

namespace Plan {
class DownloadPlanner;
}
namespace Download {
class DownloadPool;
}

namespace Updates {

class LibraryVersions;
class SnapshotManager;

struct UpdateResult
{
    bool ok = false;
    bool upToDate = false;  // the hub's newest is what is already in force
    QString repoId;         // "ns/name" or "civitai:<id>"
    QString revision;       // HF branch; empty for Civitai
    QString fromCommit;     // HF commit or Civitai version id in force before; empty when none
    QString toCommit;
    int filesFetched = 0;  // files that had to be downloaded
    int filesReused = 0;   // unchanged files linked into the new snapshot
    // What the network brings: the changed files' sizes, or for files stored in Xet the xorb
    // bytes of the chunks no file on disk holds (bytesReused: their bytes copied instead).
    // Known before the download starts (ModelUpdater::fetching).
    qint64 bytesFetched = 0;
    qint64 bytesReused = 0;
    QStringList files;  // what is in force after the update (HF snapshot paths)
    QString error;      // a sentence when !ok
};

struct RollbackResult
{
    bool ok = false;
    QString repoId;
    QString fromCommit;  // what was in force (HF commit or Civitai version id)
    QString toCommit;    // what is in force now
    QStringList files;   // HF: the paths of the snapshot now in force
    QString error;
};

// Updates a downloaded model to the hub's newest without ever exposing a half-updated one,
// and rolls it back in one step.
//
// Hugging Face ("ns/name[@branch]"): plans the newest commit of the branch, downloads only
// the blobs whose hash changed into a new snapshot (unchanged blobs are linked, not fetched),
// and only when every file of the new snapshot is verified does SnapshotManager switch
// refs/<branch> in one rename. The new snapshot holds the files the user has: when the old
// snapshot held the whole old commit, the whole new commit (new files included); when it
// held a part (one quantization of many), the same paths at the new commit. Without
// "@branch" the branch is main, or the one branch ref the cache holds when main was never
// downloaded.
//
// Civitai ("civitai:<id>"): downloads the newest version beside the one in force (into the
// library's version store) and, once it is verified, LibraryVersions points the model's
// visible file at it in one rename.
//
// The previous version stays on disk for rollback until it is pruned.
class ModelUpdater : public QObject
{
    Q_OBJECT
public:
    ModelUpdater(Plan::DownloadPlanner *planner, Download::DownloadPool *pool, QString hfCacheDir, QString libraryDir,
                 QString historyFile, QObject *parent = nullptr);
    ~ModelUpdater() override;

    // The folder settings may change while the app runs; updates that started keep theirs.
    void setHfCacheDir(const QString &dir);
    void setLibraryDir(const QString &dir);
    // Where a new version's files and sidecars go in the version store, and where a model's
    // file is looked for in the library.
    void setLibraryLayout(const Library::LibraryLayout &layout) { m_layout = layout; }

    using Callback = std::function<void(const UpdateResult &)>;
    // The callback runs exactly once, on this thread. `model` is "ns/name[@branch]" or
    // "civitai:<id>".
    void update(const QString &model, Callback callback);

    RollbackResult rollback(const QString &model);

Q_SIGNALS:
    // A newer version was found and is about to be downloaded: what it will fetch (files,
    // bytesFetched, bytesReused), said before the first byte.
    void fetching(const Updates::UpdateResult &result);

public:
    // Whether rollback(model) has an earlier version to go back to.
    bool canRollBack(const QString &model) const;

    // false + *error when `model` is neither form.
    static bool parseModel(const QString &model, QString *repoId, QString *revision, qint64 *civitaiId, QString *error);

private:
    void updateHf(const QString &repoId, const QString &revision, Callback callback);
    void fetchHf(const std::shared_ptr<UpdateResult> &result, QList<Download::FileRequest> files,
                 const QString &cacheDir, Callback callback);
    void downloadHf(const std::shared_ptr<UpdateResult> &result, const QList<Download::FileRequest> &files,
                    const QString &cacheDir, Callback callback);
    void updateCivitai(qint64 modelId, Callback callback);
    QString defaultRevision(const QString &repoId) const;
    // Adds the files as one group and calls `done` (once) when every one is terminal.
    void download(const QString &name, const QList<Download::FileRequest> &files,
                  std::function<void(bool allVerified, const QString &summary)> done);

    Plan::DownloadPlanner *m_planner;
    Download::DownloadPool *m_pool;
    QString m_hfCacheDir;
    QString m_libraryDir;
    Library::LibraryLayout m_layout;
    QString m_historyFile;
};

}  // namespace Updates
