#include "credentials.h"

namespace Net {

QString Credentials::originKey(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    return scheme + QStringLiteral("://") + url.host().toLower() + QLatin1Char(':')
           + QString::number(url.port(defaultPort));
}

bool Credentials::sameOrigin(const QUrl &a, const QUrl &b)
{
    return originKey(a) == originKey(b);
}

void Credentials::setToken(const QUrl &origin, const QString &token, Style style)
{
    if (token.isEmpty()) {
        clearToken(origin);
        return;
    }
    m_tokens.insert(originKey(origin), Entry{token, style});
}

void Credentials::clearToken(const QUrl &origin)
{
    m_tokens.remove(originKey(origin));
}

bool Credentials::hasTokenFor(const QUrl &url) const
{
    return m_tokens.contains(originKey(url));
}

void Credentials::apply(QNetworkRequest &request) const
{
    // The origin key includes the scheme, so a token given for https is never matched by an
    // http URL of the same host: no credentials over a downgraded connection.
    const auto it = m_tokens.constFind(originKey(request.url()));
    if (it == m_tokens.cend()) {
        request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArray());
        return;
    }
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + it->token.toUtf8());
}

} // namespace Net
