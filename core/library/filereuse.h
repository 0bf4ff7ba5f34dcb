#pragma once

#include <QString>

namespace Library {

// A file another program (or another repo in the cache) already holds, put where a download
// would have written it, without fetching a byte.
struct ReuseResult
{
    enum class Method
    {
        None,      // not reused; error says why
        HardLink,  // the same file on the same file system: no space used
        Reflink,   // a copy-on-write clone (Btrfs, XFS): no space used until one changes
        Copy,      // another file system: a full copy
    };
    Method method = Method::None;
    QString source;
    QString error;
    bool ok() const { return method != Method::None; }
};
QString reuseMethodName(ReuseResult::Method method);  // "hard link", "reflink", "copy"

// Puts `source`'s content at `target` (which must not exist yet) once it is proven to be the
// wanted content: a hard link when both are on one file system, else a reflink, else a copy.
// The source is hashed before it is linked; a copy is hashed after it is written, so what is
// kept is what was checked. The source is only ever read. On failure nothing is left at
// `target`. Blocking: call it on a worker.
ReuseResult placeVerifiedCopy(const QString &source, const QString &target, const QString &sha256, qint64 size);

// Puts a copy of `source` at `target` (a reflink where the file system clones, else a copy),
// written under a temporary name, flushed and renamed in: `target` is never half written.
// For file systems without symlinks, where a snapshot holds copies as huggingface_hub's do.
// Blocking: call it on a worker.
bool copyInto(const QString &source, const QString &target, QString *error);

}  // namespace Library
