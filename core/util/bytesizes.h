#pragma once

#include <QString>
#include <QtGlobal>

#include <utility>

namespace Util {

// Sizes for sentences that compare two of them ("%1 instead of %2"). Rounded to one decimal
// ("32.0 MiB", as Download::formatBytes), unless the two would then read the same although
// they differ: then both are exact ("33,558,528 bytes instead of 33,554,432 bytes"), so the
// sentence still shows the difference it is about.
class ByteSizes
{
public:
    static QString rounded(qint64 bytes);  // "32.0 MiB", "512 bytes"
    static QString exact(qint64 bytes);    // "33,554,432 bytes"
    static std::pair<QString, QString> distinct(qint64 first, qint64 second);
};

}  // namespace Util
