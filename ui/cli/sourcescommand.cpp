#include "sourcescommand.h"

#include "catalog/catalogstore.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "catalogformat.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace Cli {

namespace {
QStringList listValues(const QCommandLineParser &parser, const QString &option)
{
    QStringList out;
    for (const QString &value : parser.values(option)) {
        for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            out << part.trimmed();
    }
    return out;
}

QJsonObject sourceJson(CatalogServices &catalog, const Catalog::Source &s)
{
    QJsonObject o = s.toJson();
    o.insert(QStringLiteral("id"), s.id);
    o.insert(QStringLiteral("description"), catalog.engine->hubs().describe(s));
    return o;
}

int list(CliContext &context, CatalogServices &catalog)
{
    for (const Catalog::Source &s : catalog.sources->sources()) {
        const Catalog::SyncState success = catalog.sources->lastSuccess(s.id);
        const Catalog::SyncState failure = catalog.sources->lastFailure(s.id);
        const Catalog::SyncState last = catalog.sources->lastOutcome(s.id);
        if (context.json) {
            QJsonObject o = sourceJson(catalog, s);
            o.insert(QStringLiteral("lastSync"), success.at.isValid() ? success.at.toString(Qt::ISODate) : QString());
            o.insert(QStringLiteral("state"), Catalog::SyncState::phaseName(last.phase));
            if (success.at.isValid())
                o.insert(QStringLiteral("lastResult"), success.toJson());
            if (failure.at.isValid())
                o.insert(QStringLiteral("lastFailure"), failure.toJson());
            o.insert(QStringLiteral("models"), int(catalog.sources->members(s.id).size()));
            o.insert(QStringLiteral("downloads"), catalog.store->sourceState(s.id).describe());
            CatalogFormat::jsonLine(*context.out, o);
        } else {
            *context.out << s.name.leftJustified(20) << ' ' << s.kind.leftJustified(14) << ' '
                         << catalog.engine->hubs().describe(s);
            if (!s.enabled)
                *context.out << QCoreApplication::translate("modeldock-cli", " (disabled)");
            *context.out << '\n'
                         << QString(36, QLatin1Char(' '))
                         << (last.phase == Catalog::SyncState::Phase::Idle
                                 ? QCoreApplication::translate("modeldock-cli", "Never synced.")
                                 : last.describe())
                         << '\n';
        }
    }
    return ExitOk;
}

int add(CliContext &context, CatalogServices &catalog, const QStringList &arguments)
{
    QCommandLineParser p;
    const QList<QCommandLineOption> options{
        {QStringLiteral("name"), QStringLiteral("source name"), QStringLiteral("NAME")},
        {QStringLiteral("hf-author"), QStringLiteral("HF author/org"), QStringLiteral("AUTHOR")},
        {QStringLiteral("hf-search"), QStringLiteral("HF search text"), QStringLiteral("TEXT")},
        {QStringLiteral("hf-filter"), QStringLiteral("HF tags"), QStringLiteral("TAG")},
        {QStringLiteral("hf-collection"), QStringLiteral("HF collection slug"), QStringLiteral("SLUG")},
        {QStringLiteral("hf-repo"), QStringLiteral("one HF repo"), QStringLiteral("NS/NAME")},
        {QStringLiteral("civitai-types"), QStringLiteral("Civitai types"), QStringLiteral("TYPES")},
        {QStringLiteral("civitai-base-models"), QStringLiteral("Civitai base models"), QStringLiteral("BASES")},
        {QStringLiteral("civitai-query"), QStringLiteral("Civitai search"), QStringLiteral("TEXT")},
        {QStringLiteral("civitai-model"), QStringLiteral("one Civitai model"), QStringLiteral("ID")},
        {QStringLiteral("sort"), QStringLiteral("sort order"), QStringLiteral("SORT")},
        {QStringLiteral("limit"), QStringLiteral("top N"), QStringLiteral("N")},
    };
    p.addOptions(options);
    if (!p.parse(QStringList{QStringLiteral("add")} + arguments) || !p.positionalArguments().isEmpty()) {
        *context.err << "modeldock-cli sources add: "
                     << (p.errorText().isEmpty() ? QCoreApplication::translate("modeldock-cli", "unexpected argument")
                                                 : p.errorText())
                     << '\n';
        return ExitUsage;
    }
    Catalog::Source s;
    s.name = p.value(QStringLiteral("name"));
    const bool hfQuery = p.isSet(QStringLiteral("hf-author")) || p.isSet(QStringLiteral("hf-search")) ||
                         p.isSet(QStringLiteral("hf-filter"));
    const bool civitaiQuery = p.isSet(QStringLiteral("civitai-types")) ||
                              p.isSet(QStringLiteral("civitai-base-models")) ||
                              p.isSet(QStringLiteral("civitai-query"));
    const int kinds = int(hfQuery) + int(civitaiQuery) + int(p.isSet(QStringLiteral("hf-collection"))) +
                      int(p.isSet(QStringLiteral("hf-repo"))) + int(p.isSet(QStringLiteral("civitai-model")));
    if (kinds != 1) {
        *context.err << "modeldock-cli sources add: "
                     << QCoreApplication::translate(
                            "modeldock-cli",
                            "give exactly one kind of source: --hf-author/--hf-search/--hf-filter, "
                            "--hf-collection, --hf-repo, --civitai-types/--civitai-base-models/--civitai-query or "
                            "--civitai-model\n");
        return ExitUsage;
    }
    if (hfQuery) {
        s.kind = Catalog::Source::Kind::HfQuery;
        s.author = p.value(QStringLiteral("hf-author"));
        s.search = p.value(QStringLiteral("hf-search"));
        s.tags = listValues(p, QStringLiteral("hf-filter"));
        s.sort = p.isSet(QStringLiteral("sort")) ? p.value(QStringLiteral("sort")) : QStringLiteral("downloads");
    } else if (civitaiQuery) {
        s.kind = Catalog::Source::Kind::CivitaiQuery;
        s.types = listValues(p, QStringLiteral("civitai-types"));
        s.baseModels = listValues(p, QStringLiteral("civitai-base-models"));
        s.search = p.value(QStringLiteral("civitai-query"));
        s.sort = p.isSet(QStringLiteral("sort")) ? p.value(QStringLiteral("sort")) : QStringLiteral("Most Downloaded");
    } else if (p.isSet(QStringLiteral("hf-collection"))) {
        s.kind = Catalog::Source::Kind::HfCollection;
        s.target = p.value(QStringLiteral("hf-collection"));
        s.limit = Catalog::Source::kMaxLimit;
    } else if (p.isSet(QStringLiteral("hf-repo"))) {
        s.kind = Catalog::Source::Kind::HfRepo;
        s.target = p.value(QStringLiteral("hf-repo"));
        s.limit = 1;
    } else {
        s.kind = Catalog::Source::Kind::CivitaiModel;
        s.target = p.value(QStringLiteral("civitai-model"));
        s.limit = 1;
    }
    if (s.name.isEmpty())
        s.name = s.target.isEmpty() ? (s.author.isEmpty() ? s.tags.join(QLatin1Char('-')) : s.author) : s.target;
    if (p.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        s.limit = p.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok)
            s.limit = 0;  // validation names the problem
    }
    QString error = catalog.engine->hubs().sourceProblem(s);
    if (!error.isEmpty() || !catalog.sources->add(&s, &error)) {
        *context.err << "modeldock-cli sources add: " << error << '\n';
        return ExitUsage;
    }
    if (context.json) {
        CatalogFormat::jsonLine(*context.out, sourceJson(catalog, s));
    } else {
        *context.out << QCoreApplication::translate(
                            "modeldock-cli",
                            "Added source \"%1\": %2. A running ModelDock syncs it now; otherwise run modeldock-cli "
                            "sync --source %1.")
                            .arg(s.name, catalog.engine->hubs().describe(s))
                     << '\n';
    }
    return ExitOk;
}

