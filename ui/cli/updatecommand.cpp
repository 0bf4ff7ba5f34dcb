#include "updatecommand.h"

#include "download/downloadpool.h"
#include "download/journal.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "plan/downloadplanner.h"
#include "updates/modelupdater.h"
#include "updates/snapshotmanager.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Cli {

namespace {

void printJson(CliContext &context, const QJsonObject &object)
{
    *context.out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    context.out->flush();
}

// "ns/name" or "ns/name@branch" → repo and revision (default main).
bool parseRepo(const QString &text, QString *repo, QString *revision)
{
    *repo = text.section(QLatin1Char('@'), 0, 0);
    *revision = text.contains(QLatin1Char('@')) ? text.section(QLatin1Char('@'), 1) : QStringLiteral("main");
    return repo->count(QLatin1Char('/')) == 1 && !repo->startsWith(QLatin1Char('/')) && !repo->endsWith(QLatin1Char('/'))
           && !revision->isEmpty();
}

QString shortCommit(const QString &commit)
{
    return commit.isEmpty() ? QStringLiteral("(none)") : commit.left(8);
}

} // namespace

QString snapshotHistoryFile(const CliContext &context)
{
    return QDir(context.config.dataDir).filePath(QStringLiteral("snapshot-history.json"));
}

UpdateCommand::UpdateCommand(DownloadServicesFactory factory, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
{
}

UpdateCommand::~UpdateCommand() = default;

QString UpdateCommand::summary() const
{
    return QStringLiteral("update a downloaded Hugging Face repo to the hub's newest commit");
}

QString UpdateCommand::usage() const
{
    return QStringLiteral(
        "Usage: modeldock-cli update ns/name[@revision]\n\n"
        "Downloads only the files whose hash changed into a new snapshot of the Hugging Face\n"
        "cache, then switches refs/<revision> to it in one atomic step. Programs reading the\n"
        "model see the old version or the new one, never a mix. The previous version stays\n"
        "until `modeldock-cli prune`; `modeldock-cli rollback` switches back.\n");
}

void UpdateCommand::start(CliContext &context, const QStringList &arguments)
{
    QString repo;
    QString revision;
    if (arguments.size() != 1 || !parseRepo(arguments.first(), &repo, &revision)) {
        *context.err << usage();
        context.finish(ExitUsage);
        return;
    }
    QString error;
    if (!m_factory(context.config, Download::PoolOptions(), &m_services, &error)) {
        *context.err << "modeldock-cli: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    m_snapshots = std::make_unique<Updates::SnapshotManager>(context.config.hfCacheDir, snapshotHistoryFile(context));
    m_updater = std::make_unique<Updates::ModelUpdater>(m_services.planner.get(), m_services.pool.get(), m_snapshots.get(),
                                                        context.config.hfCacheDir);
    if (!context.json)
        *context.out << "Checking " << repo << " (" << revision << ") for a newer version…\n";
    context.out->flush();
    CliContext *ctx = &context;
    m_updater->update(repo, revision, [ctx](const Updates::UpdateResult &result) {
        if (ctx->json) {
            printJson(*ctx, {{QStringLiteral("event"), QStringLiteral("update")},
                             {QStringLiteral("ok"), result.ok},
                             {QStringLiteral("upToDate"), result.upToDate},
                             {QStringLiteral("repo"), result.repoId},
                             {QStringLiteral("revision"), result.revision},
                             {QStringLiteral("from"), result.fromCommit},
                             {QStringLiteral("to"), result.toCommit},
                             {QStringLiteral("filesFetched"), result.filesFetched},
                             {QStringLiteral("filesReused"), result.filesReused},
                             {QStringLiteral("bytesFetched"), result.bytesFetched},
                             {QStringLiteral("error"), result.error}});
        } else if (!result.ok) {
            *ctx->err << "modeldock-cli: " << result.error << '\n';
        } else if (result.upToDate) {
            *ctx->out << result.repoId << " is up to date at " << shortCommit(result.toCommit) << ".\n";
        } else {
            *ctx->out << "Updated " << result.repoId << " (" << result.revision << ") from "
                      << shortCommit(result.fromCommit) << " to " << shortCommit(result.toCommit) << ": "
                      << result.filesFetched << " files downloaded (" << Download::formatBytes(result.bytesFetched)
                      << "), " << result.filesReused << " unchanged files reused.\n"
                      << "Roll back with: modeldock-cli rollback " << result.repoId << '\n';
        }
        ctx->finish(result.ok ? ExitOk : ExitFailed);
    });
}

QString RollbackCommand::summary() const
{
    return QStringLiteral("switch a Hugging Face repo back to its previous version");
}

QString RollbackCommand::usage() const
{
    return QStringLiteral("Usage: modeldock-cli rollback ns/name[@revision]\n\n"
                          "Points refs/<revision> back at the snapshot it named before the last update,\n"
                          "in one atomic step. Works until that snapshot is pruned.\n");
}

void RollbackCommand::start(CliContext &context, const QStringList &arguments)
{
    QString repo;
    QString revision;
    if (arguments.size() != 1 || !parseRepo(arguments.first(), &repo, &revision)) {
        *context.err << usage();
        context.finish(ExitUsage);
        return;
    }
    Updates::SnapshotManager snapshots(context.config.hfCacheDir, snapshotHistoryFile(context));
    const QString from = snapshots.currentCommit(repo, revision);
    QString error;
    QString restored;
    const bool ok = snapshots.rollback(repo, revision, &error, &restored);
    if (context.json) {
        printJson(context, {{QStringLiteral("event"), QStringLiteral("rollback")}, {QStringLiteral("ok"), ok},
                            {QStringLiteral("repo"), repo}, {QStringLiteral("from"), from},
                            {QStringLiteral("to"), restored}, {QStringLiteral("error"), error}});
    } else if (ok) {
        *context.out << "Rolled " << repo << " (" << revision << ") back from " << shortCommit(from) << " to "
                     << shortCommit(restored) << ".\n";
    } else {
        *context.err << "modeldock-cli: " << error << '\n';
    }
    context.finish(ok ? ExitOk : ExitFailed);
}

QString PruneCommand::summary() const
{
    return QStringLiteral("remove old snapshots and blobs nothing uses any more");
}

QString PruneCommand::usage() const
{
    return QStringLiteral("Usage: modeldock-cli prune [ns/name]\n\n"
                          "Removes snapshots that no ref points at (earlier versions kept for rollback),\n"
                          "then blobs no remaining snapshot uses, and says how much space it freed.\n"
                          "Partial downloads are left alone.\n");
}

void PruneCommand::start(CliContext &context, const QStringList &arguments)
{
    if (arguments.size() > 1) {
        *context.err << usage();
        context.finish(ExitUsage);
        return;
    }
    Updates::SnapshotManager snapshots(context.config.hfCacheDir, snapshotHistoryFile(context));
    const Updates::PruneResult result = snapshots.prune(arguments.value(0));
    if (context.json) {
        printJson(context, {{QStringLiteral("event"), QStringLiteral("prune")},
                            {QStringLiteral("ok"), result.errors.isEmpty()},
                            {QStringLiteral("snapshotsRemoved"), result.snapshotsRemoved},
                            {QStringLiteral("blobsRemoved"), result.blobsRemoved},
                            {QStringLiteral("bytesFreed"), result.bytesFreed},
                            {QStringLiteral("errors"), QJsonArray::fromStringList(result.errors)}});
    } else {
        *context.out << "Removed " << result.snapshotsRemoved << " old snapshots and " << result.blobsRemoved
                     << " unused blobs, freeing " << Download::formatBytes(result.bytesFreed) << ".\n";
        for (const QString &problem : result.errors)
            *context.err << "modeldock-cli: " << problem << '\n';
    }
    context.finish(result.errors.isEmpty() ? ExitOk : ExitFailed);
}

} // namespace Cli
