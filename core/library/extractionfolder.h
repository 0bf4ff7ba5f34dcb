#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace Library {

// The temporary folder an archive is extracted into, beside the place the finished folder
// belongs (".<name>.modeldock-extracting-XXXXXX", same file system), and every write into it.
//
// Each path is opened one folder at a time from the temporary folder's descriptor with
// O_NOFOLLOW, so the kernel itself keeps every write inside: no "..", no absolute path and no
// symbolic link planted by an earlier entry can lead out. Files are created with O_EXCL, so
// no entry replaces another. Paths given here are already sanitized (ArchiveEntryName).
//
// Nothing appears at the final place until commit(): the data is flushed, then the folder is
// renamed in with one rename. A crash or a full disk leaves at most the hidden temporary
// folder, which the next extraction into the same place removes.
//
// Functions return 0 or an errno value: EEXIST (the name is taken), ELOOP or ENOTDIR (a
// folder on the way is a link or a file), ENOSPC or EDQUOT (the disk is full), or another.
// Used from one thread at a time; Linux only (openat, renameat2, syncfs).
class ExtractionFolder
{
public:
    explicit ExtractionFolder(QString finalPath);
    ~ExtractionFolder();  // discards the temporary folder unless it was committed
    ExtractionFolder(const ExtractionFolder &) = delete;
    ExtractionFolder &operator=(const ExtractionFolder &) = delete;

    // Removes what an interrupted extraction into the same place left, then creates the
    // temporary folder (and the final place's parent when missing).
    int create();
    QString temporaryPath() const { return m_tempPath; }

    int makeDirectory(const QString &relative);
    // On success *fd is an open, new, empty file (the caller closes it).
    int createFile(const QString &relative, bool executable, int *fd);
    int makeSymlink(const QString &relative, const QString &target);
    // `existing` must be a regular file written before (EPERM for anything else).
    int makeHardlink(const QString &relative, const QString &existing);
    // Removes a file written before (a damaged entry).
    int remove(const QString &relative);

    // Each link is checked alone when it is written; a chain can still lead out ("a -> b/..",
    // harmless until "b -> .." is written too). Once everything is written, this follows
    // every link through the others, removes those that end outside, and returns their paths.
    QStringList removeEscapingLinks();

    // The data to disk (syncfs), then the folder into place with one rename. With `replace`
    // an existing folder at the final place is swapped out atomically (RENAME_EXCHANGE) and
    // removed; without, an existing one gives EEXIST and stays untouched.
    int commit(bool replace);
    void discard();

private:
    // The parent folder of `relative`, opened (and created with `create`), and its last name.
    // A descriptor, or -errno.
    int openParent(const QString &relative, bool create, QString *leaf) const;
    bool escapes(const QString &link) const;

    QString m_finalPath;
    QString m_tempPath;
    int m_root = -1;
    bool m_committed = false;
    QHash<QString, QString> m_links;  // symbolic links written: path → target
};

}  // namespace Library
