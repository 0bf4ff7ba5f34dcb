#pragma once

#include "library/archiveextractor.h"
#include "library/destination.h"
#include "net/httperror.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>

// The value types of the download engine. They cross every boundary the engine has (pool →
// models, pool → journal, pool → storage layout, CLI planner → pool), so they are plain data
// with JSON round-trips and no behaviour beyond formatting.
namespace Download {

// See DownloadPool (downloadpool.h) and docs/download-engine.md for the state machine.
enum class TaskState
{
    Queued,       // waiting for a slot (global, per host) in queue order
    Connecting,   // request sent (or following redirects), no body byte yet
    Downloading,  // body bytes arriving
    Paused,       // by the user, or by the engine after a local problem (disk full)
    Verifying,    // all bytes on disk, finishing the SHA-256 and committing into place (an archive:
                  // and extracting it)
    Completed,    // verified and committed (or already present)
    Failed,       // gave up; errorKind/errorText say why; retryTask() starts again
    Cancelled,    // by the user; the partial file is removed
};

QString taskStateName(TaskState state);            // stable identifier: "queued", "downloading"…
TaskState taskStateFromName(const QString &name);  // unknown names map to Queued
bool isTerminal(TaskState state);                  // Completed, Failed, Cancelled
bool isActive(TaskState state);                    // Connecting, Downloading, Verifying

using TaskId = qint64;
using GroupId = qint64;

// Where a verified file ends up (Library::Destination; the engine's requests carry one).
using Destination = Library::Destination;
using Library::destinationKindName;

struct FileRequest
{
    QUrl url;                // first URL (HF resolve URL at the commit, Civitai download URL)
    QString expectedSha256;  // lowercase hex; empty when the hub gives none
    // Git blob id (SHA-1 of "blob <size>\0" + content, lowercase hex) for HF files not in LFS,
    // which have no SHA-256 listed; empty otherwise.
    QString expectedGitOid;
    qint64 expectedSize = -1;
    // The file's Xet hash when the hub listed one (tree xetHash, lowercase hex): what an update
    // estimate asks the CAS about before anything is fetched. The download itself learns it
    // from the hub's redirect.
    QString xetHash;
    QString displayName;  // "cortexso/llama3.2 · model.gguf"
    Destination destination;
    // An archive whose contents the user wants rather than the file (a Civitai Archive or
    // Training Data pack): once verified it is extracted beside itself (PoolOptions).
    bool archive = false;
    // Library files: an image fetched once the file is in place and saved beside it as
    // `previewPath` (library-relative, "Lora/x.preview.png"). A small extra request; its
    // failure never fails the file (PreviewFetch).
    QUrl previewUrl;
    QString previewPath;

    QJsonObject toJson() const;
    static FileRequest fromJson(const QJsonObject &object);

    friend bool operator==(const FileRequest &, const FileRequest &) = default;
};

// What became of an archive (FileRequest::archive) once it was verified and extracted.
struct ArchiveReport
{
    QString folder;       // where its contents are
    int files = 0;        // files and links written
    qint64 bytes = 0;     // uncompressed bytes written
    QStringList leftOut;  // "entry: why", one per entry that was not extracted
    QString sentence;     // "Extracted 3 files (1.2 KiB) to …", with what was left out

    bool isEmpty() const { return folder.isEmpty(); }
};

struct TaskSnapshot
{
    TaskId id = 0;
    GroupId group = 0;
    QString name;
    TaskState state = TaskState::Queued;
    qint64 bytesDone = 0;
    qint64 bytesTotal = -1;  // -1 until known
    double speed = 0;        // bytes per second, smoothed
    qint64 etaSeconds = -1;  // -1 unknown
    int attempts = 0;        // failed attempts in a row (progress resets it)
    Net::ErrorKind errorKind = Net::ErrorKind::None;
    QString errorText;       // a sentence for the user; empty when there is no error
    QString finalPath;       // the file, or the folder an archive was extracted into
    QString host;            // host of the first URL; per-host limits count by it
    int queuePosition = -1;  // 0-based place in the queue while Queued, -1 otherwise
    QString reusedFrom;      // completed from a file already on disk: its path (nothing fetched)
    QString reuseMethod;     // how: "hard link", "reflink", "copy"
    // A file that came through Xet: the xorb bytes the network brought and the file's bytes
    // copied from local files holding the same chunks (xetFetched -1: not through Xet).
    qint64 xetFetched = -1;
    qint64 xetReused = 0;
    bool extracting = false;  // Verifying: the archive is being extracted
    ArchiveReport archive;    // Completed archives extracted in this run

