#include "download/rangestream.h"

#include "download/connectionlanes.h"
#include "download/contentrange.h"
#include "download/ratecontroller.h"
#include "net/requestfactory.h"
#include "net/session.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QNetworkReply>

#include <limits>

namespace Download {

namespace {

constexpr qint64 kErrorBodyPrefix = 4096;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

bool RangeStream::sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto port = [](const QUrl &u) { return u.port(u.scheme() == QLatin1String("https") ? 443 : 80); };
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

RangeStream::RangeStream(const Net::Session *session, RateController *rate, const Params &params, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_rate(rate)
    , m_params(params)
    // Known from the start, so the first reply already gets the small read-ahead of a capped
    // stream instead of pulling megabytes before its headers register it with the controller.
    , m_throttled(rate && rate->isLimited())
{
}

RangeStream::~RangeStream()
{
    abort();
}

QString RangeStream::host() const
{
    return m_currentUrl.host();
}

void RangeStream::start()
{
    m_started = true;
    m_activity = m_clock->now();
    sendRequest(m_params.url);
}

void RangeStream::sendRequest(const QUrl &url)
{
    m_currentUrl = url;
    QNetworkRequest request = m_session->fileRequest(url);
    Net::RequestFactory::applyConnectionLane(request, m_params.lane);
    if (m_params.sendRange) {
        QByteArray range = "bytes=" + QByteArray::number(m_params.offset) + '-';
        if (m_params.end >= 0)
            range += QByteArray::number(m_params.end - 1);
        request.setRawHeader("Range", range);
        if (!m_params.ifRange.isEmpty())
            request.setRawHeader("If-Range", m_params.ifRange.toUtf8());
    }
    // The session attaches the token only where the URL is its hub's origin: never to the
    // storage host a redirect leads to.
    m_reply = m_session->get(request);
    // The heart of bounded memory: Qt stops reading the socket once this much is buffered.
    m_reply->setReadBufferSize(readBufferSize());
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &RangeStream::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &RangeStream::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &RangeStream::onFinished);
}

void RangeStream::dropReply()
{
    if (!m_reply)
        return;
    m_reply->disconnect(this);
    if (m_reply->isRunning())
        m_reply->abort();
    m_reply->deleteLater();
    m_reply = nullptr;
}

void RangeStream::releaseLane()
{
    if (m_lanes)
        m_lanes->release(hubUrl(), m_params.lane);
    m_lanes = nullptr;
}

void RangeStream::abort()
{
    if (m_aborted)
        return;
    m_aborted = true;
    dropReply();
    releaseLane();
    if (m_rate)
        m_rate->removeStream(this);
}

qint64 RangeStream::readBufferSize() const
{
    if (!m_throttled || !m_rate)
        return m_params.readBufferSize;
    // About a quarter second at the cap: enough to keep a stream busy between ticks, small
    // enough that the socket cannot pull far ahead of the budget.
    return qBound(kMinThrottledReadBuffer, m_rate->limit() / 4, m_params.readBufferSize);
}

qint64 RangeStream::drain()
{
    const qint64 got = transfer(bytesAvailable());
    if (m_throttled && m_rate)
        m_rate->charge(got);
    return got;
}

void RangeStream::setThrottled(bool throttled)
{
    m_throttled = throttled;
    // Under a bandwidth cap the read buffer is what the socket may read ahead of the budget:
    // a large one would pull whole small files off the network at full speed and only hand
    // them out slowly. A small one lets TCP flow control hold the sender back.
    if (m_reply)
        m_reply->setReadBufferSize(readBufferSize());
    if (!throttled && m_acceptingBody)
        transfer(std::numeric_limits<qint64>::max());
}

qint64 RangeStream::bytesAvailable() const
{
    return (m_reply && m_acceptingBody) ? m_reply->bytesAvailable() : 0;
}

qint64 RangeStream::idleMs() const
{
    // Bytes waiting for the bandwidth budget are our own doing, not a stalled server.
    if (bytesAvailable() > 0)
        return 0;
    return m_started ? Util::msBetween(m_activity, m_clock->now()) : 0;
}

void RangeStream::onMetaData()
{
    if (m_acceptingBody || !m_reply)
        return;
    m_activity = m_clock->now();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 && status != 206)
        return;  // redirects and errors are handled once the (small) body is complete

