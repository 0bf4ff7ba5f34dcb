#include "library/bloblock.h"

#include "library/storagelayout.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace Library {

BlobLock::~BlobLock()
{
    unlock();
}

QString BlobLock::lockPath(const Destination &destination)
{
    if (destination.kind != Destination::Kind::HfCache || destination.blobKey.isEmpty() ||
        StorageLayout::hfRepoPath(destination).isEmpty())
        return {};
    return QDir(destination.root)
        .filePath(QStringLiteral(".locks/") + StorageLayout::hfRepoFolderName(destination.repoId) + u'/' +
                  destination.blobKey + QStringLiteral(".lock"));
}

bool BlobLock::tryLock(const QString &path)
{
    if (m_fd >= 0 && path == m_path)
        return true;
    unlock();
    m_error.clear();
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        m_error = QCoreApplication::translate("Library::BlobLock", "cannot create the folder of %1").arg(path);
        return false;
    }
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        m_error = QCoreApplication::translate("Library::BlobLock", "cannot open %1: %2")
                      .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    int rc;
    do {
        rc = ::flock(fd, LOCK_EX | LOCK_NB);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        if (errno != EWOULDBLOCK)
            m_error = QCoreApplication::translate("Library::BlobLock", "cannot lock %1: %2")
                          .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return false;
    }
    m_fd = fd;
    m_path = path;
    return true;
}

void BlobLock::unlock()
{
    if (m_fd < 0)
        return;
    // The file stays: removing it would race a waiter that already opened it (huggingface_hub
    // leaves its lock files too).
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
    m_fd = -1;
    m_path.clear();
}

}  // namespace Library
