#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

namespace Library {

// How far one archive may unpack. Exceeding a limit stops the extraction and removes what
// was written for it, so a zip bomb costs at most the limit in time and nothing in space.
struct ArchiveLimits
{
    qint64 maxTotalBytes = 64LL << 30;  // uncompressed bytes of all entries together
    int maxEntries = 100000;            // entries of any kind, refused ones included
    // Uncompressed bytes per byte of the archive file. Real packs of models, images or text
    // stay far below 200; zeros compress about 1,000 times (deflate) and far more (xz).
    double maxRatio = 200;
    // The ratio counts only past this many bytes: a small archive of text may expand a lot
    // and still be harmless.
    qint64 ratioFloorBytes = 16LL << 20;
};

// Extracts a zip, 7z, rar or tar (plain, gz, bz2, xz, zst, lz4) archive into a folder, safely,
// with libarchive as the reader and ExtractionFolder as the only writer. Synchronous and
// free of Qt objects: call it from a worker thread (QtConcurrent), never the UI thread.
//
// Policy for unsafe entries: each is left out and named with its reason, and the safe entries
// still extract. Left out: "..", absolute paths, symbolic or hard links that lead out of the
// folder (alone or through other links), hard links to anything but a file of the archive,
// devices, FIFOs and sockets, encrypted entries, an entry whose name another one already took.
// Nothing is ever written outside the folder, whatever the archive says: every write goes
// through descriptors opened with O_NOFOLLOW from the folder down. Names are repaired rather
// than refused when they are only awkward (ArchiveEntryName::sanitizeSegment).
//
// Everything is written into a temporary folder beside `targetFolder` and renamed into place
// at the end; a limit, a full disk, an unreadable archive or cancellation remove it, so the
// finished folder appears whole or not at all.
class ArchiveExtractor
{
public:
    enum class Status
    {
        Extracted,
        NothingExtracted,  // no safe file in it (empty, or every entry refused)
        LimitExceeded,
        DiskFull,
        Unreadable,  // not an archive, or damaged
        Cancelled,
        Failed,  // the target exists, or a write failed for another reason
    };
    struct Refusal
    {
        QString entry;   // the name as the archive gives it, made printable
        QString reason;  // "it contains "..", which would leave the folder"
    };
    struct Result
    {
        Status status = Status::Failed;
        QString errorString;  // a sentence, for every status but Extracted
        QString folder;       // the finished folder (Extracted only)
        int files = 0;        // regular files written
        int links = 0;        // symbolic and hard links written
        qint64 bytes = 0;     // uncompressed bytes written
        QList<Refusal> refused;
        QStringList renamed;  // "a:b.txt → a_b.txt", entries written under a repaired name

        bool ok() const { return status == Status::Extracted; }
        // "Extracted 3 files (1.2 KiB) to /lib/Wildcards/pack. Left out 1 entry: "../x" (…)."
        QString summary() const;
        // "Left out 2 entries: …" alone; empty when nothing was left out.
        QString refusalSentence() const;
    };

    enum class IfTargetExists
    {
        Fail,     // the folder stays as it is; the result says so
        Replace,  // swapped out in one rename, then removed (a folder extracted earlier)
    };

    static Result extract(const QString &archivePath, const QString &targetFolder, const ArchiveLimits &limits = {},
                          IfTargetExists ifExists = IfTargetExists::Fail, const std::atomic_bool *cancel = nullptr);

    // Whether a file name ends in an extension this class extracts (".zip", ".tar.gz", ".7z"…).
    static bool isArchiveName(const QString &fileName);
    // The folder name for an archive: the name without its archive extension
    // ("pack.tar.gz" → "pack"); "archive" when nothing is left.
    static QString folderNameFor(const QString &archiveFileName);
};

}  // namespace Library