int edit(CliContext &context, CatalogServices &catalog, const QStringList &arguments)
{
    if (arguments.size() < 2) {
        *context.err << "modeldock-cli sources edit: "
                     << QCoreApplication::translate("modeldock-cli", "give a source and at least one key=value (%1)")
                            .arg(Catalog::Source::fieldNames().join(QStringLiteral(", ")))
                     << '\n';
        return ExitUsage;
    }
    std::optional<Catalog::Source> s = catalog.sources->sourceByName(arguments.first());
    if (!s) {
        *context.err
            << "modeldock-cli sources edit: "
            << QCoreApplication::translate("modeldock-cli", "there is no source named \"%1\"").arg(arguments.first())
            << '\n';
        return ExitUsage;
    }
    QString error;
    for (const QString &assignment : arguments.mid(1)) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            *context.err << "modeldock-cli sources edit: "
                         << QCoreApplication::translate("modeldock-cli", "\"%1\" is not key=value").arg(assignment)
                         << '\n';
            return ExitUsage;
        }
        if (!s->setField(assignment.left(equals).trimmed(), assignment.mid(equals + 1), &error)) {
            *context.err << "modeldock-cli sources edit: " << error << '\n';
            return ExitUsage;
        }
    }
    error = catalog.engine->hubs().sourceProblem(*s);
    if (!error.isEmpty()) {
        *context.err << "modeldock-cli sources edit: " << error << '\n';
        return ExitUsage;
    }
    // The sources table changes in one transaction; a running app notices and syncs it.
    if (!catalog.sources->update(*s, &error)) {
        *context.err << "modeldock-cli sources edit: " << error << '\n';
        return ExitFailed;
    }
    if (context.json) {
        CatalogFormat::jsonLine(*context.out, sourceJson(catalog, *s));
    } else {
        *context.out << QCoreApplication::translate(
                            "modeldock-cli",
                            "Changed source \"%1\": %2. A running ModelDock syncs it now; otherwise run modeldock-cli "
                            "sync --source %1.")
                            .arg(s->name, catalog.engine->hubs().describe(*s))
                     << '\n';
    }
    return ExitOk;
}

