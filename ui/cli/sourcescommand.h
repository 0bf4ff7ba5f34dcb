#pragma once

#include "catalogservices.h"
#include "clicommand.h"

#include <QCoreApplication>

namespace Cli {

// `modeldock-cli sources list|add|remove`: the sources the catalog follows.
class SourcesCommand : public CliCommand
{
public:
    explicit SourcesCommand(CatalogServicesFactory factory);
    QString name() const override { return QStringLiteral("sources"); }
    QString summary() const override
    {
        return QCoreApplication::translate("modeldock-cli", "list, add, edit or remove catalog sources");
    }
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;

private:
    CatalogServicesFactory m_factory;
};

}  // namespace Cli