    if (!linkedEtagMatches())
        return;
    ResponseMeta meta;
    meta.status = status;
    meta.finalUrl = m_currentUrl;
    const QByteArray etag = m_reply->rawHeader("ETag");
    meta.validator = QString::fromLatin1(!etag.isEmpty() ? etag : m_reply->rawHeader("Last-Modified"));
    const qint64 length = m_reply->header(QNetworkRequest::ContentLengthHeader).isValid()
                              ? m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()
                              : -1;
    if (status == 206) {
        if (!parseContentRange(m_reply->rawHeader("Content-Range"), &meta.rangeStart, &meta.rangeEnd, &meta.total)) {
            failWith(Net::HttpError::make(
                Net::ErrorKind::BadResponse,
                QCoreApplication::translate("Download::RangeStream",
                                            "The server sent part of %1 without saying which part.")
                    .arg(m_params.subject),
                QStringLiteral("206 without a usable Content-Range from ") + Net::redactedUrl(m_currentUrl)));
            return;
        }
    } else {
        meta.rangeStart = 0;
        meta.total = length;
    }
    m_acceptingBody = true;
    if (m_rate)
        m_rate->addStream(this);
    Q_EMIT headersReceived(meta);
}

void RangeStream::onReadyRead()
{
    m_activity = m_clock->now();
    if (m_acceptingBody) {
        if (!m_throttled)
            transfer(std::numeric_limits<qint64>::max());
        return;
    }
    // A redirect or error body larger than what we look at would fill the bounded read buffer
    // and never finish: decide as soon as the part we need is here.
    if (m_reply && m_reply->bytesAvailable() >= kErrorBodyPrefix)
        onFinished();
}

qint64 RangeStream::transfer(qint64 maxBytes)
{
    qint64 delivered = 0;
    if (m_aborted || !m_acceptingBody || !m_reply)
        return 0;
    // Keeps this object alive if the sink aborts us and the task schedules our deletion.
    QPointer<RangeStream> guard(this);
    while (delivered < maxBytes && m_reply && !m_aborted) {
        const qint64 available = m_reply->bytesAvailable();
        if (available <= 0)
            break;
        // The reply holds what Qt's network thread read as whole blocks; asking for exactly what
        // is there usually hands over such a block without copying it (QIODevice::read(qint64)
        // returns the buffer's first block as is when the sizes match). The read buffer bounds
        // how much that can be.
        const QByteArray block = m_reply->read(qMin(available, maxBytes - delivered));
        if (block.isEmpty())
            break;
        delivered += block.size();
        m_delivered += block.size();
        m_activity = m_clock->now();
        if (!m_sink(block.constData(), block.size()))
            return delivered;
        if (!guard)
            return delivered;
    }
    maybeComplete();
    return delivered;
}

void RangeStream::onFinished()
{
    if (!m_reply || m_aborted || m_done)
        return;
    m_replyFinished = true;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!m_acceptingBody && isRedirect(status)) {
        followRedirect();
        return;
    }
    if (!m_acceptingBody) {
        const QByteArray prefix = m_reply->read(kErrorBodyPrefix);
        Net::HttpError error =
            m_session->errorFromResponse(Net::ResponseInfo::fromReply(m_reply, prefix), m_params.subject);
        if ((status == 400 || status == 401 || status == 403) && !sameOrigin(m_currentUrl, hubUrl())) {
            // Storage hosts answer a signed link that timed out (or was cut for another
            // client) with 400/401/403: the hub hands out a fresh one, and Range resumes.
            error = Net::HttpError::make(
                Net::ErrorKind::LinkExpired,
                QCoreApplication::translate("Download::RangeStream",
                                            "The download link for %1 expired; asking the hub for a fresh one.")
                    .arg(m_params.subject),
                QStringLiteral("status %1 from storage ").arg(status) + Net::redactedUrl(m_currentUrl) +
                    QLatin1Char(' ') + error.detail);
        } else if (!error.isError()) {
            error = Net::HttpError::make(
                Net::ErrorKind::BadResponse,
                QCoreApplication::translate("Download::RangeStream", "The server gave an unexpected answer for %1.")
                    .arg(m_params.subject),
                QStringLiteral("status %1 from ").arg(status) + Net::redactedUrl(m_currentUrl));
        }
        failWith(error);
        return;
    }
    if (!m_throttled)
        transfer(std::numeric_limits<qint64>::max());
    else
        maybeComplete();
}

