#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

namespace Xet {

// What the Hub says about a file stored on Xet: its Xet hash (the CAS file id) and where to get
// a token and the reconstruction. From a /resolve response that was not followed (a followed
// redirect downloads through the LFS bridge instead) or from a tree entry.
struct XetFileInfo
{
    QString hash;            // lowercase hex; empty when the file is not on Xet or the hash is redacted
    QUrl refreshUrl;         // Link rel="xet-auth" (or X-Xet-Refresh-Route): the read-token URL
    QUrl reconstructionUrl;  // Link rel="xet-reconstruction-info", moved from /v1/ to /v2/
    qint64 size = -1;        // X-Linked-Size, or the tree entry's size
    QString sha256;          // X-Linked-Etag without quotes (or lfs.oid): for verifying the result

    bool isXet() const { return !hash.isEmpty(); }

    using RawHeaders = QList<QPair<QByteArray, QByteArray>>;  // QNetworkReply::rawHeaderPairs()
    // `base` is the URL the response answered (Link targets may be relative to it).
    static XetFileInfo fromHeaders(const RawHeaders &headers, const QUrl &base);
    // A /api/models/{repo}/tree/{rev} entry: xetHash, size, lfs.oid, lfs.size.
    static XetFileInfo fromTreeEntry(const QJsonObject &entry);
};

// The target of the Link header entry with this rel ("xet-auth"), resolved against base.
QUrl linkTarget(QByteArrayView linkHeader, QStringView rel, const QUrl &base);

// {endpoint}/api/{repoType}s/{repo}/xet-read-token/{revision}; repoType is "model", "dataset"
// or "space". The revision is one path segment (refs/pr/1 is encoded).
QUrl readTokenUrl(const QUrl &endpoint, const QString &repoId, const QString &revision,
                  const QString &repoType = QStringLiteral("model"));

// The answer of the read-token URL: a bearer token for the CAS of one repo and revision.
struct ReadToken
{
    static constexpr int kSafetySeconds = 60;  // as huggingface.js: a token this close to expiry is stale

    QString accessToken;
    QDateTime expiresAt;  // UTC
    QUrl casUrl;

    bool isValid() const { return !accessToken.isEmpty() && casUrl.isValid() && expiresAt.isValid(); }
    // True when the token expires within kSafetySeconds of `now` (or already has).
    bool needsRefresh(const QDateTime &now) const;
    QByteArray authorization() const { return "Bearer " + accessToken.toUtf8(); }

    // {"accessToken": "...", "exp": <unix seconds>, "casUrl": "https://..."}
    static std::optional<ReadToken> parse(QByteArrayView json, QString *error);
};

}  // namespace Xet
