#pragma once

// Shared by the update tests: the real download stack (pool, hub clients, planner) against
// the local test hub, and blocking helpers to plan and download. Header-only.

#include "download/downloadpool.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "net/session.h"
#include "plan/downloadplanner.h"
#include "testhub.h"
#include "util/sha256.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

namespace UpdateTest {

struct Stack
{
    explicit Stack(TestHub &hub)
        : pool(&session, options(), nullptr)
        , hf(&session, hub.hfUrl())
        , civitai(&session, hub.civitaiUrl())
        , planner(&hf, &civitai)
    {
    }
    static Download::PoolOptions options()
    {
        Download::PoolOptions o;
        o.stallTimeout = std::chrono::milliseconds(3000);
        o.backoffBase = std::chrono::milliseconds(100);
        o.backoffCap = std::chrono::milliseconds(1000);
        return o;
    }

    Plan::DownloadPlan plan(const QString &targetText, const Plan::DownloadPlanner::Options &options)
    {
        Plan::DownloadTarget target;
        QString error;
        Plan::DownloadTarget::parse(targetText, &target, &error);
        Plan::DownloadPlan result;
        bool done = false;
        QObject context;
        planner.plan(target, options, &context, [&](const Plan::DownloadPlan &p) {
            result = p;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("the plan of %s did not finish", qPrintable(targetText));
        return result;
    }

    // Adds the files as one group; returns the task ids in file order.
    QList<Download::TaskId> add(const QList<Download::FileRequest> &files, Download::GroupId *groupOut = nullptr)
    {
        const Download::GroupId group = pool.createGroup(QStringLiteral("test"));
        QList<Download::TaskId> ids;
        for (const Download::FileRequest &file : files)
            ids << pool.addTask(group, file);
        if (groupOut)
            *groupOut = group;
        return ids;
    }

    bool downloadAll(const QList<Download::FileRequest> &files)
    {
        Download::GroupId group = 0;
        add(files, &group);
        if (!QTest::qWaitFor([&] { return pool.group(group).isFinished(); }, 60000))
            return false;
        return pool.group(group).completed == pool.group(group).total;
    }

    Net::Session session;
    Download::DownloadPool pool;
    Hub::HuggingFaceClient hf;
    Hub::CivitaiClient civitai;
    Plan::DownloadPlanner planner;
};

// The repo and the Civitai model the hub's first `change` mutation will hit: the mutation is
// deterministic, so a scratch hub tells before the real one changes.
inline QPair<QString, qint64> firstChanged()
{
    TestHub scout;
    if (!scout.start({QStringLiteral("--big-file-mb"), QStringLiteral("2")}))
        return {};
    const QJsonObject changed = scout.mutateCatalog(0, 1, 0);
    return {changed.value(QLatin1String("changed")).toArray().first().toString(),
            qint64(changed.value(QLatin1String("civitai"))
                       .toObject()
                       .value(QLatin1String("changed"))
                       .toArray()
                       .first()
                       .toDouble())};
}

// path -> sha256 of every file of a folder (links followed); a path that cannot be read maps
// to "unreadable", so a dangling link shows up as a mismatch.
inline QMap<QString, QString> hashTree(const QString &folder)
{
    QMap<QString, QString> hashes;
    const QDir base(folder);
    QDirIterator it(folder, QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        hashes.insert(base.relativeFilePath(path), file.open(QIODevice::ReadOnly) ? Util::Sha256::hexOf(file.readAll())
                                                                                  : QStringLiteral("unreadable"));
    }
    return hashes;
}

inline QString readSmall(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.read(256)).trimmed() : QString();
}

}  // namespace UpdateTest
