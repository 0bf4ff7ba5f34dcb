#include "updatecommand.h"

#include "commandline.h"
#include "download/downloadpool.h"
#include "download/journal.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "plan/downloadplanner.h"
#include "settings/runtimesettings.h"
#include "updates/modelupdater.h"
#include "updates/snapshotmanager.h"

#include <QCoreApplication>
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

// A 40-hex commit shortened as git does; a Civitai version id as it is.
QString shortCommit(const QString &commit)
{
    return commit.isEmpty() ? QStringLiteral("(none)") : commit.left(8);
}

Library::LibraryLayout libraryLayout(const CliContext &context)
{
    return context.settings ? Settings::libraryLayout(*context.settings)
                            : Library::LibraryLayout::fromSettings(context.config.libraryLayout);
}

std::unique_ptr<Updates::ModelUpdater> rollbackUpdater(const CliContext &context)
{
    // Rolling back needs neither the planner nor the pool.
    auto updater = std::make_unique<Updates::ModelUpdater>(nullptr, nullptr, context.config.hfCacheDir,
                                                           context.config.libraryDir, snapshotHistoryFile(context));
    updater->setLibraryLayout(libraryLayout(context));
    return updater;
}

}  // namespace

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
    return QCoreApplication::translate("modeldock-cli", "update a downloaded model to the hub's newest version");
}

QString UpdateCommand::usage() const
{
    return QCoreApplication::translate(
        "modeldock-cli",
        "Usage: modeldock-cli update ns/name[@revision]\n"
        "       modeldock-cli update civitai:MODEL_ID\n\n"
        "Hugging Face: downloads only the files whose hash changed into a new snapshot of the\n"
        "cache, then switches refs/<revision> to it in one atomic step (without @revision:\n"
        "main, or the one branch that was downloaded).\n"
        "Civitai: downloads the newest version beside the one in the library, then points the\n"
        "model's file at it in one atomic step; the file keeps its name.\n"
        "Programs reading the model see the old version or the new one, never a mix. The\n"
        "previous version stays until `modeldock-cli prune --yes`; `modeldock-cli rollback` switches back.\n");
}

