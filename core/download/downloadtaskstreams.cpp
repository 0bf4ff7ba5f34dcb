// DownloadTask, part two: what its streams report. Requests are opened for the ranges the
// planner names; responses are checked (a 206 must be exactly the part asked for, a 200 to a
// Range request starts the file over), bytes are written at their offsets, failures are retried
// within the attempt budget, and the final check's verdict is turned into a state.

#include "download/connectionlanes.h"
#include "download/downloadtask.h"
#include "download/xetsession.h"
#include "library/storagelayout.h"
#include "util/bytesizes.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QFile>

namespace Download {

namespace {

QString seconds(std::chrono::milliseconds ms)
{
    return QString::number(qMax<qint64>(1, (ms.count() + 500) / 1000));
}

}  // namespace

// --- requests -----------------------------------------------------------------------------------

qint64 DownloadTask::chunkSize() const
{
    return m_planner.chunkSize(m_speed.speed(), receivingStreams());
}

void DownloadTask::ensureStreams()
{
    if (!occupiesSlot() || (m_xet && m_xet->busy()))
        return;  // (or the ranges wait for the file's Xet reconstruction)
    // A file resumed from an earlier Xet run asks the hub once, which offers Xet again (or not).
    const bool xetProbe = !m_xetPlan.isActive() && m_planner.validator().startsWith(QLatin1String("xet:"));
    for (qsizetype i = m_planner.nextDue(); i >= 0; i = m_planner.nextDue(i + 1)) {
        const int open = openStreams();
        if (!m_planner.wantsAnotherStream(open) || (open > 0 && (xetProbe || !m_env.lanes->hasRoom(m_request.url))))
            break;
        m_planner.boundToChunk(i, chunkSize());
        startStream(i);
    }
    armRetryTimer();
    if (openStreams() > 0)
        rebalance();
}

void DownloadTask::armRetryTimer()
{
    if (const std::optional<std::chrono::milliseconds> wait = m_planner.nextRetryIn())
        m_retryTimer.start(int(qMax<qint64>(1, wait->count())));
}

void DownloadTask::rebalance()
{
    if (!m_planner.splittable())
        return;
    while (openStreams() < m_planner.streamTarget() && m_env.lanes->hasRoom(m_request.url)) {
        const qsizetype tail = m_planner.splitRunning(chunkSize());
        if (tail < 0)
            return;
        qCDebug(lcDownload) << "task" << m_id << "split at" << m_planner.at(tail).segment.start;
        m_planner.boundToChunk(tail, chunkSize());
        startStream(tail);
    }
}

void DownloadTask::startStream(qsizetype index)
{
    if (m_xetPlan.isActive()) {
        startXetStream(index);
        return;
    }
    const RangePlanner::Request ask = m_planner.request(index, m_budget.epoch());
    RangeStream::Params params;
    params.url = m_resolvedUrl.isValid() ? m_resolvedUrl : m_request.url;
    params.hubUrl = m_resolvedUrl.isValid() ? m_request.url : QUrl();
    params.offset = ask.offset;
    params.sendRange = ask.sendRange;
    params.end = ask.end;
    params.ifRange = ask.ifRange;
    params.subject = subject();
    params.expectedSha256 = m_request.expectedSha256;
    params.readBufferSize = m_options.readBufferSize;
    // Only the hub's own answer can offer Xet; a link it handed out earlier is plain storage.
    params.acceptXet = m_options.xet && !m_xetRefused && !m_resolvedUrl.isValid();
    m_streams.open(ask.key, params);
}

void DownloadTask::stopStream(int key)
{
    m_streams.stop(key);
    stopXetStream(key);
    m_planner.release(key);
}

void DownloadTask::stopAllStreams()
{
    m_streams.stopAll();
    m_xetStreams.clear();
    m_xetCopies = 0;
    m_planner.releaseAll();
}

void DownloadTask::drainStreams()
{
    // In range order; a drained range may finish the file (then the task is verifying).
    for (qsizetype i = 0; i < m_planner.size() && occupiesSlot(); ++i)
        m_streams.drain(m_planner.at(i).key);
}

// --- responses and data -------------------------------------------------------------------------

void DownloadTask::onHeaders(int key, const ResponseMeta &meta)
{
    if (meta.xet.isXet()) {
        onXetOffered(key, meta);
        return;
    }
    if (m_xetPlan.isActive()) {
        onXetHeaders(key, meta);
        return;
    }
    const RangePlanner::Range *range = m_planner.find(key);
    if (!range)
        return;
    if (m_request.expectedSize >= 0 && meta.total >= 0 && meta.total != m_request.expectedSize) {
        const auto [served, listed] = Util::ByteSizes::distinct(meta.total, m_request.expectedSize);
        fail(Net::HttpError::make(
            Net::ErrorKind::BadResponse,
            QCoreApplication::translate("Download::DownloadTask",
                                        "The hub now serves %1 with a different size (%2 instead of %3); refresh the "
                                        "model and download it again.")
                .arg(subject(), served, listed),
            QStringLiteral("size %1 != expected %2").arg(meta.total).arg(m_request.expectedSize)));
        return;
    }
    const QString validator = m_planner.validator();
    const bool validatorChanged = !validator.isEmpty() && !meta.validator.isEmpty() && meta.validator != validator;
    if (meta.status == 206) {
        const QString wrong =
            m_planner.contentRangeProblem(key, meta.rangeStart, meta.rangeEnd, meta.total, m_request.expectedSize);
        if (!wrong.isEmpty()) {
            fail(Net::HttpError::make(
                Net::ErrorKind::BadResponse,
                QCoreApplication::translate("Download::DownloadTask", "The server sent the wrong part of %1.")
                    .arg(subject()),
                QStringLiteral("Content-Range: ") + wrong));
            return;
        }
        if (validatorChanged) {
            // If-Range should have prevented this; never stitch two versions together.
            m_contentChanged = true;
            qCInfo(lcDownload) << "task" << m_id << "changed on the server; starting over";
            const bool goOn = spendAttempt(
                Net::HttpError::make(Net::ErrorKind::ServerError,
                                     QCoreApplication::translate("Download::DownloadTask",
                                                                 "%1 changed on the server during the download.")
                                         .arg(subject()),
                                     QStringLiteral("validator %1 -> %2").arg(validator, meta.validator)),
                range->epoch);
            if (!goOn)
                return;
            startFresh();
            ensureStreams();
            return;
        }
    } else if (m_planner.bytesWritten() > 0 || range->segment.pos > 0 || m_planner.size() > 1) {
        // 200 to a Range request: either the file changed (If-Range did its job) or the server
        // ignores ranges. Either way this body is the whole file: start over and keep reading
        // it. It spends an attempt, so a server that ignores Range and cuts every body off
        // cannot keep us starting over.
        m_contentChanged = m_contentChanged || validatorChanged;
        if (!validatorChanged)
            m_planner.setRangesIgnored(true);
        qCInfo(lcDownload) << "task" << m_id << (validatorChanged ? "changed on the server" : "server ignored Range")
                           << "; starting over from byte 0";
        const bool goOn = spendAttempt(
            Net::HttpError::make(Net::ErrorKind::BadResponse,
                                 validatorChanged
                                     ? QCoreApplication::translate("Download::DownloadTask",
                                                                   "%1 changed on the server during the download.")
                                           .arg(subject())
                                     : QCoreApplication::translate("Download::DownloadTask",
                                                                   "The server would not resume %1 where it stopped.")
                                           .arg(subject()),
                                 QStringLiteral("200 to a Range request")),
            range->epoch);
        if (!goOn)
            return;
        startFresh(key);  // this stream goes on, as the one range of the file
    }
    if (!m_resolvedUrl.isValid() && meta.finalUrl.isValid() && !RangeStream::sameOrigin(meta.finalUrl, m_request.url))
        m_resolvedUrl = meta.finalUrl;
    if (m_planner.validator().isEmpty() || meta.status == 200)
        m_planner.setValidator(meta.validator);
    if (meta.total >= 0)
        m_planner.learnTotal(meta.total);
    if (m_state == TaskState::Connecting)
        setState(TaskState::Downloading);
    ensureStreams();
}

bool DownloadTask::onData(int key, const char *data, qint64 size)
{
    if (m_xetPlan.isActive())
        return onXetData(key, data, size);
    const RangePlanner::Range *range = m_planner.find(key);
    if (!range || !occupiesSlot())
        return false;
    const qint64 take = m_planner.room(key, size);
    if (take > 0) {
        const qint64 written = m_file.writeAt(range->segment.pos, data, take);
        m_planner.advance(key, written);
        m_integrity.written(written);
        if (written < take) {
            onWriteError();
            return false;
        }
    }
    if (m_planner.cutShort(key)) {
        // We shortened this range (split): stop its request here.
        stopStream(key);
        onSegmentDone();
        return false;
    }
    m_integrity.hashAhead();
    m_integrity.sync(false);
    return true;
}

void DownloadTask::onStreamCompleted(int key)
{
    if (!m_planner.find(key))
        return;
    stopStream(key);
    m_planner.closeOpenEnd(key);  // the size was unknown: the body's end is the file's
    const Segment segment = m_planner.find(key)->segment;
    if (!segment.isDone()) {
        onStreamFailed(
            key, Net::HttpError::make(
                     Net::ErrorKind::Network,
                     QCoreApplication::translate("Download::DownloadTask", "The server ended %1 early.").arg(subject()),
                     QStringLiteral("body ended at %1 of %2").arg(segment.pos).arg(segment.end)));
        return;
    }
    onSegmentDone();
}

void DownloadTask::onSegmentDone()
{
    m_planner.mergeFinished();
    if (m_planner.isEmpty() || m_planner.allDone()) {
        beginVerify();
        return;
    }
    ensureStreams();
}

void DownloadTask::onStreamFailed(int key, const Net::HttpError &error)
{
    const RangePlanner::Range *range = m_planner.find(key);
    if (!range)
        return;
    const int epoch = range->epoch;
    stopStream(key);
    if (!occupiesSlot())
        return;
    if (m_xetPlan.isActive() && error.kind == Net::ErrorKind::LinkExpired) {
        refreshXet(error);
        return;
    }
    if (m_xetPlan.isActive() && !error.isRetryable()) {
        fallBackToPlain(error.detail);  // xorb storage refuses for good: the plain route may not
        return;
    }
    if (error.kind == Net::ErrorKind::RangeNotSatisfiable) {
        handleRangeNotSatisfiable(error, epoch);
        return;
    }
    if (!error.isRetryable()) {
        fail(error);
        return;
    }
    if (error.kind == Net::ErrorKind::LinkExpired)
        m_resolvedUrl.clear();  // the next request asks the hub for a fresh link
    if (!spendAttempt(error, epoch))
        return;
    const std::chrono::milliseconds delay = m_budget.retryDelay(error.retryAfter);
    m_planner.deferRetry(key, delay);
    m_error = error;
    m_error.message =
        error.message + QCoreApplication::translate("Download::DownloadTask", " Retrying in %1 s.").arg(seconds(delay));
    qCInfo(lcDownload) << "task" << m_id << "retry" << m_budget.attempts() << "in" << delay.count()
                       << "ms:" << error.detail;
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
    if (m_budget.spend(startedInEpoch, bytesDone(), bytesTotal(), m_options.maxAttempts))
        return true;
    Net::HttpError final = error;
    final.message = QCoreApplication::translate("Download::DownloadTask",
                                                "Gave up on %1 after %2 failed attempts. Last: %3 Retry it later, or "
                                                "ask the hub's maintainers if it keeps failing.")
                        .arg(subject())
                        .arg(m_budget.attempts())
                        .arg(error.message);
    fail(final);
    return false;
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
                              QCoreApplication::translate("Download::DownloadTask", "Could not write %1 to disk: %2")
                                  .arg(subject(), m_file.errorString()),
                              where));
}

