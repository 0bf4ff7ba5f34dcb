#pragma once

#include "download/changebatcher.h"
#include "download/connectionlanes.h"
#include "download/groupbook.h"
#include "download/scheduler.h"
#include "download/types.h"
#include "util/clock.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace Net {
class Session;
}

namespace Xet {
class TermLedger;
}

namespace Download {

class DiskSpaceWatcher;
class DownloadTask;
class Journal;
class JournalWriter;
class RateController;
struct TaskRecord;

// The download engine's front door: owns every task, the bandwidth cap and the journal writer.
// Its transfers go through the process's Net::Session (the one QNetworkAccessManager, the
// tokens, the User-Agent), which the composition root builds and hands in. It wires
// three parts of its own: the Scheduler (queue order, which task starts next under the limits),
// the GroupBook (groups, their members and counts) and the ChangeBatcher (many per-task changes
// into batched signals for the UI).
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
//   Paused by a full disk ──► Queued again by itself once the free space fits the rest.
//
// One task per FILE written (the partial or blob file, fileKey()): requests for the same blob
// from different HF commits or revisions join one task, which links every snapshot entry once
// committed. A request for another file at a place a task already writes is refused with a
// sentence instead of overwriting it (sameFile()).
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
    // `session` must outlive the pool.
    DownloadPool(const Net::Session *session, const PoolOptions &options, Journal *journal /*may be null*/,
                 QObject *parent = nullptr);
    // The same, with the clock the tasks' timing logic reads (backoff, stalls, speed, the split
    // advisor, timed flushes); it must outlive the pool. Tests pass a manual one.
    DownloadPool(const Net::Session *session, const PoolOptions &options, Journal *journal, const Util::Clock *clock,
                 QObject *parent = nullptr);
    ~DownloadPool() override;

    const PoolOptions &options() const { return m_options; }
    // Where files may already be on disk (the library index): a task whose SHA-256 is found
    // there links or copies it, verified, instead of fetching it. Applies to tasks not yet started.
    void setReuseLookup(ReuseLookup lookup) { m_reuse = std::move(lookup); }
    // Which Xet terms finished files hold (not owned; outlives the pool): a Xet download copies
    // the chunks it finds there instead of fetching them, and records its own once in place.
    void setXetLedger(Xet::TermLedger *ledger) { m_xetLedger = ledger; }
    Xet::TermLedger *xetLedger() const { return m_xetLedger; }
    const Net::Session *session() const { return m_session; }

    GroupId createGroup(const QString &name);
    // Same file as an existing task: joins it (and retries it if it had failed, or downloads
    // it again if it completed but the file is gone). Returns 0 for a request that cannot be
    // downloaded (no URL).
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
    void setMaxConnectionsPerHost(int count);
    // Live settings. Tasks read these when they next decide: a running file keeps the ranges
    // it has and a changed count applies to the ranges it opens next; the stall timeout and
    // the attempt limit apply from the next check.
    void setSegmentThreshold(qint64 bytes);
    void setMaxSegments(int count);
    void setMaxAttempts(int count);
    void setStallTimeout(std::chrono::milliseconds timeout);
    // Archives (FileRequest::archive) extracted once verified, and kept after it; read when an
    // extraction starts.
    void setExtractArchives(bool extract);
    void setKeepArchives(bool keep);
    void setXet(bool enabled);

    TaskSnapshot task(TaskId id) const;
    GroupSnapshot group(GroupId id) const;
    QList<TaskId> tasks(GroupId id) const;
    QList<GroupId> groups() const;
    // What a task downloads and where it goes; front ends map tasks to their own rows by it.
    FileRequest request(TaskId id) const;

