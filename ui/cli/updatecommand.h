#pragma once

#include "clicommand.h"
#include "downloadservices.h"

#include <QObject>

#include <memory>

namespace Updates {
class ModelUpdater;
class SnapshotManager;
}

namespace Cli {

// `modeldock-cli update ns/name[@revision]`: downloads only the files whose hash changed on
// the hub into a new snapshot, then switches refs/<revision> atomically.
class UpdateCommand : public QObject, public CliCommand
{
    Q_OBJECT
public:
    explicit UpdateCommand(DownloadServicesFactory factory, QObject *parent = nullptr);
    ~UpdateCommand() override;

    QString name() const override { return QStringLiteral("update"); }
    QString summary() const override;
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;

private:
    DownloadServicesFactory m_factory;
    DownloadServices m_services;
    std::unique_ptr<Updates::SnapshotManager> m_snapshots;
    std::unique_ptr<Updates::ModelUpdater> m_updater;
};

// `modeldock-cli rollback ns/name[@revision]`: points the ref back at the previous snapshot.
class RollbackCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("rollback"); }
    QString summary() const override;
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;
};

// `modeldock-cli prune [ns/name]`: removes snapshots no ref points at and unused blobs.
class PruneCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("prune"); }
    QString summary() const override;
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;
};

// Where the snapshot manager keeps the ref history (ModelDock's data folder, not the cache).
QString snapshotHistoryFile(const CliContext &context);

} // namespace Cli
