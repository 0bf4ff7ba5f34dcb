#include "library/lmstudioshare.h"

#include "library/safepath.h"
#include "util/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace Library {

namespace {

bool sameFile(const QString &a, const QString &b)
{
    struct stat sa = {};
    struct stat sb = {};
    return ::stat(QFile::encodeName(a).constData(), &sa) == 0 && ::stat(QFile::encodeName(b).constData(), &sb) == 0 &&
           sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace

bool LmStudioShare::isShareable(const QString &relativePath)
{
    return relativePath.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive);
}

QString LmStudioShare::targetPath(const QString &repoId, const QString &relativePath, const QString &modelsDir)
{
    return QDir(modelsDir).filePath(repoId + QLatin1Char('/') + QFileInfo(relativePath).fileName());
}

LmStudioShare::Outcome LmStudioShare::share(const QString &source, const QString &repoId, const QString &relativePath,
                                            const QString &modelsDir, QString *error)
{
    if (!isShareable(relativePath))
        return Outcome::Skipped;
    const QStringList parts = repoId.split(QLatin1Char('/'));
    const QString name = QFileInfo(relativePath).fileName();
    QString why;
    if (parts.size() != 2 || !SafePath::checkSegment(parts.at(0), &why) || !SafePath::checkSegment(parts.at(1), &why) ||
        !SafePath::checkSegment(name, &why)) {
        *error = QObject::tr("\"%1\" of %2 cannot be named in LM Studio's folder.").arg(relativePath, repoId);
        return Outcome::Failed;
    }
    const QString target = targetPath(repoId, relativePath, modelsDir);
    const QFileInfo existing(target);
    if (existing.exists() || existing.isSymLink()) {
        if (sameFile(existing.absoluteFilePath(), source))
            return Outcome::Already;
        *error = QObject::tr("LM Studio already has another file named %1 in %2; it was left as it is.")
                     .arg(name, QDir::toNativeSeparators(existing.path()));
        return Outcome::Failed;
    }
    if (!QDir().mkpath(existing.path())) {
        *error = QObject::tr("Could not create %1.").arg(QDir::toNativeSeparators(existing.path()));
        return Outcome::Failed;
    }
    const QByteArray from = QFile::encodeName(QFileInfo(source).absoluteFilePath());
    const QByteArray to = QFile::encodeName(target);
    if (::link(from.constData(), to.constData()) == 0)
        return Outcome::Linked;
    const int linkError = errno;
    if ((linkError == EXDEV || linkError == EPERM || linkError == EOPNOTSUPP) &&
        ::symlink(from.constData(), to.constData()) == 0)
        return Outcome::Symlinked;
    *error = QObject::tr("Could not link %1 into LM Studio's folder: %2.")
                 .arg(name, QString::fromLocal8Bit(std::strerror(linkError)));
    return Outcome::Failed;
}

}  // namespace Library
