#pragma once

#include "hubresult.h"
#include "net/httperror.h"
#include "util/futurewatch.h"
#include "util/sha256.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <functional>

class QNetworkReply;

namespace Net {
class Session;
}

namespace Hub {

// What one API GET produced once redirects were followed.
struct ApiResponse
{
    QUrl url;  // final URL
    int httpStatus = 0;
    QByteArray body;  // empty on 304 and on errors
    QByteArray etag;
    QUrl next;  // Link: <…>; rel="next", resolved against url
    bool notModified = false;
    Net::HttpError error;
    std::chrono::milliseconds quotaResetIn{-1};  // RateLimit says the quota is used up

    bool ok() const { return !error.isError(); }
};

// Sends the JSON GETs (and the few POSTs) of both hub clients through the process's Net::Session: its User-Agent,
// our timeout, credentials only for their own hub's origin, manual redirects re-checked hop
// by hop, optional If-None-Match, and a cap on the body so a hostile or broken hub cannot
// fill memory.
class JsonFetcher : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResponse &)>;

    explicit JsonFetcher(Net::Session *session, QObject *parent = nullptr);

    // The callback runs once, on the thread of `context`, unless context is destroyed first.
    // `subject` names what was asked for in user terms ("cortexso/llama3.2") for error sentences.
    void get(const QUrl &url, const QString &subject, const QByteArray &ifNoneMatch, QObject *context,
             Callback callback);

    // POSTs `json` (Content-Type application/json) and answers like get(); a 307/308 sends
    // the same POST to the new place (other redirects of a POST are refused), no ETags.
    void post(const QUrl &url, const QByteArray &json, const QString &subject, QObject *context, Callback callback);

    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    // The hub every request is for: it picks the token (two hubs may share one address) and
    // the advice of 401/403 sentences.
    void setHub(Net::HubKind hub) { m_hub = hub; }
    Net::HubKind hub() const { return m_hub; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // Parses an RFC 8288 Link header and returns the rel="next" target, resolved against base.
    static QUrl nextLink(const QByteArray &linkHeader, const QUrl &base);

private:
    struct Call;
    static std::shared_ptr<Call> makeCall(const QUrl &url, const QString &subject, QObject *context, Callback callback);
    void send(const std::shared_ptr<Call> &call);
    void finish(const std::shared_ptr<Call> &call, QNetworkReply *reply);

    Net::Session *m_session;
    qint64 m_maxBodyBytes = 64LL * 1024 * 1024;
    int m_timeoutMs = 30000;
    Net::HubKind m_hub = Net::HubKind::Any;
};

// The fields of a listing page that come from the answer itself, with the body's hash when
// there is a body (a 2xx that is not a 304); the caller parses the items.
template <typename T> Page<T> pageOf(const QUrl &pageUrl, const ApiResponse &response)
{
    Page<T> page;
    page.url = pageUrl;
    page.error = response.error;
    page.etag = response.etag;
    page.next = response.next;
    page.notModified = response.notModified;
    page.quotaResetIn = response.quotaResetIn;
    if (response.ok() && !response.notModified)
        page.bodySha256 = Util::Sha256::hexOf(response.body);
    return page;
}

// A JsonFetcher callback that hands the answer to parse() on a worker thread and parse()'s
// result to callback on context's thread: hashing and parsing a listing page of 1,000 models
// takes tens of milliseconds, too long for the thread that runs the window.
template <typename Parse, typename Callback>
JsonFetcher::Callback parsedOnWorker(QObject *context, Parse parse, Callback callback)
{
    return [context, parse, callback](const ApiResponse &response) {
        Util::whenFinished(context, QtConcurrent::run([parse, response] { return parse(response); }), callback);
    };
}

}  // namespace Hub
