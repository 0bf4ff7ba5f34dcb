#include "freespace.h"

#include <QDir>
#include <QFileInfo>
#include <QStorageInfo>

#include <sys/statvfs.h>

namespace Util {

Volume volumeOf(const QString &path)
{
    Volume volume;
    QFileInfo info(path.isEmpty() ? QDir::homePath() : path);
    while (!info.exists() && info.absolutePath() != info.absoluteFilePath())
        info = QFileInfo(info.absolutePath());
    volume.folder = info.absoluteFilePath();
    const QStorageInfo storage(volume.folder);
    volume.mountPoint = storage.isValid() && !storage.rootPath().isEmpty() ? storage.rootPath() : volume.folder;
    struct statvfs stats
    {
    };
    if (::statvfs(QFile::encodeName(volume.folder).constData(), &stats) == 0)
        volume.available = qint64(stats.f_bavail) * qint64(stats.f_frsize);
    else if (storage.isValid())
        volume.available = storage.bytesAvailable();
    return volume;
}

}  // namespace Util
