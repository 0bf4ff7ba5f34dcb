// DownloadPool, its journal side: saving task rows and rebuilding the pool from the journal
// after a restart (all of it, or only the tasks a front end asks for).

#include "download/diskspacewatcher.h"
#include "download/downloadpool.h"
#include "download/downloadtask.h"
#include "download/journal.h"
#include "download/journalwriter.h"
#include "download/taskrecord.h"
#include "util/logging.h"

#include <QSet>

namespace Download {

void DownloadPool::saveTask(DownloadTask *task)
{
    if (!m_writer)
        return;
    // Only a copy of the row's values here (implicitly shared strings); the writer thread
    // serialises it.
    TaskRecord record = task->record();
    record.group = m_groups.primaryGroup(task->id());
    record.order = m_scheduler.indexOf(task->id());
    m_writer->saveTask(record);
}

void DownloadPool::inOneJournalTransaction(const std::function<void()> &actions)
{
    actions();
    // What the actions recorded goes over now, as one batch: one commit for the whole group.
    if (m_writer)
        m_writer->submit();
}

bool DownloadPool::flushJournal()
{
    return !m_writer || m_writer->flush();
}

quint64 DownloadPool::journalCommits() const
{
    return m_writer ? m_writer->commits() : 0;
}

void DownloadPool::restoreFromJournal(const RestoreFilter &wanted)
{
    if (!m_journal || !m_journal->isOpen())
        return;
    // Reading (and pruning) on this thread's connection sees only what the writer committed.
    flushJournal();
    // Finished history beyond what is kept goes first, so the journal stays bounded however
    // many runs came before.
    if (!m_journal->pruneHistory(m_options.historyGroups))
        qCWarning(lcDownload) << "could not prune the download journal:" << m_journal->errorString();
    QList<GroupRecord> groupRecords;
    QList<TaskRecord> taskRecords;
    if (!m_journal->load(&groupRecords, &taskRecords)) {
        qCWarning(lcDownload) << "could not read the download journal:" << m_journal->errorString();
        return;
    }
    QList<TaskRecord> chosen;
    QSet<TaskId> chosenIds;
    for (const TaskRecord &record : std::as_const(taskRecords)) {
        // New ids follow every journaled one, loaded or not, so no row is ever overwritten.
        m_nextTaskId = qMax(m_nextTaskId, record.id + 1);
        if (m_tasks.contains(record.id))
            continue;
        if (wanted && !wanted(record)) {
            // Left alone for whoever asks for it; its partial file stays its own meanwhile.
            if (!isTerminal(record.state))
                m_reserved.insert(fileKey(record.request), record.request.displayName.isEmpty()
                                                               ? record.request.destination.relativePath
                                                               : record.request.displayName);
            continue;
        }
        chosen.append(record);
        chosenIds.insert(record.id);
    }
    for (const GroupRecord &g : std::as_const(groupRecords)) {
        m_nextGroupId = qMax(m_nextGroupId, g.id + 1);
        if (m_groups.contains(g.id))
            continue;
        QList<TaskId> members;
        for (TaskId t : g.members) {
            if (chosenIds.contains(t))
                members.append(t);
        }
        if (wanted && members.isEmpty())
            continue;
        m_groups.add(g.id, g.name, members);
    }
    for (TaskRecord record : std::as_const(chosen)) {
        // Whatever was moving when the last run ended moves again; paused stays paused.
        if (isActive(record.state))
            record.state = TaskState::Queued;
        DownloadTask *holder = m_tasks.value(m_byFile.value(fileKey(record.request)));
        const bool holderLive = holder && (!isTerminal(holder->state()) || holder->state() == TaskState::Completed);
        if (holderLive && !isTerminal(record.state) && sameFile(holder->request(), record.request)) {
            foldDuplicate(holder, record);
            continue;
        }
        // A refused request never writes; history never displaces the task now writing the file.
        const bool refused = record.state == TaskState::Failed && record.errorKind == Net::ErrorKind::UnsafeName;
        DownloadTask *task = createTask(record, !refused && (!holderLive || !isTerminal(record.state)));
        m_scheduler.append(record.id);
        // The first group stays the task's primary one.
        m_groups.makePrimary(record.id, record.group);
        markDirty(task);
        if (record.state == TaskState::Paused && record.errorKind == Net::ErrorKind::DiskFull)
            m_diskWatcher->taskPaused(record.id, task->bytesDone());  // still waiting for space
        if (isTerminal(record.state)) {
            for (GroupId g : m_groups.groupsOf(record.id))
                m_batcher->markReported(g);  // not news: it finished in an earlier run
        }
    }
    for (GroupId g : m_groups.order()) {
        if (!group(g).isFinished())
            m_batcher->reopen({g});
        m_batcher->noteGroup(g);
    }
    m_scheduler.invalidatePositions();
    qCInfo(lcDownload) << "restored" << chosen.size() << "of" << taskRecords.size() << "tasks in" << m_groups.size()
                       << "groups";
    schedule();
}

void DownloadPool::foldDuplicate(DownloadTask *holder, const TaskRecord &duplicate)
{
    // Journals written before tasks were keyed by the file they write may hold two unfinished
    // tasks for one blob (two snapshots of it). They must not both write it: the second joins
    // the first, its groups follow, and its row goes.
    qCInfo(lcDownload) << "task" << duplicate.id << "writes the same file as task" << holder->id() << "; joined";
    for (GroupId g : m_groups.takeMemberships(duplicate.id))
        addMembership(g, holder->id());
    holder->adoptRequest(duplicate.request);
    saveTask(holder);
    if (m_writer)
        m_writer->removeTask(duplicate.id);
}

}  // namespace Download
