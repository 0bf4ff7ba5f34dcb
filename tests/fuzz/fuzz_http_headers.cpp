// libFuzzer target: the response header parsers ModelDock acts on. The same bytes are read as
// a Retry-After, a RateLimit (one field, and one field per line), a Link and a Content-Range
// value, through the functions the hub clients and the download engine call.
#include "download/contentrange.h"
#include "hub/jsonfetcher.h"
#include "hub/ratelimit.h"
#include "net/httperror.h"

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray value(reinterpret_cast<const char *>(data), qsizetype(size));

    Net::ResponseInfo response;
    response.httpStatus = 429;
    response.headers = {{"Retry-After", value}, {"RateLimit", value}};
    for (const QByteArray &line : value.split('\n'))
        response.headers.append({"RateLimit", line});
    const std::chrono::milliseconds delay = Net::retryDelayFromHeaders(response);
    if (delay.count() < -1)
        __builtin_trap();  // a delay is -1 (none) or a wait, never negative
    if (Hub::RateLimit::quotaResetIn(value).count() < -1)
        __builtin_trap();
    const Net::HttpError error = Net::errorFromResponse(response, QStringLiteral("fuzz"));
    if (error.kind != Net::ErrorKind::RateLimited || error.message.isEmpty())
        __builtin_trap();

    const QUrl base(QStringLiteral("https://huggingface.co/api/models?limit=5"));
    const QUrl next = Hub::JsonFetcher::nextLink(value, base);
    if (!next.isEmpty() && !next.isValid())
        __builtin_trap();

    qint64 start = 0;
    qint64 end = 0;
    qint64 total = 0;
    if (Download::parseContentRange(value, &start, &end, &total) && end <= start)
        __builtin_trap();  // an accepted range is never empty or reversed
    return 0;
}
