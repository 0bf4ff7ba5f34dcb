#include "credentials.h"

namespace Net {

QString Credentials::originKey(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    return scheme + QStringLiteral("://") + url.host().toLower() + QLatin1Char(':') +
           QString::number(url.port(defaultPort));
}

bool Credentials::sameOrigin(const QUrl &a, const QUrl &b)
{
    return originKey(a) == originKey(b);
}

bool Credentials::isCivitaiPath(const QUrl &url, const QUrl &civitaiEndpoint)
{
    QString base = civitaiEndpoint.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QString path = url.path(QUrl::FullyEncoded);
    // Hugging Face never serves these: its API lives under /api/models, /api/collections…,
    // and a repo's files under /<ns>/<name>/resolve/.
    return path.startsWith(base + QStringLiteral("/api/v1/")) ||
           path.startsWith(base + QStringLiteral("/api/download/models/"));
}

void Credentials::setHubEndpoint(HubKind hub, const QUrl &endpoint)
{
    if (hub == HubKind::HuggingFace)
        m_huggingFaceEndpoint = endpoint;
    else if (hub == HubKind::Civitai)
        m_civitaiEndpoint = endpoint;
}

void Credentials::setToken(HubKind hub, const QUrl &endpoint, const QString &token, Style style)
{
    setHubEndpoint(hub, endpoint);
    clearToken(hub, endpoint);
    if (token.isEmpty())
        return;
    m_tokens[originKey(endpoint)].append(Entry{hub, endpoint, token, style});
}

void Credentials::setToken(const QUrl &origin, const QString &token, Style style)
{
    setToken(HubKind::Any, origin, token, style);
}

void Credentials::clearToken(const QUrl &origin)
{
    m_tokens.remove(originKey(origin));
}

void Credentials::clearToken(HubKind hub, const QUrl &origin)
{
    const auto it = m_tokens.find(originKey(origin));
    if (it == m_tokens.end())
        return;
    it->removeIf([hub](const Entry &entry) { return entry.hub == hub; });
    if (it->isEmpty())
        m_tokens.erase(it);
}

bool Credentials::hasTokenFor(const QUrl &url) const
{
    return m_tokens.contains(originKey(url));
}

bool Credentials::hasTokenFor(HubKind hub, const QUrl &url) const
{
    return find(hub, url) != nullptr;
}

HubKind Credentials::attribute(const QUrl &url) const
{
    const QString origin = originKey(url);
    const bool civitaiHere = !m_civitaiEndpoint.isEmpty() && originKey(m_civitaiEndpoint) == origin;
    const bool huggingFaceHere = !m_huggingFaceEndpoint.isEmpty() && originKey(m_huggingFaceEndpoint) == origin;
    // An origin only one hub lives on is that hub's; a shared one is told apart by the path.
    if (civitaiHere && (!huggingFaceHere || isCivitaiPath(url, m_civitaiEndpoint)))
        return HubKind::Civitai;
    return huggingFaceHere ? HubKind::HuggingFace : HubKind::Any;
}

const Credentials::Entry *Credentials::find(HubKind hub, const QUrl &url) const
{
    const auto it = m_tokens.constFind(originKey(url));
    if (it == m_tokens.cend())
        return nullptr;
    const Entry *anyHub = nullptr;
    for (const Entry &entry : *it) {
        if (entry.hub == hub)
            return &entry;
        if (entry.hub == HubKind::Any)
            anyHub = &entry;
    }
    // A token given for a hub never goes to a request for the other hub; a token given for
    // the whole origin goes to every request there.
    return anyHub;
}

void Credentials::apply(QNetworkRequest &request) const
{
    // The origin key includes the scheme, so a token given for https is never matched by an
    // http URL of the same host: no credentials over a downgraded connection.
    HubKind hub = hubOf(request);
    if (hub == HubKind::Any) {
        hub = attribute(request.url());
        if (hub != HubKind::Any)
            setHub(request, hub);
    }
    const Entry *entry = find(hub, request.url());
    if (!entry) {
        request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArray());
        return;
    }
    request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + entry->token.toUtf8());
}

}  // namespace Net
