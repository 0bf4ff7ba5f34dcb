#pragma once

#include "catalogtypes.h"

#include <QByteArray>

namespace Catalog {

// The compact JSON form of a file listing stored in the trees table (one row per commit).
class TreeCodec
{
public:
    static QByteArray encode(const QList<FileRecord> &files);
    static QList<FileRecord> decode(const QByteArray &json);
};

}  // namespace Catalog
