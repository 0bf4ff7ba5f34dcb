#include "download/downloadtask.h"

#include "download/connectionlanes.h"

#include "download/fileverifier.h"
#include "download/rangestream.h"
#include "library/storagelayout.h"
#include "util/logging.h"

#include <QFile>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace Download {

namespace {

constexpr qint64 kHashStep = 4 * 1024 * 1024;   // hash the written prefix in steps this big
constexpr qint64 kSplitAlign = 64 * 1024;

QString seconds(std::chrono::milliseconds ms)
{
    return QString::number(qMax<qint64>(1, (ms.count() + 500) / 1000));
}

} // namespace

DownloadTask::DownloadTask(const TaskRecord &record, const TaskEnvironment &environment, QObject *parent)
    : QObject(parent),
      m_id(record.id),
      m_request(record.request),
      m_env(environment),
      m_options(*environment.options),
      m_backoff(environment.options->backoffBase, environment.options->backoffCap),
      m_state(record.state),
      m_attempts(record.attempts),
      m_hashRetries(record.hashRetries),
      m_validator(record.validator),
      m_total(record.total),
      m_finalPath(record.finalPath),
      m_durable(record.segments)
{
    m_error.kind = record.errorKind;
    m_error.message = record.errorText;
    for (const Segment &s : record.segments)
        m_slots.append(Slot{m_nextKey++, s, nullptr, -1, {}});
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &DownloadTask::ensureStreams);
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

int DownloadTask::openStreams() const
{
    int n = 0;
    for (const Slot &slot : m_slots)
        n += slot.stream ? 1 : 0;
    return n;
}

QList<Segment> DownloadTask::ranges() const
{
    QList<Segment> list;
    for (const Slot &slot : m_slots)
        list.append(slot.range);
    return list;
}

qint64 DownloadTask::bytesDone() const
{
    if (m_state == TaskState::Completed)
        return qMax<qint64>(0, bytesTotal());
    return bytesWritten(ranges());
}

qint64 DownloadTask::bytesTotal() const
{
    return m_total >= 0 ? m_total : m_request.expectedSize;
}

TaskSnapshot DownloadTask::snapshot() const
{
    TaskSnapshot s;
    s.id = m_id;
    s.name = subject();
    s.state = m_state;
    s.bytesDone = bytesDone();
    s.bytesTotal = bytesTotal();
    s.speed = m_state == TaskState::Downloading ? m_speed : 0;
    s.etaSeconds = (s.speed > 1 && s.bytesTotal >= 0) ? qint64((s.bytesTotal - s.bytesDone) / s.speed) : -1;
    s.attempts = m_attempts;
    s.errorKind = m_error.kind;
    s.errorText = m_error.message;
    s.finalPath = m_finalPath;
    s.host = host();
    return s;
}

TaskRecord DownloadTask::record() const
{
    TaskRecord r;
    r.id = m_id;
    r.request = m_request;
    r.state = m_state;
    r.segments = m_durable;
    r.validator = m_validator;
    r.total = m_total;
    r.attempts = m_attempts;
    r.hashRetries = m_hashRetries;
    r.errorKind = m_error.kind;
    r.errorText = m_error.message;
    r.finalPath = m_finalPath;
    return r;
}

