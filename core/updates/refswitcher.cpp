#include "refswitcher.h"

#include "download/downloadpool.h"
#include "library/storagelayout.h"
#include "snapshotmanager.h"
#include "util/logging.h"

#include <QFileInfo>

namespace Updates {

RefSwitcher::RefSwitcher(Download::DownloadPool *pool, QString historyFile, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_historyFile(std::move(historyFile))
{
    connect(m_pool, &Download::DownloadPool::taskFinished, this, &RefSwitcher::onTaskFinished);
}

void RefSwitcher::track(const QList<Download::TaskId> &ids, const QList<Download::FileRequest> &files)
{
    QStringList touched;
    for (qsizetype i = 0; i < files.size() && i < ids.size(); ++i) {
        const Download::Destination &d = files.at(i).destination;
        if (ids.at(i) <= 0 || d.kind != Download::Destination::Kind::HfCache || d.revision.isEmpty() ||
            d.revision == d.commit)
            continue;
        const SnapshotManager snapshots(d.root, m_historyFile);
        const QString current = snapshots.currentCommit(d.repoId, d.revision);
        // No ref yet, or already there: the storage layout writes or keeps it by itself.
        if (current.isEmpty() || current == d.commit ||
            !QFileInfo(snapshots.repoPath(d.repoId) + QStringLiteral("/snapshots/") + current).isDir())
            continue;
        const QString key =
            d.root + QLatin1Char('\n') + d.repoId + QLatin1Char('\n') + d.revision + QLatin1Char('\n') + d.commit;
        Pending &pending = m_pending[key];
        pending.root = d.root;
        pending.repoId = d.repoId;
        pending.revision = d.revision;
        pending.commit = d.commit;
        pending.heldAt = current;
        if (!pending.tasks.contains(ids.at(i)))
            pending.tasks << ids.at(i);
        m_keysOfTask[ids.at(i)] << key;
        touched << key;
    }
    // Everything may already be on disk (finished before it was tracked).
    touched.removeDuplicates();
    for (const QString &key : std::as_const(touched))
        settle(key);
}

void RefSwitcher::onTaskFinished(Download::TaskId id)
{
    const QStringList keys = m_keysOfTask.value(id);
    for (const QString &key : keys)
        settle(key);
}

void RefSwitcher::settle(const QString &key)
{
    const auto it = m_pending.constFind(key);
    if (it == m_pending.cend())
        return;
    int completed = 0;
    for (const Download::TaskId task : it->tasks) {
        const Download::TaskState state = m_pool->task(task).state;
        if (!Download::isTerminal(state))
            return;  // not settled yet
        completed += state == Download::TaskState::Completed;
    }
    // A copy: the entry is removed from the map next.
    const Pending pending = m_pending.take(key);
    for (const Download::TaskId task : pending.tasks) {
        m_keysOfTask[task].removeAll(key);
        if (m_keysOfTask.value(task).isEmpty())
            m_keysOfTask.remove(task);
    }
    if (completed < pending.tasks.size()) {
        Q_EMIT held(tr("%1 (%2) still points at its previous version %3: %n file(s) of the new version %4 did not "
                       "finish. Download it again to complete the update.",
                       nullptr, int(pending.tasks.size()) - completed)
                        .arg(pending.repoId, pending.revision, pending.heldAt.left(8), pending.commit.left(8)));
        return;
    }
    SnapshotManager snapshots(pending.root, m_historyFile);
    // A download of part of the new commit (one variant, a few files) must not hide files the
    // previous version had: the ref moves only when the new snapshot has all of them.
    // `update` downloads a whole commit and switches even when files were removed.
    const QStringList missing = snapshots.missingFrom(pending.repoId, pending.heldAt, pending.commit);
    if (!missing.isEmpty()) {
        Q_EMIT held(tr("%1 (%2) still points at its previous version %3: the new version %4 is not complete on disk "
                       "(%n file(s) missing, such as %5). Use Update to fetch all of it.",
                       nullptr, int(missing.size()))
                        .arg(pending.repoId, pending.revision, pending.heldAt.left(8), pending.commit.left(8),
                             missing.first()));
        return;
    }
    QString error;
    if (!snapshots.switchRef(pending.repoId, pending.revision, pending.commit, &error)) {
        qCWarning(lcLibrary) << error;
        Q_EMIT held(error);
        return;
    }
    Q_EMIT switched(pending.repoId, pending.revision, pending.heldAt, pending.commit);
}

}  // namespace Updates
