#pragma once

#include "catalog/catalogtypes.h"
#include "catalogservices.h"
#include "clicommand.h"

#include <QCoreApplication>

#include <memory>

namespace Insight {
class ModelInsight;
}

namespace Cli {

// `modeldock-cli show ns/name | civitai:ID`: one model with its variants and files (sizes,
// hashes, local state). Fetches the file tree the first time; offline it shows what the
// catalog has. With --insight, what a variant's file header says (read with Range requests,
// cached per SHA-256) and whether each variant fits this machine.
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
    void showInsight(CliContext &context, const Catalog::ModelRecord &model);

    CatalogServicesFactory m_factory;
    CatalogServices m_catalog;
    std::unique_ptr<Insight::ModelInsight> m_insight;
    QString m_variant;      // --variant
    quint64 m_context = 0;  // --context; 0: the model's own, at most 8,192
    bool m_wantInsight = false;
};

}  // namespace Cli
