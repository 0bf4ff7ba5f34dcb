#include "jsonfetcher.h"

#include "net/requestfactory.h"
#include "net/session.h"
#include "ratelimit.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>

namespace Hub {

struct JsonFetcher::Call
{
    QUrl url;
    QUrl firstUrl;
    QString subject;
    QByteArray ifNoneMatch;
    QByteArray postBody;
    bool isPost = false;
    QPointer<QObject> context;
    Callback callback;
    int hops = 0;
    bool oversized = false;
};

JsonFetcher::JsonFetcher(Net::Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
}

std::shared_ptr<JsonFetcher::Call> JsonFetcher::makeCall(const QUrl &url, const QString &subject, QObject *context,
                                                         Callback callback)
{
    auto call = std::make_shared<Call>();
    call->url = url;
    call->firstUrl = url;
    call->subject = subject;
    call->context = context;
    call->callback = std::move(callback);
    return call;
}

void JsonFetcher::get(const QUrl &url, const QString &subject, const QByteArray &ifNoneMatch, QObject *context,
                      Callback callback)
{
    auto call = makeCall(url, subject, context, std::move(callback));
    call->ifNoneMatch = ifNoneMatch;
    send(call);
}

void JsonFetcher::post(const QUrl &url, const QByteArray &json, const QString &subject, QObject *context,
                       Callback callback)
{
    auto call = makeCall(url, subject, context, std::move(callback));
    call->postBody = json;
    call->isPost = true;
    send(call);
}

void JsonFetcher::send(const std::shared_ptr<Call> &call)
{
    QNetworkRequest request = m_session->apiRequest(call->url, m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!call->ifNoneMatch.isEmpty())
        request.setRawHeader("If-None-Match", call->ifNoneMatch);
    Net::setHub(request, m_hub);
    qCDebug(lcNet) << (call->isPost ? "POST" : "GET") << Net::redactedUrl(call->url);

    // Each hop is a new request, so the session decides again whether the token goes there.
    QNetworkReply *reply = nullptr;
    if (call->isPost) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_session->post(request, call->postBody);
    } else {
        reply = m_session->get(request);
    }
    const qint64 cap = m_maxBodyBytes;
    // Abort as soon as the body outgrows the cap instead of buffering a hostile response.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, call, cap](qint64 received, qint64) {
        if (received > cap && !call->oversized) {
            call->oversized = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, call, reply] { finish(call, reply); });
}

void JsonFetcher::finish(const std::shared_ptr<Call> &call, QNetworkReply *reply)
{
    reply->deleteLater();
    if (!call->context)
        return;  // whoever asked is gone

    ApiResponse response;
    response.url = call->url;
    response.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    if (call->oversized) {
        response.error = Net::HttpError::make(
            Net::ErrorKind::BadResponse,
            QCoreApplication::translate("Hub::JsonFetcher",
                                        "The hub sent an answer larger than %1 MiB for %2; it was not read.")
                .arg(m_maxBodyBytes / (1024 * 1024))
                .arg(call->subject),
            QStringLiteral("body over cap from ") + Net::redactedUrl(call->url));
        call->callback(response);
        return;
    }

    const bool redirect = response.httpStatus >= 300 && response.httpStatus < 400 && response.httpStatus != 304;
    if (redirect) {
        const QUrl target = call->url.resolved(QUrl::fromEncoded(reply->rawHeader("Location"), QUrl::StrictMode));
        QString refusal = Net::redirectRefusal(call->url, target, call->hops);
        // Only 307 and 308 keep the method and body; a POST turned into a GET would ask
        // something else.
        if (call->isPost && response.httpStatus != 307 && response.httpStatus != 308 && refusal.isEmpty())
            refusal =
                QCoreApplication::translate("Hub::JsonFetcher", "a POST redirected with %1").arg(response.httpStatus);
        if (!refusal.isEmpty() || !target.isValid()) {
            response.error = Net::HttpError::make(
                Net::ErrorKind::InsecureRedirect,
                QCoreApplication::translate(
                    "Hub::JsonFetcher", "The hub redirected the request for %1 somewhere ModelDock does not follow.")
                    .arg(call->subject),
                refusal + QLatin1Char(' ') + Net::redactedUrl(target));
            call->callback(response);
            return;
        }
        ++call->hops;
        call->url = target;
        send(call);
        return;
    }

    const QByteArray body = reply->readAll();
    const Net::ResponseInfo info = Net::ResponseInfo::fromReply(reply, body.left(4096));
    response.etag = reply->rawHeader("ETag");
    // Errors carry the hub's delay in error.retryAfter; a successful answer can still say
    // that the quota is spent, and the next request would only earn a 429.
    response.quotaResetIn = RateLimit::quotaResetIn(reply->rawHeader("RateLimit"));
    if (response.httpStatus == 304) {
        response.notModified = true;
        call->callback(response);
        return;
    }
    response.error = m_session->errorFromResponse(info, call->subject);
    if (!response.error.isError() && response.httpStatus != 200) {
        response.error = Net::HttpError::make(
            Net::ErrorKind::BadResponse,
            QCoreApplication::translate("Hub::JsonFetcher", "The hub answered %1 with an unexpected status %2.")
                .arg(call->subject)
                .arg(response.httpStatus),
            Net::redactedUrl(call->url));
    }
    if (response.error.isError()) {
        qCDebug(lcNet) << "hub error" << response.error.detail;
        call->callback(response);
        return;
    }
    response.body = body;
    response.next = nextLink(reply->rawHeader("Link"), call->url);
    call->callback(response);
}

QUrl JsonFetcher::nextLink(const QByteArray &linkHeader, const QUrl &base)
{
    if (linkHeader.isEmpty())
        return {};
    // Link: <url>; rel="next", <url2>; rel="prev" — targets may be relative.
    static const QRegularExpression entry(QStringLiteral(R"(<([^>]*)>\s*;([^,<]*))"));
    static const QRegularExpression relNext(QStringLiteral(R"re(rel\s*=\s*"?([^";]*)"?)re"));
    const QString text = QString::fromLatin1(linkHeader);
    for (auto it = entry.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QRegularExpressionMatch rel = relNext.match(match.captured(2));
        if (rel.hasMatch() && rel.captured(1).split(QLatin1Char(' ')).contains(QLatin1String("next"))) {
            const QUrl target = QUrl::fromEncoded(match.captured(1).toLatin1(), QUrl::StrictMode);
            if (!target.isValid())
                return {};
            return base.resolved(target);
        }
    }
    return {};
}

}  // namespace Hub