void DownloadTask::setState(TaskState state)
{
    if (state == m_state)
        return;
    const TaskState from = m_state;
    m_state = state;
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

void DownloadTask::settle()
{
    maybeSync(true);
    if (!m_syncBusy)
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
    if (Library::StorageLayout::isPresent(m_request.destination, m_request.expectedSize)) {
        // Already downloaded (by us earlier or by another tool): link it, fetch nothing.
        if (!Library::StorageLayout::link(m_request.destination, &problem)) {
            fail(Net::HttpError::make(Net::ErrorKind::DiskError, problem));
            return;
        }
        m_finalPath = Library::StorageLayout::finalPath(m_request.destination);
        m_total = m_request.expectedSize;
        setState(TaskState::Completed);
        return;
    }
    if (!openPartial())
        return;
    setState(TaskState::Connecting);
    ensureStreams();
}

bool DownloadTask::openPartial()
{
    if (m_file.isOpen())
        return true;
    const QString path = Library::StorageLayout::partialPath(m_request.destination);
    if (!m_file.open(path)) {
        m_error = Net::HttpError::make(
            m_file.diskFull() ? Net::ErrorKind::DiskFull : Net::ErrorKind::DiskError,
            QStringLiteral("Could not create the download file for %1: %2").arg(subject(), m_file.errorString()),
            path);
        setState(TaskState::Failed);
        return false;
    }
    // Resume only from ranges the journal knows are on disk; anything past them may be torn.
    const qint64 size = m_file.size();
    bool usable = !m_validator.isEmpty() && !m_slots.isEmpty();
    for (const Slot &slot : std::as_const(m_slots))
        usable = usable && slot.range.pos <= size;
    if (!usable || bytesWritten(ranges()) == 0) {
        startFresh();
        return true;
    }
    if (m_slots.size() == 1 && !m_file.truncate(m_slots.first().range.pos)) {
        startFresh();
        return true;
    }
    resetHash();
    qCInfo(lcDownload) << "task" << m_id << "resumes at" << bytesWritten(ranges()) << "bytes";
    return true;
}

void DownloadTask::startFresh()
{
    stopAllStreams();
    m_file.truncate(0);
    m_slots.clear();
    m_slots.append(Slot{m_nextKey++, Segment{0, 0, m_request.expectedSize}, nullptr, -1, {}});
    m_total = m_request.expectedSize;
    m_validator.clear();
    m_durable.clear();
    m_bytesSinceSync = 0;
    resetHash();
    Q_EMIT progressDurable();
}

void DownloadTask::pause(const Net::HttpError &reason)
{
    if (isTerminal(m_state) || m_state == TaskState::Paused || m_state == TaskState::Verifying)
        return;
    if (reason.kind != Net::ErrorKind::DiskFull && occupiesSlot()) {
        drainStreams();
        if (!occupiesSlot())
            return;  // the drained bytes finished the file: it is verifying now
    }
    stopAllStreams();
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
    m_retryTimer.stop();
    settle();
    setState(TaskState::Queued);
}

void DownloadTask::cancel()
{
    if (isTerminal(m_state))
        return;
    stopAllStreams();
    m_retryTimer.stop();
    ++m_generation;
    m_file.close();
    QFile::remove(Library::StorageLayout::partialPath(m_request.destination));
    m_slots.clear();
    m_durable.clear();
    m_validator.clear();
    m_error = Net::HttpError::make(Net::ErrorKind::Cancelled, {});
    m_error.message.clear();
    setState(TaskState::Cancelled);
}

void DownloadTask::resetForRetry()
{
    if (m_state != TaskState::Failed && m_state != TaskState::Cancelled && m_state != TaskState::Paused)
        return;
    m_attempts = 0;
    if (m_state == TaskState::Failed)
        m_hashRetries = 0;
    m_error = {};
    setState(TaskState::Queued);
}

void DownloadTask::adoptRequest(const FileRequest &request)
{
    // A later plan may know the hash or size the first one lacked.
    if (m_request.expectedSha256.isEmpty())
        m_request.expectedSha256 = request.expectedSha256;
    if (m_request.expectedSize < 0)
        m_request.expectedSize = request.expectedSize;
}

// --- streams ------------------------------------------------------------------------------------

DownloadTask::Slot *DownloadTask::slotFor(int key)
{
    for (Slot &slot : m_slots) {
        if (slot.key == key)
            return &slot;
    }
    return nullptr;
}

bool DownloadTask::allowSegments() const
{
    return m_total >= m_options.segmentThreshold && m_options.maxSegments > 1 && !m_rangesIgnored
           && !m_validator.isEmpty();
}

void DownloadTask::ensureStreams()
{
    if (!occupiesSlot())
        return;
    for (Slot &slot : m_slots) {
        if (slot.stream || slot.range.isDone())
            continue;
        if (!slot.notBefore.hasExpired())
            continue;
        // Until the first response names a validator, one request at a time: later ranges need
        // If-Range to be safe.
        if (openStreams() > 0 && (m_validator.isEmpty() || !m_env.lanes->hasRoom(m_request.url)))
            break;
        startStream(slot);
    }
    armRetryTimer();
    if (openStreams() > 0)
        rebalance();
}

void DownloadTask::armRetryTimer()
{
    qint64 soonest = -1;
    for (const Slot &slot : std::as_const(m_slots)) {
        if (!slot.stream && !slot.range.isDone() && !slot.notBefore.hasExpired()) {
            const qint64 left = slot.notBefore.remainingTime();
            soonest = soonest < 0 ? left : qMin(soonest, left);
        }
    }
    if (soonest >= 0)
        m_retryTimer.start(int(qMax<qint64>(1, soonest)));
}

void DownloadTask::rebalance()
{
    if (!allowSegments())
        return;
    auto unfinished = [this] {
        int n = 0;
        for (const Slot &slot : std::as_const(m_slots))
            n += slot.range.isDone() ? 0 : 1;
        return n;
    };
    while (unfinished() < m_options.maxSegments && m_env.lanes->hasRoom(m_request.url)) {
        qsizetype best = -1;
        for (qsizetype i = 0; i < m_slots.size(); ++i) {
            const Slot &slot = m_slots.at(i);
            if (!slot.stream || slot.range.end < 0)
                continue;
            if (slot.range.remaining() >= 2 * m_options.minSegmentSize
                && (best < 0 || slot.range.remaining() > m_slots.at(best).range.remaining()))
                best = i;
        }
        if (best < 0)
            return;
        Slot &victim = m_slots[best];
        qint64 mid = victim.range.pos + victim.range.remaining() / 2;
        mid -= mid % kSplitAlign;
        if (mid <= victim.range.pos)
            return;
        Slot tail{m_nextKey++, Segment{mid, mid, victim.range.end}, nullptr, -1, {}};
        victim.range.end = mid;  // its request runs on; onData stops it at the new end
        m_slots.insert(best + 1, tail);
        qCDebug(lcDownload) << "task" << m_id << "split at" << mid;
        startStream(m_slots[best + 1]);
    }
}

void DownloadTask::startStream(Slot &slot)
{
    RangeStream::Params params;
    params.url = m_request.url;
    params.offset = slot.range.pos;
    const bool bounded = slot.range.end >= 0 && m_total >= 0 && slot.range.end < m_total;
    params.sendRange = slot.range.pos > 0 || bounded;
    params.end = bounded ? slot.range.end : -1;
    params.ifRange = params.sendRange ? m_validator : QString();
    params.subject = subject();
    params.readBufferSize = m_options.readBufferSize;
    params.lane = m_env.lanes->acquire(m_request.url);
    slot.requestedEnd = params.end;

    auto *stream = new RangeStream(m_env.network, m_env.credentials, m_env.rate, params, this);
    const int key = slot.key;
    slot.stream = stream;
    stream->holdLane(m_env.lanes);
    stream->setSink([this, key](const char *data, qint64 size) { return onData(key, data, size); });
    connect(stream, &RangeStream::headersReceived, this,
            [this, key](const ResponseMeta &meta) { onHeaders(key, meta); });
    connect(stream, &RangeStream::failed, this, [this, key, stream](const Net::HttpError &error) {
        onStreamFailed(key, error, stream->delivered());
    });
    connect(stream, &RangeStream::completed, this, [this, key] { onStreamCompleted(key); });
    stream->start();
}

void DownloadTask::stopStream(Slot &slot)
{
    if (!slot.stream)
        return;
    slot.stream->abort();
    slot.stream->deleteLater();
    slot.stream = nullptr;
}

void DownloadTask::drainStreams()
{
    for (qsizetype i = 0; i < m_slots.size() && occupiesSlot(); ++i) {
        RangeStream *stream = m_slots.at(i).stream;
        if (stream && stream->hasHeaders())
            stream->drain();
    }
}

void DownloadTask::stopAllStreams()
{
    for (Slot &slot : m_slots)
        stopStream(slot);
}

// --- responses and data -------------------------------------------------------------------------

void DownloadTask::onHeaders(int key, const ResponseMeta &meta)
{
    Slot *slot = slotFor(key);
    if (!slot)
        return;
    if (m_request.expectedSize >= 0 && meta.total >= 0 && meta.total != m_request.expectedSize) {
        fail(Net::HttpError::make(
            Net::ErrorKind::BadResponse,
            QStringLiteral("The hub now serves %1 with a different size (%2 instead of %3); refresh the "
                           "model and download it again.")
                .arg(subject(), formatBytes(meta.total), formatBytes(m_request.expectedSize)),
            QStringLiteral("size %1 != expected %2").arg(meta.total).arg(m_request.expectedSize)));
        return;
    }
    const bool validatorChanged = !m_validator.isEmpty() && !meta.validator.isEmpty()
                                  && meta.validator != m_validator;
    if (meta.status == 206) {
        if (meta.rangeStart != slot->range.pos) {
            fail(Net::HttpError::make(Net::ErrorKind::BadResponse,
                                      QStringLiteral("The server sent the wrong part of %1.").arg(subject()),
                                      QStringLiteral("asked for %1, got %2").arg(slot->range.pos).arg(meta.rangeStart)));
            return;
        }
        if (validatorChanged) {
            // If-Range should have prevented this; never stitch two versions together.
            m_contentChanged = true;
            qCInfo(lcDownload) << "task" << m_id << "changed on the server; starting over";
            startFresh();
            ensureStreams();
            return;
        }
    } else if (bytesWritten(ranges()) > 0 || slot->range.pos > 0 || m_slots.size() > 1) {
        // 200 to a Range request: either the file changed (If-Range did its job) or the server
        // ignores ranges. Either way this body is the whole file: start over and keep reading it.
        m_contentChanged = m_contentChanged || validatorChanged;
        m_rangesIgnored = m_rangesIgnored || !validatorChanged;
        qCInfo(lcDownload) << "task" << m_id << (validatorChanged ? "changed on the server" : "server ignored Range")
                           << "; starting over from byte 0";
        RangeStream *keep = slot->stream;
        slot->stream = nullptr;
        startFresh();
        Slot &fresh = m_slots.first();
        fresh.stream = keep;
        fresh.requestedEnd = -1;
        // The stream's sink and signals are bound to the old key: re-key the fresh slot.
        fresh.key = key;
        slot = &fresh;
    }
    if (m_validator.isEmpty() || meta.status == 200)
        m_validator = meta.validator;
    if (meta.total >= 0) {
        m_total = meta.total;
        if (m_slots.last().range.end < 0)
            m_slots.last().range.end = meta.total;
    }
    if (m_state == TaskState::Connecting)
        setState(TaskState::Downloading);
    ensureStreams();
}

bool DownloadTask::onData(int key, const char *data, qint64 size)
{
    Slot *slot = slotFor(key);
    if (!slot || !occupiesSlot())
        return false;
    qint64 take = size;
    if (slot->range.end >= 0)
        take = qMin(take, slot->range.end - slot->range.pos);
    if (take > 0) {
        const qint64 written = m_file.writeAt(slot->range.pos, data, take);
        slot->range.pos += written;
        m_bytesSinceSync += written;
        if (written < take) {
            onWriteError();
            return false;
        }
    }
    if (slot->range.isDone() && slot->requestedEnd != slot->range.end) {
        // We shortened this range (split): stop its request here.
        stopStream(*slot);
        onSegmentDone();
        return false;
    }
    maybeHash();
    maybeSync(false);
    return true;
}

void DownloadTask::onStreamCompleted(int key)
{
    Slot *slot = slotFor(key);
    if (!slot)
        return;
    stopStream(*slot);
    if (slot->range.end < 0) {
        slot->range.end = slot->range.pos;  // the size was unknown: the body's end is the file's
        m_total = slot->range.pos;
    }
    if (!slot->range.isDone()) {
        onStreamFailed(key,
                       Net::HttpError::make(Net::ErrorKind::Network,
                                            QStringLiteral("The server ended %1 early; resuming.").arg(subject()),
                                            QStringLiteral("body ended at %1 of %2").arg(slot->range.pos).arg(slot->range.end)),
                       1);
        return;
    }
    onSegmentDone();
}

void DownloadTask::onSegmentDone()
{
    bool all = true;
    for (const Slot &slot : std::as_const(m_slots))
        all = all && slot.range.isDone();
    if (all) {
        beginVerify();
        return;
    }
    ensureStreams();
}

void DownloadTask::onStreamFailed(int key, const Net::HttpError &error, qint64 delivered)
{
    Slot *slot = slotFor(key);
    if (!slot)
        return;
    stopStream(*slot);
    if (!occupiesSlot())
        return;
    if (!error.isRetryable()) {
        fail(error);
        return;
    }
    // A failure after progress starts a new count: a flaky but moving download never gives up.
    m_attempts = delivered > 0 ? 1 : m_attempts + 1;
    if (m_attempts >= m_options.maxAttempts) {
        Net::HttpError final = error;
        final.message = QStringLiteral("Gave up on %1 after %2 attempts: %3")
                            .arg(subject()).arg(m_attempts).arg(error.message);
        fail(final);
        return;
    }
    const std::chrono::milliseconds delay = m_backoff.delayFor(m_attempts, error.retryAfter);
    slot->notBefore = QDeadlineTimer(delay);
    m_error = error;
    m_error.message = error.message + QStringLiteral(" Retrying in %1 s.").arg(seconds(delay));
    qCInfo(lcDownload) << "task" << m_id << "retry" << m_attempts << "in" << delay.count() << "ms:" << error.detail;
    if (openStreams() == 0 && m_state == TaskState::Downloading)
        setState(TaskState::Connecting);
    Q_EMIT changed();
    armRetryTimer();
}

void DownloadTask::onWriteError()
{
    const QString where = Library::StorageLayout::partialPath(m_request.destination);
    if (m_file.diskFull()) {
        const qint64 left = bytesTotal() >= 0 ? bytesTotal() - bytesDone() : -1;
        pause(Net::HttpError::make(
            Net::ErrorKind::DiskFull,
            QStringLiteral("The disk is full: %1 needs %2 more. Free some space, then resume.")
                .arg(subject(), left >= 0 ? formatBytes(left) : QStringLiteral("more space")),
            where));
        return;
    }
    fail(Net::HttpError::make(Net::ErrorKind::DiskError,
                              QStringLiteral("Could not write %1 to disk: %2").arg(subject(), m_file.errorString()),
                              where));
}

// --- periodic work ------------------------------------------------------------------------------

void DownloadTask::tick()
{
    const qint64 done = bytesDone();
    if (!m_tickClock.isValid() || m_lastTickBytes < 0) {
        m_tickClock.start();
        m_lastTickBytes = done;
    } else if (m_tickClock.elapsed() >= 200) {
        const double instant = double(qMax<qint64>(0, done - m_lastTickBytes)) * 1000.0
                               / double(m_tickClock.restart());
        m_speed = m_speed <= 0 ? instant : 0.7 * m_speed + 0.3 * instant;
        if (done != m_lastTickBytes || m_state == TaskState::Downloading)
            Q_EMIT changed();
        m_lastTickBytes = done;
    }
    if (!occupiesSlot()) {
        m_speed = 0;
        return;
    }
    const qint64 stallMs = m_options.stallTimeout.count();
    for (Slot &slot : m_slots) {
        if (!slot.stream || slot.stream->idleMs() < stallMs)
            continue;
        const bool headers = slot.stream->hasHeaders();
        const qint64 delivered = slot.stream->delivered();
        onStreamFailed(slot.key,
                       Net::HttpError::make(
                           headers ? Net::ErrorKind::Stalled : Net::ErrorKind::Timeout,
                           headers ? QStringLiteral("The server stopped sending %1 for %2 s; reconnecting.")
                                         .arg(subject()).arg(stallMs / 1000)
                                   : QStringLiteral("The server did not answer for %1 s.").arg(stallMs / 1000),
                           QStringLiteral("no byte for %1 ms").arg(stallMs)),
                       delivered);
        break;  // the slot list may have changed
    }
    maybeSync(false);
}

// --- hashing, durability, verification ----------------------------------------------------------

qint64 DownloadTask::contiguousEnd() const
{
    qint64 end = 0;
    for (const Slot &slot : m_slots) {
        if (slot.range.start != end)
            break;
        if (!slot.range.isDone())
            return slot.range.pos;
        end = slot.range.end;
    }
    return end;
}

void DownloadTask::resetHash()
{
    ++m_generation;
    m_hash = std::make_shared<Util::Sha256>();
    m_hashedTo = 0;
    m_hashBusy = false;
}

void DownloadTask::maybeHash()
{
    if (m_hashBusy)
        return;
    const qint64 prefix = contiguousEnd();
    if (prefix - m_hashedTo < kHashStep)
        return;
    m_hashBusy = true;
    const int generation = m_generation;
    const QString path = m_file.path();
    const std::shared_ptr<Util::Sha256> hash = m_hash;
    const qint64 from = m_hashedTo;
    QtConcurrent::run(m_env.io, [path, hash, from, prefix] {
        return FileVerifier::hashRange(path, hash, from, prefix);
    }).then(this, [this, generation](qint64 reached) {
        if (generation != m_generation)
            return;
        m_hashBusy = false;
        m_hashedTo = reached;
        if (m_verifyWaiting)
            runVerify();
        else
            maybeHash();
    });
}

void DownloadTask::maybeSync(bool force)
{
    if (m_syncBusy || m_bytesSinceSync == 0 || !m_file.isOpen())
        return;
    if (!m_sinceSync.isValid())
        m_sinceSync.start();
    if (!force && m_bytesSinceSync < m_options.flushBytes
        && m_sinceSync.elapsed() < m_options.flushInterval.count())
        return;
    const int fd = m_file.duplicateDescriptor();
    if (fd < 0)
        return;
    m_syncBusy = true;
    m_bytesSinceSync = 0;
    m_sinceSync.restart();
    const QList<Segment> snapshot = ranges();
    const int generation = m_generation;
    QtConcurrent::run(m_env.io, [fd] { return PartialFile::syncAndClose(fd); })
        .then(this, [this, snapshot, generation](int error) {
            m_syncBusy = false;
            if (generation != m_generation)
                return;
            if (error == 0) {
                m_durable = snapshot;  // these bytes are on disk: now the journal may say so
                Q_EMIT progressDurable();
            } else {
                qCWarning(lcDownload) << "task" << m_id << "fdatasync failed, errno" << error;
            }
            if (occupiesSlot() || m_state == TaskState::Verifying)
                return;
            if (m_bytesSinceSync > 0)
                maybeSync(true);  // bytes written while this sync ran
            else
                m_file.close();   // idle tasks hold no descriptor
        });
}

void DownloadTask::beginVerify()
{
    stopAllStreams();
    m_retryTimer.stop();
    setState(TaskState::Verifying);
    m_verifyWaiting = true;
    if (!m_hashBusy)
        runVerify();
}

void DownloadTask::runVerify()
{
    m_verifyWaiting = false;
    m_file.close();
    const int generation = m_generation;
    const QString path = Library::StorageLayout::partialPath(m_request.destination);
    const std::shared_ptr<Util::Sha256> hash = m_hash;
    const qint64 from = m_hashedTo;
    const FileRequest request = m_request;
    m_hashBusy = true;
    QtConcurrent::run(m_env.io, [path, hash, from, request] {
        return FileVerifier::verifyAndCommit(path, hash, from, request);
    }).then(this, [this, generation](const VerifyOutcome &outcome) {
        if (generation != m_generation)
            return;
        m_hashBusy = false;
        onVerified(outcome);
    });
}

void DownloadTask::onVerified(const VerifyOutcome &outcome)
{
    if (m_state != TaskState::Verifying)
        return;
    switch (outcome.result) {
    case VerifyOutcome::Result::Committed:
        m_finalPath = Library::StorageLayout::finalPath(m_request.destination);
        m_total = outcome.actualSize;
        m_error = {};
        m_attempts = 0;
        // A copy quarantined by an earlier failed check has served its purpose.
        QFile::remove(FileVerifier::quarantinePath(Library::StorageLayout::partialPath(m_request.destination)));
        qCInfo(lcDownload) << "task" << m_id << "verified and committed" << m_finalPath;
        setState(TaskState::Completed);
        return;
    case VerifyOutcome::Result::Error:
        m_error = Net::HttpError::make(Net::ErrorKind::DiskError, outcome.error);
        setState(TaskState::Failed);
        return;
    case VerifyOutcome::Result::HashMismatch:
    case VerifyOutcome::Result::SizeMismatch:
        break;
    }
    const QString what = outcome.result == VerifyOutcome::Result::HashMismatch
                             ? QStringLiteral("its SHA-256 %1… is not the hub's %2…")
                                   .arg(outcome.actualSha256.left(12), m_request.expectedSha256.left(12))
                             : QStringLiteral("it has %1 bytes, not %2")
                                   .arg(outcome.actualSize).arg(m_request.expectedSize);
    qCWarning(lcDownload) << "task" << m_id << "verification failed:" << what;
    if (!m_contentChanged && m_hashRetries < 1) {
        // One clean re-download: a corrupted transfer is worth a second try, a wrong listing is not.
        ++m_hashRetries;
        m_slots.clear();
        m_validator.clear();
        m_durable.clear();
        m_error = Net::HttpError::make(Net::ErrorKind::HashMismatch,
                                       QStringLiteral("%1 failed verification (%2); downloading it again.")
                                           .arg(subject(), what));
        setState(TaskState::Queued);
        return;
    }
    const QString kept = outcome.quarantinePath.isEmpty()
                             ? QString()
                             : QStringLiteral(" The bad copy was kept as %1.").arg(outcome.quarantinePath);
    m_error = Net::HttpError::make(
        Net::ErrorKind::HashMismatch,
        m_contentChanged
            ? QStringLiteral("%1 changed on the hub during the download and no longer matches the listed "
                             "checksum (%2). Refresh the model and download it again.%3")
                  .arg(subject(), what, kept)
            : QStringLiteral("%1 failed verification twice (%2). The hub's copy may be damaged; try again "
                             "later.%3")
                  .arg(subject(), what, kept),
        QStringLiteral("sha256 %1 expected %2").arg(outcome.actualSha256, m_request.expectedSha256));
    m_slots.clear();
    m_durable.clear();
    setState(TaskState::Failed);
}

} // namespace Download
