#include "download/downloadtask.h"

#include "library/bloblock.h"
#include "library/safepath.h"
#include "library/storagelayout.h"
#include "util/freespace.h"
#include "util/futurewatch.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent>

namespace Download {

DownloadTask::DownloadTask(const TaskRecord &record, const TaskEnvironment &environment, QObject *parent)
    : QObject(parent)
    , m_id(record.id)
    , m_request(record.request)
    , m_env(environment)
    , m_options(*environment.options)
    , m_state(record.state)
    , m_budget(record.attempts, bytesWritten(record.segments), environment.options->backoffBase,
               environment.options->backoffCap)
    , m_hashRetries(record.hashRetries)
    , m_finalPath(record.finalPath)
    , m_links(record.links)
    , m_durable(record.segments)
    , m_planner(*environment.options, *environment.clock)
    , m_streams(environment)
    , m_integrity(record.id, m_request, m_links, m_file, m_planner, environment)
    , m_archive(environment)
    , m_speed(*environment.clock)
{
    m_error.kind = record.errorKind;
    m_error.message = record.errorText;
    m_planner.assign(record.segments);
    m_planner.setTotal(record.total);
    m_planner.setValidator(record.validator);

    m_streams.setSink([this](int key, const char *data, qint64 size) { return onData(key, data, size); });
    connect(&m_streams, &StreamSet::headersReceived, this, &DownloadTask::onHeaders);
    connect(&m_streams, &StreamSet::failed, this, &DownloadTask::onStreamFailed);
    connect(&m_streams, &StreamSet::completed, this, &DownloadTask::onStreamCompleted);
    connect(&m_integrity, &IntegrityPipeline::durable, this, [this](const QList<Segment> &ranges) {
        m_durable = ranges;  // these bytes are on disk: now the journal may say so
        Q_EMIT progressDurable();
    });
    connect(&m_integrity, &IntegrityPipeline::syncFinished, this, &DownloadTask::onSyncFinished);
    connect(&m_integrity, &IntegrityPipeline::verified, this, &DownloadTask::onVerified);
    connect(&m_archive, &ArchiveStep::finished, this, &DownloadTask::onExtracted);

    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &DownloadTask::ensureStreams);
    m_lockTimer.setInterval(250);
    connect(&m_lockTimer, &QTimer::timeout, this, &DownloadTask::retryBlobLock);
}

DownloadTask::~DownloadTask()
{
    stopAllStreams();
}

QString DownloadTask::subject() const
{
    return m_request.displayName.isEmpty() ? m_request.destination.relativePath : m_request.displayName;
}

QString DownloadTask::host() const
{
    const int port = m_request.url.port();
    return port < 0 ? m_request.url.host() : m_request.url.host() + u':' + QString::number(port);
}

qint64 DownloadTask::bytesDone() const
{
    if (m_state == TaskState::Completed)
        return qMax<qint64>(0, bytesTotal());
    return m_planner.bytesWritten();
}

qint64 DownloadTask::bytesTotal() const
{
    return m_planner.total() >= 0 ? m_planner.total() : m_request.expectedSize;
}

TaskSnapshot DownloadTask::snapshot() const
{
    TaskSnapshot s;
    s.id = m_id;
    s.name = subject();
    s.state = m_state;
    s.bytesDone = bytesDone();
    s.bytesTotal = bytesTotal();
    s.speed = speed();
    s.etaSeconds = SpeedMeter::etaSeconds(s.speed, s.bytesDone, s.bytesTotal);
    s.attempts = m_budget.attempts();
    s.errorKind = m_error.kind;
    s.errorText = m_error.message;
    s.finalPath = m_finalPath;
    s.host = host();
    s.reusedFrom = m_reusedFrom;
    s.reuseMethod = m_reuseMethod;
    if (m_xetUsed) {
        s.xetFetched = m_xetFetched;
        s.xetReused = m_xetCopied;
    }
    s.extracting = m_archive.running();
    s.archive = m_archiveReport;
    return s;
}

