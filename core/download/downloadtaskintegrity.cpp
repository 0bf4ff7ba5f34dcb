// DownloadTask, part three: the running SHA-256 of the written prefix, durability (fdatasync
// before the journal may count bytes) and the final verification and commit, all on the I/O pool.

#include "download/downloadtask.h"

#include "download/filedigest.h"
#include "download/fileverifier.h"
#include "library/storagelayout.h"
#include "util/futurewatch.h"
#include "util/logging.h"

#include <QFile>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace Download {

namespace {

constexpr qint64 kHashStep = 4 * 1024 * 1024;   // hash the written prefix in steps this big

} // namespace

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
    // Files kept in git (not LFS) are checked by their git blob id, whose header names the size.
    const bool git = !m_request.expectedGitOid.isEmpty() && m_request.expectedSize >= 0;
    m_hash = std::make_shared<FileDigest>(git ? m_request.expectedSize : -1);
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
    const std::shared_ptr<FileDigest> hash = m_hash;
    const qint64 from = m_hashedTo;
    Util::whenFinished(this, QtConcurrent::run(m_env.io, [path, hash, from, prefix] {
        return FileVerifier::hashRange(path, hash, from, prefix);
    }), [this, generation](qint64 reached) {
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
    Util::whenFinished(this, QtConcurrent::run(m_env.io, [fd] { return PartialFile::syncAndClose(fd); }),
        [this, snapshot, generation](int error) {
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
    const std::shared_ptr<FileDigest> hash = m_hash;
    const qint64 from = m_hashedTo;
    const FileRequest request = m_request;
    const QList<Destination> links = m_links;
    m_hashBusy = true;
    Util::whenFinished(this, QtConcurrent::run(m_env.io, [path, hash, from, request, links] {
        return FileVerifier::verifyAndCommit(path, hash, from, request, links);
    }), [this, generation](const VerifyOutcome &outcome) {
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
    const bool shaWrong = !m_request.expectedSha256.isEmpty() && outcome.actualSha256 != m_request.expectedSha256;
    const QString what = outcome.result == VerifyOutcome::Result::SizeMismatch
                             ? QStringLiteral("it has %1 bytes, not %2")
                                   .arg(outcome.actualSize).arg(m_request.expectedSize)
                         : shaWrong
                             ? QStringLiteral("its SHA-256 %1… is not the hub's %2…")
                                   .arg(outcome.actualSha256.left(12), m_request.expectedSha256.left(12))
                             : QStringLiteral("its git blob id %1… is not the hub's %2…")
                                   .arg(outcome.actualGitOid.left(12), m_request.expectedGitOid.left(12));
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
