#pragma once

#include "clicommand.h"

#include <QElapsedTimer>
#include <QSet>

#include <memory>

namespace Cli {

class CatalogSession;

// `modeldock-cli sync [--source NAME]`: syncs one source or all of them and prints what
// was added, changed and removed, and how long it took.
class SyncCommand : public CliCommand
{
public:
    SyncCommand();
    ~SyncCommand() override;
    QString name() const override { return QStringLiteral("sync"); }
    QString summary() const override { return QStringLiteral("update the local catalog from the hubs"); }
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;

private:
    std::unique_ptr<CatalogSession> m_session;
    QSet<qint64> m_pending;
    QElapsedTimer m_clock;
    bool m_anyFailed = false;
};

} // namespace Cli
