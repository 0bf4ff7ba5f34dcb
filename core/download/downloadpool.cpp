#include "download/downloadpool.h"

#include "download/diskspacewatcher.h"
#include "download/downloadtask.h"
#include "download/journal.h"
#include "download/journalwriter.h"
#include "download/ratecontroller.h"
#include "download/taskrecord.h"
#include "library/storagelayout.h"
#include "util/freespace.h"
#include "util/logging.h"

#include <QDir>
#include <QFileInfo>

namespace Download {

namespace {

constexpr qint64 kSpaceMargin = 1024 * 1024;  // at least; 1 % of a large download

} // namespace

DownloadPool::DownloadPool(const PoolOptions &options, Journal *journal, QObject *parent)
    : QObject(parent), m_options(options), m_journal(journal),
      m_rate(new RateController(options.rateTick, this))
{
    m_diskWatcher = new DiskSpaceWatcher(options.diskSpacePoll, [this] {
        QList<DiskSpaceWatcher::Waiting> waiting;
        for (TaskId id : std::as_const(m_queue)) {
            const DownloadTask *task = m_tasks.value(id);
            if (task->state() != TaskState::Paused || task->error().kind != Net::ErrorKind::DiskFull)
                continue;
            const qint64 total = task->bytesTotal();
            waiting.append({id, Library::StorageLayout::partialPath(task->request().destination),
                            total >= 0 ? total - task->bytesDone() : -1, task->bytesDone()});
        }
        return waiting;
    }, this);
    connect(m_diskWatcher, &DiskSpaceWatcher::spaceFor, this, [this](TaskId id) {
        DownloadTask *task = m_tasks.value(id);
        if (task && task->state() == TaskState::Paused && task->error().kind == Net::ErrorKind::DiskFull)
            task->resetForRetry();
    });
    // fdatasync calls wait on the disk, not the CPU: a few more threads than cores.
    m_io.setMaxThreadCount(qMax(4, QThread::idealThreadCount()));
    m_rate->setLimit(options.bandwidthLimit);
    m_lanes.setLimit(options.maxConnectionsPerHost);
    m_notifyTimer.setInterval(options.notifyInterval);
    // Ids continue after every journaled one, whether or not this pool restores them (the CLI
    // loads only its own, `update` none): a new row must never replace another's.
    TaskId lastTask = 0;
    GroupId lastGroup = 0;
    if (m_journal && m_journal->isOpen() && m_journal->highestIds(&lastTask, &lastGroup)) {
        m_nextTaskId = lastTask + 1;
        m_nextGroupId = lastGroup + 1;
    }
    // Rows are written off this thread: pausing a 500-item group must not serialise 500 rows
    // and wait for SQLite on the GUI thread.
    if (m_journal && m_journal->isOpen()) {
        m_writer = std::make_unique<JournalWriter>(m_journal->path());
        if (!m_writer->isOpen()) {
            qCWarning(lcDownload) << "downloads will not be journaled:" << m_writer->errorString();
            m_writer.reset();
        }
    }
    connect(&m_notifyTimer, &QTimer::timeout, this, &DownloadPool::onNotifyTick);
}

DownloadPool::~DownloadPool()
{
    // Tasks die first (aborting their replies) while the manager and the I/O pool still exist;
    // the journal keeps their last durable progress for the next start.
    const QList<DownloadTask *> tasks = m_tasks.values();
    for (DownloadTask *task : tasks)
        task->disconnect(this);
    qDeleteAll(tasks);
    m_tasks.clear();
    m_io.waitForDone();
    m_writer.reset();  // commits what is still recorded before the thread ends
}

QNetworkAccessManager *DownloadPool::network() const
{
    return &m_network;
}

// --- groups and tasks ---------------------------------------------------------------------------

GroupId DownloadPool::createGroup(const QString &name)
{
    const GroupId id = m_nextGroupId++;
    m_groups.insert(id, Group{name, {}});
    m_groupOrder.append(id);
    if (m_writer)
        m_writer->addGroup(id, name);
    m_dirtyGroups.insert(id);
    m_notifyTimer.start();
    return id;
}

DownloadTask *DownloadPool::createTask(const TaskRecord &record, bool takesFile)
{
    TaskEnvironment environment;
    environment.network = &m_network;
    environment.credentials = &m_credentials;
    environment.rate = m_rate;
    environment.io = &m_io;
    environment.options = &m_options;
    environment.lanes = &m_lanes;
    environment.clock = &m_clock;
    auto *task = new DownloadTask(record, environment, this);
    m_tasks.insert(record.id, task);
    if (takesFile)
        m_byFile.insert(fileKey(record.request), record.id);
    connect(task, &DownloadTask::changed, this, [this, task] { markDirty(task); });
    connect(task, &DownloadTask::stateChanged, this,
            [this, task](TaskState from) { onTaskStateChanged(task, from); });
    connect(task, &DownloadTask::progressDurable, this, [this, task] {
        if (m_writer) {
            const TaskRecord r = task->record();
            m_writer->saveProgress(r.id, r.segments, r.validator, r.total);
        }
    });
    return task;
}

QString DownloadPool::fileKey(const FileRequest &request)
{
    const QString partial = Library::StorageLayout::partialPath(request.destination);
    return partial.isEmpty() ? request.destination.key() : partial;
}

bool DownloadPool::sameFile(const FileRequest &a, const FileRequest &b)
{
    if (fileKey(a) != fileKey(b))
        return false;
    if (a.destination.kind == Destination::Kind::HfCache)
        return true;  // a blob is named after its content
    if (!a.expectedSha256.isEmpty() && !b.expectedSha256.isEmpty())
        return a.expectedSha256.compare(b.expectedSha256, Qt::CaseInsensitive) == 0;
    // Without hashes: the same source (a Civitai version, a preview image) is the same file.
    const QLatin1String version("versionId");
    return a.destination.repoId == b.destination.repoId
           && a.destination.sidecar.value(version) == b.destination.sidecar.value(version) && a.url == b.url;
}

void DownloadPool::addMembership(GroupId groupId, TaskId id)
{
    Group &group = m_groups[groupId];
    if (group.members.contains(id))
        return;
    group.members.append(id);
    m_taskGroups[id].append(groupId);
    if (m_writer)
        m_writer->addMember(groupId, id);
}

TaskId DownloadPool::addTask(GroupId groupId, const FileRequest &request)
{
    if (!m_groups.contains(groupId) || !request.url.isValid())
        return 0;
    m_reportedGroups.remove(groupId);
    m_dirtyGroups.insert(groupId);

    const QString key = fileKey(request);
    if (DownloadTask *existing = m_tasks.value(m_byFile.value(key))) {
        if (sameFile(existing->request(), request))
            return joinTask(groupId, existing, request);
        const bool fileInUse = !isTerminal(existing->state())
                               || (existing->state() == TaskState::Completed
                                   && Library::StorageLayout::isPresent(existing->request().destination,
                                                                        existing->request().expectedSize));
        if (fileInUse) {
            return addRefusedTask(groupId, request,
                                  QStringLiteral("%1 would be written where %2 %3; it was not started, so neither "
                                                 "is overwritten. Download it again later: it then gets a name of "
                                                 "its own.")
                                      .arg(request.displayName, existing->snapshot().name,
                                           isTerminal(existing->state()) ? QStringLiteral("already is")
                                                                         : QStringLiteral("is being downloaded")));
        }
        // The old task is history (failed, cancelled, or its file is gone): a new one takes the place.
    } else if (m_reserved.contains(key)) {
        return addRefusedTask(groupId, request,
                              QStringLiteral("%1 would be written where the unfinished download of %2 keeps its "
                                             "data; it was not started, so neither is overwritten. Finish or cancel "
                                             "that download first, then download this one again.")
                                  .arg(request.displayName, m_reserved.value(key)));
    }

    TaskRecord record;
    record.id = m_nextTaskId++;
    record.group = groupId;
    record.order = m_queue.size();
    record.request = request;
    DownloadTask *task = createTask(record);
    m_queue.append(record.id);
    m_positionsValid = false;
    m_groups[groupId].members.append(record.id);
    m_taskGroups[record.id].append(groupId);
    if (m_writer)
        m_writer->saveTask(record);
    // A file that is already there needs no slot: settle it now instead of queueing it.
    if (Library::StorageLayout::isPresent(request.destination, request.expectedSize))
        task->start();
    markDirty(task);
    schedule();
    return record.id;
}

TaskId DownloadPool::joinTask(GroupId groupId, DownloadTask *existing, const FileRequest &request)
{
    // A file reported verified must still be there: deleted since, it is fetched again.
    if (existing->state() == TaskState::Completed
        && !Library::StorageLayout::isPresent(existing->request().destination, existing->request().expectedSize))
        existing->redownload();
    const qsizetype links = existing->links().size();
    existing->adoptRequest(request);
    if (existing->links().size() != links)
        saveTask(existing);
    addMembership(groupId, existing->id());
    if (existing->state() == TaskState::Failed || existing->state() == TaskState::Cancelled)
        existing->resetForRetry();
    markDirty(existing);
    schedule();
    return existing->id();
}

TaskId DownloadPool::addRefusedTask(GroupId groupId, const FileRequest &request, const QString &sentence)
{
    // A task of its own that failed at once, so the refusal shows where the user looks: in the
    // group, with its sentence. It writes nothing and holds no file key.
    TaskRecord record;
    record.id = m_nextTaskId++;
    record.group = groupId;
    record.order = m_queue.size();
    record.request = request;
    record.state = TaskState::Failed;
    record.errorKind = Net::ErrorKind::UnsafeName;
    record.errorText = sentence;
    qCInfo(lcDownload) << "refused" << request.displayName << ": another file is written at"
                       << Library::StorageLayout::finalPath(request.destination);
    auto *task = createTask(record, false);
    m_queue.append(record.id);
    m_groups[groupId].members.append(record.id);
    m_taskGroups[record.id].append(groupId);
    onTaskStateChanged(task, TaskState::Queued);
    return record.id;
}

bool DownloadPool::checkFreeSpace(GroupId groupId, QString *errorString) const
{
    struct Need
    {
        qint64 bytes = 0;
        qint64 available = 0;
    };
    QHash<QString, Need> needs;  // by mount point
    for (TaskId id : m_groups.value(groupId).members) {
        const DownloadTask *task = m_tasks.value(id);
        if (!task || isTerminal(task->state()) || task->bytesTotal() < 0)
            continue;
        const Util::Volume volume = Util::volumeOf(task->request().destination.root);
        Need &need = needs[volume.mountPoint];
        need.bytes += qMax<qint64>(0, task->bytesTotal() - task->bytesDone());
        need.available = volume.available;
    }
    for (auto it = needs.cbegin(); it != needs.cend(); ++it) {
        const qint64 required = it->bytes + qMax(kSpaceMargin, it->bytes / 100);
        // Unknown free space is not "full": a full disk mid-download still pauses the task.
        if (it->bytes > 0 && it->available >= 0 && it->available < required) {
            if (errorString) {
                *errorString = QStringLiteral("Not enough free space on %1: the download needs %2 plus a "
                                              "safety margin of %3, but only %4 is free.")
                                   .arg(it.key(), formatBytes(it->bytes), formatBytes(required - it->bytes),
                                        formatBytes(it->available));
            }
            return false;
        }
    }
    return true;
}

// --- user actions -------------------------------------------------------------------------------

void DownloadPool::pauseTask(TaskId id)
{
    DownloadTask *task = m_tasks.value(id);
    if (!task)
        return;
    // Paused by a full disk, a user's pause changes no state but the task no longer resumes by
    // itself. Any other task already paused is left alone: pausing a group meets its queued
    // members a second time, and rewriting their rows doubled the cost of a group pause.
    const bool waitingForSpace = task->state() == TaskState::Paused && task->error().kind == Net::ErrorKind::DiskFull;
    task->pause();
    if (waitingForSpace)
        saveTask(task);
}

void DownloadPool::resumeTask(TaskId id)
{
    DownloadTask *task = m_tasks.value(id);
    if (task && task->state() == TaskState::Paused)
        task->resetForRetry();
}

void DownloadPool::cancelTask(TaskId id)
{
    if (DownloadTask *task = m_tasks.value(id))
        task->cancel();
}

void DownloadPool::retryTask(TaskId id)
{
    DownloadTask *task = m_tasks.value(id);
    if (task && (task->state() == TaskState::Failed || task->state() == TaskState::Cancelled))
        task->resetForRetry();
}

void DownloadPool::pauseGroup(GroupId id)
{
    // Queued children first, so pausing a running one does not hand its slot to a sibling.
    const QList<TaskId> members = m_groups.value(id).members;
    for (TaskId t : members) {
        if (DownloadTask *task = m_tasks.value(t); task && task->state() == TaskState::Queued)
            task->pause();
    }
    for (TaskId t : members)
        pauseTask(t);
}

void DownloadPool::resumeGroup(GroupId id)
{
    for (TaskId t : m_groups.value(id).members)
        resumeTask(t);
}

void DownloadPool::cancelGroup(GroupId id)
{
    const QList<TaskId> members = m_groups.value(id).members;
    for (TaskId t : members) {
        if (DownloadTask *task = m_tasks.value(t); task && task->state() == TaskState::Queued)
            task->cancel();
    }
    for (TaskId t : members)
        cancelTask(t);
}

void DownloadPool::retryFailed(GroupId id)
{
    for (TaskId t : m_groups.value(id).members) {
        DownloadTask *task = m_tasks.value(t);
        if (task && task->state() == TaskState::Failed)
            task->resetForRetry();
    }
}

// --- queue order and limits ---------------------------------------------------------------------

void DownloadPool::moveUp(TaskId id)
{
    const qsizetype at = m_queue.indexOf(id);
    for (qsizetype i = at - 1; at > 0 && i >= 0; --i) {
        if (m_tasks.value(m_queue.at(i))->state() == TaskState::Queued) {
            m_queue.move(at, i);
            queueChanged();
            return;
        }
    }
}

void DownloadPool::moveDown(TaskId id)
{
    const qsizetype at = m_queue.indexOf(id);
    for (qsizetype i = at + 1; at >= 0 && i < m_queue.size(); ++i) {
        if (m_tasks.value(m_queue.at(i))->state() == TaskState::Queued) {
            m_queue.move(at, i);
            queueChanged();
            return;
        }
    }
}

void DownloadPool::moveToFront(TaskId id)
{
    const qsizetype at = m_queue.indexOf(id);
    if (at > 0) {
        m_queue.move(at, 0);
        queueChanged();
    }
}

void DownloadPool::queueChanged()
{
    m_positionsValid = false;
    for (TaskId id : std::as_const(m_queue)) {
        if (m_tasks.value(id)->state() == TaskState::Queued)
            m_dirtyTasks.insert(id);
    }
    m_notifyTimer.start();
    if (m_writer)
        m_writer->saveOrder(m_queue);
    schedule();
}

void DownloadPool::sendToFrontOfQueue(const QList<TaskId> &ids)
{
    for (qsizetype i = ids.size() - 1; i >= 0; --i) {
        m_queue.removeOne(ids.at(i));
        m_queue.prepend(ids.at(i));
    }
    queueChanged();
}

void DownloadPool::setMaxActive(int count)
{
    m_options.maxActive = qMax(1, count);
    schedule();
}

void DownloadPool::setMaxPerHost(int count)
{
    m_options.maxPerHost = qMax(1, count);
    schedule();
}

void DownloadPool::setBandwidthLimit(qint64 bytesPerSecond)
{
    m_options.bandwidthLimit = qMax<qint64>(0, bytesPerSecond);
    m_rate->setLimit(m_options.bandwidthLimit);
}

void DownloadPool::setSegmentThreshold(qint64 bytes)
{
    m_options.segmentThreshold = qMax<qint64>(1, bytes);
}

void DownloadPool::setMaxSegments(int count)
{
    m_options.maxSegments = qMax(1, count);
    schedule();
}

void DownloadPool::setMaxAttempts(int count)
{
    m_options.maxAttempts = qMax(1, count);
}

void DownloadPool::setStallTimeout(std::chrono::milliseconds timeout)
{
    m_options.stallTimeout = std::max(std::chrono::milliseconds(100), timeout);
}

void DownloadPool::setMaxConnectionsPerHost(int count)
{
    m_options.maxConnectionsPerHost = qMax(1, count);
    m_lanes.setLimit(m_options.maxConnectionsPerHost);
    schedule();
}

void DownloadPool::schedule()
{
    if (m_schedulePending)
        return;
    m_schedulePending = true;
    // Deferred: scheduling from inside a task's signal would re-enter that task.
    QMetaObject::invokeMethod(this, &DownloadPool::runSchedule, Qt::QueuedConnection);
}

void DownloadPool::runSchedule()
{
    m_schedulePending = false;

    // Limits lowered while running: the last-started in queue order step back to the front of
    // the waiting line; they keep their bytes and resume from them.
    QList<TaskId> running;
    for (TaskId id : std::as_const(m_queue)) {
        if (m_tasks.value(id)->occupiesSlot())
            running.append(id);
    }
    QList<TaskId> stepBack;
    QHash<QString, int> perHost;
    int kept = 0;
    for (TaskId id : std::as_const(running)) {
        DownloadTask *task = m_tasks.value(id);
        if (kept >= m_options.maxActive || perHost.value(task->host()) >= m_options.maxPerHost) {
            stepBack.append(id);
            continue;
        }
        ++kept;
        ++perHost[task->host()];
    }
    for (TaskId id : std::as_const(stepBack))
        m_tasks.value(id)->requeue();
    if (!stepBack.isEmpty())
        sendToFrontOfQueue(stepBack);

    int active = kept;
    for (qsizetype i = 0; i < m_queue.size() && active < m_options.maxActive; ++i) {
        DownloadTask *task = m_tasks.value(m_queue.at(i));
        if (task->state() != TaskState::Queued || stepBack.contains(task->id()))
            continue;
        if (perHost.value(task->host()) >= m_options.maxPerHost)
            continue;
        task->start();
        if (task->occupiesSlot()) {
            ++active;
            ++perHost[task->host()];
        }
    }
    if (!stepBack.isEmpty())
        schedule();  // the tasks that stepped back may start once slots free up
}

// --- state, notifications, journal --------------------------------------------------------------

void DownloadPool::onTaskStateChanged(DownloadTask *task, TaskState from)
{
    Q_UNUSED(from);
    saveTask(task);
    m_positionsValid = false;
    markDirty(task);
    if (task->state() == TaskState::Paused && task->error().kind == Net::ErrorKind::DiskFull)
        m_diskWatcher->taskPaused(task->id(), task->bytesDone());
    if (isTerminal(task->state())) {
        m_diskWatcher->forget(task->id());
        m_finishedTasks.append(task->id());
        // Whether its groups finished is decided once per tick: checking every member for each
        // settled task made cancelling a 500-item group 250,000 snapshots.
        for (GroupId g : m_taskGroups.value(task->id()))
            m_maybeFinished.insert(g);
    } else {
        for (GroupId g : m_taskGroups.value(task->id()))
            m_reportedGroups.remove(g);
    }
    schedule();
}

void DownloadPool::markDirty(DownloadTask *task)
{
    m_dirtyTasks.insert(task->id());
    for (GroupId g : m_taskGroups.value(task->id()))
        m_dirtyGroups.insert(g);
    if (!m_notifyTimer.isActive())
        m_notifyTimer.start();
}

void DownloadPool::onNotifyTick()
{
    bool busy = false;
    for (DownloadTask *task : std::as_const(m_tasks)) {
        if (task->occupiesSlot() || task->state() == TaskState::Verifying) {
            task->tick();
            busy = true;
        }
    }
    if (!m_dirtyTasks.isEmpty()) {
        const QList<TaskId> ids(m_dirtyTasks.cbegin(), m_dirtyTasks.cend());
        m_dirtyTasks.clear();
        Q_EMIT tasksChanged(ids);
    }
    if (!m_dirtyGroups.isEmpty()) {
        const QList<GroupId> ids(m_dirtyGroups.cbegin(), m_dirtyGroups.cend());
        m_dirtyGroups.clear();
        Q_EMIT groupsChanged(ids);
    }
    for (GroupId g : std::exchange(m_maybeFinished, {})) {
        if (!m_reportedGroups.contains(g) && m_groups.contains(g) && group(g).isFinished()) {
            m_reportedGroups.insert(g);
            m_finishedGroups.append(g);
        }
    }
    const QList<TaskId> finished = std::exchange(m_finishedTasks, {});
    for (TaskId id : finished)
        Q_EMIT taskFinished(id);
    const QList<GroupId> finishedGroups = std::exchange(m_finishedGroups, {});
    for (GroupId id : finishedGroups)
        Q_EMIT groupFinished(id);
    if (!busy && m_dirtyTasks.isEmpty() && m_dirtyGroups.isEmpty() && m_finishedTasks.isEmpty())
        m_notifyTimer.stop();
}

// --- snapshots ----------------------------------------------------------------------------------

int DownloadPool::queuePosition(TaskId id) const
{
    if (!m_positionsValid) {
        m_positions.clear();
        int position = 0;
        for (TaskId t : m_queue) {
            if (m_tasks.value(t)->state() == TaskState::Queued)
                m_positions.insert(t, position++);
        }
        m_positionsValid = true;
    }
    return m_positions.value(id, -1);
}

TaskSnapshot DownloadPool::task(TaskId id) const
{
    const DownloadTask *task = m_tasks.value(id);
    if (!task)
        return {};
    TaskSnapshot s = task->snapshot();
    s.group = m_taskGroups.value(id).value(0);
    s.queuePosition = task->state() == TaskState::Queued ? queuePosition(id) : -1;
    return s;
}

GroupSnapshot DownloadPool::group(GroupId id) const
{
    GroupSnapshot s;
    const auto it = m_groups.constFind(id);
    if (it == m_groups.cend())
        return s;
    s.id = id;
    s.name = it->name;
    for (TaskId t : it->members) {
        const DownloadTask *task = m_tasks.value(t);
        if (!task)
            continue;
        ++s.total;
        switch (task->state()) {
        case TaskState::Completed: ++s.completed; break;
        case TaskState::Failed: ++s.failed; break;
        case TaskState::Cancelled: ++s.cancelled; break;
        case TaskState::Paused: ++s.paused; break;
        case TaskState::Queued: ++s.queued; break;
        case TaskState::Connecting:
        case TaskState::Downloading:
        case TaskState::Verifying: ++s.active; break;
        }
        if (task->state() == TaskState::Cancelled)
            continue;
        // The three numbers only, not a whole snapshot (names, host): the dashboard asks for
        // every group twice a second.
        s.bytesDone += task->bytesDone();
        s.bytesTotal += qMax<qint64>(0, task->bytesTotal());
        s.speed += task->speed();
    }
    return s;
}

QList<TaskId> DownloadPool::tasks(GroupId id) const
{
    return m_groups.value(id).members;
}

QList<GroupId> DownloadPool::groups() const
{
    return m_groupOrder;
}

} // namespace Download
