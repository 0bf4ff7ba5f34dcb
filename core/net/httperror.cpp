#include "httperror.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkReply>
#include <QObject>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

namespace Net {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return QStringLiteral("none");
    case ErrorKind::Network:
        return QStringLiteral("network");
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::Stalled:
        return QStringLiteral("stalled");
    case ErrorKind::ServerError:
        return QStringLiteral("server-error");
    case ErrorKind::RateLimited:
        return QStringLiteral("rate-limited");
    case ErrorKind::Unauthorized:
        return QStringLiteral("unauthorized");
    case ErrorKind::GatedRepo:
        return QStringLiteral("gated-repo");
    case ErrorKind::AccessDenied:
        return QStringLiteral("access-denied");
    case ErrorKind::NotFound:
        return QStringLiteral("not-found");
    case ErrorKind::Gone:
        return QStringLiteral("gone");
    case ErrorKind::RangeNotSatisfiable:
        return QStringLiteral("range-not-satisfiable");
    case ErrorKind::LinkExpired:
        return QStringLiteral("link-expired");
    case ErrorKind::BadResponse:
        return QStringLiteral("bad-response");
    case ErrorKind::InsecureRedirect:
        return QStringLiteral("insecure-redirect");
    case ErrorKind::HashMismatch:
        return QStringLiteral("hash-mismatch");
    case ErrorKind::UnsafeName:
        return QStringLiteral("unsafe-name");
    case ErrorKind::DiskFull:
        return QStringLiteral("disk-full");
    case ErrorKind::DiskError:
        return QStringLiteral("disk-error");
    case ErrorKind::BadArchive:
        return QStringLiteral("bad-archive");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

bool HttpError::isRetryable() const
{
    switch (kind) {
    case ErrorKind::Network:
    case ErrorKind::Timeout:
    case ErrorKind::Stalled:
    case ErrorKind::ServerError:
    case ErrorKind::RateLimited:
    case ErrorKind::RangeNotSatisfiable:  // the download starts over from byte 0 and retries
    case ErrorKind::LinkExpired:          // a fresh link from the hub, then Range resumes
        return true;
    default:
        return false;
    }
}

HttpError HttpError::make(ErrorKind kind, const QString &message, const QString &detail)
{
    HttpError error;
    error.kind = kind;
    error.message = message;
    error.detail = detail;
    return error;
}

QByteArray ResponseInfo::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ResponseInfo ResponseInfo::fromReply(QNetworkReply *reply, const QByteArray &bodyPrefix)
{
    ResponseInfo info;
    info.url = reply->url();
    info.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    info.networkError = reply->error();
    info.networkErrorString = reply->errorString();
    info.headers = reply->rawHeaderPairs();
    info.bodyPrefix = bodyPrefix;
    info.hub = hubOf(reply->request());
    return info;
}

QString tokenWhere(HubKind hub, const QUrl &url, const TokenWhere &where)
{
    const QString said = where ? where(hub, url) : QString();
    if (!said.isEmpty())
        return said;
    switch (hub) {
    case HubKind::HuggingFace:
        return QObject::tr("in the settings (Hugging Face access token)");
    case HubKind::Civitai:
        return QObject::tr("in the settings (Civitai API key)");
    case HubKind::Any:
        break;
    }
    return QObject::tr("in the settings");
}

QString redactedUrl(const QUrl &url)
{
    return url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
}

namespace {

// Hubs put the human message in different places: X-Error-Message (HF), {"error": "..."},
// {"error": {...}}, {"message": "..."} (Civitai), {"errors": [{"message": ...}]}.
QString hubMessage(const ResponseInfo &response)
{
    const QByteArray header = response.header("X-Error-Message");
    if (!header.isEmpty())
        return QString::fromUtf8(header);
    const QJsonObject body = QJsonDocument::fromJson(response.bodyPrefix).object();
    if (body.value(QLatin1String("message")).isString())
        return body.value(QLatin1String("message")).toString();
    const QJsonValue error = body.value(QLatin1String("error"));
    if (error.isString())
        return error.toString();
    if (error.isObject() && error.toObject().value(QLatin1String("message")).isString())
        return error.toObject().value(QLatin1String("message")).toString();
    const QJsonArray errors = body.value(QLatin1String("errors")).toArray();
    if (!errors.isEmpty())
        return errors.first().toObject().value(QLatin1String("message")).toString();
    return {};
}

// A token the hub does not know, as opposed to no token at all: HF says "Invalid credentials in
// Authorization header", Civitai "Invalid API key" (its exact wording is unconfirmed, hence the
// loose match).
bool isRejectedToken(const QString &message)
{
    static const QRegularExpression rejected(QStringLiteral(R"(\binvalid\b.*\b(credentials|token|key)\b)"),
                                             QRegularExpression::CaseInsensitiveOption);
    return rejected.match(message).hasMatch();
}

QString civitaiErrorCode(const ResponseInfo &response)
{
    const QJsonValue error = QJsonDocument::fromJson(response.bodyPrefix).object().value(QLatin1String("error"));
    return error.isString() ? error.toString() : QString();
}

HttpError fromNetworkError(const ResponseInfo &response, const QString &subject)
{
    HttpError error;
    error.detail = QStringLiteral("%1: network error %2 (%3)")
                       .arg(redactedUrl(response.url))
                       .arg(response.networkError)
                       .arg(response.networkErrorString);
    switch (response.networkError) {
    case QNetworkReply::OperationCanceledError:
        error.kind = ErrorKind::Cancelled;
        error.message = QObject::tr("The download of %1 was cancelled.").arg(subject);
        break;
    case QNetworkReply::TimeoutError:
        error.kind = ErrorKind::Timeout;
        error.message = QObject::tr("%1: the server did not answer in time. Check your connection if this "
                                    "keeps happening.")
                            .arg(subject);
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        error.kind = ErrorKind::InsecureRedirect;
        error.message = QObject::tr("%1: the connection is not secure (%2), so nothing was downloaded. "
                                    "Check the endpoint or mirror in the settings.")
                            .arg(subject, response.networkErrorString);
        break;
    default:
        error.kind = ErrorKind::Network;
        error.message = QObject::tr("%1: the network failed (%2). Check your connection or proxy if this "
                                    "keeps happening.")
                            .arg(subject, response.networkErrorString);
        break;
    }
    return error;
}

}  // namespace

namespace {
// A hub that asks for more than a day is treated as asking for a day: the callers give up on
// anything that long anyway, and the arithmetic on the value (seconds → ms, + 1 s of slack)
// stays far from overflowing whatever a hostile header says (found by fuzz_http_headers).
constexpr qint64 kMaxServerDelaySeconds = 24 * 3600;
}  // namespace

std::chrono::milliseconds retryDelayFromHeaders(const ResponseInfo &response)
{
    using namespace std::chrono;
    // RateLimit: "api";r=0;t=42 — only meaningful when nothing remains in the window. A server
    // may describe several policies (several fields, or one list): the longest exhausted one wins.
    static const QRegularExpression remainingRe(QStringLiteral(R"(\br=(\d+))"));
    static const QRegularExpression resetRe(QStringLiteral(R"(\bt=(\d+))"));
    qint64 exhaustedFor = -1;
    for (const auto &[name, value] : response.headers) {
        if (name.compare("RateLimit", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &item : value.split(',')) {
            const QString text = QString::fromLatin1(item);
            const auto remaining = remainingRe.match(text);
            const auto reset = resetRe.match(text);
            if (!remaining.hasMatch() || !reset.hasMatch())
                continue;
            // A number too long for qint64 is not "0 remaining" (toLongLong's failure value).
            bool remainingOk = false;
            bool resetOk = false;
            const qint64 left = remaining.captured(1).toLongLong(&remainingOk);
            const qint64 resetIn = reset.captured(1).toLongLong(&resetOk);
            if (remainingOk && left == 0)
                exhaustedFor =
                    qMax(exhaustedFor, resetOk ? qMin(resetIn, kMaxServerDelaySeconds) : kMaxServerDelaySeconds);
        }
    }
    if (exhaustedFor >= 0)
        return seconds(exhaustedFor + 1);
    const QByteArray retryAfter = response.header("Retry-After").trimmed();
    if (!retryAfter.isEmpty()) {
        bool isNumber = false;
        const qint64 secondsValue = retryAfter.toLongLong(&isNumber);
        if (isNumber && secondsValue >= 0)
            return seconds(qMin(secondsValue, kMaxServerDelaySeconds));
        const QDateTime when =
            QLocale::c().toDateTime(QString::fromLatin1(retryAfter), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
        if (when.isValid()) {
            QDateTime utc = when;
            utc.setTimeSpec(Qt::UTC);
            const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(utc);
            return milliseconds(std::clamp<qint64>(ms, 0, kMaxServerDelaySeconds * 1000));
        }
    }
    return milliseconds(-1);
}

HttpError errorFromResponse(const ResponseInfo &response, const QString &subject, const TokenWhere &tokenAdvice)
{
    const int status = response.httpStatus;
    // A transport failure (codes below 200: connection, timeout, TLS, proxy) after a 2xx
    // status line is a body that broke off, not a success with a short body.
    const bool transportFailed =
        response.networkError > QNetworkReply::NoError && response.networkError < QNetworkReply::ContentAccessDenied;
    if (response.networkError != QNetworkReply::NoError && (status == 0 || (transportFailed && status < 300)))
        return fromNetworkError(response, subject);
    if (status >= 200 && status < 400)
        return {};

    HttpError error;
    error.httpStatus = status;
    error.hubCode = QString::fromLatin1(response.header("X-Error-Code"));
    const QString message = hubMessage(response);
    if (error.hubCode.isEmpty())
        error.hubCode = civitaiErrorCode(response);
    error.detail = QStringLiteral("%1: HTTP %2 %3 %4")
                       .arg(redactedUrl(response.url))
                       .arg(status)
                       .arg(error.hubCode, message == error.hubCode ? QString() : message)
                       .simplified();
    error.retryAfter = retryDelayFromHeaders(response);

    const QString where = tokenWhere(response.hub, response.url, tokenAdvice);
    const bool gated = error.hubCode == QLatin1String("GatedRepo");
    if (gated && (status == 401 || status == 403)) {
        error.kind = ErrorKind::GatedRepo;
        error.message = status == 401 ? QObject::tr("%1 is a gated model: log in by setting a Hugging Face token %2, "
                                                    "and request access on the model page if you have not yet.")
                                            .arg(subject, where)
                                      : QObject::tr("%1 is a gated model and your account is not approved yet: "
                                                    "request access on the model page, then try again.")
                                            .arg(subject);
        return error;
    }

    // Hugging Face answers 401 RepoNotFound to anonymous requests for repos that are missing
    // or private: it is a "not found", with a hint that a token may help.
    if (error.hubCode == QLatin1String("RepoNotFound") && (status == 401 || status == 404)) {
        error.kind = ErrorKind::NotFound;
        error.message = QObject::tr("%1 was not found on the hub: it may have been removed or renamed, or it is "
                                    "private (then set a token that can see it %2).")
                            .arg(subject, where);
        return error;
    }

    switch (status) {
    case 401:
        error.kind = ErrorKind::Unauthorized;
        if (message.contains(QLatin1String("disabled downloads"), Qt::CaseInsensitive))
            error.message = QObject::tr("%1: the creator has disabled downloads of this file.").arg(subject);
        else if (isRejectedToken(message))
            error.message = QObject::tr("%1: the hub rejected your token. Check the token %2.").arg(subject, where);
        else
            error.message = QObject::tr("%1 requires you to be logged in: set an access token for this hub "
                                        "%2, then try again.")
                                .arg(subject, where);
        break;
    case 403:
        error.kind = ErrorKind::AccessDenied;
        if (error.hubCode.compare(QLatin1String("Early Access"), Qt::CaseInsensitive) == 0)
            error.message = QObject::tr("%1 is in early access: it can be downloaded once early access "
                                        "ends, or with early access bought on the model page.")
                                .arg(subject);
        else
            error.message = QObject::tr("%1: the hub refused access (%2). Check your token %3 and your access "
                                        "on the model page.")
                                .arg(subject, message.isEmpty() ? QObject::tr("forbidden") : message, where);
        break;
    case 404:
        error.kind = ErrorKind::NotFound;
        if (error.hubCode == QLatin1String("RevisionNotFound"))
            error.message = QObject::tr("%1: that revision does not exist on the hub. Check the branch, tag or commit.")
                                .arg(subject);
        else if (error.hubCode == QLatin1String("EntryNotFound"))
            error.message = QObject::tr("%1: the file does not exist at that revision; it may have been "
                                        "renamed or removed. Refresh the catalog.")
                                .arg(subject);
        else
            error.message = QObject::tr("%1 was not found on the hub: it may have been removed, renamed or made "
                                        "private. Refresh the catalog.")
                                .arg(subject);
        break;
    case 410:
        error.kind = ErrorKind::Gone;
        error.message = QObject::tr("%1 has been archived by the hub and can no longer be downloaded.").arg(subject);
        break;
    case 416:
        error.kind = ErrorKind::RangeNotSatisfiable;
        error.message =
            QObject::tr("%1: the server could not serve the requested part of the file (HTTP 416).").arg(subject);
        break;
    case 429:
        error.kind = ErrorKind::RateLimited;
        // Only what the hub said: whether anyone retries is the caller's decision, and the
        // caller appends "Retrying in N s." when it schedules one.
        error.message = error.retryAfter.count() >= 0
                            ? QObject::tr("%1: the hub is rate-limiting requests (HTTP 429) and asks to wait %2 s.")
                                  .arg(subject)
                                  .arg((error.retryAfter.count() + 999) / 1000)
                            : QObject::tr("%1: the hub is rate-limiting requests (HTTP 429).").arg(subject);
        break;
    case 408:
        error.kind = ErrorKind::Timeout;
        error.message = QObject::tr("%1: the server timed out (HTTP 408).").arg(subject);
        break;
    default:
        if (status >= 500) {
            error.kind = ErrorKind::ServerError;
            error.message = error.retryAfter.count() >= 0
                                ? QObject::tr("%1: the hub had a server error (HTTP %2) and asks to wait %3 s.")
                                      .arg(subject)
                                      .arg(status)
                                      .arg((error.retryAfter.count() + 999) / 1000)
                                : QObject::tr("%1: the hub had a server error (HTTP %2).").arg(subject).arg(status);
        } else {
            error.kind = ErrorKind::BadResponse;
            error.message = QObject::tr("%1: the hub answered HTTP %2%3.")
                                .arg(subject)
                                .arg(status)
                                .arg(message.isEmpty() ? QString() : QStringLiteral(" (") + message + QLatin1Char(')'));
        }
        break;
    }
    return error;
}

}  // namespace Net
