#pragma once

#include "catalogservices.h"
#include "clicommand.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>

#include <memory>

namespace Cli {

// `modeldock-cli sync [--source NAME]`: syncs one source or all of them and prints what
// was added, changed and removed, and how long it took.
class SyncCommand : public CliCommand
{
public:
    explicit SyncCommand(CatalogServicesFactory factory);
    ~SyncCommand() override;
    QString name() const override { return QStringLiteral("sync"); }
    QString summary() const override
    {
        return QCoreApplication::translate("modeldock-cli", "update the local catalog from the hubs");
    }
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;

private:
    CatalogServicesFactory m_factory;
    CatalogServices m_catalog;
    QSet<qint64> m_pending;
    QElapsedTimer m_clock;
    bool m_anyFailed = false;
};

}  // namespace Cli
