#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Updates {

struct SnapshotInfo
{
    QString commit;
    int fileCount = 0;
    qint64 bytes = 0;       // sizes of the blobs the snapshot points at
    bool complete = false;  // every entry resolves to an existing file
    QStringList refs;       // refs that point at it ("main")
};

struct PruneResult
{
    int snapshotsRemoved = 0;  // with apply: removed; without: would be removed
    int blobsRemoved = 0;
    qint64 bytesFreed = 0;
    QStringList snapshotPaths;  // what is (or would be) removed
    QStringList blobPaths;
    QStringList errors;  // sentences; pruning goes on past a failure
};

// Switches, rolls back and prunes Hugging Face cache snapshots without ever exposing a
// half-updated model. A program that resolves a model through refs/<branch> sees the old
// snapshot or the new one and never a mix, because:
//  - a new snapshot is complete (every file verified and linked) before the ref moves;
//  - the ref moves with one rename of a temporary file over it;
//  - the previous snapshot stays on disk until the user prunes.
// The commits a ref pointed at before are remembered in ModelDock's own data folder (never
// inside the cache, where other tools would read them as refs), so "roll back" is one step.
class SnapshotManager
{
public:
    SnapshotManager(QString cacheRoot, QString historyFile);

    QString cacheRoot() const { return m_cacheRoot; }
    void setCacheRoot(const QString &cacheRoot) { m_cacheRoot = cacheRoot; }  // the folder setting changed

    QString currentCommit(const QString &repoId, const QString &revision) const;
    QList<SnapshotInfo> snapshots(const QString &repoId) const;
    SnapshotInfo snapshot(const QString &repoId, const QString &commit) const;

    // Points refs/<revision> at commit, whose snapshot must be complete. Records the previous
    // commit for rollback. false + *error otherwise; the ref is then unchanged.
    bool switchRef(const QString &repoId, const QString &revision, const QString &commit, QString *error);

    // Moves refs/<revision> back to the commit it pointed at before the last switch.
    bool rollback(const QString &repoId, const QString &revision, QString *error, QString *restoredCommit = nullptr);
    QString previousCommit(const QString &repoId, const QString &revision) const;

    // Removes what is ModelDock's own to remove, and only that: snapshots ModelDock moved a ref
    // away from (an update, a rollback) that no ref points at any more (except `keep`, e.g. a
    // snapshot an update is filling right now), then the blobs only those snapshots used.
    // A snapshot another tool downloaded (one pinned to a commit has no ref at all), a blob no
    // snapshot links to, a partial download: never touched. Without `apply` it only says what
    // it would remove. An empty repoId looks at every repo.
    PruneResult prune(const QString &repoId = {}, const QSet<QString> &keep = {}, bool apply = true);

    // Every file path of a snapshot, relative to it, sorted.
    QStringList paths(const QString &repoId, const QString &commit) const;
    // Paths the snapshot `from` has that `to` lacks (or holds as a dangling link).
    QStringList missingFrom(const QString &repoId, const QString &from, const QString &to) const;

    QString repoPath(const QString &repoId) const;
    static bool isCommit(const QString &text);

private:
    // The history file's list under `key` for this cache, and its replacement (empty: removed).
    QJsonArray listOf(const QString &key) const;
    bool storeList(const QString &key, const QJsonArray &list, QString *error);
    QStringList history(const QString &repoId, const QString &revision) const;
    bool saveHistory(const QString &repoId, const QString &revision, const QStringList &commits, QString *error);
    bool writeRef(const QString &repoId, const QString &revision, const QString &commit, QString *error);
    PruneResult pruneRepo(const QString &repoId, const QString &repoFolder, const QSet<QString> &keep, bool apply);
    // Commits ModelDock moved a ref of the repo away from: the only snapshots prune may remove.
    QSet<QString> retired(const QString &repoId) const;
    void retire(const QString &repoId, const QString &commit);

    QString m_cacheRoot;
    QString m_historyFile;
};

}  // namespace Updates
