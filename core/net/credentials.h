#pragma once

#include <QHash>
#include <QNetworkRequest>
#include <QString>
#include <QUrl>

namespace Net {

// Tokens belong to the origin (scheme, host, port) they were given for. A request to any
// other origin, including the storage host a hub redirects to, gets no credentials; a token
// given for https is never sent over plain http.
class Credentials
{
public:
    enum class Style {
        BearerHeader,     // Authorization: Bearer <token>  (Hugging Face, Civitai)
    };

    void setToken(const QUrl &origin, const QString &token, Style style = Style::BearerHeader);
    void clearToken(const QUrl &origin);
    bool hasTokenFor(const QUrl &url) const;

    // Adds the Authorization header when the request URL's origin owns a token, removes it
    // otherwise (so a redirected request never carries a stale header).
    void apply(QNetworkRequest &request) const;

    static bool sameOrigin(const QUrl &a, const QUrl &b);
    static QString originKey(const QUrl &url);  // "https://huggingface.co:443"

private:
    struct Entry
    {
        QString token;
        Style style = Style::BearerHeader;
    };
    QHash<QString, Entry> m_tokens;
};

} // namespace Net
