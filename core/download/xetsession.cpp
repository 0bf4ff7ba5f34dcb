#include "download/xetsession.h"

#include "net/session.h"
#include "util/logging.h"

#include <QDateTime>
#include <QNetworkReply>

namespace Download {

namespace {

// A reconstruction lists a few terms per 64 MiB of file; this is far above any real one and
// keeps a broken CAS from filling memory.
constexpr qint64 kMaxBody = 32LL * 1024 * 1024;

}  // namespace

XetSession::XetSession(const Net::Session *session, const Xet::XetFileInfo &file, QString subject, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_file(file)
    , m_subject(std::move(subject))
{
}

XetSession::~XetSession()
{
    abort();
}

QUrl XetSession::readTokenUrlFor(const QUrl &resolveUrl)
{
    const QStringList parts = resolveUrl.path(QUrl::FullyEncoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const qsizetype resolve = parts.indexOf(QStringLiteral("resolve"));
    if (resolve < 2 || resolve + 1 >= parts.size())
        return {};
    QUrl endpoint = resolveUrl;
    endpoint.setQuery(QString());
    endpoint.setPath(QLatin1Char('/') + parts.mid(0, resolve - 2).join(QLatin1Char('/')));
    const QString repo = QUrl::fromPercentEncoding(parts.at(resolve - 2).toUtf8()) + QLatin1Char('/') +
                         QUrl::fromPercentEncoding(parts.at(resolve - 1).toUtf8());
    return Xet::readTokenUrl(endpoint, repo, QUrl::fromPercentEncoding(parts.at(resolve + 1).toUtf8()));
}

void XetSession::fetch(qint64 rangeStart, qint64 rangeEnd)
{
    if (m_reply)
        return;
    const bool ranged = rangeStart >= 0 && rangeEnd > rangeStart;
    m_rangeStart = ranged ? rangeStart : -1;
    m_rangeEnd = ranged ? rangeEnd : -1;
    m_refreshedAfter401 = false;
    if (!m_token.isValid() || m_token.needsRefresh(QDateTime::currentDateTimeUtc()))
        send(Step::Token);
    else
        send(m_v1Only ? Step::ReconstructionV1 : Step::ReconstructionV2);
}

void XetSession::abort()
{
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void XetSession::send(Step step)
{
    m_step = step;
    QNetworkReply *reply = nullptr;
    if (step == Step::Token) {
        // The hub's refresh route: a hub API call, with the hub's token when the user has one.
        reply = m_session->get(m_session->apiRequest(m_file.refreshUrl));
    } else {
        const QString version = step == Step::ReconstructionV2 ? QStringLiteral("/v2") : QStringLiteral("/v1");
        QUrl url = m_token.casUrl;
        url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + version +
                    QStringLiteral("/reconstructions/") + m_file.hash);
        QNetworkRequest request = m_session->apiRequest(url);
        request.setRawHeader("Authorization", m_token.authorization());
        if (m_rangeStart >= 0)
            request.setRawHeader("Range", "bytes=" + QByteArray::number(m_rangeStart) + '-' +
                                              QByteArray::number(m_rangeEnd - 1));
        // Straight through the manager: the session's credentials would replace this header
        // (the CAS is no hub origin), and no hub token may ever reach it.
        reply = m_session->network()->get(request);
    }
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &XetSession::onFinished);
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64) {
        if (received > kMaxBody && reply == m_reply) {
            abort();
            fail(QStringLiteral("response over %1 bytes").arg(kMaxBody));
        }
    });
}

void XetSession::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || reply != sender())
        return;
    m_reply = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->read(kMaxBody + 1);
    if (status != 200 && status != 206) {
        const Net::HttpError error =
            m_session->errorFromResponse(Net::ResponseInfo::fromReply(reply, body.left(4096)), m_subject);
        if (m_step == Step::ReconstructionV2 && (status == 404 || status == 501)) {
            m_v1Only = true;
            send(Step::ReconstructionV1);
            return;
        }
        if (m_step != Step::Token && status == 401 && !m_refreshedAfter401) {
            // The token ran out early (or the CAS restarted): one fresh token, then give up.
            m_refreshedAfter401 = true;
            m_token = {};
            send(Step::Token);
            return;
        }
        const QString what = m_step == Step::Token ? QStringLiteral("read token") : QStringLiteral("reconstruction");
        fail(QStringLiteral("%1: status %2").arg(what).arg(status), error);
        return;
    }
    QString problem;
    if (m_step == Step::Token) {
        const std::optional<Xet::ReadToken> token = Xet::ReadToken::parse(body, &problem);
        if (!token) {
            fail(QStringLiteral("read token: ") + problem);
            return;
        }
        m_token = *token;
        send(m_v1Only ? Step::ReconstructionV1 : Step::ReconstructionV2);
        return;
    }
    const std::optional<Xet::Reconstruction> reconstruction =
        Xet::Reconstruction::parse(body,
                                   m_rangeStart >= 0 ? Xet::Reconstruction::Options{-1, m_rangeStart}
                                                     : Xet::Reconstruction::Options{m_file.size, 0},
                                   &problem);
    if (!reconstruction) {
        fail(QStringLiteral("reconstruction: ") + problem);
        return;
    }
    qCDebug(lcDownload) << "xet reconstruction of" << m_file.hash.left(12) << ":" << reconstruction->terms.size()
                        << "terms" << (m_step == Step::ReconstructionV1 ? "(v1)" : "(v2)");
    Q_EMIT reconstructed(*reconstruction, m_rangeStart, m_rangeEnd);
}

void XetSession::fail(const QString &detail, const Net::HttpError &cause)
{
    Net::HttpError error = cause.isError() ? cause
                                           : Net::HttpError::make(Net::ErrorKind::BadResponse,
                                                                  QStringLiteral("The hub's Xet service gave an "
                                                                                 "unusable answer for %1.")
                                                                      .arg(m_subject));
    error.detail =
        QStringLiteral("xet ") + detail + (error.detail.isEmpty() ? QString() : QStringLiteral("; ")) + error.detail;
    Q_EMIT failed(error);
}

}  // namespace Download
