#pragma once

#include "library/destination.h"

#include <QString>

namespace Library {

// An advisory lock on one blob of a shared Hugging Face cache, where huggingface_hub takes its
// own: <cache>/.locks/models--ns--name/<blob>.lock, held with flock(2). ModelDock processes
// with different data folders, `hf download` and other huggingface_hub users then never fetch
// the same blob at once: the second waits, then finds the blob finished and links it.
//
// Non-blocking only (tryLock), so the pool's thread never waits in the kernel; the kernel drops
// the lock when the holder exits, even by kill -9. One owner, one thread.
class BlobLock
{
public:
    BlobLock() = default;
    ~BlobLock();
    BlobLock(const BlobLock &) = delete;
    BlobLock &operator=(const BlobLock &) = delete;

    // The lock file of a Hugging Face cache destination; empty for other destinations.
    static QString lockPath(const Destination &destination);

    // True when this object holds the lock on `path` (now or already). False when another
    // holder has it, or the lock file cannot be made (errorString() then says why).
    bool tryLock(const QString &path);
    void unlock();
    bool isLocked() const { return m_fd >= 0; }
    QString errorString() const { return m_error; }

private:
    int m_fd = -1;
    QString m_path;
    QString m_error;
};

}  // namespace Library
