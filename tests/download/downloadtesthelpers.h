#pragma once

// Shared by the download tests: requests for files of the test hub's demo catalog, pool
// options shrunk to test time, and waiting helpers. Header-only; each test includes it.

#include "download/downloadpool.h"
#include "download/types.h"
#include "testhub.h"
#include "util/sha256.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

namespace DownloadTest {

inline QUrl resolveUrl(const QUrl &hub, const QString &repo, const QString &revision, const QString &path)
{
    QUrl url = hub;
    url.setPath(QLatin1Char('/') + repo + QStringLiteral("/resolve/") + revision + QLatin1Char('/') + path);
    return url;
}

// A request for one demo-catalog file, with the hub's own size and SHA-256 as expectations.
inline Download::FileRequest hubFile(TestHub &hub, const QString &repo, const QString &path, const QString &root,
                                     Download::Destination::Kind kind = Download::Destination::Kind::PlainFile)
{
    const QJsonObject info = hub.fileInfo(repo, path);
    Download::FileRequest r;
    const QString commit = info.value(QLatin1String("commit")).toString();
    r.url = resolveUrl(hub.hfUrl(), repo, commit, path);
    r.expectedSha256 = info.value(QLatin1String("sha256")).toString();
    r.expectedSize = qint64(info.value(QLatin1String("size")).toDouble());
    r.displayName = repo + QStringLiteral(" · ") + path;
    r.destination.kind = kind;
    r.destination.root = root;
    if (kind == Download::Destination::Kind::HfCache) {
        r.destination.repoId = repo;
        r.destination.revision = QStringLiteral("main");
        r.destination.commit = commit;
        r.destination.relativePath = path;
        r.destination.blobKey =
            info.value(QLatin1String("lfs")).toBool() ? r.expectedSha256 : info.value(QLatin1String("oid")).toString();
    } else {
        r.destination.relativePath = repo + QLatin1Char('/') + path;
    }
    return r;
}

// The product's defaults, with every timeout shrunk so a fault costs seconds, not minutes.
inline Download::PoolOptions fastOptions()
{
    Download::PoolOptions o;
    o.stallTimeout = std::chrono::milliseconds(2000);
    o.backoffBase = std::chrono::milliseconds(100);
    o.backoffCap = std::chrono::milliseconds(1000);
    o.flushBytes = 1024 * 1024;
    o.flushInterval = std::chrono::milliseconds(200);
    o.segmentThreshold = 1LL << 40;  // segmented tests lower it
    o.minSegmentSize = 512 * 1024;
    o.readBufferSize = 512 * 1024;
    return o;
}

inline bool waitForGroup(Download::DownloadPool &pool, Download::GroupId group, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!pool.group(group).isFinished()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(20);
    }
    return true;
}

inline QString sha256Of(const QString &path)
{
    return Util::Sha256::hexOfFile(path);
}

// Requests the storage origin received for a path substring, in arrival order.
inline QJsonArray requestsFor(TestHub &hub, const QString &origin, const QString &pathPart)
{
    QJsonArray out;
    const QJsonArray all = hub.requests(origin);
    for (const QJsonValue &v : all) {
        if (v.toObject().value(QLatin1String("path")).toString().contains(pathPart))
            out.append(v);
    }
    return out;
}

// The bytes of a hub file, following the hub's redirect to storage.
inline QByteArray hubBytes(TestHub &hub, QUrl url)
{
    for (int hop = 0; hop < 3; ++hop) {
        const TestHub::Response response = hub.get(url);
        if (response.status == 200)
            return response.body;
        QByteArray location;
        for (const auto &[name, value] : response.headers) {
            if (name.compare("Location", Qt::CaseInsensitive) == 0)
                location = value;
        }
        if (location.isEmpty())
            return {};
        url = url.resolved(QUrl::fromEncoded(location));
    }
    return {};
}

inline QString header(const QJsonValue &request, const char *name)
{
    return request.toObject().value(QLatin1String("headers")).toObject().value(QLatin1String(name)).toString();
}

}  // namespace DownloadTest
