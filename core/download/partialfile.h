#pragma once

#include <QString>

#include <cerrno>

namespace Download {

// The file a task writes into while it downloads (Library::StorageLayout::partialPath).
// Segments write at their own offsets, so this wraps a POSIX descriptor with pwrite instead of a
// buffered QFile: no user-space buffer can hold bytes the journal already counts as written, and
// a failed write reports its errno, which is how ENOSPC (disk full) is told apart from other
// I/O errors.
//
// Owned by one DownloadTask and used on the pool's thread only. durableSync() hands a
// duplicate descriptor to a worker so fdatasync never blocks the event loop.
class PartialFile
{
public:
    PartialFile() = default;
    ~PartialFile();
    PartialFile(const PartialFile &) = delete;
    PartialFile &operator=(const PartialFile &) = delete;

    // Opens (creating it and its folder when missing) for reading and writing. Keeps content.
    bool open(const QString &path);
    void close();
    bool isOpen() const { return m_fd >= 0; }
    QString path() const { return m_path; }

    qint64 size() const;  // -1 when not open
    bool truncate(qint64 size);

    // Writes all of `size` bytes at `offset`. On failure returns the bytes that did reach the
    // file and sets lastErrno() (ENOSPC for a full disk).
    qint64 writeAt(qint64 offset, const char *data, qint64 size);
    int lastErrno() const { return m_errno; }
    bool diskFull() const { return m_errno == ENOSPC || m_errno == EDQUOT; }
    QString errorString() const;

    // A new descriptor for the same file, for a worker to fdatasync and close. -1 on failure.
    int duplicateDescriptor() const;
    // Blocking fdatasync of a descriptor; closes it. Safe on any thread. Returns errno or 0.
    static int syncAndClose(int fd);

    // Size of a file on disk without opening it as a partial file; -1 when missing.
    static qint64 sizeOf(const QString &path);

private:
    int m_fd = -1;
    int m_errno = 0;
    QString m_path;
};

}  // namespace Download
