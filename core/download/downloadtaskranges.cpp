// DownloadTask, part two: the ranges of a file and the streams that fetch them — starting,
// splitting and stopping streams, checking responses, writing bytes at their offsets, retries.

#include "download/downloadtask.h"

#include "download/connectionlanes.h"
#include "download/rangestream.h"
#include "library/storagelayout.h"
#include "util/bytesizes.h"
#include "util/logging.h"

namespace Download {

namespace {

constexpr qint64 kSplitAlign = 64 * 1024;

QString seconds(std::chrono::milliseconds ms)
{
    return QString::number(qMax<qint64>(1, (ms.count() + 500) / 1000));
}

} // namespace

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

int DownloadTask::streamTarget() const
{
    // Ranges left over (a resumed file, a server that stopped allowing splits) are fetched one
    // after the other when the file may not be split.
    return allowSegments() ? qMax(1, qMin(m_split.target(), m_options.maxSegments)) : 1;
}

qint64 DownloadTask::chunkSize() const
{
    // About one second of one stream's transfer: long enough that a request's round trip is
    // small beside it, short enough that the ranges in flight stay close to the hashed prefix.
    const qint64 perStream = qint64(m_speed / qMax(1, receivingStreams()));
    const qint64 floor = qMax(m_options.minChunk, 2 * m_options.minSegmentSize);
    qint64 chunk = qBound(floor, perStream, qMax(floor, m_options.maxChunk));
    return chunk - chunk % kSplitAlign;
}

void DownloadTask::boundToChunk(qsizetype index)
{
    // A range about to get a stream asks for one chunk; the rest waits, in order, for the
    // next free stream.
    if (!allowSegments())
        return;
    Slot &slot = m_slots[index];
    const qint64 chunk = chunkSize();
    if (slot.stream || slot.range.end < 0 || slot.range.remaining() < chunk + m_options.minSegmentSize)
        return;
    qint64 mid = slot.range.pos + chunk;
    mid -= mid % kSplitAlign;
    if (mid <= slot.range.pos)
        return;
    Slot rest = newSlot(Segment{mid, mid, slot.range.end});
    slot.range.end = mid;
    m_slots.insert(index + 1, rest);
}

void DownloadTask::mergeFinishedRanges()
{
    // Finished neighbours become one range, so the list (and the journal) stays short however
    // many chunks a file took.
    for (qsizetype i = 1; i < m_slots.size();) {
        Slot &before = m_slots[i - 1];
        const Slot &after = m_slots.at(i);
        if (!before.stream && !after.stream && before.range.isDone() && after.range.isDone()
            && before.range.end == after.range.start) {
            before.range.end = after.range.end;
            before.range.pos = after.range.end;
            m_slots.removeAt(i);
        } else {
            ++i;
        }
    }
}

void DownloadTask::ensureStreams()
{
    if (!occupiesSlot())
        return;
    for (qsizetype i = 0; i < m_slots.size(); ++i) {
        const Slot &slot = m_slots.at(i);
        if (slot.stream || slot.range.isDone())
            continue;
        if (!slot.notBefore.hasExpired())
            continue;
        // Until the first response names a validator, one request at a time: later ranges need
        // If-Range to be safe.
        if (openStreams() > 0
            && (m_validator.isEmpty() || openStreams() >= streamTarget() || !m_env.lanes->hasRoom(m_request.url)))
            break;
        boundToChunk(i);
        startStream(m_slots[i]);
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
    while (openStreams() < streamTarget() && m_env.lanes->hasRoom(m_request.url)) {
        // A range waiting for a stream goes first (ensureStreams starts it); only when none is
        // left is a running range split.
        for (const Slot &slot : std::as_const(m_slots)) {
            if (!slot.stream && !slot.range.isDone() && slot.notBefore.hasExpired())
                return;
        }
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
        // A long range (the first, open-ended request) keeps one chunk; a short one is halved.
        const qint64 chunk = chunkSize();
        qint64 mid = victim.range.pos + (victim.range.remaining() > 2 * chunk ? chunk : victim.range.remaining() / 2);
        mid -= mid % kSplitAlign;
        if (mid <= victim.range.pos)
            return;
        Slot tail = newSlot(Segment{mid, mid, victim.range.end});
        victim.range.end = mid;  // its request runs on; onData stops it at the new end
        m_slots.insert(best + 1, tail);
        qCDebug(lcDownload) << "task" << m_id << "split at" << mid;
        boundToChunk(best + 1);
        startStream(m_slots[best + 1]);
    }
}

void DownloadTask::startStream(Slot &slot)
{
    RangeStream::Params params;
    params.url = m_resolvedUrl.isValid() ? m_resolvedUrl : m_request.url;
    params.hubUrl = m_resolvedUrl.isValid() ? m_request.url : QUrl();
    params.offset = slot.range.pos;
    const bool bounded = slot.range.end >= 0 && m_total >= 0 && slot.range.end < m_total;
    params.sendRange = slot.range.pos > 0 || bounded;
    params.end = bounded ? slot.range.end : -1;
    params.ifRange = params.sendRange ? m_validator : QString();
    params.subject = subject();
    params.expectedSha256 = m_request.expectedSha256;
    params.readBufferSize = m_options.readBufferSize;
    params.lane = m_env.lanes->acquire(m_request.url);
    slot.requestedEnd = params.end;
    slot.epoch = m_failureEpoch;

    auto *stream = new RangeStream(m_env.session, m_env.rate, params, this);
    const int key = slot.key;
    slot.stream = stream;
    stream->holdLane(m_env.lanes);
    stream->setSink([this, key](const char *data, qint64 size) { return onData(key, data, size); });
    connect(stream, &RangeStream::headersReceived, this,
            [this, key](const ResponseMeta &meta) { onHeaders(key, meta); });
    connect(stream, &RangeStream::failed, this, [this, key](const Net::HttpError &error) {
        onStreamFailed(key, error);
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
        const auto [served, listed] = Util::ByteSizes::distinct(meta.total, m_request.expectedSize);
        fail(Net::HttpError::make(
            Net::ErrorKind::BadResponse,
            QStringLiteral("The hub now serves %1 with a different size (%2 instead of %3); refresh the "
                           "model and download it again.")
                .arg(subject(), served, listed),
            QStringLiteral("size %1 != expected %2").arg(meta.total).arg(m_request.expectedSize)));
        return;
    }
    const bool validatorChanged = !m_validator.isEmpty() && !meta.validator.isEmpty()
                                  && meta.validator != m_validator;
    if (meta.status == 206) {
        if (!checkContentRange(*slot, meta))
            return;
        if (validatorChanged) {
            // If-Range should have prevented this; never stitch two versions together.
            m_contentChanged = true;
            qCInfo(lcDownload) << "task" << m_id << "changed on the server; starting over";
            const bool goOn = spendAttempt(Net::HttpError::make(
                Net::ErrorKind::ServerError,
                QStringLiteral("%1 changed on the server during the download.").arg(subject()),
                QStringLiteral("validator %1 -> %2").arg(m_validator, meta.validator)), slot->epoch);
            if (!goOn)
                return;
            startFresh();
            ensureStreams();
            return;
        }
    } else if (bytesWritten(ranges()) > 0 || slot->range.pos > 0 || m_slots.size() > 1) {
        // 200 to a Range request: either the file changed (If-Range did its job) or the server
        // ignores ranges. Either way this body is the whole file: start over and keep reading
        // it. It spends an attempt, so a server that ignores Range and cuts every body off
        // cannot keep us starting over.
        m_contentChanged = m_contentChanged || validatorChanged;
        m_rangesIgnored = m_rangesIgnored || !validatorChanged;
        qCInfo(lcDownload) << "task" << m_id << (validatorChanged ? "changed on the server" : "server ignored Range")
                           << "; starting over from byte 0";
        const bool goOn = spendAttempt(Net::HttpError::make(
            Net::ErrorKind::BadResponse,
            validatorChanged ? QStringLiteral("%1 changed on the server during the download.").arg(subject())
                             : QStringLiteral("The server would not resume %1 where it stopped.").arg(subject()),
            QStringLiteral("200 to a Range request")), slot->epoch);
        if (!goOn)
            return;
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
    if (!m_resolvedUrl.isValid() && meta.finalUrl.isValid() && !RangeStream::sameOrigin(meta.finalUrl, m_request.url))
        m_resolvedUrl = meta.finalUrl;
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

bool DownloadTask::checkContentRange(const Slot &slot, const ResponseMeta &meta)
{
    // A 206 must be exactly the part asked for, of a file of the size we know: anything else
    // would put bytes at the wrong offsets.
    const qint64 known = m_total >= 0 ? m_total : m_request.expectedSize;
    const qint64 wantedEnd = slot.requestedEnd >= 0 ? slot.requestedEnd : known;
    QString wrong;
    if (meta.rangeStart != slot.range.pos)
        wrong = QStringLiteral("asked from %1, got from %2").arg(slot.range.pos).arg(meta.rangeStart);
    else if (wantedEnd >= 0 && meta.rangeEnd >= 0 && meta.rangeEnd != wantedEnd)
        wrong = QStringLiteral("asked up to %1, got up to %2").arg(wantedEnd).arg(meta.rangeEnd);
    else if (known >= 0 && meta.total >= 0 && meta.total != known)
        wrong = QStringLiteral("file of %1 bytes, got part of %2").arg(known).arg(meta.total);
    if (wrong.isEmpty())
        return true;
    fail(Net::HttpError::make(Net::ErrorKind::BadResponse,
                              QStringLiteral("The server sent the wrong part of %1.").arg(subject()),
                              QStringLiteral("Content-Range: ") + wrong));
    return false;
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
                                            QStringLiteral("The server ended %1 early.").arg(subject()),
                                            QStringLiteral("body ended at %1 of %2").arg(slot->range.pos).arg(slot->range.end)));
        return;
    }
    onSegmentDone();
}

void DownloadTask::onSegmentDone()
{
    mergeFinishedRanges();
    bool all = true;
    for (const Slot &slot : std::as_const(m_slots))
        all = all && slot.range.isDone();
    if (all) {
        beginVerify();
        return;
    }
    ensureStreams();
}

void DownloadTask::onStreamFailed(int key, const Net::HttpError &error)
{
    Slot *slot = slotFor(key);
    if (!slot)
        return;
    stopStream(*slot);
    if (!occupiesSlot())
        return;
    if (error.kind == Net::ErrorKind::RangeNotSatisfiable) {
        handleRangeNotSatisfiable(error, slot->epoch);
        return;
    }
    if (!error.isRetryable()) {
        fail(error);
        return;
    }
    if (error.kind == Net::ErrorKind::LinkExpired)
        m_resolvedUrl.clear();  // the next request asks the hub for a fresh link
    if (!spendAttempt(error, slot->epoch))
        return;
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

void DownloadTask::handleRangeNotSatisfiable(const Net::HttpError &error, int startedInEpoch)
{
    // 416: the server has no bytes where we resumed, so the partial file does not belong to
    // the file it serves now (it shrank or changed). Start over from byte 0, as its message
    // promises; counted as an attempt so a server that keeps refusing cannot loop us.
    if (!spendAttempt(error, startedInEpoch))
        return;
    qCInfo(lcDownload) << "task" << m_id << "416 on resume; starting over:" << error.detail;
    startFresh();
    m_error = error;
    if (m_state == TaskState::Downloading)
        setState(TaskState::Connecting);
    Q_EMIT changed();
    ensureStreams();
}

bool DownloadTask::spendAttempt(const Net::HttpError &error, int startedInEpoch)
{
    if (startedInEpoch < m_failureEpoch && m_attempts > 0)
        return true;  // part of an attempt already counted
    ++m_failureEpoch;
    // New ground: bytes past the most the file ever had, at least a small share of it (64 KiB
    // to 1 MiB). Re-fetching what was lost to a restart is not progress.
    m_highWater = qMax(m_highWater, bytesDone());
    const qint64 total = bytesTotal();
    const qint64 newGround = total > 0 ? qBound(qint64(64 * 1024), total / 16, qint64(1024 * 1024)) : 1024 * 1024;
    if (m_highWater - m_groundAtFailure >= newGround)
        m_attempts = 0;
    m_groundAtFailure = m_highWater;
    ++m_attempts;
    if (m_attempts < m_options.maxAttempts)
        return true;
    Net::HttpError final = error;
    final.message = QStringLiteral("Gave up on %1 after %2 failed attempts. Last: %3 Retry it later, or "
                                   "ask the hub's maintainers if it keeps failing.")
                        .arg(subject()).arg(m_attempts).arg(error.message);
    fail(final);
    return false;
}

DownloadTask::Slot DownloadTask::newSlot(const Segment &range)
{
    Slot slot;
    slot.key = m_nextKey++;
    slot.range = range;
    return slot;
}

void DownloadTask::onWriteError()
{
    const QString where = Library::StorageLayout::partialPath(m_request.destination);
    if (m_file.diskFull()) {
        // The pool watches the free space and resumes the task once the rest fits.
        pause(diskFullError());
        return;
    }
    fail(Net::HttpError::make(Net::ErrorKind::DiskError,
                              QStringLiteral("Could not write %1 to disk: %2").arg(subject(), m_file.errorString()),
                              where));
}

} // namespace Download
