#pragma once

#include "catalogservices.h"
#include "clicommand.h"

#include <QCoreApplication>

#include <memory>

namespace Cli {

// `modeldock-cli search QUERY [--limit N]`: full-text search of the local catalog (works
// offline); `--live hf|civitai` asks the hub instead, with results cached for a while.
class SearchCommand : public CliCommand
{
public:
    explicit SearchCommand(CatalogServicesFactory factory);
    ~SearchCommand() override;
    QString name() const override { return QStringLiteral("search"); }
    QString summary() const override
    {
        return QCoreApplication::translate("modeldock-cli", "search the local catalog");
    }
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;

private:
    CatalogServicesFactory m_factory;
    CatalogServices m_catalog;
};

}  // namespace Cli
