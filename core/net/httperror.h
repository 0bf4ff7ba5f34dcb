#pragma once

#include "hubkind.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkReply;

namespace Net {

// What went wrong, typed by what can be done about it. The download pool retries the
// retryable kinds automatically; the others need the user (a token, access, space…).
enum class ErrorKind
{
    None,
    Network,              // connection refused/reset, DNS, TLS handshake: retry with backoff
    Timeout,              // no answer in time: retry
    Stalled,              // headers came, then no byte for too long: reconnect
    ServerError,          // 5xx: retry with backoff
    RateLimited,          // 429: retry after the hub's delay
    Unauthorized,         // 401: log in / set a token
    GatedRepo,            // HF gated repo (401 anonymous or 403 not approved): request access
    AccessDenied,         // 403 other (early access, no grant, disabled)
    NotFound,             // 404 (repo, revision, file)
    Gone,                 // 410 (archived)
    RangeNotSatisfiable,  // 416
    LinkExpired,          // the storage host a hub redirected to refused its signed link: ask the hub again
    BadResponse,          // malformed JSON, wrong types, size/Content-Range mismatch, redirect loop
    InsecureRedirect,     // redirect to another scheme or from https to http
    HashMismatch,         // SHA-256 differs from the hub's value
    UnsafeName,           // remote name escapes the destination
    DiskFull,             // ENOSPC while writing
    DiskError,            // other local I/O error
    BadArchive,           // a verified archive that cannot be extracted: unreadable, over a limit, nothing safe in it
    Cancelled,
};

QString errorKindName(ErrorKind kind);  // stable identifier, e.g. "rate-limited"

struct HttpError
{
    ErrorKind kind = ErrorKind::None;
    int httpStatus = 0;
    QString hubCode;                           // X-Error-Code (RepoNotFound, GatedRepo, …) or Civitai "error"
    QString message;                           // one sentence for the user: what happened and what to do
    QString detail;                            // for the log: redacted URL, status, hub message
    std::chrono::milliseconds retryAfter{-1};  // from Retry-After / RateLimit, -1 = none

    bool isError() const { return kind != ErrorKind::None; }
    // Worth trying again automatically (with backoff)?
    bool isRetryable() const;

    static HttpError make(ErrorKind kind, const QString &message, const QString &detail = {});
};

// The response facts error mapping needs, so it can be used without a live reply (tests,
// replies already deleted).
struct ResponseInfo
{
    QUrl url;
    int httpStatus = 0;
    int networkError = 0;  // QNetworkReply::NetworkError
    QString networkErrorString;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray bodyPrefix;       // first bytes of an error body (JSON message), may be empty
    HubKind hub = HubKind::Any;  // the hub the request was for (kHubAttribute of the request)

    static ResponseInfo fromReply(QNetworkReply *reply, const QByteArray &bodyPrefix = {});
    QByteArray header(const QByteArray &name) const;  // case-insensitive
};

// Delay the server asks for: RateLimit `r=0;t=N` (IETF draft), else Retry-After (seconds or
// HTTP-date). -1 when the response asks for nothing.
std::chrono::milliseconds retryDelayFromHeaders(const ResponseInfo &response);

// Where a user sets a token differs per front end and per hub: the desktop app has a settings
// dialog, the CLI reads HF_TOKEN and CIVITAI_API_TOKEN. The sentences for 401/403 end their
// advice with this phrase ("set an access token for this hub <where>"). The front end's
// Net::Session holds it (Session::setTokenWhere); it receives the hub the request was for
// (Any when unknown) and the URL that was refused. Empty, or when it returns an empty string:
// the hub's setting ("in the settings (Hugging Face access token)").
using TokenWhere = std::function<QString(HubKind hub, const QUrl &url)>;
QString tokenWhere(HubKind hub, const QUrl &url, const TokenWhere &where = {});

// Maps a finished response to a typed error with a sentence. `subject` names what was asked
// for in user terms ("cortexso/llama3.2", "model.gguf"); `tokenAdvice` ends the advice of 401/403
// sentences (Session::errorFromResponse passes its front end's). Returns kind None for 2xx/3xx.
HttpError errorFromResponse(const ResponseInfo &response, const QString &subject, const TokenWhere &tokenAdvice = {});

// A URL safe to log: no query string (signed URLs, ?token=) and no user info.
QString redactedUrl(const QUrl &url);

}  // namespace Net
