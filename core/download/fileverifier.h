#pragma once

#include "download/filedigest.h"
#include "download/types.h"

#include <memory>

namespace Download {

// What the final check of a downloaded file found. A value, so it can travel back from a
// worker thread.
struct VerifyOutcome
{
    enum class Result
    {
        Committed,
        HashMismatch,
        SizeMismatch,
        Error
    };
    Result result = Result::Error;
    QString actualSha256;
    QString actualGitOid;  // when the request lists a git blob id
    qint64 actualSize = -1;
    QString quarantinePath;  // where a file that failed the check was moved
    QString error;           // for Result::Error: a sentence
};

// The hashing and committing steps of a download, as plain functions run through QtConcurrent
// on the pool's I/O thread pool: hashing reads back what the task wrote (from the page cache,
// so cheap) and the final fdatasync can take a while; neither may block the event loop.
//
// A FileDigest passed in is owned by the call until it returns: the task hands it over and
// does not touch it meanwhile.
class FileVerifier
{
public:
    // Adds bytes [from, to) of the file to the digest. Returns the offset reached (== to on
    // success; less when the file could not be read that far).
    static qint64 hashRange(const QString &path, const std::shared_ptr<FileDigest> &hash, qint64 from, qint64 to);

    // Finishes the digest from `hashedTo`, syncs the file, compares size, SHA-256 and (when
    // listed) the git blob id, then either commits it into place
    // (Library::StorageLayout::commit) and links it into every place in `links` too, or moves
    // it aside to "<partial>.quarantine".
    static VerifyOutcome verifyAndCommit(const QString &partialPath, const std::shared_ptr<FileDigest> &hash,
                                         qint64 hashedTo, const FileRequest &request, const QList<Destination> &links);

    static QString quarantinePath(const QString &partialPath);
};

}  // namespace Download
