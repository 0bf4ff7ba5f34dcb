#pragma once

#include "clicommand.h"

#include <memory>

namespace Cli {

class CatalogSession;

// `modeldock-cli search QUERY [--limit N]`: full-text search of the local catalog (works
// offline); `--live hf|civitai` asks the hub instead, with results cached for a while.
class SearchCommand : public CliCommand
{
public:
    SearchCommand();
    ~SearchCommand() override;
    QString name() const override { return QStringLiteral("search"); }
    QString summary() const override { return QStringLiteral("search the local catalog"); }
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;

private:
    std::unique_ptr<CatalogSession> m_session;
};

} // namespace Cli
