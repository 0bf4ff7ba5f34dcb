#pragma once

// What a user would verify by hand in the Hugging Face cache after a download. Header-only;
// QVERIFY/QCOMPARE inside, so a caller checks QTest::currentTestFailed() when it goes on.

#include "testhub.h"
#include "util/sha256.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTest>

#include <filesystem>

namespace HfCacheCheck {

inline QString repoDir(const QString &cacheDir, const QString &repo)
{
    return cacheDir + QStringLiteral("/models--") + QString(repo).replace(QLatin1Char('/'), QLatin1String("--"));
}

// Each file of the snapshot is a relative symlink into blobs/, the blob has the hub's size and
// SHA-256 and is named by its LFS SHA-256 or git blob id, and refs/<revision> names the commit.
// With `finished`, no partial or temporary file is left (a failed file keeps its partial data).
inline void verifySnapshot(TestHub &hub, const QString &cacheDir, const QString &repo, const QString &revision,
                           const QStringList &files, bool finished = true)
{
    const QString dir = repoDir(cacheDir, repo);
    const QString commit = hub.fileInfo(repo, files.first(), revision).value(QLatin1String("commit")).toString();
    QCOMPARE(commit.size(), 40);
    QFile ref(dir + QStringLiteral("/refs/") + revision);
    QVERIFY(ref.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromLatin1(ref.readAll()), commit);
    for (const QString &path : files) {
        const QJsonObject info = hub.fileInfo(repo, path, revision);
        const QString entry = dir + QStringLiteral("/snapshots/") + commit + QLatin1Char('/') + path;
        QVERIFY2(QFileInfo(entry).isSymLink(), qPrintable(entry));
        const QString target = QString::fromStdString(std::filesystem::read_symlink(entry.toStdString()).string());
        QVERIFY2(target.startsWith(QLatin1String("../../")), qPrintable(target));
        QCOMPARE(QFileInfo(entry).size(), info.value(QLatin1String("size")).toInteger());
        QCOMPARE(Util::Sha256::hexOfFile(entry), info.value(QLatin1String("sha256")).toString());
        const QString blobName = QFileInfo(QFileInfo(entry).symLinkTarget()).fileName();
        QCOMPARE(blobName,
                 info.value(QLatin1String(info.value(QLatin1String("lfs")).toBool() ? "sha256" : "oid")).toString());
    }
    if (!finished)
        return;
    QDirIterator leftovers(dir, {QStringLiteral("*.incomplete"), QStringLiteral("*.modeldock-link")},
                           QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QVERIFY2(!leftovers.hasNext(), "a partial or temporary file was left in the cache");
}

}  // namespace HfCacheCheck
