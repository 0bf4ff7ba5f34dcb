#pragma once

#include "hubkind.h"

#include <QHash>
#include <QList>
#include <QNetworkRequest>
#include <QString>
#include <QUrl>

namespace Net {

// Tokens belong to a hub and to the origin (scheme, host, port) of that hub's endpoint. A
// request to any other origin, including the storage host a hub redirects to, gets no
// credentials; a token given for https is never sent over plain http. When both hubs share
// one origin (a mirror serving both APIs), each request gets the token of the hub it is for,
// never the other hub's.
class Credentials
{
public:
    enum class Style
    {
        BearerHeader,  // Authorization: Bearer <token>  (Hugging Face, Civitai)
    };

    // The token of `hub`, sent to the origin of `endpoint`. Also records `endpoint` as where
    // the hub lives (as setHubEndpoint), even when the token is empty.
    void setToken(HubKind hub, const QUrl &endpoint, const QString &token, Style style = Style::BearerHeader);
    // Where a hub lives: an untagged request to an origin both hubs share is told apart by its
    // path, whether or not the hub has a token (a hub without one must not get the other's).
    void setHubEndpoint(HubKind hub, const QUrl &endpoint);
    // A token for every request to the origin, whichever hub it is for (tests, single-hub use).
    void setToken(const QUrl &origin, const QString &token, Style style = Style::BearerHeader);
    void clearToken(const QUrl &origin);  // every hub's token for the origin
    void clearToken(HubKind hub, const QUrl &origin);
    bool hasTokenFor(const QUrl &url) const;  // any hub
    bool hasTokenFor(HubKind hub, const QUrl &url) const;

    // Adds the Authorization header when the request's hub owns a token for the request URL's
    // origin, removes it otherwise (so a redirected request never carries a stale header).
    // The hub is the request's kHubAttribute; an untagged request is attributed by its origin
    // and, when hubs share it, by its path. The attribution is written back to the request.
    void apply(QNetworkRequest &request) const;
    // Which hub an untagged request to `url` is for, from the hubs' endpoints (Any when no
    // hub lives at that origin).
    HubKind attribute(const QUrl &url) const;

    static bool sameOrigin(const QUrl &a, const QUrl &b);
    static QString originKey(const QUrl &url);  // "https://huggingface.co:443"
    // Civitai's own routes under its endpoint: /api/v1/… and /api/download/models/….
    static bool isCivitaiPath(const QUrl &url, const QUrl &civitaiEndpoint);

private:
    struct Entry
    {
        HubKind hub = HubKind::Any;
        QUrl endpoint;
        QString token;
        Style style = Style::BearerHeader;
    };
    const Entry *find(HubKind hub, const QUrl &url) const;

    QHash<QString, QList<Entry>> m_tokens;  // by origin
    QUrl m_huggingFaceEndpoint;
    QUrl m_civitaiEndpoint;
};

}  // namespace Net
