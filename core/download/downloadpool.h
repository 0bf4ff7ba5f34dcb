#pragma once

#include "download/types.h"
#include "net/credentials.h"

#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

namespace Download {

class DownloadTask;
class Journal;
class RateController;
struct TaskRecord;

// The download engine's front door: owns THE QNetworkAccessManager (hub clients get it
// injected), the credentials, every task and group, the scheduler, the bandwidth cap and the
// batching of change notifications.
//
// Task state machine (docs/download-engine.md has the full picture):
//
//   addTask ──► Queued ──start (free global + per-host slot, queue order)──► Connecting
//                 ▲  ▲                                                        │ 200/206
//                 │  └── requeue (limit lowered: to the FRONT, keeps bytes) ──┤
//                 │                                                           ▼
//   resume/retry ─┤              retryable error (backoff, ≤ maxAttempts) ◄─ Downloading
//                 │                                                           │ all bytes
//              Paused ◄── pause / disk full (any non-terminal)                 ▼
//                 │                                                       Verifying
//   Failed ◄── 401/403/404/410, too many attempts, hash mismatch twice ◄──────┤ (worker)
//   Cancelled ◄── cancel (partial removed)                                    ▼
//                                               hash mismatch once ──► Queued (from scratch)
//                                                                        Completed
//   Already present (StorageLayout::isPresent) ──► Completed directly, 0 bytes fetched.
//
// Scheduling: a task counts once toward maxActive and maxPerHost (by the host of its first
// URL) however many ranges it fetches; ranges of all tasks together open at most six
// connections per host, Qt's own per-host limit, so no request idles in Qt's queue. Only
// Connecting and Downloading hold a slot: a Verifying file lets the next one start.
//
// Threads: everything here and in the tasks runs on the thread that owns the pool (the GUI or
// CLI main thread). Hashing, fdatasync and the final verify+commit run on the pool's own I/O
// thread pool and come back as values.
class DownloadPool : public QObject
{
    Q_OBJECT
public:
    explicit DownloadPool(const PoolOptions &options, Journal *journal /*may be null*/,
                          QObject *parent = nullptr);
    ~DownloadPool() override;

    QNetworkAccessManager *network() const;
    Net::Credentials &credentials() { return m_credentials; }
    const PoolOptions &options() const { return m_options; }

    GroupId createGroup(const QString &name);
    // Same destination as an existing task: joins it (and retries it if it had failed).
    // Returns 0 for a request that cannot be downloaded (no URL).
    TaskId addTask(GroupId group, const FileRequest &request);
    bool checkFreeSpace(GroupId group, QString *errorString) const;

    void pauseTask(TaskId id);
    void resumeTask(TaskId id);
    void cancelTask(TaskId id);
    void retryTask(TaskId id);
    void pauseGroup(GroupId id);
    void resumeGroup(GroupId id);
    void cancelGroup(GroupId id);
    void retryFailed(GroupId id);

    void moveUp(TaskId id);
    void moveDown(TaskId id);
    void moveToFront(TaskId id);

    void setMaxActive(int count);
    void setMaxPerHost(int count);
    void setBandwidthLimit(qint64 bytesPerSecond);
    // Live settings. Tasks read these when they next decide: a running file keeps the ranges
    // it has and a changed count applies to the ranges it opens next; the stall timeout and
    // the attempt limit apply from the next check.
    void setSegmentThreshold(qint64 bytes);
    void setMaxSegments(int count);
    void setMaxAttempts(int count);
    void setStallTimeout(std::chrono::milliseconds timeout);

    TaskSnapshot task(TaskId id) const;
    GroupSnapshot group(GroupId id) const;
    QList<TaskId> tasks(GroupId id) const;
    QList<GroupId> groups() const;

    // Rebuilds groups and tasks from the journal: unfinished transfers are queued again and
    // resume from their partial files, paused ones stay paused, finished ones stay finished.
    void restoreFromJournal();

Q_SIGNALS:
    void tasksChanged(const QList<Download::TaskId> &ids);   // batched, ~4 per second
    void groupsChanged(const QList<Download::GroupId> &ids);
    void taskFinished(Download::TaskId id);                  // Completed, Failed or Cancelled
    void groupFinished(Download::GroupId id);                // every child terminal

private:
    struct Group
    {
        QString name;
        QList<TaskId> members;
    };

    DownloadTask *createTask(const TaskRecord &record);
    void onTaskStateChanged(DownloadTask *task, TaskState from);
    void markDirty(DownloadTask *task);
    void schedule();
    void runSchedule();
    void sendToFrontOfQueue(const QList<TaskId> &ids);
    void queueChanged();
    void saveTask(DownloadTask *task);
    void onNotifyTick();
    bool mayOpenStream(const QString &host) const;
    int queuePosition(TaskId id) const;

    PoolOptions m_options;
    Journal *m_journal;
    QThreadPool m_io;
    mutable QNetworkAccessManager m_network;
    Net::Credentials m_credentials;
    RateController *m_rate;

    QHash<TaskId, DownloadTask *> m_tasks;
    QHash<TaskId, QList<GroupId>> m_taskGroups;   // first = the group it was added to
    QHash<QString, TaskId> m_byDestination;
    QHash<GroupId, Group> m_groups;
    QList<GroupId> m_groupOrder;
    QList<TaskId> m_queue;                        // every task, in queue order
    mutable QHash<TaskId, int> m_positions;       // cache of queue positions of Queued tasks
    mutable bool m_positionsValid = false;
    TaskId m_nextTaskId = 1;
    GroupId m_nextGroupId = 1;

    bool m_schedulePending = false;
    QTimer m_notifyTimer;
    QSet<TaskId> m_dirtyTasks;
    QSet<GroupId> m_dirtyGroups;
    QList<TaskId> m_finishedTasks;
    QList<GroupId> m_finishedGroups;
    QSet<GroupId> m_reportedGroups;               // groupFinished already sent
};

} // namespace Download
