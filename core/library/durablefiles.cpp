#include "durablefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Library {

namespace {
QString systemError(int code)
{
    return QString::fromLocal8Bit(std::strerror(code));
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool syncPath(const QString &path, int flags, QString *error)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), flags | O_CLOEXEC);
    if (fd < 0) {
        const int code = errno;
        return fail(error, QCoreApplication::translate("Library::DurableFiles",
                                                       "Could not open \"%1\" to flush it to disk: %2.")
                               .arg(path, systemError(code)));
    }
    const int rc = ::fsync(fd);
    const int code = errno;
    ::close(fd);
    // Some file systems (tmpfs on older kernels, some FUSE mounts) refuse fsync on a
    // directory; the rename itself already happened, so that is not a failure.
    if (rc != 0 && code != EINVAL && code != EROFS)
        return fail(error, QCoreApplication::translate("Library::DurableFiles", "Could not flush \"%1\" to disk: %2.")
                               .arg(path, systemError(code)));
    return true;
}
}  // namespace

bool DurableFiles::syncFile(const QString &path, QString *error)
{
    return syncPath(path, O_RDONLY, error);
}

bool DurableFiles::syncDirectory(const QString &path, QString *error)
{
    return syncPath(path, O_RDONLY | O_DIRECTORY, error);
}

bool DurableFiles::makePath(const QString &dir, QString *error)
{
    if (QDir().mkpath(dir))
        return true;
    return fail(error,
                QCoreApplication::translate("Library::DurableFiles", "Could not create the folder \"%1\".").arg(dir));
}

bool DurableFiles::replace(const QString &from, const QString &to, QString *error)
{
    const QByteArray nativeFrom = QFile::encodeName(from);
    const QByteArray nativeTo = QFile::encodeName(to);
    if (::rename(nativeFrom.constData(), nativeTo.constData()) != 0) {
        const int code = errno;
        return fail(error, QCoreApplication::translate("Library::DurableFiles", "Could not move \"%1\" to \"%2\": %3.")
                               .arg(from, to, systemError(code)));
    }
    return syncDirectory(QFileInfo(to).absolutePath(), error);
}

bool DurableFiles::writeAtomically(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    // QSaveFile may write straight into `path` when it cannot create a temporary file beside
    // it; that would break the all-or-nothing promise, so refuse instead.
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, QCoreApplication::translate("Library::DurableFiles", "Could not write \"%1\": %2.")
                               .arg(path, file.errorString()));
    if (file.write(data) != data.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(
            error,
            QCoreApplication::translate("Library::DurableFiles", "Could not write \"%1\": %2.").arg(path, reason));
    }
    // commit() flushes, fsyncs the temporary file and renames it into place.
    if (!file.commit())
        return fail(error, QCoreApplication::translate("Library::DurableFiles", "Could not write \"%1\": %2.")
                               .arg(path, file.errorString()));
    return syncDirectory(QFileInfo(path).absolutePath(), error);
}

bool DurableFiles::replaceWithSymlink(const QString &target, const QString &linkPath, QString *error, bool *unsupported)
{
    const QFileInfo existing(linkPath);
    if (existing.isDir() && !existing.isSymLink())
        return fail(error, QCoreApplication::translate("Library::DurableFiles",
                                                       "Could not link \"%1\": a folder of that name is in the way.")
                               .arg(linkPath));
    // A fixed temporary name is fine: commits of one destination are serialised by the pool,
    // and a stale leftover from a crash is simply removed first.
    const QString temp = linkPath + QStringLiteral(".modeldock-link");
    const QByteArray nativeTemp = QFile::encodeName(temp);
    ::unlink(nativeTemp.constData());
    const QByteArray nativeTarget = QFile::encodeName(target);
    if (::symlink(nativeTarget.constData(), nativeTemp.constData()) != 0) {
        const int code = errno;
        if (unsupported)
            *unsupported = code == ENOSYS || code == EPERM || code == EOPNOTSUPP;
        return fail(error, QCoreApplication::translate("Library::DurableFiles", "Could not create the link \"%1\": %2.")
                               .arg(linkPath, systemError(code)));
    }
    if (!replace(temp, linkPath, error)) {
        ::unlink(nativeTemp.constData());
        return false;
    }
    return true;
}

}  // namespace Library
