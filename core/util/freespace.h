#pragma once

#include <QString>

namespace Util {

// The file system that holds a path, or would hold it: the nearest existing folder above
// `path` decides.
struct Volume
{
    QString mountPoint;     // as the system lists it; the existing folder when none is listed
    QString folder;         // the nearest existing folder (what was asked about)
    qint64 available = -1;  // bytes this user may still write; -1 when unknown
};

// Free space comes from statvfs, which answers for any folder (QStorageInfo needs the mount
// table to list the folder's file system, which a chroot or container may not). Callers treat
// an unknown size as "cannot tell", never as "full".
Volume volumeOf(const QString &path);

}  // namespace Util
