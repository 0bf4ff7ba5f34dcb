#include "download/journalwriter.h"

#include "download/journal.h"
#include "util/logging.h"

#include <QMutexLocker>
#include <QThread>

namespace Download {

namespace {
// A failed commit (the disk briefly full, the file locked by a reader) is tried again a few
// times, with a short pause, before the batch is given up and the failure logged.
constexpr int kAttempts = 3;
constexpr unsigned long kRetryPauseMs = 50;
}  // namespace

JournalWriter::JournalWriter(const QString &databasePath, QObject *parent)
    : QObject(parent)
{
    // Zero interval: everything recorded while the current event is handled (a whole group
    // action, a notification tick) goes over together.
    m_submitTimer.setSingleShot(true);
    m_submitTimer.setInterval(0);
    connect(&m_submitTimer, &QTimer::timeout, this, &JournalWriter::submit);

    m_thread = QThread::create([this, databasePath] {
        // The connection belongs to this thread: made, used and closed here.
        Journal journal(databasePath);
        const bool open = journal.open();
        {
            QMutexLocker lock(&m_mutex);
            m_started = true;
            m_open = open;
            if (!open)
                m_error = journal.errorString();
            m_settled.wakeAll();
        }
        if (!open)
            return;
        for (;;) {
            QList<Batch> batches;
            {
                QMutexLocker lock(&m_mutex);
                while (m_queue.isEmpty() && !m_stopping)
                    m_wake.wait(&m_mutex);
                if (m_queue.isEmpty())
                    return;  // stopping, and everything is written
                batches.swap(m_queue);
            }
            bool ok = false;
            for (int attempt = 1; attempt <= kAttempts && !ok; ++attempt) {
                ok = write(journal, batches);
                if (!ok && attempt < kAttempts)
                    QThread::msleep(kRetryPauseMs * attempt);
            }
            QMutexLocker lock(&m_mutex);
            if (ok) {
                ++m_commits;
            } else {
                m_failed = true;
                m_error = journal.errorString();
                qCWarning(lcDb) << "could not write" << batches.size() << "batches to the download journal:" << m_error;
            }
            m_written += quint64(batches.size());
            m_settled.wakeAll();
        }
    });
    m_thread->setObjectName(QStringLiteral("modeldock-journal"));
    m_thread->start(QThread::LowPriority);
    QMutexLocker lock(&m_mutex);
    while (!m_started)
        m_settled.wait(&m_mutex);
    if (!m_open)
        qCWarning(lcDb) << "the download journal writer could not open the journal:" << m_error;
}

JournalWriter::~JournalWriter()
{
    flush();
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    delete m_thread;
}

QString JournalWriter::errorString() const
{
    QMutexLocker lock(&m_mutex);
    return m_error;
}

quint64 JournalWriter::commits() const
{
    QMutexLocker lock(&m_mutex);
    return m_commits;
}

// --- recording (pool thread) ------------------------------------------------------------------

JournalWriter::Op &JournalWriter::append(Op op)
{
    if (!m_submitTimer.isActive())
        m_submitTimer.start();
    m_pending.ops.append(std::move(op));
    return m_pending.ops.last();
}

void JournalWriter::addGroup(GroupId id, const QString &name)
{
    append(AddGroup{id, name});
}

void JournalWriter::addMember(GroupId group, TaskId task)
{
    append(AddMember{group, task});
}

void JournalWriter::saveTask(const TaskRecord &record)
{
    // The newest row replaces a pending one in place: rows of different tasks are independent,
    // and a removal in between (forgetPending) makes the next save a new op after it.
    if (const auto it = m_savedAt.constFind(record.id); it != m_savedAt.cend()) {
        m_pending.ops[*it] = record;
        return;
    }
    append(record);
    m_savedAt.insert(record.id, m_pending.ops.size() - 1);
}

void JournalWriter::saveProgress(TaskId id, const QList<Segment> &segments, const QString &validator, qint64 total)
{
    if (const auto it = m_savedAt.constFind(id); it != m_savedAt.cend()) {
        TaskRecord &row = std::get<TaskRecord>(m_pending.ops[*it]);
        row.segments = segments;
        row.validator = validator;
        row.total = total;
        return;
    }
    if (const auto it = m_progressAt.constFind(id); it != m_progressAt.cend()) {
        m_pending.ops[*it] = Progress{id, segments, validator, total};
        return;
    }
    append(Progress{id, segments, validator, total});
    m_progressAt.insert(id, m_pending.ops.size() - 1);
}

void JournalWriter::saveOrder(const QList<TaskId> &queueOrder)
{
    // Only the newest order counts, and it goes last: it is the truth for every row before it.
    if (m_orderAt >= 0)
        m_pending.ops[m_orderAt] = std::monostate{};
    append(Order{queueOrder});
    m_orderAt = m_pending.ops.size() - 1;
}

void JournalWriter::removeTask(TaskId id)
{
    forgetPending({id});
    append(RemoveTask{id});
}

void JournalWriter::removeGroups(const QList<GroupId> &groups, const QList<TaskId> &tasks)
{
    forgetPending(tasks);
    append(RemoveGroups{groups, tasks});
}

void JournalWriter::forgetPending(const QList<TaskId> &tasks)
{
    // Pending saves stay before the removal; a later save must come after it.
    for (TaskId id : tasks) {
        m_savedAt.remove(id);
        m_progressAt.remove(id);
    }
}

void JournalWriter::submit()
{
    m_submitTimer.stop();
    if (m_pending.ops.isEmpty())
        return;
    Batch batch = std::exchange(m_pending, {});
    m_savedAt.clear();
    m_progressAt.clear();
    m_orderAt = -1;
    QMutexLocker lock(&m_mutex);
    if (!m_open)
        return;  // nowhere to write; the pool warned when it was built
    m_queue.append(std::move(batch));
    ++m_submitted;
    m_wake.wakeAll();
}

bool JournalWriter::flush()
{
    submit();
    QMutexLocker lock(&m_mutex);
    while (m_written < m_submitted)
        m_settled.wait(&m_mutex);
    return !std::exchange(m_failed, false);
}

// --- writing (writer thread) ------------------------------------------------------------------

bool JournalWriter::write(Journal &journal, const QList<Batch> &batches)
{
    if (!journal.beginBatch())
        return false;
    bool ok = true;
    for (const Batch &batch : batches) {
        for (const Op &op : batch.ops) {
            if (const auto *row = std::get_if<TaskRecord>(&op))
                ok = journal.saveTask(*row) && ok;
            else if (const auto *progress = std::get_if<Progress>(&op))
                ok = journal.saveProgress(progress->id, progress->segments, progress->validator, progress->total) && ok;
            else if (const auto *group = std::get_if<AddGroup>(&op))
                ok = journal.addGroup(group->id, group->name) && ok;
            else if (const auto *member = std::get_if<AddMember>(&op))
                ok = journal.addMember(member->group, member->task) && ok;
            else if (const auto *order = std::get_if<Order>(&op))
                ok = journal.saveOrder(order->queue) && ok;
            else if (const auto *removal = std::get_if<RemoveTask>(&op))
                ok = journal.removeTask(removal->id) && ok;
            else if (const auto *removal = std::get_if<RemoveGroups>(&op))
                ok = journal.removeGroups(removal->groups, removal->tasks) && ok;
            if (!ok)
                break;
        }
        if (!ok)
            break;
    }
    // All of it or none of it.
    if (!ok) {
        journal.abortBatch();
        return false;
    }
    return journal.endBatch();
}

}  // namespace Download
