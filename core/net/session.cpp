#include "session.h"

#include "requestfactory.h"

#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>

namespace Net {

namespace {

// The system's proxy for each request, for this session's manager only (Qt's own switch,
// QNetworkProxyFactory::setUseSystemConfiguration, would change every socket of the process).
class SystemProxyFactory : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        QList<QNetworkProxy> proxies = systemProxyForQuery(query);
        // A direct connection stays possible when the system names only proxies that cannot
        // carry the request.
        if (!proxies.contains(QNetworkProxy(QNetworkProxy::NoProxy)))
            proxies.append(QNetworkProxy(QNetworkProxy::NoProxy));
        return proxies;
    }
};

}  // namespace

Session::Session(QObject *parent)
    : QObject(parent)
{
}

Session::~Session() = default;

void Session::setUserAgent(const QByteArray &userAgent)
{
    m_userAgent = userAgent;
}

QByteArray Session::userAgent() const
{
    return m_userAgent.isEmpty() ? RequestFactory::defaultUserAgent() : m_userAgent;
}

void Session::setProxy(const QNetworkProxy &proxy)
{
    // Also drops a system proxy factory set earlier.
    m_network.setProxy(proxy);
}

void Session::useSystemProxy()
{
    m_network.setProxyFactory(new SystemProxyFactory);  // the manager owns it
}

QString Session::tokenWhere(HubKind hub, const QUrl &url) const
{
    return Net::tokenWhere(hub, url, m_tokenWhere);
}

QNetworkRequest Session::apiRequest(const QUrl &url, int timeoutMs) const
{
    return RequestFactory::apiRequest(url, userAgent(), timeoutMs);
}

QNetworkRequest Session::fileRequest(const QUrl &url, int timeoutMs) const
{
    return RequestFactory::fileRequest(url, userAgent(), timeoutMs);
}

QNetworkReply *Session::get(QNetworkRequest request) const
{
    m_credentials.apply(request);
    return m_network.get(request);
}

QNetworkReply *Session::post(QNetworkRequest request, const QByteArray &body) const
{
    m_credentials.apply(request);
    return m_network.post(request, body);
}

HttpError Session::errorFromResponse(const ResponseInfo &response, const QString &subject) const
{
    return Net::errorFromResponse(response, subject, m_tokenWhere);
}

}  // namespace Net
