#pragma once

#include "clicommand.h"
#include "downloadservices.h"

#include <QObject>

#include <memory>

namespace Updates {
class ModelUpdater;
}

namespace Cli {

// `modeldock-cli update ns/name[@revision] | civitai:ID`: downloads only what changed beside
// the version in force, then switches to it atomically (Updates::ModelUpdater).
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
    std::unique_ptr<Updates::ModelUpdater> m_updater;
};

// `modeldock-cli rollback ns/name[@revision] | civitai:ID`: back to the previous version.
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

}  // namespace Cli
