#include "xet/xetfileinfo.h"

#include "xet/reconstruction.h"
#include "xet/xetlogging.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace Xet {

namespace {

// auth.md: "clients may assume each string is under 64,000 characters".
constexpr qsizetype kMaxTokenField = 64000;

QByteArray header(const XetFileInfo::RawHeaders &headers, QByteArrayView name)
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second.trimmed();
    }
    return {};
}

bool isHttp(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}

QString hashOrEmpty(const QString &text)
{
    return fileHashIsValid(text) ? text.toLower() : QString();
}

// ETag: "abc…", W/"abc…": the SHA-256 only when it is one.
QString sha256FromEtag(QByteArray etag)
{
    if (etag.startsWith("W/"))
        etag = etag.mid(2);
    if (etag.size() >= 2 && etag.startsWith('"') && etag.endsWith('"'))
        etag = etag.mid(1, etag.size() - 2);
    return hashOrEmpty(QString::fromLatin1(etag));
}

QUrl toV2(QUrl url)
{
    // The Hub still links the deprecated v1 endpoint; v2 answers the same question with fewer URLs.
    QString path = url.path(QUrl::FullyEncoded);
    const qsizetype at = path.lastIndexOf(QLatin1String("/v1/reconstructions/"));
    if (at >= 0) {
        path.replace(at, 4, QStringLiteral("/v2/"));
        url.setPath(path, QUrl::StrictMode);
    }
    return url;
}

}  // namespace

QUrl linkTarget(QByteArrayView linkHeader, QStringView rel, const QUrl &base)
{
    // RFC 8288: <url>; rel="a b"; other=x, <url2>; rel=c. Targets may be relative.
    static const QRegularExpression entry(QStringLiteral(R"(<([^>]*)>\s*((?:;[^,<]*)*))"));
    static const QRegularExpression relParam(QStringLiteral(R"re(;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]*)))re"));
    const QString text = QString::fromLatin1(linkHeader);
    for (auto it = entry.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QRegularExpressionMatch relMatch = relParam.match(match.captured(2));
        if (!relMatch.hasMatch())
            continue;
        const QString rels = relMatch.captured(1).isEmpty() ? relMatch.captured(2) : relMatch.captured(1);
        const QStringList names = rels.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (std::none_of(names.cbegin(), names.cend(),
                         [&](const QString &name) { return name.compare(rel, Qt::CaseInsensitive) == 0; }))
            continue;
        const QUrl target = base.resolved(QUrl::fromEncoded(match.captured(1).trimmed().toLatin1(), QUrl::StrictMode));
        return isHttp(target) ? target : QUrl();
    }
    return {};
}

XetFileInfo XetFileInfo::fromHeaders(const RawHeaders &headers, const QUrl &base)
{
    XetFileInfo info;
    const QByteArray hash = header(headers, "X-Xet-Hash");
    info.hash = hashOrEmpty(QString::fromLatin1(hash));
    if (!hash.isEmpty() && info.hash.isEmpty())
        qCDebug(lcXet) << "ignoring an X-Xet-Hash that is not a hash (redacted?):" << hash.left(80);
    const QByteArray link = header(headers, "Link");
    info.refreshUrl = linkTarget(link, u"xet-auth", base);
    if (info.refreshUrl.isEmpty()) {
        const QByteArray route = header(headers, "X-Xet-Refresh-Route");
        if (!route.isEmpty()) {
            const QUrl target = base.resolved(QUrl::fromEncoded(route, QUrl::StrictMode));
            if (isHttp(target))
                info.refreshUrl = target;
        }
    }
    const QUrl reconstruction = linkTarget(link, u"xet-reconstruction-info", base);
    if (!reconstruction.isEmpty())
        info.reconstructionUrl = toV2(reconstruction);
    bool ok = false;
    const qint64 size = header(headers, "X-Linked-Size").toLongLong(&ok);
    if (ok && size >= 0)
        info.size = size;
    info.sha256 = sha256FromEtag(header(headers, "X-Linked-Etag"));
    return info;
}

XetFileInfo XetFileInfo::fromTreeEntry(const QJsonObject &entry)
{
    XetFileInfo info;
    info.hash = hashOrEmpty(entry.value(QLatin1String("xetHash")).toString());
    const QJsonObject lfs = entry.value(QLatin1String("lfs")).toObject();
    const QJsonValue size =
        lfs.contains(QLatin1String("size")) ? lfs.value(QLatin1String("size")) : entry.value(QLatin1String("size"));
    if (size.isDouble() && size.toDouble() >= 0 && std::floor(size.toDouble()) == size.toDouble())
        info.size = qint64(size.toDouble());
    info.sha256 = hashOrEmpty(lfs.value(QLatin1String("oid")).toString());
    return info;
}

QUrl readTokenUrl(const QUrl &endpoint, const QString &repoId, const QString &revision, const QString &repoType)
{
    QString base = endpoint.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QString repo;
    for (const QString &segment : repoId.split(QLatin1Char('/'))) {
        if (!repo.isEmpty())
            repo += QLatin1Char('/');
        repo += QString::fromLatin1(QUrl::toPercentEncoding(segment));
    }
    QUrl url = endpoint.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    url.setPath(base + QStringLiteral("/api/") + repoType + QStringLiteral("s/") + repo +
                    QStringLiteral("/xet-read-token/") + QString::fromLatin1(QUrl::toPercentEncoding(revision)),
                QUrl::StrictMode);
    return url;
}

bool ReadToken::needsRefresh(const QDateTime &now) const
{
    return !isValid() || now.secsTo(expiresAt) <= kSafetySeconds;
}

std::optional<ReadToken> ReadToken::parse(QByteArrayView json, QString *error)
{
    const auto fail = [&](const QString &sentence) {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (!document.isObject())
        return fail(QStringLiteral("The Xet read token is not a JSON object (%1).").arg(parseError.errorString()));
    const QJsonObject root = document.object();
    ReadToken token;
    token.accessToken = root.value(QLatin1String("accessToken")).toString();
    // It goes into an Authorization header: printable ASCII only, nothing that could end the line.
    const bool printable = std::all_of(token.accessToken.cbegin(), token.accessToken.cend(),
                                       [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f; });
    if (token.accessToken.isEmpty() || token.accessToken.size() > kMaxTokenField || !printable)
        return fail(QStringLiteral("The Xet read token has no usable access token."));
    const QJsonValue exp = root.value(QLatin1String("exp"));
    const double seconds = exp.toDouble(-1);
    if (!exp.isDouble() || seconds <= 0 || seconds > 1e11)
        return fail(QStringLiteral("The Xet read token has no valid expiry time."));
    token.expiresAt = QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
    const QString cas = root.value(QLatin1String("casUrl")).toString();
    token.casUrl = QUrl::fromEncoded(cas.toUtf8(), QUrl::StrictMode);
    if (cas.size() > kMaxTokenField || !isHttp(token.casUrl))
        return fail(QStringLiteral("The Xet read token names no valid storage URL."));
    return token;
}

}  // namespace Xet
