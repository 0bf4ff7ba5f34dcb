#pragma once

#include "download/fileverifier.h"
#include "download/taskenvironment.h"
#include "download/taskrecord.h"
#include "net/httperror.h"
#include "util/clock.h"

#include <QObject>

#include <memory>

namespace Download {

class FileDigest;
class PartialFile;
class RangePlanner;

// What makes the bytes of one file trustworthy and puts it in place, off the event loop:
//
// - the running SHA-256 (and git blob SHA-1): the contiguous written prefix is read back from
//   the partial file (the page cache) and hashed on the I/O pool in 4 MiB steps while the
//   download runs, so at the end only a short tail is left;
// - durability: every PoolOptions::flushBytes or flushInterval the partial file is fdatasync'ed
//   through a duplicated descriptor on a worker, and only then are the ranges reported durable()
//   (the journal never claims a byte that is not on disk);
// - the final check: hash the tail, fdatasync, compare size and hashes, then commit into place
//   with every extra link (Library::StorageLayout::commit), or quarantine the file
//   (FileVerifier::verifyAndCommit), reported by verified().
//
// Results come back as values through Util::whenFinished. A generation, bumped by restart()
// and discard(), drops the results of jobs started before the file started over.
//
// It reads the task's request, links, partial file and planner (references: the task owns
// them and outlives the pipeline); it never changes ranges or state. judge() says what an outcome
// means (done, download again, fail) and the task acts on it. Owned by one DownloadTask, lives on
// the pool's thread.
class IntegrityPipeline : public QObject
{
    Q_OBJECT
public:
    IntegrityPipeline(TaskId id, const FileRequest &request, const QList<Destination> &links, PartialFile &file,
                      const RangePlanner &planner, const TaskEnvironment &environment, QObject *parent = nullptr);
    ~IntegrityPipeline() override;

    // The file starts over (or resumes from the planner's ranges): a fresh digest, nothing
    // hashed, jobs already running are ignored.
    void restart();
    // The partial file is gone (cancelled): ignore every running job.
    void discard();

    // Bytes were written: they count towards the next fdatasync.
    void written(qint64 bytes) { m_unsynced += bytes; }
    void forgetUnsynced() { m_unsynced = 0; }
    qint64 unsynced() const { return m_unsynced; }
    bool syncing() const { return m_syncBusy; }

    // Hashes ahead when the contiguous prefix grew by a step since the last hash.
    void hashAhead();
    // fdatasync when flushBytes were written or flushInterval passed since the last one (or
    // now, with `force`), then durable() with the ranges as they were when it started.
    void sync(bool force);
    // The last byte is on disk: the final check runs as soon as the running hash is done.
    void verify();

    qint64 hashedTo() const { return m_hashedTo; }

    // The sentence part saying how a file failed its check ("its SHA-256 ab12… is not the
    // hub's cd34…").
    static QString mismatchReason(const VerifyOutcome &outcome, const FileRequest &request);

    // What a finished check means for the file. A file that fails its check is downloaded once
    // more from scratch (a corrupted transfer is worth a second try); failing again, or having
    // changed on the hub during the download (a wrong listing is not worth one), it fails.
    struct Verdict
    {
        enum class Action
        {
            Complete,
            DownloadAgain,
            Fail
        };
        Action action = Action::Fail;
        Net::HttpError error;  // the sentence for DownloadAgain and Fail
        QString reason;        // mismatchReason(), for the log; empty unless the file differed
    };
    static Verdict judge(const VerifyOutcome &outcome, const FileRequest &request, const QString &subject,
                         bool contentChanged, int hashRetries);

Q_SIGNALS:
    void durable(const QList<Download::Segment> &ranges);
    void syncFinished();  // a sync of the current generation ended, with or without success
    void verified(const Download::VerifyOutcome &outcome);

private:
    void runVerify();

    TaskId m_id;
    const FileRequest &m_request;
    const QList<Destination> &m_links;
    PartialFile &m_file;
    const RangePlanner &m_planner;
    TaskEnvironment m_env;

    int m_generation = 0;
    std::shared_ptr<FileDigest> m_hash;
    qint64 m_hashedTo = 0;
    bool m_hashBusy = false;
    bool m_verifyWaiting = false;
    bool m_syncBusy = false;
    qint64 m_unsynced = 0;
    bool m_synced = false;              // m_lastSync is set
    Util::Clock::TimePoint m_lastSync;  // when the last fdatasync started (or bytes first came)
};

}  // namespace Download
