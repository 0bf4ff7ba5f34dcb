#pragma once

#include "download/archivestep.h"
#include "download/attemptbudget.h"
#include "download/integritypipeline.h"
#include "download/partialfile.h"
#include "download/previewfetch.h"
#include "download/rangeplanner.h"
#include "download/speedmeter.h"
#include "download/streamset.h"
#include "download/taskenvironment.h"
#include "download/taskrecord.h"
#include "download/xetplan.h"
#include "library/bloblock.h"
#include "library/filereuse.h"
#include "net/httperror.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

namespace Xet {
class ChunkDecoder;
}

namespace Download {

class XetSession;

// One file: its state and the transitions the pool asks for. The pool decides WHEN a task runs
// (start/requeue/pause); the task decides HOW, by coordinating four parts it owns:
//
// - RangePlanner: which byte ranges to fetch next, how big, when to split, what to resume;
// - StreamSet: the live requests (RangeStreams) per range;
// - IntegrityPipeline: the running SHA-256, fdatasync before the journal may count bytes, and
//   the final check and commit into place;
// - AttemptBudget and SpeedMeter: retries spent, and the smoothed rate;
// - ArchiveStep: for an archive, its extraction once it is verified (the task stays Verifying
//   until the folder is in place; the folder is then its final path).
//
// A library file with a preview image (FileRequest::previewUrl) stays Verifying for one more
// small request once it is in place (PreviewFetch), after an archive's extraction; whatever
// that request does, the task ends Completed, since the file is verified.
//
// What stays here is what ties them together: answers to the responses (a 206 that must be
// exactly the part asked for, a 200 that means start over, a 416, an expired link), writing
// bytes at their offsets, retries and failures with their sentences, pause and disk-full, the
// shared cache's blob lock, and the task's snapshot and journal row.
//
// A Hugging Face file stored in Xet (the hub's redirect names its Xet hash) comes through its
// reconstruction instead (XetSession, XetPlan): each term is a range of the file fetched from
// one xorb range and decoded on the way (Xet::ChunkDecoder), or copied from a local file that
// holds the same chunks; the rest — journal, resume, SHA-256, retries — is as for any file.
// Any Xet failure falls back to the plain download.
//
// downloadtask.cpp holds state and the pool's transitions; downloadtaskstreams.cpp what the
// streams report (responses, bytes, failures), the verdict of the final check and what follows
// it (an archive's extraction); downloadtaskxet.cpp the Xet route.
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
    int openStreams() const { return m_streams.open(); }
    int receivingStreams() const { return m_streams.receiving(); }  // open streams past their headers
    bool occupiesSlot() const { return m_state == TaskState::Connecting || m_state == TaskState::Downloading; }
    // The file is in place and its preview image is on the way (state Verifying).
    bool fetchingPreview() const { return m_preview != nullptr; }

    qint64 bytesDone() const;
    qint64 bytesTotal() const;
    // bytes/s, smoothed
    double speed() const { return m_state == TaskState::Downloading ? m_speed.speed() : 0; }
    // Everything but the pool's fields (group, queuePosition).
    TaskSnapshot snapshot() const;
    // What the journal should hold now (ranges: durable ones only).
    TaskRecord record() const;

    void start();                                   // Queued → Connecting (Verifying when every byte is
                                                    // already on disk, Completed if present)
    void pause(const Net::HttpError &reason = {});  // → Paused, keeps the partial file
    void requeue();                                 // slot taken away: → Queued, keeps the partial file
    void cancel();                                  // → Cancelled, removes the partial file
    void resetForRetry();                           // Failed/Cancelled/Paused → Queued (a name refused
                                                    // as unsafe or taken stays Failed)
    void redownload();                              // Completed but the file is gone → Queued, from 0
    // A second add of the same file. A request for another place of the same blob (an HF
    // snapshot of another commit) is linked there too once committed, or at once when the
    // task is already Completed (if that fails, the task fails with the reason).
    void adoptRequest(const FileRequest &request);
    const QList<Destination> &links() const { return m_links; }
    void tick();  // speed, ETA, split advice, stall check, timed flush

Q_SIGNALS:
    void changed();
    void stateChanged(Download::TaskState from);
    void progressDurable();

private:
    // downloadtask.cpp: state and transitions
    void setState(TaskState state);
    void fail(const Net::HttpError &error);
    void settle();
    // The file is in place: Completed, once its preview (when it has one and it is missing)
    // was fetched or could not be.
    void complete();
    QString previewPath() const;
    bool takeBlobLock();
    void retryBlobLock();
    void proceed();   // start() once the blob lock is held
    bool tryReuse();  // a copy already on disk (another app's, another repo's): link or copy it
    void onReused(const Library::ReuseResult &result);
    bool openPartial();
    void startFresh(int keepStream = 0);
    Net::HttpError diskFullError() const;
    void checkStalls();
    QString subject() const;