void UpdateCommand::start(CliContext &context, const QStringList &arguments)
{
    QString repo;
    QString revision;
    qint64 civitaiId = 0;
    QString parseError;
    CommandLine line(name());
    if (!line.parse(context, arguments))
        return;
    if (line.positional().size() != 1 ||
        !Updates::ModelUpdater::parseModel(line.positional().first(), &repo, &revision, &civitaiId, &parseError)) {
        line.refuse(context, parseError.isEmpty()
                                 ? QCoreApplication::translate("modeldock-cli",
                                                               "give one model, ns/name[@branch] or civitai:ID.")
                                 : parseError);
        return;
    }
    QString error;
    if (!m_factory(context.config, context.pool, &m_services, &error)) {
        *context.err << "modeldock-cli: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    m_updater = std::make_unique<Updates::ModelUpdater>(m_services.planner.get(), m_services.pool.get(),
                                                        context.config.hfCacheDir, context.config.libraryDir,
                                                        snapshotHistoryFile(context));
    m_updater->setLibraryLayout(libraryLayout(context));
    if (!context.json && !context.quiet) {
        *context.err
            << QCoreApplication::translate("modeldock-cli", "Checking %1 for a newer version…").arg(arguments.first())
            << '\n';
        context.err->flush();
    }
    CliContext *ctx = &context;
    // Said only when the planner has scheduled another attempt at a metadata request.
    connect(m_services.planner.get(), &Plan::DownloadPlanner::retrying, this, [ctx](const QString &sentence) {
        if (ctx->json) {
            printJson(*ctx, {{QStringLiteral("event"), QStringLiteral("note")}, {QStringLiteral("message"), sentence}});
            return;
        }
        *ctx->err << sentence << '\n';
        ctx->err->flush();
    });
    // Before the first byte: what the update will fetch (for Xet files, only changed chunks).
    connect(m_updater.get(), &Updates::ModelUpdater::fetching, this, [ctx](const Updates::UpdateResult &result) {
        if (ctx->json) {
            printJson(*ctx, {{QStringLiteral("event"), QStringLiteral("fetching")},
                             {QStringLiteral("repo"), result.repoId},
                             {QStringLiteral("to"), result.toCommit},
                             {QStringLiteral("files"), result.filesFetched},
                             {QStringLiteral("bytesFetched"), result.bytesFetched},
                             {QStringLiteral("bytesReused"), result.bytesReused}});
            return;
        }
        if (ctx->quiet)
            return;
        QString line =
            QCoreApplication::translate("modeldock-cli",
                                        "%1 has a newer version (%2): fetching %3 for %n changed file(s)", nullptr,
                                        result.filesFetched)
                .arg(result.repoId, shortCommit(result.toCommit), Download::formatBytes(result.bytesFetched));
        if (result.bytesReused > 0)
            line += QCoreApplication::translate("modeldock-cli", ", reusing %1 of unchanged chunks already on disk")
                        .arg(Download::formatBytes(result.bytesReused));
        *ctx->err << line << ".\n";
        ctx->err->flush();
    });
    m_updater->update(arguments.first(), [ctx](const Updates::UpdateResult &result) {
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
            *ctx->out << QCoreApplication::translate("modeldock-cli", "%1 is up to date at %2.")
                             .arg(result.repoId, shortCommit(result.toCommit))
                      << '\n';
        } else {
            *ctx->out << QCoreApplication::translate(
                             "modeldock-cli",
                             "Updated %1%2 from %3 to %4: %5 files downloaded (%6), %7 unchanged files reused.\n"
                             "Roll back with: modeldock-cli rollback %1")
                             .arg(result.repoId,
                                  result.revision.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(result.revision),
                                  shortCommit(result.fromCommit), shortCommit(result.toCommit),
                                  QString::number(result.filesFetched), Download::formatBytes(result.bytesFetched),
                                  QString::number(result.filesReused))
                      << '\n';
        }
        ctx->finish(result.ok ? ExitOk : ExitFailed);
    });
}

QString RollbackCommand::summary() const
{
    return QCoreApplication::translate("modeldock-cli", "switch a model back to its previous version");
}

QString RollbackCommand::usage() const
{
    return QCoreApplication::translate("modeldock-cli",
                                       "Usage: modeldock-cli rollback ns/name[@revision]\n"
                                       "       modeldock-cli rollback civitai:MODEL_ID\n\n"
                                       "Points refs/<revision> (or the Civitai model's file) back at the version in\n"
                                       "force before the last update, in one atomic step. Works until that version\n"
                                       "is pruned.\n");
}

void RollbackCommand::start(CliContext &context, const QStringList &arguments)
{
    QString repo;
    QString revision;
    qint64 civitaiId = 0;
    QString error;
    CommandLine line(name());
    if (!line.parse(context, arguments))
        return;
    if (line.positional().size() != 1 ||
        !Updates::ModelUpdater::parseModel(line.positional().first(), &repo, &revision, &civitaiId, &error)) {
        line.refuse(context, error.isEmpty() ? QCoreApplication::translate(
                                                   "modeldock-cli", "give one model, ns/name[@branch] or civitai:ID.")
                                             : error);
        return;
    }
    const Updates::RollbackResult result = rollbackUpdater(context)->rollback(arguments.first());
    if (context.json) {
        printJson(context, {{QStringLiteral("event"), QStringLiteral("rollback")},
                            {QStringLiteral("ok"), result.ok},
                            {QStringLiteral("repo"), result.repoId},
                            {QStringLiteral("from"), result.fromCommit},
                            {QStringLiteral("to"), result.toCommit},
                            {QStringLiteral("error"), result.error}});
    } else if (result.ok) {
        *context.out << QCoreApplication::translate("modeldock-cli", "Rolled %1 back from %2 to %3.")
                            .arg(arguments.first(), shortCommit(result.fromCommit), shortCommit(result.toCommit))
                     << '\n';
    } else {
        *context.err << "modeldock-cli: " << result.error << '\n';
    }
    context.finish(result.ok ? ExitOk : ExitFailed);
}

