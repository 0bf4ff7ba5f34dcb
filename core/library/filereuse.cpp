#include "library/filereuse.h"

#include "util/sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace Library {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// The kernel copies (copy_file_range) where it can; across some file systems it refuses
// (EXDEV before Linux 5.19, tmpfs, FUSE), and a plain read/write loop does it.
bool copyData(int in, int out)
{
    bool kernel = true;
    std::vector<char> buffer;
    for (;;) {
        if (kernel) {
            const ssize_t copied = ::copy_file_range(in, nullptr, out, nullptr, 64 * 1024 * 1024, 0);
            if (copied == 0)
                return true;
            if (copied > 0)
                continue;
            if (errno == EINTR)
                continue;
            if (errno != EXDEV && errno != ENOSYS && errno != EOPNOTSUPP && errno != EINVAL)
                return false;
            kernel = false;
            buffer.resize(4 * 1024 * 1024);
        }
        const ssize_t got = ::read(in, buffer.data(), buffer.size());
        if (got == 0)
            return true;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        for (ssize_t written = 0; written < got;) {
            const ssize_t n = ::write(out, buffer.data() + written, size_t(got - written));
            if (n < 0 && errno != EINTR)
                return false;
            written += n > 0 ? n : 0;
        }
    }
}

// Clones (FICLONE) or copies `from` into the new file `to` with the kernel's copy_file_range.
ReuseResult::Method cloneOrCopy(const QString &from, const QString &to, QString *error)
{
    const int in = ::open(QFile::encodeName(from).constData(), O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        *error = QObject::tr("cannot read %1: %2").arg(from, systemError(errno));
        return ReuseResult::Method::None;
    }
    const int out = ::open(QFile::encodeName(to).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0) {
        *error = QObject::tr("cannot create %1: %2").arg(to, systemError(errno));
        ::close(in);
        return ReuseResult::Method::None;
    }
    ReuseResult::Method method = ReuseResult::Method::Reflink;
    if (::ioctl(out, FICLONE, in) != 0) {
        method = ReuseResult::Method::Copy;
        if (!copyData(in, out)) {
            *error = QObject::tr("cannot copy %1: %2").arg(from, systemError(errno));
            method = ReuseResult::Method::None;
        }
    }
    if (method != ReuseResult::Method::None && ::fsync(out) != 0) {
        *error = QObject::tr("cannot write %1: %2").arg(to, systemError(errno));
        method = ReuseResult::Method::None;
    }
    ::close(out);
    ::close(in);
    return method;
}

}  // namespace

QString reuseMethodName(ReuseResult::Method method)
{
    switch (method) {
    case ReuseResult::Method::HardLink:
        return QObject::tr("hard link");
    case ReuseResult::Method::Reflink:
        return QObject::tr("reflink");
    case ReuseResult::Method::Copy:
        return QObject::tr("copy");
    case ReuseResult::Method::None:
        break;
    }
    return {};
}

ReuseResult placeVerifiedCopy(const QString &source, const QString &target, const QString &sha256, qint64 size)
{
    ReuseResult result;
    result.source = source;
    const QFileInfo info(source);
    if (!info.isFile()) {
        result.error = QObject::tr("%1 is gone").arg(source);
        return result;
    }
    if (size >= 0 && info.size() != size) {
        result.error = QObject::tr("%1 has %2 bytes, not %3").arg(source).arg(info.size()).arg(size);
        return result;
    }
    const auto holdsWanted = [&](const QString &path) {
        QString error;
        const QString actual = Util::Sha256::hexOfFile(path, &error);
        if (actual.compare(sha256, Qt::CaseInsensitive) == 0)
            return true;
        result.error =
            error.isEmpty() ? QObject::tr("%1 holds other content (SHA-256 %2)").arg(path, actual.left(12)) : error;
        return false;
    };
    QDir().mkpath(QFileInfo(target).absolutePath());
    if (::link(QFile::encodeName(source).constData(), QFile::encodeName(target).constData()) == 0) {
        // One inode, two names: check the content through the new name; a mismatch unlinks
        // only that name.
        if (!holdsWanted(target)) {
            QFile::remove(target);
            return result;
        }
        result.method = ReuseResult::Method::HardLink;
        return result;
    }
    if (errno != EXDEV && errno != EPERM && errno != EMLINK && errno != EOPNOTSUPP) {
        result.error = QObject::tr("cannot link %1 to %2: %3").arg(source, target, systemError(errno));
        return result;
    }
    QString error;
    const ReuseResult::Method method = cloneOrCopy(source, target, &error);
    if (method == ReuseResult::Method::None) {
        result.error = error;
        QFile::remove(target);
        return result;
    }
    if (!holdsWanted(target)) {
        QFile::remove(target);
        return result;
    }
    result.method = method;
    return result;
}

bool copyInto(const QString &source, const QString &target, QString *error)
{
    const QString temp = target + QStringLiteral(".modeldock-copy");
    QFile::remove(temp);  // a leftover of an earlier crash
    if (cloneOrCopy(source, temp, error) == ReuseResult::Method::None) {
        QFile::remove(temp);
        return false;
    }
    if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(target).constData()) != 0) {
        *error = QObject::tr("cannot rename %1: %2").arg(temp, systemError(errno));
        QFile::remove(temp);
        return false;
    }
    return true;
}

}  // namespace Library
