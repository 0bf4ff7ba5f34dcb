#pragma once

#include "download/partialfile.h"
#include "library/bloblock.h"
#include "download/splitadvisor.h"
#include "download/taskrecord.h"
#include "net/backoff.h"
#include "net/httperror.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class QThreadPool;

namespace Net {
class Session;
}

namespace Download {

class ConnectionLanes;
class FileDigest;
class RangeStream;
class RateController;
struct ResponseMeta;
struct VerifyOutcome;

// What a task borrows from its pool. Plain pointers: the pool outlives its tasks.
struct TaskEnvironment
{
    const Net::Session *session = nullptr;  // the network, tokens and User-Agent
    RateController *rate = nullptr;
    QThreadPool *io = nullptr;
    const PoolOptions *options = nullptr;
    // Connections per host, spread over lanes (a request waiting in Qt's own queue would
    // look stalled, so no task opens more than the lanes hold).
    ConnectionLanes *lanes = nullptr;
};

// One file: its ranges, its streams, its partial file, its running SHA-256 and its retries.
// The pool decides WHEN a task runs (start/requeue/pause); the task decides HOW.
//
// Ranges: a fresh file starts with one stream. Once the first response names the size and a
// validator, a file at least PoolOptions::segmentThreshold big may be split into up to
// maxSegments ranges, each its own request (Range + If-Range) writing at its own offset. How
// many run at once is the SplitAdvisor's call: more only while more make it faster (a server
// that caps each connection), one when one already takes all there is (a fast link on a small
// machine, where extra streams only cost CPU). Streams take the file in order, a chunk (about a
// second of transfer) at a time, so the contiguous prefix, and with it the running SHA-256,
// keeps pace: the check at the end reads only the last few chunks. When no chunk is left, a
// free connection takes half of the largest remaining range, so a slow range near the end is
// split again instead of crawling.
//
// Hashing reads back the contiguous written prefix on the I/O pool, so at the end only a short
// tail remains to hash; the final check and the commit into place also run there.
//
// Durability: bytes are fdatasync'ed (on a worker, via a duplicated descriptor) every
// flushBytes or flushInterval; only then are the ranges reported as durable for the journal.
//
// The implementation is split by concern: downloadtask.cpp (state and the pool's transitions),
// downloadtaskranges.cpp (ranges, streams, responses, writes, retries) and
// downloadtaskintegrity.cpp (hashing, durability, verification and commit).
//
// Lives on the pool's thread; owned by the pool.
class DownloadTask : public QObject
{
    Q_OBJECT
public:
    DownloadTask(const TaskRecord &record, const TaskEnvironment &environment, QObject *parent = nullptr);
    ~DownloadTask() override;

    TaskId id() const { return m_id; }
    const FileRequest &request() const { return m_request; }
    TaskState state() const { return m_state; }
    const Net::HttpError &error() const { return m_error; }
    // Per-host limits count by this: the host, plus the port when it is not the scheme's
    // default (two local hubs on one address are two hosts).
    QString host() const;
    int openStreams() const;
    int receivingStreams() const;  // open streams past their headers
    bool occupiesSlot() const
    {
        return m_state == TaskState::Connecting || m_state == TaskState::Downloading;
    }

    qint64 bytesDone() const;
    qint64 bytesTotal() const;
    double speed() const { return m_state == TaskState::Downloading ? m_speed : 0; }  // bytes/s, smoothed
    // Everything but the pool's fields (group, queuePosition).
    TaskSnapshot snapshot() const;
    // What the journal should hold now (ranges: durable ones only).
    TaskRecord record() const;

    void start();                                // Queued → Connecting (Verifying when every byte is
                                                 // already on disk, Completed if present)
    void pause(const Net::HttpError &reason = {});  // → Paused, keeps the partial file
    void requeue();                              // slot taken away: → Queued, keeps the partial file
    void cancel();                               // → Cancelled, removes the partial file
    void resetForRetry();                        // Failed/Cancelled/Paused → Queued (a name refused
                                                 // as unsafe or taken stays Failed)
    void redownload();                           // Completed but the file is gone → Queued, from 0
    // A second add of the same file. A request for another place of the same blob (an HF
    // snapshot of another commit) is linked there too once committed, or at once when the
    // task is already Completed (if that fails, the task fails with the reason).
    void adoptRequest(const FileRequest &request);
    const QList<Destination> &links() const { return m_links; }
    void tick();                                 // speed, ETA, stall check, timed flush

Q_SIGNALS:
    void changed();
    void stateChanged(Download::TaskState from);
    void progressDurable();

private:
    struct Slot
    {
        int key = 0;
        Segment range;
        RangeStream *stream = nullptr;
        qint64 requestedEnd = -1;   // end the running request asked for (-1 open)
        QDeadlineTimer notBefore;   // backoff before this range reconnects
        int epoch = 0;              // m_failureEpoch when its request started
    };
    Slot newSlot(const Segment &range);

