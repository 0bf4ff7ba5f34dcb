#pragma once

#include "download/taskrecord.h"

#include <QMutex>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QWaitCondition>

#include <variant>

class QThread;

namespace Download {

class Journal;

// Writes the pool's journal rows on a thread of its own, so the pool's thread (the GUI
// thread in the desktop app) never serialises a row or waits for SQLite.
//
// The pool calls the write methods on its thread; they only record what to write, coalescing
// as they go (a task saved twice before the next hand-over is written once, with its latest
// values; only the newest queue order is written). Everything recorded until control returns
// to the event loop is handed over as one batch, and the writer thread commits each batch,
// together with any batches that queued up behind it, as one SQLite transaction.
//
// Crash safety: batches are written in the order they were recorded and a transaction is all
// or nothing (WAL), so a crash, kill -9 included, at any moment leaves the journal as it was
// after some earlier commit: readable, never half written. Progress is recorded only after its
// bytes were fdatasync'ed, so the journal still never claims a byte that is not on disk; a
// crash loses at most what was recorded since the last commit (milliseconds), which costs a
// little re-downloading, never a wrong resume. flush() (called by the pool before it reads
// the journal and when it is destroyed) waits until everything recorded is committed.
class JournalWriter : public QObject
{
    Q_OBJECT
public:
    explicit JournalWriter(const QString &databasePath, QObject *parent = nullptr);
    ~JournalWriter() override;  // flushes, then ends the thread

    // Whether the writer thread opened the journal (errorString() says why not).
    bool isOpen() const { return m_open; }
    QString errorString() const;

    void addGroup(GroupId id, const QString &name);
    void addMember(GroupId group, TaskId task);
    void saveTask(const TaskRecord &record);
    void saveProgress(TaskId id, const QList<Segment> &segments, const QString &validator, qint64 total);
    void saveOrder(const QList<TaskId> &queueOrder);
    void removeTask(TaskId id);
    void removeGroups(const QList<GroupId> &groups, const QList<TaskId> &tasks);

    // Hands what was recorded to the writer thread now instead of at the next event loop turn.
    void submit();
    // Submits and waits until every batch is committed (or failed for good). False when a
    // write failed since the last flush.
    bool flush();
    // Transactions committed so far (for tests: a group action is one).
    quint64 commits() const;

private:
    struct AddGroup
    {
        GroupId id;
        QString name;
    };
    struct AddMember
    {
        GroupId group;
        TaskId task;
    };
    struct Progress
    {
        TaskId id;
        QList<Segment> segments;
        QString validator;
        qint64 total;
    };
    struct Order
    {
        QList<TaskId> queue;
    };
    struct RemoveTask
    {
        TaskId id;
    };
    struct RemoveGroups
    {
        QList<GroupId> groups;
        QList<TaskId> tasks;
    };
    using Op = std::variant<std::monostate, AddGroup, AddMember, TaskRecord, Progress, Order, RemoveTask, RemoveGroups>;
    struct Batch
    {
        QList<Op> ops;
    };

    Op &append(Op op);
    void forgetPending(const QList<TaskId> &tasks);
    bool write(Journal &journal, const QList<Batch> &batches);

    // Pool-thread side: the batch being recorded and where its coalescible ops are.
    Batch m_pending;
    QHash<TaskId, qsizetype> m_savedAt;
    QHash<TaskId, qsizetype> m_progressAt;
    qsizetype m_orderAt = -1;
    QTimer m_submitTimer;

    // Shared with the writer thread, under m_mutex.
    mutable QMutex m_mutex;
    QWaitCondition m_wake;     // work queued, or stopping
    QWaitCondition m_settled;  // a round of writing ended
    QList<Batch> m_queue;
    quint64 m_submitted = 0;  // batches handed over
    quint64 m_written = 0;    // batches committed or given up
    quint64 m_commits = 0;
    bool m_failed = false;  // a write failed since the last flush
    bool m_stopping = false;
    bool m_started = false;  // the thread tried to open the journal
    bool m_open = false;
    QString m_error;

    QThread *m_thread = nullptr;
};

}  // namespace Download
