#include "download/contentrange.h"

#include <limits>

namespace Download {

bool parseContentRange(const QByteArray &value, qint64 *start, qint64 *end, qint64 *total)
{
    const QByteArray v = value.trimmed();
    if (!v.startsWith("bytes "))
        return false;
    const qsizetype dash = v.indexOf('-');
    const qsizetype slash = v.indexOf('/');
    if (dash < 0 || slash < dash)
        return false;
    bool ok = false;
    *start = v.mid(6, dash - 6).trimmed().toLongLong(&ok);
    if (!ok)
        return false;
    // The last byte is inclusive; one past it must still fit (a hostile qint64 max would
    // overflow, found by tests/fuzz/fuzz_http_headers).
    const qint64 last = v.mid(dash + 1, slash - dash - 1).trimmed().toLongLong(&ok);
    if (!ok || last < *start || last == std::numeric_limits<qint64>::max())
        return false;
    *end = last + 1;
    const QByteArray totalText = v.mid(slash + 1).trimmed();
    *total = totalText == "*" ? -1 : totalText.toLongLong(&ok);
    return ok || totalText == "*";
}

}  // namespace Download