// --- the final check ----------------------------------------------------------------------------

void DownloadTask::beginVerify()
{
    stopAllStreams();
    if (m_xetPlan.isActive())
        qCInfo(lcDownload) << "task" << m_id << "xet: fetched" << m_xetFetched << "bytes, copied" << m_xetCopied
                           << "from local files";
    m_retryTimer.stop();
    setState(TaskState::Verifying);
    m_integrity.verify();
}

void DownloadTask::onVerified(const VerifyOutcome &outcome)
{
    if (m_state != TaskState::Verifying)
        return;
    const IntegrityPipeline::Verdict verdict =
        IntegrityPipeline::judge(outcome, m_request, subject(), m_contentChanged, m_hashRetries);
    if (verdict.action == IntegrityPipeline::Verdict::Action::Complete) {
        recordXetTerms();
    } else if (m_xetUsed) {
        // Built through Xet and wrong: the next run takes the plain route, which the hub's
        // SHA-256 was computed for (the Xet decode checks only lengths).
        qCWarning(lcDownload) << "task" << m_id << "failed its check after a Xet download; the plain route next";
        m_xetRefused = true;
    }
    m_xetPlan.clear();  // a later run asks for a fresh reconstruction
    if (!verdict.reason.isEmpty())
        qCWarning(lcDownload) << "task" << m_id << "verification failed:" << verdict.reason;
    switch (verdict.action) {
    case IntegrityPipeline::Verdict::Action::Complete:
        m_finalPath = Library::StorageLayout::finalPath(m_request.destination);
        m_planner.setTotal(outcome.actualSize);
        m_error = {};
        m_budget.reset();
        // A copy quarantined by an earlier failed check has served its purpose.
        QFile::remove(FileVerifier::quarantinePath(Library::StorageLayout::partialPath(m_request.destination)));
        qCInfo(lcDownload) << "task" << m_id << "verified and committed" << m_finalPath;
        unpackOrComplete();
        return;
    case IntegrityPipeline::Verdict::Action::DownloadAgain:
        ++m_hashRetries;
        m_planner.clear();
        m_planner.setValidator({});
        m_durable.clear();
        m_error = verdict.error;
        setState(TaskState::Queued);
        return;
    case IntegrityPipeline::Verdict::Action::Fail:
        m_error = verdict.error;
        if (outcome.result != VerifyOutcome::Result::Error) {
            m_planner.clear();  // a bad file is started over when it is tried again
            m_durable.clear();
        }
        setState(TaskState::Failed);
        return;
    }
}

