#pragma once

#include "net/httperror.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace Hub {

// The outcome of one hub call: a value, or a typed error. `rejected` holds one sentence per
// item the parser dropped (bad types, hostile names, absurd sizes), so one bad model is
// reported without failing the call.
template <typename T> struct Result
{
    T value{};
    Net::HttpError error;
    QStringList rejected;
    // The hub's quota is used up (RateLimit r=0 on a successful answer): wait this long
    // before the next request. -1 when more requests are fine.
    std::chrono::milliseconds quotaResetIn{-1};
    bool ok() const { return !error.isError(); }
};

// One page of a paginated listing, with what a conditional re-fetch needs.
template <typename T> struct Page
{
    QList<T> items;
    QStringList rejected;
    QUrl url;                  // the URL this page was fetched from
    QUrl next;                 // empty on the last page
    QByteArray etag;           // the page's ETag, if the hub sent one
    QString bodySha256;        // hash of the body, to spot an unchanged page when no ETag is honoured
    bool notModified = false;  // 304: items is empty, use what was stored for this URL
    Net::HttpError error;
    std::chrono::milliseconds quotaResetIn{-1};  // as in Result
    bool ok() const { return !error.isError(); }
};

}  // namespace Hub
