#pragma once

#include "catalogservices.h"
#include "clicommand.h"

#include <QCoreApplication>

#include <memory>

namespace Cli {

// `modeldock-cli show ns/name | civitai:ID`: one model with its variants and files (sizes,
// hashes, local state). Fetches the file tree the first time; offline it shows what the
// catalog has.
class ShowCommand : public CliCommand
{
public:
    explicit ShowCommand(CatalogServicesFactory factory);
    ~ShowCommand() override;
    QString name() const override { return QStringLiteral("show"); }
    QString summary() const override
    {
        return QCoreApplication::translate("modeldock-cli", "show a model's variants and files");
    }
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;

private:
    CatalogServicesFactory m_factory;
    CatalogServices m_catalog;
};

}  // namespace Cli
