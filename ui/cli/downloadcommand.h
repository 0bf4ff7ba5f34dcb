#pragma once

#include "clicommand.h"
#include "downloadservices.h"
#include "plan/downloadplan.h"
#include "plan/downloadplanner.h"
#include "plan/downloadtarget.h"

#include <QObject>

#include <memory>

namespace Cli {

class CommandLine;

class DownloadReporter;

// `modeldock-cli download TARGET [options]`: plans the files (Plan::DownloadPlanner), hands
// them to the download pool as one group, reports progress and exits 0 when every file is
// verified, 1 when any failed or was refused, 2 for a wrong command line. The journal in the
// data folder makes an interrupted run resumable: running the same command again restores
// the journaled tasks of those files and the new requests join them; other downloads in the
// journal are left alone. A full disk pauses a file; the run says so and waits for space.
class DownloadCommand : public QObject, public CliCommand
{
    Q_OBJECT
public:
    explicit DownloadCommand(DownloadServicesFactory factory, QObject *parent = nullptr);
    ~DownloadCommand() override;

    QString name() const override { return QStringLiteral("download"); }
    QString summary() const override;
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;

    // Downloads several targets as one group named `groupName` (library scan --update-all),
    // with the stored settings, reporting and finishing exactly as `download` does. A target
    // whose plan fails is refused with its sentence; the others still run.
    void startTargets(CliContext &context, const QList<Plan::DownloadTarget> &targets, const QString &groupName);

    // "500k" -> 512000, "2M" -> 2097152, "1.5G"; -1 when the text is not a rate.
    static qint64 parseRate(const QString &text);

private:
    struct Arguments
    {
        Plan::DownloadTarget target;
        Plan::DownloadPlanner::Options plan;
        Download::PoolOptions pool;
        QStringList reuseFrom;  // --reuse-from DIR, in order
    };
    bool parseArguments(const CommandLine &line, Arguments *parsed, QString *error) const;
    void run(const QList<Plan::DownloadTarget> &targets, Arguments parsed, const QString &groupName);
    void onPlanned(const Plan::DownloadPlan &plan);
    void onShared(const QString &sentence, bool ok);
    void checkDone();
    void finish(int code);

    DownloadServicesFactory m_factory;
    CliContext *m_context = nullptr;
    DownloadServices m_services;
    std::unique_ptr<DownloadReporter> m_reporter;
    QList<Download::TaskId> m_tasks;
    int m_refused = 0;
    bool m_running = false;
};

}  // namespace Cli
