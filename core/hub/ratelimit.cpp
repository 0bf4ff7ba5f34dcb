#include "ratelimit.h"

#include <QList>

#include <algorithm>

namespace Hub {

std::chrono::milliseconds RateLimit::quotaResetIn(const QByteArray &header)
{
    std::chrono::milliseconds wait{-1};
    for (const QByteArray &item : header.split(',')) {
        qint64 remaining = -1;
        qint64 reset = -1;
        // The first member is the policy name; parameters follow after ';'.
        const QList<QByteArray> parts = item.split(';');
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts.at(i).trimmed();
            const qsizetype equals = parameter.indexOf('=');
            if (equals <= 0)
                continue;
            bool ok = false;
            const qint64 value = parameter.mid(equals + 1).trimmed().toLongLong(&ok);
            if (!ok || value < 0)
                continue;
            const QByteArray key = parameter.left(equals).trimmed();
            if (key == "r")
                remaining = value;
            else if (key == "t")
                reset = value;
        }
        // More than a day counts as a day, so the arithmetic below cannot overflow on a
        // hostile value (found by fuzz_http_headers).
        if (remaining == 0 && reset >= 0)
            wait =
                std::max(wait, std::chrono::milliseconds(std::chrono::seconds(std::min<qint64>(reset, 24 * 3600) + 1)));
    }
    return wait;
}

}  // namespace Hub
