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

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Download {

namespace {

constexpr qint64 kSpaceMargin = 1024 * 1024;  // at least; 1 % of a large download

}  // namespace

// The tasks as the scheduler reads them (every id in the queue has a task)…
class DownloadPool::TaskStates final : public Scheduler::Tasks
{
public:
    explicit TaskStates(const DownloadPool &pool)
        : m_pool(pool)
    {
    }

    bool isWaiting(TaskId id) const override { return m_pool.m_tasks.value(id)->state() == TaskState::Queued; }
    bool holdsSlot(TaskId id) const override { return m_pool.m_tasks.value(id)->occupiesSlot(); }
    QString host(TaskId id) const override { return m_pool.m_tasks.value(id)->host(); }

private:
    const DownloadPool &m_pool;
};

// …and as it acts on them.
class DownloadPool::SchedulerView final : public Scheduler::Pool
{
public:
    explicit SchedulerView(DownloadPool &pool)
        : m_pool(pool)
        , m_states(pool)
    {
    }

    bool isWaiting(TaskId id) const override { return m_states.isWaiting(id); }
    bool holdsSlot(TaskId id) const override { return m_states.holdsSlot(id); }
    QString host(TaskId id) const override { return m_states.host(id); }
    void start(TaskId id) override { m_pool.m_tasks.value(id)->start(); }
    void stepBack(TaskId id) override { m_pool.m_tasks.value(id)->requeue(); }
    void queueReordered() override { m_pool.queueChanged(); }

private:
    DownloadPool &m_pool;
    TaskStates m_states;
};

DownloadPool::DownloadPool(const Net::Session *session, const PoolOptions &options, Journal *journal, QObject *parent)
    : DownloadPool(session, options, journal, nullptr, parent)
{
}

DownloadPool::DownloadPool(const Net::Session *session, const PoolOptions &options, Journal *journal,
                           const Util::Clock *clock, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_journal(journal)
    , m_session(session)
    , m_rate(new RateController(options.rateTick, this))
    , m_clock(clock ? clock : &m_steadyClock)
{
    m_diskWatcher = new DiskSpaceWatcher(
        options.diskSpacePoll,
        [this] {
            QList<DiskSpaceWatcher::Waiting> waiting;
            for (TaskId id : m_scheduler.queue()) {
                const DownloadTask *task = m_tasks.value(id);
                if (task->state() != TaskState::Paused || task->error().kind != Net::ErrorKind::DiskFull)
                    continue;
                const qint64 total = task->bytesTotal();
                waiting.append({id, Library::StorageLayout::partialPath(task->request().destination),
                                total >= 0 ? total - task->bytesDone() : -1, task->bytesDone()});
            }
            return waiting;
        },
        this);
    connect(m_diskWatcher, &DiskSpaceWatcher::spaceFor, this, [this](TaskId id) {
        DownloadTask *task = m_tasks.value(id);
        if (task && task->state() == TaskState::Paused && task->error().kind == Net::ErrorKind::DiskFull)
            task->resetForRetry();
    });
    // fdatasync calls wait on the disk, not the CPU: a few more threads than cores.
    m_io.setMaxThreadCount(qMax(4, QThread::idealThreadCount()));
    m_unpack.setMaxThreadCount(1);
    m_rate->setLimit(options.bandwidthLimit);
    m_lanes.setLimit(options.maxConnectionsPerHost);
    m_batcher = new ChangeBatcher(
        options.notifyInterval, [this] { return tickTasks(); },
        [this](GroupId g) { return m_groups.contains(g) && group(g).isFinished(); }, this);
    connect(m_batcher, &ChangeBatcher::tasksChanged, this, &DownloadPool::tasksChanged);
    connect(m_batcher, &ChangeBatcher::groupsChanged, this, &DownloadPool::groupsChanged);
    connect(m_batcher, &ChangeBatcher::taskFinished, this, &DownloadPool::taskFinished);
    connect(m_batcher, &ChangeBatcher::groupFinished, this, &DownloadPool::groupFinished);
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
}

DownloadPool::~DownloadPool()
{
    // Tasks die first (aborting their replies) while the session and the I/O pool still exist;
    // the journal keeps their last durable progress for the next start.
    const QList<DownloadTask *> tasks = m_tasks.values();
    for (DownloadTask *task : tasks)
        task->disconnect(this);
    qDeleteAll(tasks);
    m_tasks.clear();
    m_io.waitForDone();
    m_unpack.waitForDone();  // a running extraction stops at its next block (the task cancelled it)
    m_writer.reset();        // commits what is still recorded before the thread ends
}

// --- groups and tasks ---------------------------------------------------------------------------

GroupId DownloadPool::createGroup(const QString &name)
{
    const GroupId id = m_nextGroupId++;
    m_groups.add(id, name);
    if (m_writer)
        m_writer->addGroup(id, name);
    m_batcher->noteGroup(id);
    m_batcher->restart();
    return id;
}

DownloadTask *DownloadPool::createTask(const TaskRecord &record, bool takesFile)
{
    TaskEnvironment environment;
    environment.session = m_session;
    environment.rate = m_rate;
    environment.io = &m_io;
    environment.unpack = &m_unpack;
    environment.options = &m_options;
    environment.lanes = &m_lanes;
    environment.clock = m_clock;
    environment.reuse = &m_reuse;
    environment.xetLedger = &m_xetLedger;
    auto *task = new DownloadTask(record, environment, this);
    m_tasks.insert(record.id, task);
    if (takesFile)
        m_byFile.insert(fileKey(record.request), record.id);
    connect(task, &DownloadTask::changed, this, [this, task] { markDirty(task); });
    connect(task, &DownloadTask::stateChanged, this, [this, task](TaskState from) { onTaskStateChanged(task, from); });
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
    return a.destination.repoId == b.destination.repoId &&
           a.destination.sidecar.value(version) == b.destination.sidecar.value(version) && a.url == b.url;
}

void DownloadPool::addMembership(GroupId groupId, TaskId id)
{
    if (m_groups.addMember(groupId, id) && m_writer)
        m_writer->addMember(groupId, id);
}

TaskId DownloadPool::addTask(GroupId groupId, const FileRequest &request)
{
    if (!m_groups.contains(groupId) || !request.url.isValid())
        return 0;
    m_batcher->reopen({groupId});
    m_batcher->noteGroup(groupId);

    const QString key = fileKey(request);
    if (DownloadTask *existing = m_tasks.value(m_byFile.value(key))) {
        if (sameFile(existing->request(), request))
            return joinTask(groupId, existing, request);
        const bool fileInUse =
            !isTerminal(existing->state()) ||
            (existing->state() == TaskState::Completed &&
             Library::StorageLayout::isPresent(existing->request().destination, existing->request().expectedSize));
        if (fileInUse) {
            return addRefusedTask(
                groupId, request,
                QCoreApplication::translate("Download::DownloadPool",
                                            "%1 would be written where %2 %3; it was not started, so neither "
                                            "is overwritten. Download it again later: it then gets a name of "
                                            "its own.")
                    .arg(request.displayName, existing->snapshot().name,
                         isTerminal(existing->state())
                             ? QCoreApplication::translate("Download::DownloadPool", "already is")
                             : QCoreApplication::translate("Download::DownloadPool", "is being downloaded")));
        }
        // The old task is history (failed, cancelled, or its file is gone): a new one takes the place.
    } else if (m_reserved.contains(key)) {
        return addRefusedTask(
            groupId, request,
            QCoreApplication::translate("Download::DownloadPool",
                                        "%1 would be written where the unfinished download of %2 keeps its "
                                        "data; it was not started, so neither is overwritten. Finish or cancel "
                                        "that download first, then download this one again.")
                .arg(request.displayName, m_reserved.value(key)));
    }

    TaskRecord record;
    record.id = m_nextTaskId++;
    record.group = groupId;
    record.order = m_scheduler.size();
    record.request = request;
    DownloadTask *task = createTask(record);
    m_scheduler.append(record.id);
    m_groups.addMember(groupId, record.id);
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
    if (existing->state() == TaskState::Completed &&
        !Library::StorageLayout::isPresent(existing->request().destination, existing->request().expectedSize))
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
    record.order = m_scheduler.size();
    record.request = request;
    record.state = TaskState::Failed;
    record.errorKind = Net::ErrorKind::UnsafeName;
    record.errorText = sentence;
    qCInfo(lcDownload) << "refused" << request.displayName << ": another file is written at"
                       << Library::StorageLayout::finalPath(request.destination);
    auto *task = createTask(record, false);
    m_scheduler.append(record.id);
    m_groups.addMember(groupId, record.id);
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
    for (TaskId id : m_groups.members(groupId)) {
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
                *errorString = QCoreApplication::translate("Download::DownloadPool",
                                                           "Not enough free space on %1: the download needs %2 plus a "
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
    const QList<TaskId> members = m_groups.members(id);
    for (TaskId t : members) {
        if (DownloadTask *task = m_tasks.value(t); task && task->state() == TaskState::Queued)
            task->pause();
    }
    for (TaskId t : members)
        pauseTask(t);
}

void DownloadPool::resumeGroup(GroupId id)
{
    for (TaskId t : m_groups.members(id))
        resumeTask(t);
}

void DownloadPool::cancelGroup(GroupId id)
{
    const QList<TaskId> members = m_groups.members(id);
    for (TaskId t : members) {
        if (DownloadTask *task = m_tasks.value(t); task && task->state() == TaskState::Queued)
            task->cancel();
    }
    for (TaskId t : members)
        cancelTask(t);
}

void DownloadPool::retryFailed(GroupId id)
{
    for (TaskId t : m_groups.members(id)) {
        DownloadTask *task = m_tasks.value(t);
        if (task && task->state() == TaskState::Failed)
            task->resetForRetry();
    }
}

// --- queue order and limits ---------------------------------------------------------------------

void DownloadPool::moveUp(TaskId id)
{
    if (m_scheduler.moveUp(id, TaskStates(*this)))
        queueChanged();
}

void DownloadPool::moveDown(TaskId id)
{
    if (m_scheduler.moveDown(id, TaskStates(*this)))
        queueChanged();
}

void DownloadPool::moveToFront(TaskId id)
{
    if (m_scheduler.moveToFront(id))
        queueChanged();
}

void DownloadPool::queueChanged()
{
    m_scheduler.invalidatePositions();
    for (TaskId id : m_scheduler.queue()) {
        if (m_tasks.value(id)->state() == TaskState::Queued)
            m_batcher->noteTask(id);
    }
    m_batcher->restart();
    if (m_writer)
        m_writer->saveOrder(m_scheduler.queue());
    schedule();
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

void DownloadPool::setExtractArchives(bool extract)
{
    m_options.extractArchives = extract;
}

void DownloadPool::setKeepArchives(bool keep)
{
    m_options.keepArchives = keep;
}

void DownloadPool::setXet(bool enabled)
{
    m_options.xet = enabled;
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
    SchedulerView view(*this);
    if (m_scheduler.run(view, {m_options.maxActive, m_options.maxPerHost}))
        schedule();  // the tasks that stepped back may start once slots free up
}

// --- state, notifications, journal --------------------------------------------------------------

void DownloadPool::onTaskStateChanged(DownloadTask *task, TaskState from)
{
    Q_UNUSED(from);
    saveTask(task);
    m_scheduler.invalidatePositions();
    markDirty(task);
    if (task->state() == TaskState::Paused && task->error().kind == Net::ErrorKind::DiskFull)
        m_diskWatcher->taskPaused(task->id(), task->bytesDone());
    if (isTerminal(task->state())) {
        m_diskWatcher->forget(task->id());
        m_batcher->taskSettled(task->id(), m_groups.groupsOf(task->id()));
    } else {
        m_batcher->reopen(m_groups.groupsOf(task->id()));
    }
    schedule();
}

void DownloadPool::markDirty(DownloadTask *task)
{
    m_batcher->taskChanged(task->id(), m_groups.groupsOf(task->id()));
}

bool DownloadPool::tickTasks()
{
    bool busy = false;
    for (DownloadTask *task : std::as_const(m_tasks)) {
        if (task->occupiesSlot() || task->state() == TaskState::Verifying) {
            task->tick();
            busy = true;
        }
    }
    return busy;
}

// --- snapshots ----------------------------------------------------------------------------------

TaskSnapshot DownloadPool::task(TaskId id) const
{
    const DownloadTask *task = m_tasks.value(id);
    if (!task)
        return {};
    TaskSnapshot s = task->snapshot();
    s.group = m_groups.primaryGroup(id);
    s.queuePosition = task->state() == TaskState::Queued ? m_scheduler.position(id, TaskStates(*this)) : -1;
    return s;
}

GroupSnapshot DownloadPool::group(GroupId id) const
{
    // The three numbers only, not a whole snapshot (names, host): the dashboard asks for every
    // group twice a second.
    return m_groups.snapshot(id, [this](TaskId t) -> std::optional<GroupBook::Member> {
        const DownloadTask *task = m_tasks.value(t);
        if (!task)
            return std::nullopt;
        return GroupBook::Member{task->state(), task->bytesDone(), task->bytesTotal(), task->speed()};
    });
}

QList<TaskId> DownloadPool::tasks(GroupId id) const
{
    return m_groups.members(id);
}

QList<GroupId> DownloadPool::groups() const
{
    return m_groups.order();
}

}  // namespace Download
