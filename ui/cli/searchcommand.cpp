#include "searchcommand.h"

#include "catalog/catalogstore.h"
#include "catalog/hubbrowser.h"
#include "catalog/modelcodec.h"
#include "catalogformat.h"
#include "catalogsession.h"

#include <QCommandLineParser>

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
        *context.out << "No models found.\n";
}
} // namespace

SearchCommand::SearchCommand() = default;
SearchCommand::~SearchCommand() = default;

QString SearchCommand::usage() const
{
    return QStringLiteral(
        "Usage: modeldock-cli search QUERY [--limit N] [--sort relevance|downloads|likes|updated]\n"
        "                            [--source NAME] [--live hf|civitai] [--json]\n\n"
        "Searches names, authors, tags and descriptions in the local catalog; every word must\n"
        "match (as a prefix). Works offline. With --live the hub itself is searched.\n");
}

void SearchCommand::start(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("limit"), QStringLiteral("results"), QStringLiteral("N"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("sort"), QStringLiteral("order"), QStringLiteral("ORDER"), QStringLiteral("relevance")});
    parser.addOption({QStringLiteral("source"), QStringLiteral("only this source"), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("live"), QStringLiteral("search this hub"), QStringLiteral("HUB")});
    bool limitOk = false;
    const bool parsed = parser.parse(QStringList{name()} + arguments);
    const int limit = parser.value(QStringLiteral("limit")).toInt(&limitOk);
    static const QHash<QString, Catalog::CatalogStore::Sort> sorts{
        {QStringLiteral("relevance"), Catalog::CatalogStore::Sort::Relevance},
        {QStringLiteral("downloads"), Catalog::CatalogStore::Sort::Downloads},
        {QStringLiteral("likes"), Catalog::CatalogStore::Sort::Likes},
        {QStringLiteral("updated"), Catalog::CatalogStore::Sort::Updated}};
    if (!parsed || !limitOk || limit < 1 || !sorts.contains(parser.value(QStringLiteral("sort")))) {
        *context.err << "modeldock-cli search: "
                     << (parsed ? QStringLiteral("--limit needs a positive number and --sort one of relevance, downloads, likes, updated")
                                : parser.errorText())
                     << '\n';
        context.finish(ExitUsage);
        return;
    }
    const QString text = parser.positionalArguments().join(QLatin1Char(' '));
    QString error;
    m_session = CatalogSession::open(context.config, &error);
    if (!m_session) {
        *context.err << "modeldock-cli search: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }

    if (parser.isSet(QStringLiteral("live"))) {
        if (text.isEmpty()) {
            *context.err << "modeldock-cli search: --live needs a QUERY\n";
            context.finish(ExitUsage);
            return;
        }
        m_session->browser().liveSearch(parser.value(QStringLiteral("live")), text, limit, m_session.get(),
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
    if (parser.isSet(QStringLiteral("source"))) {
        const std::optional<Catalog::Source> s = m_session->sources().sourceByName(parser.value(QStringLiteral("source")));
        if (!s) {
            *context.err << "modeldock-cli search: there is no source named \"" << parser.value(QStringLiteral("source")) << "\"\n";
            context.finish(ExitUsage);
            return;
        }
        query.sourceId = s->id;
    }
    const QList<Catalog::ModelRecord> models = m_session->store().search(query, &error);
    if (!error.isEmpty()) {
        *context.err << "modeldock-cli search: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    printModels(context, models);
    context.finish(ExitOk);
}

} // namespace Cli