TaskRecord DownloadTask::record() const
{
    TaskRecord r;
    r.id = m_id;
    r.request = m_request;
    r.state = m_state;
    r.segments = m_durable;
    r.validator = m_planner.validator();
    r.total = m_planner.total();
    r.attempts = m_budget.attempts();
    r.hashRetries = m_hashRetries;
    r.errorKind = m_error.kind;
    r.errorText = m_error.message;
    r.finalPath = m_finalPath;
    r.links = m_links;
    return r;
}

void DownloadTask::setState(TaskState state)
{
    if (state == m_state)
        return;
    const TaskState from = m_state;
    m_state = state;
    if (!isActive(state)) {
        // Paused, queued again, failed, cancelled or done: another process may have the blob.
        m_lockTimer.stop();
        m_blobLock.unlock();
    }
    qCDebug(lcDownload) << "task" << m_id << taskStateName(from) << "->" << taskStateName(state);
    Q_EMIT stateChanged(from);
    Q_EMIT changed();
}

void DownloadTask::fail(const Net::HttpError &error)
{
    qCInfo(lcDownload) << "task" << m_id << "failed:" << Net::errorKindName(error.kind) << error.detail;
    stopAllStreams();
    m_retryTimer.stop();
    m_error = error;
    settle();
    setState(TaskState::Failed);
}

QString DownloadTask::previewPath() const
{
    const Destination &d = m_request.destination;
    if (d.kind != Destination::Kind::Library || !m_request.previewUrl.isValid() ||
        !Library::SafePath::checkRelativePath(m_request.previewPath, nullptr))
        return {};
    return QDir::cleanPath(d.root + QLatin1Char('/') + m_request.previewPath);
}

void DownloadTask::complete()
{
    const QString preview = previewPath();
    if (preview.isEmpty() || QFileInfo::exists(preview)) {
        setState(TaskState::Completed);
        return;
    }
    // Not a slot holder: other files keep downloading while this small request runs.
    setState(TaskState::Verifying);
    m_preview = new PreviewFetch(m_env.session, m_env.io, m_request.previewUrl, preview, this);
    connect(m_preview, &PreviewFetch::finished, this, [this](bool ok) {
        m_preview->deleteLater();
        m_preview = nullptr;
        if (!ok)
            qCInfo(lcDownload) << "task" << m_id << "is complete without its preview image";
        if (m_state == TaskState::Verifying)
            setState(TaskState::Completed);
    });
    m_preview->start();
}

void DownloadTask::settle()
{
    m_integrity.sync(true);
    if (!m_integrity.syncing())
        m_file.close();
}

// --- transitions driven by the pool ----------------------------------------------------------

void DownloadTask::start()
{
    if (m_state != TaskState::Queued)
        return;
    m_error = {};
    QString problem;
    if (!Library::StorageLayout::validate(m_request.destination, &problem)) {
        fail(Net::HttpError::make(Net::ErrorKind::UnsafeName, problem));
        return;
    }
    if (!takeBlobLock())
        return;
    proceed();
}

bool DownloadTask::takeBlobLock()
{
    // In a shared Hugging Face cache, another process (ModelDock with another data folder,
    // huggingface_hub, llama.cpp) may be fetching this very blob: wait for it, then reuse it.
    const QString lockPath = Library::BlobLock::lockPath(m_request.destination);
    if (lockPath.isEmpty() || m_blobLock.tryLock(lockPath))
        return true;
    if (!m_blobLock.errorString().isEmpty()) {
        // A cache we cannot lock (read-only .locks, odd file system) must not stop the download.
        qCWarning(lcDownload) << "task" << m_id << "downloads without the cache lock:" << m_blobLock.errorString();
        return true;
    }
    qCInfo(lcDownload) << "task" << m_id << "waits for another program downloading the same blob";
    setState(TaskState::Connecting);
    m_error = {};
    m_error.message =
        QCoreApplication::translate("Download::DownloadTask",
                                    "Another program is downloading %1 into the shared cache; waiting for it.")
            .arg(subject());
    Q_EMIT changed();
    m_lockTimer.start();
    return false;
}

