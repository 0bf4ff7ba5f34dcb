#pragma once

#include <QByteArray>

namespace Download {

// "bytes 100-199/1000" → first byte (100), one past the last byte (200) and the total (1000;
// -1 for "*"). False for anything else, including values whose end would overflow.
bool parseContentRange(const QByteArray &value, qint64 *start, qint64 *end, qint64 *total);

}  // namespace Download
