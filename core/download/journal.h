#pragma once

#include "download/taskrecord.h"

#include <QString>

#include <memory>

class QSqlDatabase;
class QSqlQuery;

namespace Download {

// The download journal: every group and task the pool knows, in SQLite, so that after a crash
// or kill -9 the next start continues each unfinished file from its partial file.
//
// Rows hold only progress that is already durable: the pool records a task's ranges after the
// fdatasync of those bytes completed, so a journaled offset never points past data on disk.
// WAL with synchronous=NORMAL: a commit survives a process crash (the kill -9 case); only a
// power loss may drop the last commits, which costs re-downloading a little, never corruption.
//
// One object per thread: each has its own named connection (the pool reads and prunes with
// one on its thread, its JournalWriter writes with another on the writer thread). Prepared
// statements only; schema changes are numbered migrations applied in one transaction.
class Journal
{
public:
    explicit Journal(const QString &databasePath);
    ~Journal();
    Journal(const Journal &) = delete;
    Journal &operator=(const Journal &) = delete;

    bool open();
    bool isOpen() const;
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }
    int schemaVersion() const;

    bool addGroup(GroupId id, const QString &name);
    bool addMember(GroupId group, TaskId task);
    bool saveTask(const TaskRecord &record);
    bool removeTask(TaskId id);
    // The frequent write: durable ranges (and what If-Range needs) of one task.
    bool saveProgress(TaskId id, const QList<Segment> &segments, const QString &validator, qint64 total);
    bool saveOrder(const QList<TaskId> &queueOrder);
    // Keeps the journal bounded: drops finished groups beyond the newest keepFinishedGroups,
    // and finished tasks no remaining group holds. Unfinished work is never touched.
    bool pruneHistory(int keepFinishedGroups);
    // Drops groups (with their memberships) and tasks, in one transaction.
    bool removeGroups(const QList<GroupId> &groups, const QList<TaskId> &tasks);
    // Groups the writes in between into one transaction (one commit). A method that opens its
    // own transaction inside joins this one instead; endBatch commits everything or, when any
    // write in between failed, nothing (the journal stays as it was before beginBatch).
    bool beginBatch();
    bool endBatch();
    void abortBatch();  // rolls the batch back: nothing of it is written

    bool load(QList<GroupRecord> *groups, QList<TaskRecord> *tasks);
    // The highest task and group ids ever journaled (0 when none), so a pool that does not
    // restore everything still never reuses one.
    bool highestIds(TaskId *task, GroupId *group);

private:
    bool exec(QSqlQuery &query);
    QSqlDatabase database() const;
    QSqlQuery &prepared(std::unique_ptr<QSqlQuery> &slot, const char *sql);
    // A method's own transaction, or nothing inside a batch.
    void begin();
    bool finish(bool ok);
    bool commit();

    QString m_path;
    QString m_connection;
    QString m_error;
    bool m_inBatch = false;
    bool m_batchFailed = false;
    std::unique_ptr<QSqlQuery> m_saveTask;
    std::unique_ptr<QSqlQuery> m_saveProgress;
};

}  // namespace Download