void DownloadTask::retryBlobLock()
{
    if (m_state != TaskState::Connecting || openStreams() > 0)
        return;
    const QString lockPath = Library::BlobLock::lockPath(m_request.destination);
    if (!m_blobLock.tryLock(lockPath) && m_blobLock.errorString().isEmpty())
        return;
    m_lockTimer.stop();
    m_error = {};
    proceed();
}

void DownloadTask::proceed()
{
    QString problem;
    if (Library::StorageLayout::isPresent(m_request.destination, m_request.expectedSize)) {
        // Already downloaded (by us earlier or by another tool): link it, fetch nothing.
        bool linked = Library::StorageLayout::link(m_request.destination, &problem);
        for (qsizetype i = 0; linked && i < m_links.size(); ++i)
            linked = Library::StorageLayout::link(m_links.at(i), &problem);
        if (!linked) {
            fail(Net::HttpError::make(Net::ErrorKind::DiskError, problem));
            return;
        }
        m_finalPath = Library::StorageLayout::finalPath(m_request.destination);
        m_planner.setTotal(m_request.expectedSize);
        unpackOrComplete();
        return;
    }
    if (tryReuse())
        return;
    if (!openPartial())
        return;
    if (m_planner.allDone()) {
        // Every byte was already on disk (the last run ended after the download, before or
        // while checking it): no stream would start, so go straight to the check.
        qCInfo(lcDownload) << "task" << m_id << "has every byte on disk; verifying";
        beginVerify();
        return;
    }
    setState(TaskState::Connecting);
    m_planner.restartAdvice();
    ensureStreams();
}

bool DownloadTask::tryReuse()
{
    if (m_reuseTried || !m_env.reuse || !*m_env.reuse || m_request.expectedSha256.isEmpty())
        return false;
    m_reuseTried = true;
    const QString partial = Library::StorageLayout::partialPath(m_request.destination);
    if (m_file.isOpen() || QFileInfo::exists(partial))
        return false;  // a download to resume: its bytes are ours already
    QStringList sources = (*m_env.reuse)(m_request.expectedSha256, m_request.expectedSize);
    sources.removeAll(Library::StorageLayout::finalPath(m_request.destination));
    if (sources.isEmpty())
        return false;
    qCInfo(lcDownload) << "task" << m_id << "checks" << sources.size() << "copies already on disk";
    setState(TaskState::Verifying);
    const QString sha256 = m_request.expectedSha256;
    const qint64 size = m_request.expectedSize;
    Util::whenFinished(this,
                       QtConcurrent::run(m_env.io,
                                         [sources, partial, sha256, size] {
                                             Library::ReuseResult result;
                                             QStringList problems;
                                             for (const QString &source : sources) {
                                                 result = Library::placeVerifiedCopy(source, partial, sha256, size);
                                                 if (result.ok())
                                                     return result;
                                                 problems << result.error;
                                             }
                                             result.error = problems.join(QStringLiteral("; "));
                                             return result;
                                         }),
                       [this](const Library::ReuseResult &result) { onReused(result); });
    return true;
}

