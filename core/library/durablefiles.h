#pragma once

#include <QByteArray>
#include <QString>

namespace Library {

// The few POSIX file operations that make a download survive a crash or power loss: a
// rename that replaces atomically, fsync of files and of the directories that name them,
// small files written as temp + rename, and symlinks swapped in atomically. Qt has no
// public API for an overwriting rename or a directory fsync, so they live here, once.
class DurableFiles
{
public:
    static bool syncFile(const QString &path, QString *error);
    static bool syncDirectory(const QString &path, QString *error);

    // rename(2): replaces `to` atomically when it exists; both must be on one file system.
    // Syncs the directory of `to` afterwards.
    static bool replace(const QString &from, const QString &to, QString *error);

    // Writes `data` to a temporary file beside `path`, syncs it and renames it over `path`,
    // so readers see the old content or the new one, never a mix.
    static bool writeAtomically(const QString &path, const QByteArray &data, QString *error);

    // Points `linkPath` at `target` (stored as given, usually relative), replacing whatever
    // entry (file or link, not a directory) is there, in one rename. *unsupported is set when
    // the file system cannot hold symlinks at all (exFAT, FAT, NTFS through some drivers).
    static bool replaceWithSymlink(const QString &target, const QString &linkPath, QString *error,
                                   bool *unsupported = nullptr);

    static bool makePath(const QString &dir, QString *error);
};

}  // namespace Library
