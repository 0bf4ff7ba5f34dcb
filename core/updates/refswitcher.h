#pragma once

#include "download/types.h"

#include <QHash>
#include <QObject>
#include <QStringList>

namespace Download {
class DownloadPool;
}

namespace Updates {

// Keeps a plain download of a newer commit from moving a branch ref file by file. When a
// plan downloads commit B of a repo whose refs/<branch> names a snapshot A that is on disk,
// the storage layout leaves the ref at A (readers keep the complete old version); this class
// watches the files of B and, once every one of them is in place, moves the ref to B in one
// atomic step through SnapshotManager (which also remembers A for "Roll back"). If a file of
// B fails or is cancelled, the ref stays at A and held() says so.
class RefSwitcher : public QObject
{
    Q_OBJECT
public:
    // `historyFile`: where SnapshotManager keeps the previous commits (the data folder).
    RefSwitcher(Download::DownloadPool *pool, QString historyFile, QObject *parent = nullptr);

    // `ids[i]` is the task the pool made for `files[i]`. Files whose ref needs no holding are
    // ignored, so every plan can simply be passed in.
    void track(const QList<Download::TaskId> &ids, const QList<Download::FileRequest> &files);

Q_SIGNALS:
    void switched(const QString &repoId, const QString &revision, const QString &fromCommit, const QString &toCommit);
    void held(const QString &message);

private:
    struct Pending
    {
        QString root;  // HF cache root the files go to
        QString repoId;
        QString revision;
        QString commit;  // the new commit
        QString heldAt;  // the commit the ref names meanwhile
        QList<Download::TaskId> tasks;
    };
    void onTaskFinished(Download::TaskId id);
    void settle(const QString &key);

    Download::DownloadPool *m_pool;
    QString m_historyFile;
    QHash<QString, Pending> m_pending;  // by root + repo + revision + commit
    QHash<Download::TaskId, QStringList> m_keysOfTask;
};

}  // namespace Updates