void DownloadTask::onReused(const Library::ReuseResult &result)
{
    const QString partial = Library::StorageLayout::partialPath(m_request.destination);
    if (m_state != TaskState::Verifying) {
        // Paused or cancelled meanwhile: the next start downloads (or checks again).
        if (result.ok())
            QFile::remove(partial);
        m_reuseTried = false;
        return;
    }
    if (!result.ok()) {
        qCInfo(lcDownload) << "task" << m_id << "downloads: no copy on disk could be used:" << result.error;
        proceed();
        return;
    }
    QString problem;
    bool placed = Library::StorageLayout::commit(m_request.destination, partial, &problem);
    for (qsizetype i = 0; placed && i < m_links.size(); ++i)
        placed = Library::StorageLayout::link(m_links.at(i), &problem);
    if (!placed) {
        QFile::remove(partial);
        fail(Net::HttpError::make(Net::ErrorKind::DiskError, problem));
        return;
    }
    qCInfo(lcDownload) << "task" << m_id << "reused" << result.source << "by"
                       << Library::reuseMethodName(result.method);
    m_finalPath = Library::StorageLayout::finalPath(m_request.destination);
    m_reusedFrom = result.source;
    m_reuseMethod = Library::reuseMethodName(result.method);
    m_planner.setTotal(m_request.expectedSize);
    if (m_archive.wanted(m_request)) {
        unpackOrComplete();  // a reused archive is extracted like a downloaded one
        return;
    }
    setState(TaskState::Completed);
}

Net::HttpError DownloadTask::diskFullError() const
{
    const QString partial = Library::StorageLayout::partialPath(m_request.destination);
    const QString mount = Util::volumeOf(QFileInfo(partial).absolutePath()).mountPoint;
    const qint64 left = bytesTotal() >= 0 ? bytesTotal() - bytesDone() : -1;
    return Net::HttpError::make(
        Net::ErrorKind::DiskFull,
        QCoreApplication::translate(
            "Download::DownloadTask",
            "The disk is full: %1 needs %2 more. Free space on %3; the download resumes by itself.")
            .arg(subject(), left >= 0 ? formatBytes(left) : QStringLiteral("some"), mount),
        partial);
}

bool DownloadTask::openPartial()
{
    if (m_file.isOpen())
        return true;
    const QString path = Library::StorageLayout::partialPath(m_request.destination);
    if (!m_file.open(path)) {
        if (m_file.diskFull()) {
            m_error = diskFullError();
            setState(TaskState::Paused);
            return false;
        }
        m_error = Net::HttpError::make(
            Net::ErrorKind::DiskError,
            QCoreApplication::translate("Download::DownloadTask", "Could not create the download file for %1: %2")
                .arg(subject(), m_file.errorString()),
            path);
        setState(TaskState::Failed);
        return false;
    }
    // Without a validator no later request could be made safe with If-Range: start over. Bytes
    // an earlier run brought through Xet are kept only for Xet.
    const bool xetBytes = m_planner.validator().startsWith(QLatin1String("xet:"));
    if (m_planner.validator().isEmpty() || m_planner.isEmpty() || (xetBytes && (!m_options.xet || m_xetRefused))) {
        startFresh();
        return true;
    }
    const qint64 known = m_planner.bytesWritten();
    if (!m_planner.resume(m_file.size(), bytesTotal())) {
        startFresh();
        return true;
    }
    const qint64 kept = m_planner.bytesWritten();
    if (kept < known)
        qCInfo(lcDownload) << "task" << m_id << "partial file holds" << m_file.size() << "bytes; discarding"
                           << known - kept << "bytes the journal counted past it";
    m_durable = m_planner.segments();
    if (m_planner.size() == 1 && !m_file.truncate(m_planner.at(0).segment.pos)) {
        startFresh();
        return true;
    }
    m_integrity.restart();
    qCInfo(lcDownload) << "task" << m_id << "resumes at" << kept << "bytes in" << m_planner.size() << "ranges";
    return true;
}

void DownloadTask::startFresh(int keepStream)
{
    // Every stream stops, except one whose 200 body is the whole file from byte 0.
    m_streams.stopAllExcept(keepStream);
    m_file.truncate(0);
    m_planner.startOver(m_request.expectedSize, keepStream);
    m_xetPlan.clear();
    m_resolvedUrl.clear();
    m_durable.clear();
    m_integrity.forgetUnsynced();
    m_integrity.restart();
    Q_EMIT progressDurable();
}

