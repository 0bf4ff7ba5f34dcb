#include "download/partialfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Download {

PartialFile::~PartialFile()
{
    close();
}

bool PartialFile::open(const QString &path)
{
    close();
    m_path = path;
    m_errno = 0;
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        m_errno = EACCES;
        return false;
    }
    const QByteArray native = QFile::encodeName(path);
    m_fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        m_errno = errno;
        return false;
    }
    return true;
}

void PartialFile::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

qint64 PartialFile::size() const
{
    struct stat info;
    if (m_fd < 0 || ::fstat(m_fd, &info) != 0)
        return -1;
    return info.st_size;
}

bool PartialFile::truncate(qint64 size)
{
    if (m_fd < 0)
        return false;
    if (::ftruncate(m_fd, size) != 0) {
        m_errno = errno;
        return false;
    }
    return true;
}

qint64 PartialFile::writeAt(qint64 offset, const char *data, qint64 size)
{
    qint64 written = 0;
    while (written < size) {
        const ssize_t n = ::pwrite(m_fd, data + written, size_t(size - written), off_t(offset + written));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            m_errno = errno;
            return written;
        }
        if (n == 0) {  // no progress and no errno: treat as a full device rather than spin
            m_errno = ENOSPC;
            return written;
        }
        written += n;
    }
    return written;
}

QString PartialFile::errorString() const
{
    return QString::fromLocal8Bit(std::strerror(m_errno));
}

int PartialFile::duplicateDescriptor() const
{
    return m_fd >= 0 ? ::fcntl(m_fd, F_DUPFD_CLOEXEC, 0) : -1;
}

int PartialFile::syncAndClose(int fd)
{
    if (fd < 0)
        return EBADF;
    const int result = ::fdatasync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return result;
}

qint64 PartialFile::sizeOf(const QString &path)
{
    struct stat info;
    const QByteArray native = QFile::encodeName(path);
    if (::stat(native.constData(), &info) != 0)
        return -1;
    return info.st_size;
}

}  // namespace Download