    bool isValid() const { return id > 0; }
};

struct GroupSnapshot
{
    GroupId id = 0;
    QString name;
    int total = 0;
    int completed = 0;
    int failed = 0;
    int active = 0;  // connecting, downloading or verifying
    int queued = 0;
    int paused = 0;
    int cancelled = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;  // sum of known sizes (cancelled children excluded)
    double speed = 0;

    bool isValid() const { return id > 0; }
    bool isFinished() const { return total > 0 && completed + failed + cancelled == total; }
    // "37/80 done, 2 failed, 1.2 GiB left"
    QString summary() const;
};

// Tunables of the pool. Defaults are the product's; tests shrink the time and size ones.
struct PoolOptions
{
    int maxActive = 4;                              // transfers at once (segments of one file count once)
    int maxPerHost = 2;                             // by the host of the task's first URL
    qint64 bandwidthLimit = 0;                      // bytes per second for all streams, 0 = unlimited
    int maxAttempts = 8;                            // failed attempts in a row before Failed
    std::chrono::milliseconds stallTimeout{20000};  // no byte for this long: reconnect
    std::chrono::milliseconds backoffBase{1000};
    std::chrono::milliseconds backoffCap{30000};
    qint64 segmentThreshold = 64LL * 1024 * 1024;  // files at least this big download in ranges
    int maxSegments = 8;
    int maxConnectionsPerHost = 8;              // all streams to one host (ConnectionLanes)
    qint64 minSegmentSize = 4LL * 1024 * 1024;  // never split a range below this
    // Ranged requests ask for about one second of a stream's transfer, within these bounds, in
    // file order: the SHA-256 of the contiguous prefix keeps pace with the download.
    qint64 minChunk = 16LL * 1024 * 1024;
    qint64 maxChunk = 128LL * 1024 * 1024;
    qint64 flushBytes = 4LL * 1024 * 1024;          // fdatasync + journal every this many bytes…
    std::chrono::milliseconds flushInterval{1000};  // …or this often, whichever comes first
    qint64 readBufferSize = 1LL * 1024 * 1024;      // per reply: bounds memory per stream
    std::chrono::milliseconds notifyInterval{250};  // batching of tasksChanged/groupsChanged
    std::chrono::milliseconds rateTick{50};         // bandwidth budget refill period
    qint64 hashInThreadAbove = 8LL * 1024 * 1024;   // verification tails bigger than this run off-thread
    // While a task is paused because the disk was full, free space is checked this often; the
    // task resumes once its remaining bytes fit.
    std::chrono::milliseconds diskSpacePoll{3000};
    // Archives (FileRequest::archive) are extracted once verified (library.extractArchives) and
    // kept beside their folder (library.keepArchives), within these limits. Read when an
    // extraction starts, so a change applies to the next one.
    bool extractArchives = true;
    bool keepArchives = true;
    Library::ArchiveLimits archiveLimits;
    // Hugging Face files stored in Xet come through their reconstruction (download.xet), chunks
    // already in local files copied instead of fetched; any Xet failure falls back to the plain
    // download. Read when a file starts.
    bool xet = true;
    int historyGroups = 100;  // finished groups the journal keeps as history
};

// Paths of files that may hold this SHA-256 (size -1: unknown), best first; each is verified
// before it is used.
using ReuseLookup = std::function<QStringList(const QString &sha256, qint64 size)>;

QString formatBytes(qint64 bytes);  // "1.2 GiB", "512 B"

}  // namespace Download

Q_DECLARE_METATYPE(Download::TaskState)