void DownloadTask::pause(const Net::HttpError &reason)
{
    if (m_state == TaskState::Paused && !reason.isError() && m_error.kind == Net::ErrorKind::DiskFull) {
        // The user pauses what the disk paused: it must not resume by itself any more.
        m_error = {};
        Q_EMIT changed();
        return;
    }
    if (isTerminal(m_state) || m_state == TaskState::Paused || m_state == TaskState::Verifying)
        return;
    if (reason.kind != Net::ErrorKind::DiskFull && occupiesSlot()) {
        drainStreams();
        if (!occupiesSlot())
            return;  // the drained bytes finished the file: it is verifying now
    }
    stopAllStreams();
    forgetXetPlan();
    m_retryTimer.stop();
    m_error = reason;
    settle();
    setState(TaskState::Paused);
}

void DownloadTask::requeue()
{
    if (!occupiesSlot())
        return;
    // Take what already arrived (at most one read buffer per stream), then step back.
    drainStreams();
    if (!occupiesSlot())
        return;
    stopAllStreams();
    forgetXetPlan();
    m_retryTimer.stop();
    settle();
    setState(TaskState::Queued);
}

void DownloadTask::cancel()
{
    if (isTerminal(m_state))
        return;
    if (m_preview) {
        // The file is verified and in place; only its preview was on the way.
        m_preview->abort();
        m_preview->deleteLater();
        m_preview = nullptr;
        setState(TaskState::Completed);
        return;
    }
    stopAllStreams();
    m_retryTimer.stop();
    m_integrity.discard();
    m_archive.cancel();
    m_file.close();
    QFile::remove(Library::StorageLayout::partialPath(m_request.destination));
    m_planner.clear();
    m_xetPlan.clear();
    m_durable.clear();
    m_planner.setValidator({});
    m_resolvedUrl.clear();
    m_error = Net::HttpError::make(Net::ErrorKind::Cancelled, {});
    m_error.message.clear();
    setState(TaskState::Cancelled);
}

void DownloadTask::resetForRetry()
{
    m_reuseTried = false;
    if (m_state != TaskState::Failed && m_state != TaskState::Cancelled && m_state != TaskState::Paused)
        return;
    // Refused for its name (unsafe, or another file's place): trying again cannot change that;
    // planning it again (which picks another name) can.
    if (m_state == TaskState::Failed && m_error.kind == Net::ErrorKind::UnsafeName)
        return;
    m_budget.reset();
    if (m_state == TaskState::Failed)
        m_hashRetries = 0;
    m_error = {};
    setState(TaskState::Queued);
}

void DownloadTask::redownload()
{
    if (m_state != TaskState::Completed)
        return;
    qCInfo(lcDownload) << "task" << m_id << "was completed but its file is gone; downloading it again";
    m_planner.clear();
    m_xetPlan.clear();
    m_durable.clear();
    m_planner.setValidator({});
    m_planner.setTotal(m_request.expectedSize);
    m_finalPath.clear();
    m_archiveReport = {};
    m_budget.reset();
    m_hashRetries = 0;
    m_contentChanged = false;
    m_planner.setRangesIgnored(false);
    m_error = {};
    setState(TaskState::Queued);
}

