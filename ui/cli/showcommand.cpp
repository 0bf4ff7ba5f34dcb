#include "showcommand.h"

#include "catalog/hubbrowser.h"
#include "catalog/modelcodec.h"
#include "catalog/variantinference.h"
#include "catalogformat.h"
#include "insight/fitestimate.h"
#include "insight/modelinsight.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>

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

// The header's facts, then each variant against this machine's memory.
void printInsight(CliContext &context, const Catalog::ModelRecord &model, const QString &variant,
                  const Insight::FileInsight &insight, const QList<Insight::FitEstimate> &fits, int recommended)
{
    const Insight::MachineMemory &machine = Insight::MachineMemory::current();
    QTextStream &out = *context.out;
    if (context.json) {
        QJsonArray variants;
        for (int i = 0; i < model.variants.size(); ++i) {
            const Insight::FitEstimate &fit = fits.at(i);
            QJsonObject one{{QStringLiteral("name"), model.variants.at(i).name},
                            {QStringLiteral("recommended"), i == recommended}};
            if (fit.verdict != Insight::FitEstimate::Verdict::Unknown) {
                one.insert(QStringLiteral("fit"), fit.badge());
                one.insert(QStringLiteral("neededBytes"), double(fit.needed));
                one.insert(QStringLiteral("kvCacheBytes"), double(fit.kvCache));
            }
            variants.append(one);
        }
        QJsonObject line = insight.toJson();
        line.insert(QStringLiteral("event"), QStringLiteral("insight"));
        line.insert(QStringLiteral("variant"), variant);
        line.insert(QStringLiteral("machine"), machine.describe());
        line.insert(QStringLiteral("variants"), variants);
        CatalogFormat::jsonLine(out, line);
        return;
    }
    out << "insight of " << variant;
    if (insight.requests > 0)
        out << " (read " << CatalogFormat::bytes(insight.bytesRead) << " in " << insight.requests << " range request"
            << (insight.requests == 1 ? "" : "s") << ")";
    else
        out << " (from the catalog's cache)";
    out << '\n';
    for (const auto &[key, value] : insight.facts())
        out << "  " << QString(key + QLatin1Char(':')).leftJustified(17) << value << '\n';
    if (insight.format != Insight::FileInsight::Format::Gguf)
        return;
    out << "this machine: " << machine.describe() << '\n';
    for (int i = 0; i < model.variants.size(); ++i) {
        const Catalog::VariantRecord &v = model.variants.at(i);
        if (Insight::ModelInsight::headerFiles(v).isEmpty())
            continue;
        const Insight::FitEstimate &fit = fits.at(i);
        out << "  " << v.name.leftJustified(20) << ' ';
        if (fit.verdict == Insight::FitEstimate::Verdict::Unknown)
            out << "another model: --variant " << v.name << " reads its header";
        else
            out << fit.badge().leftJustified(26) << ' ' << fit.describe();
        out << (i == recommended ? "  \u2190 recommended here" : "") << '\n';
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
        "modeldock-cli",
        "Usage: modeldock-cli show ns/name | civitai:ID [--insight [--variant NAME] [--context N]] [--json]\n\n"
        "Shows a model: details, variants (branches, quantizations or versions) and their files\n"
        "with sizes, SHA-256 and local state. The file tree is fetched once per commit and kept;\n"
        "offline, the catalog's copy is shown.\n\n"
        "  --insight        read what the variant's file header says (GGUF: architecture,\n"
        "                   parameters, context, layers, quantization; safetensors: dtypes and\n"
        "                   LoRA training metadata) with at most 2 Range requests and 8 MiB,\n"
        "                   kept per SHA-256; and whether each variant fits this machine's\n"
        "                   RAM and GPU memory, with the one recommended here\n"
        "  --variant NAME   the variant to read (default: the recommended one)\n"
        "  --context N      the context length the memory estimate assumes (default: the\n"
        "                   model's own, at most 8192)\n");
}

