#include "download/integritypipeline.h"

#include "download/filedigest.h"
#include "download/partialfile.h"
#include "download/rangeplanner.h"
#include "library/storagelayout.h"
#include "util/futurewatch.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace Download {

namespace {

constexpr qint64 kHashStep = 4 * 1024 * 1024;  // hash the written prefix in steps this big

}  // namespace

IntegrityPipeline::IntegrityPipeline(TaskId id, const FileRequest &request, const QList<Destination> &links,
                                     PartialFile &file, const RangePlanner &planner, const TaskEnvironment &environment,
                                     QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_request(request)
    , m_links(links)
    , m_file(file)
    , m_planner(planner)
    , m_env(environment)
{
}

IntegrityPipeline::~IntegrityPipeline() = default;

void IntegrityPipeline::restart()
{
    ++m_generation;
    // Files kept in git (not LFS) are checked by their git blob id, whose header names the size.
    const bool git = !m_request.expectedGitOid.isEmpty() && m_request.expectedSize >= 0;
    m_hash = std::make_shared<FileDigest>(git ? m_request.expectedSize : -1);
    m_hashedTo = 0;
    m_hashBusy = false;
}

void IntegrityPipeline::discard()
{
    ++m_generation;
}

void IntegrityPipeline::hashAhead()
{
    if (m_hashBusy)
        return;
    const qint64 prefix = m_planner.contiguousEnd();
    if (prefix - m_hashedTo < kHashStep)
        return;
    m_hashBusy = true;
    const int generation = m_generation;
    const QString path = m_file.path();
    const std::shared_ptr<FileDigest> hash = m_hash;
    const qint64 from = m_hashedTo;
    QFuture<qint64> hashing = QtConcurrent::run(
        m_env.io, [path, hash, from, prefix] { return FileVerifier::hashRange(path, hash, from, prefix); });
    Util::whenFinished(this, std::move(hashing), [this, generation](qint64 reached) {
        if (generation != m_generation)
            return;
        m_hashBusy = false;
        m_hashedTo = reached;
        if (m_verifyWaiting)
            runVerify();
        else
            hashAhead();
    });
}

void IntegrityPipeline::sync(bool force)
{
    if (m_syncBusy || m_unsynced == 0 || !m_file.isOpen())
        return;
    const Util::Clock::TimePoint now = m_env.clock->now();
    if (!m_synced) {
        m_synced = true;
        m_lastSync = now;
    }
    if (!force && m_unsynced < m_env.options->flushBytes &&
        Util::msBetween(m_lastSync, now) < m_env.options->flushInterval.count())
        return;
    const int fd = m_file.duplicateDescriptor();
    if (fd < 0)
        return;
    m_syncBusy = true;
    m_unsynced = 0;
    m_lastSync = now;
    const QList<Segment> snapshot = m_planner.segments();
    const int generation = m_generation;
    QFuture<int> syncing = QtConcurrent::run(m_env.io, [fd] { return PartialFile::syncAndClose(fd); });
    Util::whenFinished(this, std::move(syncing), [this, snapshot, generation](int error) {
        m_syncBusy = false;
        if (generation != m_generation)
            return;
        if (error == 0)
            Q_EMIT durable(snapshot);  // these bytes are on disk: now the journal may say so
        else
            qCWarning(lcDownload) << "task" << m_id << "fdatasync failed, errno" << error;
        Q_EMIT syncFinished();
    });
}

void IntegrityPipeline::verify()
{
    m_verifyWaiting = true;
    if (!m_hashBusy)
        runVerify();
}

void IntegrityPipeline::runVerify()
{
    m_verifyWaiting = false;
    m_file.close();
    const int generation = m_generation;
    const QString path = Library::StorageLayout::partialPath(m_request.destination);
    const std::shared_ptr<FileDigest> hash = m_hash;
    const qint64 from = m_hashedTo;
    // Copies as they are now: a link adopted while the check runs is not part of it.
    const FileRequest request = m_request;
    const QList<Destination> links = m_links;
    m_hashBusy = true;
    QFuture<VerifyOutcome> checking = QtConcurrent::run(m_env.io, [path, hash, from, request, links] {
        return FileVerifier::verifyAndCommit(path, hash, from, request, links);
    });
    Util::whenFinished(this, std::move(checking), [this, generation](const VerifyOutcome &outcome) {
        if (generation != m_generation)
            return;
        m_hashBusy = false;
        Q_EMIT verified(outcome);
    });
}

QString IntegrityPipeline::mismatchReason(const VerifyOutcome &outcome, const FileRequest &request)
{
    if (outcome.result == VerifyOutcome::Result::SizeMismatch)
        return QCoreApplication::translate("Download::IntegrityPipeline", "it has %1 bytes, not %2")
            .arg(outcome.actualSize)
            .arg(request.expectedSize);
    if (!request.expectedSha256.isEmpty() && outcome.actualSha256 != request.expectedSha256)
        return QCoreApplication::translate("Download::IntegrityPipeline", "its SHA-256 %1… is not the hub's %2…")
            .arg(outcome.actualSha256.left(12), request.expectedSha256.left(12));
    return QCoreApplication::translate("Download::IntegrityPipeline", "its git blob id %1… is not the hub's %2…")
        .arg(outcome.actualGitOid.left(12), request.expectedGitOid.left(12));
}

IntegrityPipeline::Verdict IntegrityPipeline::judge(const VerifyOutcome &outcome, const FileRequest &request,
                                                    const QString &subject, bool contentChanged, int hashRetries)
{
    Verdict verdict;
    switch (outcome.result) {
    case VerifyOutcome::Result::Committed:
        verdict.action = Verdict::Action::Complete;
        return verdict;
    case VerifyOutcome::Result::Error:
        verdict.error = Net::HttpError::make(Net::ErrorKind::DiskError, outcome.error);
        return verdict;
    case VerifyOutcome::Result::HashMismatch:
    case VerifyOutcome::Result::SizeMismatch:
        break;
    }
    const QString what = mismatchReason(outcome, request);
    verdict.reason = what;
    if (!contentChanged && hashRetries < 1) {
        verdict.action = Verdict::Action::DownloadAgain;
        verdict.error =
            Net::HttpError::make(Net::ErrorKind::HashMismatch,
                                 QCoreApplication::translate("Download::IntegrityPipeline",
                                                             "%1 failed verification (%2); downloading it again.")
                                     .arg(subject, what));
        return verdict;
    }
    const QString kept = outcome.quarantinePath.isEmpty() ? QString()
                                                          : QCoreApplication::translate("Download::IntegrityPipeline",
                                                                                        " The bad copy was kept as %1.")
                                                                .arg(outcome.quarantinePath);
    verdict.error = Net::HttpError::make(
        Net::ErrorKind::HashMismatch,
        contentChanged
            ? QCoreApplication::translate("Download::IntegrityPipeline",
                                          "%1 changed on the hub during the download and no longer matches the "
                                          "listed checksum (%2). Refresh the model and download it again.%3")
                  .arg(subject, what, kept)
            : QCoreApplication::translate("Download::IntegrityPipeline",
                                          "%1 failed verification twice (%2). The hub's copy may be damaged; "
                                          "try again later.%3")
                  .arg(subject, what, kept),
        QStringLiteral("sha256 %1 expected %2").arg(outcome.actualSha256, request.expectedSha256));
    return verdict;
}

}  // namespace Download
