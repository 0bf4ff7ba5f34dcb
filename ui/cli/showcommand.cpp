#include "showcommand.h"

#include "catalog/hubbrowser.h"
#include "catalog/modelcodec.h"
#include "catalogformat.h"

#include <QCoreApplication>

namespace Cli {

namespace {
void printModel(CliContext &context, const Catalog::ModelRecord &m)
{
    QTextStream &out = *context.out;
    out << m.key << '\n';
    if (!m.author.isEmpty())
        out << "  author:    " << m.author << '\n';
    if (!m.kind.isEmpty())
        out << "  kind:      " << m.kind
            << (m.modelType.isEmpty() ? QString() : QStringLiteral(" (") + m.modelType + u')') << '\n';
    if (!m.baseModels.isEmpty())
        out << "  based on:  " << m.baseModels.join(QStringLiteral(", ")) << '\n';
    out << "  downloads: " << m.downloads << "   likes: " << m.likes << '\n';
    if (m.lastModified.isValid())
        out << "  updated:   " << m.lastModified.toString(Qt::ISODate) << '\n';
    if (!m.headCommit.isEmpty())
        out << "  head:      " << m.headCommit << '\n';
    if (!m.gated.isEmpty())
        out << "  gated:     " << m.gated
            << QCoreApplication::translate("modeldock-cli", " (needs an approved token)\n");
    if (!m.tags.isEmpty())
        out << "  tags:      " << m.tags.mid(0, 12).join(QStringLiteral(", ")) << '\n';
    if (!m.sources.isEmpty())
        out << "  sources:   " << m.sources.join(QStringLiteral(", ")) << '\n';
    out << "  state:     " << Catalog::localStateName(m.state) << '\n';
    if (!m.description.isEmpty())
        out << "  " << m.description.left(300).simplified() << '\n';
    out << "  variants:  " << m.variants.size() << '\n';
    for (const Catalog::VariantRecord &v : m.variants) {
        out << "  - " << v.name << " (" << v.kind << ", " << CatalogFormat::bytes(v.totalSize()) << ", "
            << Catalog::localStateName(v.state) << ")";
        if (!v.commit.isEmpty())
            out << " @ " << v.commit.left(12);
        out << '\n';
        for (const Catalog::FileRecord &f : v.files) {
            out << "      " << f.path.leftJustified(44) << ' ' << CatalogFormat::bytes(f.size).rightJustified(10)
                << "  "
                << (f.sha256.isEmpty() ? QStringLiteral("sha256 unknown")
                                       : QStringLiteral("sha256 ") + f.sha256.left(16) + QStringLiteral("…"))
                << "  " << Catalog::localStateName(f.state) << (f.primary ? "  primary" : "") << '\n';
        }
    }
}
}  // namespace

ShowCommand::ShowCommand(CatalogServicesFactory factory)
    : m_factory(std::move(factory))
{
}

ShowCommand::~ShowCommand() = default;

QString ShowCommand::usage() const
{
    return QCoreApplication::translate(
        "modeldock-cli", "Usage: modeldock-cli show ns/name | civitai:ID [--json]\n\n"
                         "Shows a model: details, variants (branches, quantizations or versions) and their files\n"
                         "with sizes, SHA-256 and local state. The file tree is fetched once per commit and kept;\n"
                         "offline, the catalog's copy is shown.\n");
}

void ShowCommand::start(CliContext &context, const QStringList &arguments)
{
    if (arguments.size() != 1 || arguments.first().startsWith(QLatin1Char('-'))) {
        *context.err << "modeldock-cli show: "
                     << QCoreApplication::translate("modeldock-cli", "give one model, ns/name or civitai:ID\n");
        context.finish(ExitUsage);
        return;
    }
    QString error;
    if (!m_factory(context.config, &m_catalog, &error)) {
        *context.err << "modeldock-cli show: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    m_catalog.browser->ensureDetails(
        arguments.first(), m_catalog.browser.get(), [&context](const Hub::Result<Catalog::ModelRecord> &r) {
            if (r.value.key.isEmpty()) {
                *context.err << "modeldock-cli show: " << r.error.message << '\n';
                context.finish(ExitFailed);
                return;
            }
            if (!r.ok())
                *context.err << "warning: " << r.error.message
                             << QCoreApplication::translate("modeldock-cli", " Showing the catalog's copy.\n");
            for (const QString &problem : r.rejected)
                *context.err << "  skipped: " << problem << '\n';
            if (context.json)
                CatalogFormat::jsonLine(*context.out, Catalog::ModelCodec::toJson(r.value));
            else
                printModel(context, r.value);
            context.finish(ExitOk);
        });
}

}  // namespace Cli