void DownloadTask::adoptRequest(const FileRequest &request)
{
    // A later plan may know the hash or size the first one lacked.
    if (m_request.expectedSha256.isEmpty())
        m_request.expectedSha256 = request.expectedSha256;
    if (m_request.expectedGitOid.isEmpty())
        m_request.expectedGitOid = request.expectedGitOid;
    if (m_request.expectedSize < 0)
        m_request.expectedSize = request.expectedSize;
    // A task journaled before its plan carried a preview and other programs' sidecars (an
    // earlier ModelDock) takes them from the new plan; a completed one writes the sidecars now.
    if (request.destination.kind == Destination::Kind::Library && m_request.previewUrl.isEmpty()) {
        m_request.previewUrl = request.previewUrl;
        m_request.previewPath = request.previewPath;
    }
    if (request.destination.kind == Destination::Kind::Library && m_request.destination.otherSidecars.isEmpty() &&
        !request.destination.otherSidecars.isEmpty()) {
        m_request.destination.otherSidecars = request.destination.otherSidecars;
        QString problem;
        if (m_state == TaskState::Completed &&
            !Library::StorageLayout::writeOtherSidecars(m_request.destination, &problem))
            qCInfo(lcDownload) << "task" << m_id << "could not write its sidecars:" << problem;
    }
    // A plan from before archives were extracted did not mark this one.
    if (request.archive)
        m_request.archive = true;
    // Asked for again: a preview an earlier attempt could not get is tried once more, and an
    // archive that is not extracted (extraction was off, or its folder is gone) is extracted.
    if (m_state == TaskState::Completed && !m_preview && request.destination.kind == Destination::Kind::Library)
        unpackOrComplete();
    const Destination &place = request.destination;
    if (place.kind != Destination::Kind::HfCache || place == m_request.destination || m_links.contains(place))
        return;
    // The same blob for another commit or revision: one download, one more snapshot entry.
    m_links.append(place);
    QString problem;
    if (m_state == TaskState::Completed && !Library::StorageLayout::link(place, &problem)) {
        m_error = Net::HttpError::make(Net::ErrorKind::DiskError, problem);
        setState(TaskState::Failed);
    }
}

// --- periodic work ------------------------------------------------------------------------------

void DownloadTask::tick()
{
    const qint64 done = bytesDone();
    const qint64 before = m_speed.lastBytes();
    if (m_speed.sample(done) && (done != before || m_state == TaskState::Downloading))
        Q_EMIT changed();
    if (!occupiesSlot()) {
        m_speed.stop();
        return;
    }
    if (m_lockTimer.isActive())
        return;  // waiting for another process's download of the same blob
    if (m_planner.sampleSpeed(done, receivingStreams())) {
        qCDebug(lcDownload) << "task" << m_id << "ranges at once:" << m_planner.advisedStreams();
        ensureStreams();  // waiting chunks first, then splits of running ranges
    }
    if (openStreams() == 0 && (!m_retryTimer.isActive() || m_planner.nextDue() >= 0)) {
        // Holding a slot with no stream and no retry due would wait forever: nothing would
        // ever stall. Either every byte is here (check it) or a stream is owed (start it).
        // A backoff is over when the clock says so, even before the retry timer fires (the
        // timer only wakes the loop; the clock decides).
        if (m_planner.allDone()) {
            beginVerify();
            return;
        }
        ensureStreams();
    }
    checkStalls();
    m_integrity.sync(false);
}

void DownloadTask::checkStalls()
{
    const qint64 stallMs = m_options.stallTimeout.count();
    for (qsizetype i = 0; i < m_planner.size(); ++i) {
        const int key = m_planner.at(i).key;
        if (!m_streams.has(key) || m_streams.idleMs(key) < stallMs)
            continue;
        const bool headers = m_streams.hasHeaders(key);
        onStreamFailed(
            key,
            Net::HttpError::make(
                headers ? Net::ErrorKind::Stalled : Net::ErrorKind::Timeout,
                headers ? QCoreApplication::translate("Download::DownloadTask",
                                                      "The server stopped sending %1 for %2 s; reconnecting.")
                              .arg(subject())
                              .arg(stallMs / 1000)
                        : QCoreApplication::translate("Download::DownloadTask", "The server did not answer for %1 s.")
                              .arg(stallMs / 1000),
                QCoreApplication::translate("Download::DownloadTask", "no byte for %1 ms").arg(stallMs)));
        return;  // the ranges may have changed
    }
}

}  // namespace Download
