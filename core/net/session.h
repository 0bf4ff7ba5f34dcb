#pragma once

#include "credentials.h"
#include "httperror.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QObject>

class QNetworkProxy;
class QNetworkReply;

namespace Net {

// What one process needs to talk to the hubs, built once by the composition root (app/) and
// handed down by pointer: the one QNetworkAccessManager, the tokens of both hubs (each goes
// only to its own hub's origin), the proxy, the User-Agent, and where the front end's user
// sets a token (the end of the 401/403 sentences). Nothing here is process-wide: two
// sessions (as in tests) never see each other's tokens, proxy or agent.
//
// Lives on the thread that creates it and is used only there: requests are built and sent
// on that thread, and the live settings that tune the session are applied there.
class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    QNetworkAccessManager *network() const { return &m_network; }
    Credentials &credentials() { return m_credentials; }
    const Credentials &credentials() const { return m_credentials; }

    // The User-Agent of every request built from now on (the network.userAgent setting);
    // empty restores RequestFactory::defaultUserAgent().
    void setUserAgent(const QByteArray &userAgent);
    QByteArray userAgent() const;

    // The route of every connection opened from now on; open connections keep theirs.
    // QNetworkProxy::NoProxy connects directly.
    void setProxy(const QNetworkProxy &proxy);
    // The desktop's proxy configuration (and http_proxy/no_proxy), asked per request.
    void useSystemProxy();

    // Where the user of this front end sets the token of a hub, for the 401/403 sentences
    // ("in the HF_TOKEN environment variable"). Unset: the app's settings.
    void setTokenWhere(TokenWhere where) { m_tokenWhere = std::move(where); }
    QString tokenWhere(HubKind hub, const QUrl &url) const;

    // Requests with this session's User-Agent (see RequestFactory for the rest).
    QNetworkRequest apiRequest(const QUrl &url, int timeoutMs = 30000) const;
    QNetworkRequest fileRequest(const QUrl &url, int timeoutMs = 60000) const;

    // Sends a GET through the one manager with the credentials applied: the token of the
    // request's hub when the URL is at that hub's origin, no Authorization header otherwise,
    // so each hop of a redirect to a storage host goes without it. Requests that must never
    // carry a token (preview images) use network() directly.
    QNetworkReply *get(QNetworkRequest request) const;
    // A POST of `body` with the same credential rule (a hub API that takes a list, such as
    // Civitai's bulk lookup by hash).
    QNetworkReply *post(QNetworkRequest request, const QByteArray &body) const;

    // Net::errorFromResponse with this front end's advice on where tokens are set.
    HttpError errorFromResponse(const ResponseInfo &response, const QString &subject) const;

private:
    mutable QNetworkAccessManager m_network;
    Credentials m_credentials;
    QByteArray m_userAgent;  // empty: the default
    TokenWhere m_tokenWhere;
};

}  // namespace Net