int remove(CliContext &context, CatalogServices &catalog, const QStringList &arguments)
{
    if (arguments.size() != 1) {
        *context.err << "modeldock-cli sources remove: "
                     << QCoreApplication::translate("modeldock-cli", "give the name of one source\n");
        return ExitUsage;
    }
    const std::optional<Catalog::Source> s = catalog.sources->sourceByName(arguments.first());
    QString error;
    if (!s) {
        *context.err
            << "modeldock-cli sources remove: "
            << QCoreApplication::translate("modeldock-cli", "there is no source named \"%1\"").arg(arguments.first())
            << '\n';
        return ExitUsage;
    }
    if (!catalog.sources->remove(s->id, &error)) {
        *context.err << "modeldock-cli sources remove: " << error << '\n';
        return ExitFailed;
    }
    if (context.json)
        CatalogFormat::jsonLine(*context.out, QJsonObject{{QStringLiteral("removed"), s->name}});
    else
        *context.out << QCoreApplication::translate("modeldock-cli",
                                                    "Removed source \"%1\" and the models only it listed.")
                            .arg(s->name)
                     << '\n';
    return ExitOk;
}
}  // namespace

QString SourcesCommand::usage() const
{
    return QCoreApplication::translate(
        "modeldock-cli",
        "Usage: modeldock-cli sources list [--json]\n"
        "       modeldock-cli sources add --name NAME (--hf-author ORG | --hf-search TEXT | --hf-filter TAG)...\n"
        "                                 [--sort downloads|likes|lastModified] [--limit N]\n"
        "       modeldock-cli sources add --name NAME --hf-collection NS/SLUG\n"
        "       modeldock-cli sources add --name NAME --hf-repo NS/NAME\n"
        "       modeldock-cli sources add --name NAME --civitai-types LORA[,Checkpoint] [--civitai-base-models B]\n"
        "                                 [--sort \"Most Downloaded\"] [--limit N]\n"
        "       modeldock-cli sources add --name NAME --civitai-model ID\n"
        "       modeldock-cli sources edit NAME key=value... (name, kind, enabled, limit, author, search,\n"
        "                                 sort, target, tags, types, baseModels; lists comma-separated)\n"
        "       modeldock-cli sources remove NAME\n\n"
        "A source is what the catalog follows on a hub. Defaults: Jan's cortexso models, popular\n"
        "GGUF models and popular Civitai LoRAs.\n");
}

SourcesCommand::SourcesCommand(CatalogServicesFactory factory)
    : m_factory(std::move(factory))
{
}

void SourcesCommand::start(CliContext &context, const QStringList &arguments)
{
    const QString action = arguments.value(0);
    if (action != QLatin1String("list") && action != QLatin1String("add") && action != QLatin1String("edit") &&
        action != QLatin1String("remove")) {
        *context.err << "modeldock-cli sources: "
                     << QCoreApplication::translate("modeldock-cli", "say list, add, edit or remove\n");
        context.finish(ExitUsage);
        return;
    }
    QString error;
    CatalogServices catalog;
    if (!m_factory(context.config, &catalog, &error)) {
        *context.err << "modeldock-cli sources: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    const QStringList rest = arguments.mid(1);
    int code = ExitOk;
    if (action == QLatin1String("list"))
        code = list(context, catalog);
    else if (action == QLatin1String("add"))
        code = add(context, catalog, rest);
    else if (action == QLatin1String("edit"))
        code = edit(context, catalog, rest);
    else
        code = remove(context, catalog, rest);
    context.finish(code);
}

}  // namespace Cli