void DownloadTask::unpackOrComplete()
{
    const Destination &place = m_request.destination;
    const QString extracted = m_request.archive ? Library::StorageLayout::extractedFolder(place) : QString();
    if (!extracted.isEmpty())
        m_finalPath = extracted;
    else if (m_archive.wanted(m_request)) {
        // Verifying until the folder is in place: the file is not what the user wanted yet.
        setState(TaskState::Verifying);
        m_archive.start(place);
        Q_EMIT changed();
        return;
    }
    complete();
}

void DownloadTask::onExtracted(const Library::ArchiveInstaller::Outcome &outcome)
{
    if (m_state != TaskState::Verifying)
        return;
    m_archiveReport = {};
    if (!outcome.ok) {
        // The verified archive stays where it is; trying again extracts it again.
        m_finalPath = Library::StorageLayout::finalPath(m_request.destination);
        fail(Net::HttpError::make(outcome.diskFull ? Net::ErrorKind::DiskFull : Net::ErrorKind::BadArchive,
                                  outcome.sentence));
        return;
    }
    m_archiveReport.folder = outcome.folder;
    m_archiveReport.files = outcome.result.files + outcome.result.links;
    m_archiveReport.bytes = outcome.result.bytes;
    for (const Library::ArchiveExtractor::Refusal &refusal : outcome.result.refused)
        m_archiveReport.leftOut << refusal.entry + QStringLiteral(": ") + refusal.reason;
    m_archiveReport.sentence = outcome.sentence;
    m_finalPath = outcome.folder;
    qCInfo(lcDownload) << "task" << m_id << "extracted into" << m_finalPath;
    complete();
}

void DownloadTask::onSyncFinished()
{
    if (occupiesSlot() || m_state == TaskState::Verifying)
        return;
    if (m_integrity.unsynced() > 0)
        m_integrity.sync(true);  // bytes written while this sync ran
    else
        m_file.close();  // idle tasks hold no descriptor
}

}  // namespace Download