    // downloadtaskstreams.cpp: requests, responses, bytes, retries, the final verdict
    void ensureStreams();
    void rebalance();
    qint64 chunkSize() const;
    void startStream(qsizetype index);
    void stopStream(int key);
    void stopAllStreams();
    void drainStreams();
    void armRetryTimer();
    bool onData(int key, const char *data, qint64 size);
    void onHeaders(int key, const ResponseMeta &meta);
    void onStreamFailed(int key, const Net::HttpError &error);
    void onStreamCompleted(int key);
    void onSegmentDone();
    void onWriteError();
    void handleRangeNotSatisfiable(const Net::HttpError &error, int startedInEpoch);
    // Spends one attempt of the retry budget (AttemptBudget). False: spent, the task failed.
    bool spendAttempt(const Net::HttpError &error, int startedInEpoch);
    void beginVerify();
    void onVerified(const VerifyOutcome &outcome);
    // The file is verified and in place (downloaded, present or reused): an archive is extracted
    // first (ArchiveStep), then complete().
    void unpackOrComplete();
    void onExtracted(const Library::ArchiveInstaller::Outcome &outcome);
    void onSyncFinished();

    // downloadtaskxet.cpp: the Xet route
    struct XetStream;
    void onXetOffered(int key, const ResponseMeta &meta);
    void onReconstructed(const Xet::Reconstruction &reconstruction, qint64 rangeStart, qint64 rangeEnd);
    void onTermRemainder(const Xet::Reconstruction &rest, qint64 rangeStart, qint64 rangeEnd);
    void nextTermRemainder();
    void onXetFailed(const Net::HttpError &error);
    void fallBackToPlain(const QString &why);
    void startXetStream(qsizetype index);
    void onXetHeaders(int key, const ResponseMeta &meta);
    bool onXetData(int key, const char *data, qint64 size);
    void xetTermFinished(int key);  // a local copy's range is in place
    void stopXetStream(int key);
    void refreshXet(const Net::HttpError &error);
    void copyLocalTerm(int key, const XetPlan::Source &source);
    void recordXetTerms();
    void forgetXetPlan();

    TaskId m_id;
    FileRequest m_request;
    TaskEnvironment m_env;
    const PoolOptions &m_options;
    TaskState m_state = TaskState::Queued;
    Net::HttpError m_error;
    AttemptBudget m_budget;
    // Where the hub sent the last request (a signed storage link): later ranges go there
    // directly, so one resolve serves them all; cleared when the link expires.
    QUrl m_resolvedUrl;
    int m_hashRetries = 0;
    bool m_contentChanged = false;  // the hub's validator changed while we downloaded
    QString m_finalPath;
    bool m_reuseTried = false;
    QString m_reusedFrom;
    QString m_reuseMethod;
    QList<Destination> m_links;  // other snapshot entries of the same blob (see adoptRequest)
    QList<Segment> m_durable;    // last ranges known to be on disk

    PartialFile m_file;
    RangePlanner m_planner;
    StreamSet m_streams;
    IntegrityPipeline m_integrity;
    ArchiveStep m_archive;
    ArchiveReport m_archiveReport;
    SpeedMeter m_speed;
    QTimer m_retryTimer;  // wakes up when the soonest range's backoff is over
    Library::BlobLock m_blobLock;
    QTimer m_lockTimer;                 // polls the blob lock while another process holds it
    PreviewFetch *m_preview = nullptr;  // a child while the preview is on the way

    // The Xet route (downloadtaskxet.cpp).
    bool m_xetRefused = false;    // plain downloads only, until the file starts over
    int m_xetCopies = 0;          // local copies running (XetStream::copy)
    bool m_xetUsed = false;       // this run brought bytes through Xet (the snapshot says how many)
    XetSession *m_xet = nullptr;  // a child once the hub offered Xet
    XetPlan m_xetPlan;            // active while the file comes through its reconstruction
    QHash<int, std::shared_ptr<XetStream>> m_xetStreams;  // per range key: its decoder
    // Decoded size of each chunk of the terms fetched this run, by term: recorded in the ledger
    // with the terms, so a later file that shares only part of a term can still copy that part.
    QHash<int, QList<quint32>> m_xetChunkSizes;
    QList<Segment> m_xetWritten;     // the ranges on disk when the reconstruction came
    QList<Segment> m_xetRemainders;  // cut-off terms whose rest is still to be asked for
    int m_xetRefreshes = 0;          // reconstructions asked for since bytes last arrived
    qint64 m_xetFetched = 0;         // xorb bytes received this run
    qint64 m_xetCopied = 0;          // bytes copied from local files this run
};

}  // namespace Download