void ShowCommand::start(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("insight"), QStringLiteral("read the file header")});
    parser.addOption({QStringLiteral("variant"), QStringLiteral("variant"), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("context"), QStringLiteral("context length"), QStringLiteral("N")});
    bool contextOk = true;
    if (!parser.parse(QStringList{name()} + arguments) || parser.positionalArguments().size() != 1 ||
        ((parser.isSet(QStringLiteral("variant")) || parser.isSet(QStringLiteral("context"))) &&
         !parser.isSet(QStringLiteral("insight"))) ||
        (parser.isSet(QStringLiteral("context")) &&
         (parser.value(QStringLiteral("context")).toULongLong(&contextOk) == 0 || !contextOk))) {
        *context.err << "modeldock-cli show: "
                     << (!parser.errorText().isEmpty()
                             ? parser.errorText()
                             : QCoreApplication::translate("modeldock-cli",
                                                           "give one model, ns/name or civitai:ID "
                                                           "(--variant and --context go with --insight; "
                                                           "--context takes a number of tokens)"))
                     << '\n';
        context.finish(ExitUsage);
        return;
    }
    m_wantInsight = parser.isSet(QStringLiteral("insight"));
    m_variant = parser.value(QStringLiteral("variant"));
    m_context = parser.value(QStringLiteral("context")).toULongLong();
    QString error;
    if (!m_factory(context.config, &m_catalog, &error)) {
        *context.err << "modeldock-cli show: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    m_catalog.browser->ensureDetails(
        parser.positionalArguments().first(), m_catalog.browser.get(),
        [this, &context](const Hub::Result<Catalog::ModelRecord> &r) {
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
            if (m_wantInsight)
                showInsight(context, r.value);
            else
                context.finish(ExitOk);
        });
}

void ShowCommand::showInsight(CliContext &context, const Catalog::ModelRecord &model)
{
    int index = -1;
    for (int i = 0; i < model.variants.size(); ++i) {
        if (m_variant.isEmpty() ? !Insight::ModelInsight::headerFiles(model.variants.at(i)).isEmpty()
                                : model.variants.at(i).name == m_variant) {
            index = i;
            break;
        }
    }
    if (m_variant.isEmpty()) {
        const int recommended = Catalog::VariantInference::recommendedVariant(model.variants);
        if (recommended >= 0)
            index = recommended;
    }
    if (index < 0) {
        *context.err << "modeldock-cli show: "
                     << (m_variant.isEmpty() ? QCoreApplication::translate(
                                                   "modeldock-cli", "%1 has no GGUF or safetensors file to read.")
                                                   .arg(model.key)
                                             : QCoreApplication::translate("modeldock-cli", "%1 has no variant \"%2\".")
                                                   .arg(model.key, m_variant))
                     << '\n';
        context.finish(m_variant.isEmpty() ? ExitFailed : ExitUsage);
        return;
    }
    m_insight = std::make_unique<Insight::ModelInsight>(m_catalog.session, m_catalog.store.get());
    QObject::connect(m_insight.get(), &Insight::ModelInsight::ready, m_insight.get(),
                     [this, &context, model](const QString &, const QString &variant,
                                             const Insight::FileInsight &insight, const QString &error) {
                         if (!insight.isValid()) {
                             *context.err << "modeldock-cli show: " << error << '\n';
                             context.finish(ExitFailed);
                             return;
                         }
                         const Insight::MachineMemory &machine = Insight::MachineMemory::current();
                         const QList<Insight::FitEstimate> fits =
                             m_insight->fits(model, variant, insight, machine, m_context);
                         printInsight(context, model, variant, insight, fits,
                                      Insight::ModelInsight::recommended(model, fits, machine));
                         context.finish(ExitOk);
                     });
    m_insight->request(model.key, model.variants.at(index));
}

}  // namespace Cli
