#include "searchcommand.h"

#include "catalog/catalogstore.h"
#include "catalog/hubbrowser.h"
#include "catalog/modelcodec.h"
#include "catalog/sourcestore.h"
#include "catalogformat.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace Cli {

namespace {
void printModels(CliContext &context, const QList<Catalog::ModelRecord> &models)
{
    for (const Catalog::ModelRecord &m : models) {
        if (context.json) {
            CatalogFormat::jsonLine(*context.out, Catalog::ModelCodec::toJson(m));
            continue;
        }
        *context.out << m.key.leftJustified(48) << ' ' << CatalogFormat::count(m.downloads).rightJustified(7)
                     << " downloads " << CatalogFormat::count(m.likes).rightJustified(6) << " likes  "
                     << (m.kind.isEmpty() ? QStringLiteral("-") : m.kind);
        if (m.state != Catalog::LocalState::None)
            *context.out << "  [" << Catalog::localStateName(m.state) << ']';
        *context.out << '\n';
    }
    if (!context.json && models.isEmpty())
        *context.out << QCoreApplication::translate("modeldock-cli", "No models found.\n");
}
}  // namespace

SearchCommand::SearchCommand(CatalogServicesFactory factory)
    : m_factory(std::move(factory))
{
}

SearchCommand::~SearchCommand() = default;

QString SearchCommand::usage() const
{
    return QCoreApplication::translate(
        "modeldock-cli",
        "Usage: modeldock-cli search [QUERY] [--limit N] [--offset N]\n"
        "                            [--sort relevance|downloads|likes|updated|name|size] [--ascending]\n"
        "                            [--source NAME] [--hub hf|civitai] [--type gguf|checkpoint|lora]\n"
        "                            [--base-model NAME] [--downloaded yes|no] [--live hf|civitai] [--json]\n\n"
        "Searches names, authors, tags and descriptions in the local catalog; every word must\n"
        "match (as a prefix). Without QUERY it lists the catalog in the sort order. Works offline.\n"
        "With --live the hub itself is searched.\n");
}

void SearchCommand::start(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("limit"), QStringLiteral("results"), QStringLiteral("N"), QStringLiteral("20")});
    parser.addOption(
        {QStringLiteral("sort"), QStringLiteral("order"), QStringLiteral("ORDER"), QStringLiteral("relevance")});
    parser.addOption({QStringLiteral("source"), QStringLiteral("only this source"), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("live"), QStringLiteral("search this hub"), QStringLiteral("HUB")});
    parser.addOption({QStringLiteral("offset"), QStringLiteral("skip"), QStringLiteral("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("ascending"), QStringLiteral("smallest, oldest or A first")});
    parser.addOption({QStringLiteral("hub"), QStringLiteral("only this hub"), QStringLiteral("HUB")});
    parser.addOption({QStringLiteral("type"), QStringLiteral("only this type"), QStringLiteral("TYPE")});
    parser.addOption({QStringLiteral("base-model"), QStringLiteral("only built on this"), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("downloaded"), QStringLiteral("yes or no"), QStringLiteral("YES|NO")});
    bool limitOk = false;
    bool offsetOk = false;
    const bool parsed = parser.parse(QStringList{name()} + arguments);
    const int limit = parser.value(QStringLiteral("limit")).toInt(&limitOk);
    const int offset = parser.value(QStringLiteral("offset")).toInt(&offsetOk);
    const QString downloaded = parser.value(QStringLiteral("downloaded"));
    const QString type = parser.value(QStringLiteral("type"));
    static const QHash<QString, Catalog::CatalogStore::Sort> sorts{
        {QStringLiteral("relevance"), Catalog::CatalogStore::Sort::Relevance},
        {QStringLiteral("downloads"), Catalog::CatalogStore::Sort::Downloads},
        {QStringLiteral("likes"), Catalog::CatalogStore::Sort::Likes},
        {QStringLiteral("updated"), Catalog::CatalogStore::Sort::Updated},
        {QStringLiteral("name"), Catalog::CatalogStore::Sort::Name},
        {QStringLiteral("size"), Catalog::CatalogStore::Sort::Size}};
    const bool typeOk = type.isEmpty() || type == QLatin1String(Catalog::ModelType::Gguf) ||
                        type == QLatin1String(Catalog::ModelType::Checkpoint) ||
                        type == QLatin1String(Catalog::ModelType::Lora);
    const bool downloadedOk =
        downloaded.isEmpty() || downloaded == QLatin1String("yes") || downloaded == QLatin1String("no");
    if (!parsed || !limitOk || limit < 1 || !offsetOk || offset < 0 || !typeOk || !downloadedOk ||
        !sorts.contains(parser.value(QStringLiteral("sort")))) {
        *context.err << "modeldock-cli search: "
                     << (parsed ? QCoreApplication::translate(
                                      "modeldock-cli",
                                      "--limit needs a positive number, --offset zero or more, --sort one of "
                                      "relevance, downloads, likes, updated, name, size, --type one of gguf, "
                                      "checkpoint, lora and --downloaded yes or no")
                                : parser.errorText())
                     << '\n';
        context.finish(ExitUsage);
        return;
    }
    const QString text = parser.positionalArguments().join(QLatin1Char(' '));
    QString error;
    if (!m_factory(context.config, &m_catalog, &error)) {
        *context.err << "modeldock-cli search: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }

    if (parser.isSet(QStringLiteral("live"))) {
        if (text.isEmpty()) {
            *context.err << "modeldock-cli search: "
                         << QCoreApplication::translate("modeldock-cli", "--live needs a QUERY\n");
            context.finish(ExitUsage);
            return;
        }
        m_catalog.browser->liveSearch(parser.value(QStringLiteral("live")), text, limit, m_catalog.browser.get(),
                                      [&context](const Hub::Result<QList<Catalog::ModelRecord>> &r, bool) {
                                          if (!r.ok()) {
                                              *context.err << "modeldock-cli search: " << r.error.message << '\n';
                                              context.finish(ExitFailed);
                                              return;
                                          }
                                          printModels(context, r.value);
                                          context.finish(ExitOk);
                                      });
        return;
    }

    Catalog::CatalogStore::Query query;
    query.text = text;
    query.limit = limit;
    query.sort = sorts.value(parser.value(QStringLiteral("sort")));
    query.offset = offset;
    query.order = parser.isSet(QStringLiteral("ascending")) ? Qt::AscendingOrder : Qt::DescendingOrder;
    query.hub = parser.value(QStringLiteral("hub"));
    query.type = type;
    query.baseModel = parser.value(QStringLiteral("base-model"));
    if (!downloaded.isEmpty())
        query.downloaded = downloaded == QLatin1String("yes") ? Catalog::CatalogStore::Downloaded::Only
                                                              : Catalog::CatalogStore::Downloaded::Not;
    if (parser.isSet(QStringLiteral("source"))) {
        const std::optional<Catalog::Source> s =
            m_catalog.sources->sourceByName(parser.value(QStringLiteral("source")));
        if (!s) {
            *context.err << "modeldock-cli search: "
                         << QCoreApplication::translate("modeldock-cli", "there is no source named \"%1\"")
                                .arg(parser.value(QStringLiteral("source")))
                         << '\n';
            context.finish(ExitUsage);
            return;
        }
        query.sourceId = s->id;
    }
    const QList<Catalog::ModelRecord> models = m_catalog.store->search(query, &error);
    if (!error.isEmpty()) {
        *context.err << "modeldock-cli search: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    printModels(context, models);
    context.finish(ExitOk);
}

}  // namespace Cli