    // Whole groups (downloadpoolgroups.cpp): a group moved up also moves its waiting tasks
    // before the waiting tasks of the group it passes, so the queue follows the display order.
    void moveGroupUp(GroupId id);
    void moveGroupDown(GroupId id);
    // Forgets every finished group (every child Completed, Failed or Cancelled) and the tasks
    // no remaining group holds, in memory and in the journal; emits groupsRemoved. Files on
    // disk are not touched.
    QList<GroupId> removeFinishedGroups();
    // Runs user actions on many tasks (pause a 500-item group) and hands their journal rows
    // to the writer thread at once, as one batch (one commit).
    void inOneJournalTransaction(const std::function<void()> &actions);
    // Journal rows are written on a thread of their own (JournalWriter): this waits until
    // everything recorded so far is committed. False when a write failed since the last call.
    bool flushJournal();
    // Journal transactions committed by this pool's writer (diagnostics and tests).
    quint64 journalCommits() const;

    // Rebuilds groups and tasks from the journal: unfinished transfers are queued again and
    // resume from their partial files, paused ones stay paused, finished ones stay finished.
    // Finished history beyond PoolOptions::historyGroups is pruned first. With `wanted`, only
    // the tasks it accepts are loaded (the CLI loads the ones it was asked for): the others
    // stay in the journal untouched, and the files they write stay reserved to them.
    using RestoreFilter = std::function<bool(const TaskRecord &record)>;
    void restoreFromJournal(const RestoreFilter &wanted = {});

    // The file a request writes (its partial or blob file): the pool's task key.
    static QString fileKey(const FileRequest &request);
    // Two requests for one file key with the same content: they are one download.
    static bool sameFile(const FileRequest &a, const FileRequest &b);

Q_SIGNALS:
    void tasksChanged(const QList<Download::TaskId> &ids);  // batched, ~4 per second
    void groupsChanged(const QList<Download::GroupId> &ids);
    void taskFinished(Download::TaskId id);                   // Completed, Failed or Cancelled
    void groupFinished(Download::GroupId id);                 // every child terminal
    void groupsRemoved(const QList<Download::GroupId> &ids);  // by removeFinishedGroups, at once

private:
    class TaskStates;     // the tasks as the Scheduler reads them (downloadpool.cpp)…
    class SchedulerView;  // …and acts on them

    // takesFile: the new task becomes the one writing its file (fileKey); a refused one never does.
    DownloadTask *createTask(const TaskRecord &record, bool takesFile = true);
    TaskId joinTask(GroupId group, DownloadTask *existing, const FileRequest &request);
    TaskId addRefusedTask(GroupId group, const FileRequest &request, const QString &sentence);
    void addMembership(GroupId group, TaskId id);
    void foldDuplicate(DownloadTask *holder, const TaskRecord &duplicate);
    void onTaskStateChanged(DownloadTask *task, TaskState from);
    void markDirty(DownloadTask *task);
    void schedule();
    void runSchedule();
    void queueChanged();
    void saveTask(DownloadTask *task);
    bool tickTasks();                  // the periodic work of busy tasks, before each batch; true while any is busy
    void swapGroups(qsizetype first);  // the groups at first and first + 1 in the display order

    PoolOptions m_options;
    ReuseLookup m_reuse;
    Xet::TermLedger *m_xetLedger = nullptr;
    Journal *m_journal;                       // reads and pruning, on this thread
    std::unique_ptr<JournalWriter> m_writer;  // every write, on the writer's thread
    QThreadPool m_io;
    QThreadPool m_unpack;  // archive extractions, one at a time
    const Net::Session *m_session;
    RateController *m_rate;
    ConnectionLanes m_lanes;
    Util::SteadyClock m_steadyClock;
    const Util::Clock *m_clock;  // what the tasks' timing logic reads: m_steadyClock unless given one

    QHash<TaskId, DownloadTask *> m_tasks;
    QHash<QString, TaskId> m_byFile;     // fileKey → the task writing it
    QHash<QString, QString> m_reserved;  // fileKey → name of a journaled task not loaded
    DiskSpaceWatcher *m_diskWatcher;
    Scheduler m_scheduler;  // every task, in queue order
    GroupBook m_groups;
    ChangeBatcher *m_batcher;
    TaskId m_nextTaskId = 1;
    GroupId m_nextGroupId = 1;
    bool m_schedulePending = false;
};

}  // namespace Download
