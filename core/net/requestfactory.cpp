#include "requestfactory.h"

#include "util/version.h"

#include <QCoreApplication>
#include <QtGlobal>

namespace Net {

QByteArray RequestFactory::defaultUserAgent()
{
    // Deliberately not browser-like: Civitai answers browser agents with HTML redirects
    // instead of JSON errors.
    return QByteArrayLiteral("ModelDock/") + Util::applicationVersion().toLatin1() + QByteArrayLiteral(" (Qt ") +
           QByteArray(qVersion()) + QByteArrayLiteral(")");
}

QNetworkRequest RequestFactory::apiRequest(const QUrl &url, const QByteArray &userAgent, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutMs);
    return request;
}

QNetworkRequest RequestFactory::fileRequest(const QUrl &url, const QByteArray &userAgent, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent);
    // With Qt's default Accept-Encoding a server may compress and then ignore Range; sizes
    // would stop meaning bytes on disk.
    request.setRawHeader(QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity"));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(timeoutMs);
    return request;
}

namespace {

constexpr int kMaxLanes = 64;

bool isPlainHttp(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0;
}

int letterCount(const QString &host)
{
    int n = 0;
    for (QChar c : host)
        n += (c >= u'a' && c <= u'z') ? 1 : 0;
    return n;
}

}  // namespace

int RequestFactory::connectionLanes(const QUrl &url)
{
    if (isPlainHttp(url))
        return kMaxLanes;
    const int letters = letterCount(url.host());  // QUrl keeps host names in lower case
    return letters >= 6 ? kMaxLanes : 1 << letters;
}

void RequestFactory::applyConnectionLane(QNetworkRequest &request, int lane)
{
    const QUrl url = request.url();
    if (lane <= 0 || lane >= connectionLanes(url))
        return;
    QString name = url.host();
    if (letterCount(name) == 0) {
        // Only possible over plain http, where the name is nothing but a pooling key.
        request.setPeerVerifyName(QString::number(lane) + u'.' + name);
        return;
    }
    int bit = 0;
    for (QChar &c : name) {
        if (c < u'a' || c > u'z')
            continue;
        if (lane & (1 << bit))
            c = c.toUpper();
        ++bit;
    }
    request.setPeerVerifyName(name);
}

QString redirectRefusal(const QUrl &from, const QUrl &to, int hopsSoFar, int maxHops)
{
    if (hopsSoFar >= maxHops)
        return QCoreApplication::translate("Net::RequestFactory", "too many redirects (more than %1)").arg(maxHops);
    if (!to.isValid() || to.host().isEmpty())
        return QCoreApplication::translate("Net::RequestFactory", "the redirect target is not a valid URL");
    const QString scheme = to.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return QCoreApplication::translate("Net::RequestFactory", "the redirect leads to an unsupported scheme (%1)")
            .arg(scheme);
    if (from.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 && scheme == QLatin1String("http"))
        return QCoreApplication::translate("Net::RequestFactory",
                                           "the redirect would downgrade from https to plain http");
    return {};
}

}  // namespace Net