QString PruneCommand::summary() const
{
    return QCoreApplication::translate(
        "modeldock-cli", "list (or with --yes remove) earlier versions ModelDock replaced and their blobs");
}

QString PruneCommand::usage() const
{
    return QCoreApplication::translate(
        "modeldock-cli", "Usage: modeldock-cli prune [ns/name] [--yes]\n\n"
                         "Lists the snapshots ModelDock moved a ref away from (earlier versions kept for\n"
                         "rollback) that no ref points at any more, and the blobs only they use, with the\n"
                         "space they take. With --yes it removes them. Nothing another tool downloaded is\n"
                         "touched: not a snapshot without a ref (one pinned to a commit), not a blob no\n"
                         "snapshot links to, not a partial download.\n");
}

void PruneCommand::start(CliContext &context, const QStringList &arguments)
{
    CommandLine line(name());
    line.addFlag(QStringLiteral("yes"), QStringLiteral("remove them"));
    if (!line.parse(context, arguments))
        return;
    const bool apply = line.isSet(QStringLiteral("yes"));
    const QStringList rest = line.positional();
    if (rest.size() > 1) {
        line.refuse(context,
                    QCoreApplication::translate("modeldock-cli", "one model at most, got %1.").arg(rest.size()));
        return;
    }
    Updates::SnapshotManager snapshots(context.config.hfCacheDir, snapshotHistoryFile(context));
    const Updates::PruneResult result = snapshots.prune(rest.value(0), {}, apply);
    if (context.json) {
        printJson(context, {{QStringLiteral("event"), QStringLiteral("prune")},
                            {QStringLiteral("ok"), result.errors.isEmpty()},
                            {QStringLiteral("dryRun"), !apply},
                            {QStringLiteral("snapshotsRemoved"), apply ? result.snapshotsRemoved : 0},
                            {QStringLiteral("blobsRemoved"), apply ? result.blobsRemoved : 0},
                            {QStringLiteral("bytesFreed"), apply ? result.bytesFreed : 0},
                            {QStringLiteral("snapshots"), QJsonArray::fromStringList(result.snapshotPaths)},
                            {QStringLiteral("blobs"), QJsonArray::fromStringList(result.blobPaths)},
                            {QStringLiteral("bytes"), result.bytesFreed},
                            {QStringLiteral("errors"), QJsonArray::fromStringList(result.errors)}});
    } else if (result.snapshotsRemoved == 0 && result.blobsRemoved == 0) {
        *context.out << QCoreApplication::translate(
            "modeldock-cli", "Nothing to prune: no earlier version ModelDock replaced is left.\n");
    } else {
        for (const QString &path : result.snapshotPaths)
            *context.out << (apply ? QCoreApplication::translate("modeldock-cli", "removed %1")
                                   : QCoreApplication::translate("modeldock-cli", "would remove %1"))
                                .arg(path)
                         << '\n';
        for (const QString &path : result.blobPaths)
            *context.out << (apply ? QCoreApplication::translate("modeldock-cli", "removed %1")
                                   : QCoreApplication::translate("modeldock-cli", "would remove %1"))
                                .arg(path)
                         << '\n';
        if (apply) {
            *context.out << QCoreApplication::translate("modeldock-cli",
                                                        "Removed %1 earlier snapshots and %2 blobs, freeing %3.")
                                .arg(QString::number(result.snapshotsRemoved), QString::number(result.blobsRemoved),
                                     Download::formatBytes(result.bytesFreed))
                         << '\n';
        } else {
            *context.out << QCoreApplication::translate("modeldock-cli",
                                                        "%1 earlier snapshots and %2 blobs (%3) can go. Nothing was "
                                                        "removed: run again with --yes to remove them.")
                                .arg(QString::number(result.snapshotsRemoved), QString::number(result.blobsRemoved),
                                     Download::formatBytes(result.bytesFreed))
                         << '\n';
        }
    }
    if (!context.json) {
        for (const QString &problem : result.errors)
            *context.err << "modeldock-cli: " << problem << '\n';
    }
    context.finish(result.errors.isEmpty() ? ExitOk : ExitFailed);
}

}  // namespace Cli