void RangeStream::maybeComplete()
{
    if (!m_replyFinished || m_done || m_aborted || !m_reply || m_reply->bytesAvailable() > 0)
        return;
    m_done = true;
    const QNetworkReply::NetworkError code = m_reply->error();
    if (code == QNetworkReply::NoError) {
        dropReply();
        releaseLane();
        if (m_rate)
            m_rate->removeStream(this);
        Q_EMIT completed();
        return;
    }
    // The body broke off: the bytes that did arrive were delivered; the task resumes from there.
    const bool timeout = code == QNetworkReply::TimeoutError || code == QNetworkReply::OperationCanceledError;
    failWith(Net::HttpError::make(
        timeout ? Net::ErrorKind::Timeout : Net::ErrorKind::Network,
        QCoreApplication::translate("Download::RangeStream", "The connection broke off while downloading %1.")
            .arg(m_params.subject),
        m_reply->errorString() + QStringLiteral(" from ") + Net::redactedUrl(m_currentUrl)));
}

bool RangeStream::linkedEtagMatches()
{
    // Hugging Face names an LFS file's SHA-256 in X-Linked-Etag. If it is not the one the plan
    // listed, the file changed on the hub since: fetching it would only fail verification.
    QByteArray linked = m_reply->rawHeader("X-Linked-Etag").trimmed();
    if (linked.startsWith("W/"))
        linked.remove(0, 2);
    const QString sha = QString::fromLatin1(linked).remove(QLatin1Char('"')).toLower();
    if (m_params.expectedSha256.isEmpty() || sha.size() != 64 || sha == m_params.expectedSha256.toLower())
        return true;
    failWith(
        Net::HttpError::make(Net::ErrorKind::HashMismatch,
                             QCoreApplication::translate(
                                 "Download::RangeStream",
                                 "The hub now lists %1 with a different SHA-256 (%2… instead of %3…): it changed since "
                                 "the model was last refreshed. Refresh the model and download it again.")
                                 .arg(m_params.subject, sha.left(12), m_params.expectedSha256.left(12)),
                             QStringLiteral("X-Linked-Etag %1 != %2 from ").arg(sha, m_params.expectedSha256) +
                                 Net::redactedUrl(m_currentUrl)));
    return false;
}

void RangeStream::followRedirect()
{
    if (!linkedEtagMatches())
        return;
    if (m_params.acceptXet && sameOrigin(m_currentUrl, hubUrl())) {
        ResponseMeta meta;
        meta.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        meta.xet = Xet::XetFileInfo::fromHeaders(m_reply->rawHeaderPairs(), m_currentUrl);
        if (meta.xet.isXet()) {
            qCDebug(lcDownload) << "xet offered for" << Net::redactedUrl(m_currentUrl) << meta.xet.hash.left(12);
            m_done = true;
            dropReply();
            releaseLane();
            Q_EMIT headersReceived(meta);
            return;
        }
    }
    const QUrl location = m_reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    const QUrl target = m_currentUrl.resolved(location);
    const QString refusal = Net::redirectRefusal(m_currentUrl, target, m_hops);
    if (location.isEmpty() || !refusal.isEmpty()) {
        const bool insecure = !location.isEmpty() && target.scheme() != m_currentUrl.scheme();
        failWith(Net::HttpError::make(
            insecure ? Net::ErrorKind::InsecureRedirect : Net::ErrorKind::BadResponse,
            QCoreApplication::translate("Download::RangeStream",
                                        "The download of %1 was redirected somewhere ModelDock will not follow: %2")
                .arg(m_params.subject,
                     refusal.isEmpty() ? QCoreApplication::translate("Download::RangeStream", "no target") : refusal),
            Net::redactedUrl(m_currentUrl) + QStringLiteral(" -> ") + Net::redactedUrl(target)));
        return;
    }
    ++m_hops;
    qCDebug(lcDownload) << "redirect" << Net::redactedUrl(m_currentUrl) << "->" << Net::redactedUrl(target);
    dropReply();
    m_replyFinished = false;
    sendRequest(target);
}

void RangeStream::failWith(const Net::HttpError &error)
{
    m_done = true;
    dropReply();
    releaseLane();
    if (m_rate)
        m_rate->removeStream(this);
    if (!m_aborted)
        Q_EMIT failed(error);
}

}  // namespace Download