    void setState(TaskState state);
    void fail(const Net::HttpError &error);
    void settle();
    bool takeBlobLock();
    void retryBlobLock();
    void proceed();  // start() once the blob lock is held
    bool openPartial();
    void startFresh();
    void ensureStreams();
    void rebalance();
    int streamTarget() const;
    qint64 chunkSize() const;
    void boundToChunk(qsizetype index);
    void mergeFinishedRanges();
    void startStream(Slot &slot);
    void stopStream(Slot &slot);
    void drainStreams();
    void stopAllStreams();
    Slot *slotFor(int key);
    bool onData(int key, const char *data, qint64 size);
    void onHeaders(int key, const ResponseMeta &meta);
    void onStreamFailed(int key, const Net::HttpError &error);
    void onStreamCompleted(int key);
    void onSegmentDone();
    void onWriteError();
    // The retry budget of the file: every failed attempt spends one (a cut connection, 416,
    // Range ignored, content changed, an expired link, 5xx). It fills up again only when the
    // file gets further than it ever was, so a flaky but moving download goes on while a
    // server that fails the same way forever is given up on. False: spent, the task failed.
    bool spendAttempt(const Net::HttpError &error, int startedInEpoch);
    void armRetryTimer();
    qint64 contiguousEnd() const;
    bool allRangesDone() const;
    Net::HttpError diskFullError() const;
    void handleRangeNotSatisfiable(const Net::HttpError &error, int startedInEpoch);
    bool checkContentRange(const Slot &slot, const ResponseMeta &meta);
    bool allowSegments() const;
    QList<Segment> ranges() const;
    void resetHash();
    void maybeHash();
    void maybeSync(bool force);
    void beginVerify();
    void runVerify();
    void onVerified(const VerifyOutcome &outcome);
    QString subject() const;

    TaskId m_id;
    FileRequest m_request;
    TaskEnvironment m_env;
    const PoolOptions &m_options;
    Net::Backoff m_backoff;
    TaskState m_state = TaskState::Queued;
    Net::HttpError m_error;
    int m_attempts = 0;
    qint64 m_highWater = 0;         // most bytes this file ever had on disk
    qint64 m_groundAtFailure = 0;   // m_highWater at the last failed attempt
    // Bumped by every spent attempt. A request started before the last one was spent belongs
    // to that attempt: when several ranges break together (one network outage), they spend one.
    int m_failureEpoch = 0;
    // Where the hub sent the last request (a signed storage link): later ranges go there
    // directly, so one resolve serves them all; cleared when the link expires.
    QUrl m_resolvedUrl;
    int m_hashRetries = 0;
    bool m_contentChanged = false;  // the hub's validator changed while we downloaded
    bool m_rangesIgnored = false;   // the server answered a Range request with 200
    QString m_validator;
    qint64 m_total = -1;
    QString m_finalPath;
    QList<Destination> m_links;     // other snapshot entries of the same blob (see adoptRequest)

    QList<Slot> m_slots;            // sorted by range start; together they cover the file
    int m_nextKey = 1;
    QList<Segment> m_durable;       // last ranges known to be on disk
    PartialFile m_file;
    QTimer m_retryTimer;
    Library::BlobLock m_blobLock;
    QTimer m_lockTimer;             // polls the blob lock while another process holds it

    // Generation: bumped whenever the partial file starts over, so results of hashing and
    // syncing jobs that were started before are ignored.
    int m_generation = 0;
    std::shared_ptr<FileDigest> m_hash;
    qint64 m_hashedTo = 0;
    bool m_hashBusy = false;
    bool m_verifyWaiting = false;
    bool m_syncBusy = false;
    qint64 m_bytesSinceSync = 0;
    QElapsedTimer m_sinceSync;

    SplitAdvisor m_split;
    QElapsedTimer m_splitClock;

    qint64 m_lastTickBytes = -1;
    QElapsedTimer m_tickClock;
    double m_speed = 0;
};

} // namespace Download
