#include "synccommand.h"

#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "catalogformat.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>

namespace Cli {

SyncCommand::SyncCommand(CatalogServicesFactory factory)
    : m_factory(std::move(factory))
{
}

SyncCommand::~SyncCommand() = default;

QString SyncCommand::usage() const
{
    return QCoreApplication::translate(
        "modeldock-cli", "Usage: modeldock-cli sync [--source NAME] [--json]\n\n"
                         "Updates the catalog from every source, or from one. Prints per source how many models\n"
                         "were added, changed and removed and how long it took. Unchanged listing pages and\n"
                         "unchanged models are not fetched again. Exit code 1 when a source could not be synced\n"
                         "(its previous catalog is kept).\n");
}

void SyncCommand::start(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("source"), QStringLiteral("only this source"), QStringLiteral("NAME")});
    if (!parser.parse(QStringList{name()} + arguments) || !parser.positionalArguments().isEmpty()) {
        *context.err << "modeldock-cli sync: "
                     << (parser.errorText().isEmpty()
                             ? QCoreApplication::translate("modeldock-cli", "unexpected argument")
                             : parser.errorText())
                     << '\n';
        context.finish(ExitUsage);
        return;
    }
    if (context.config.hfOffline) {
        *context.err << "modeldock-cli sync: "
                     << QCoreApplication::translate("modeldock-cli",
                                                    "HF_HUB_OFFLINE is set, so the hubs are not asked; search and show "
                                                    "use what was synced before. Unset HF_HUB_OFFLINE to sync.")
                     << '\n';
        context.finish(ExitFailed);
        return;
    }
    QString error;
    if (!m_factory(context.config, &m_catalog, &error)) {
        *context.err << "modeldock-cli sync: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    QList<Catalog::Source> sources;
    if (parser.isSet(QStringLiteral("source"))) {
        const std::optional<Catalog::Source> s =
            m_catalog.sources->sourceByName(parser.value(QStringLiteral("source")));
        if (!s) {
            *context.err << "modeldock-cli sync: "
                         << QCoreApplication::translate(
                                "modeldock-cli", "there is no source named \"%1\"; see modeldock-cli sources list")
                                .arg(parser.value(QStringLiteral("source")))
                         << '\n';
            context.finish(ExitUsage);
            return;
        }
        sources << *s;
    } else {
        for (const Catalog::Source &s : m_catalog.sources->sources()) {
            if (s.enabled)
                sources << s;
        }
    }
    if (sources.isEmpty()) {
        *context.out << QCoreApplication::translate("modeldock-cli",
                                                    "No sources to sync; add one with modeldock-cli sources add.\n");
        context.finish(ExitOk);
        return;
    }

    Catalog::SyncEngine &engine = *m_catalog.engine;
    QHash<qint64, QString> names;
    for (const Catalog::Source &s : sources)
        names.insert(s.id, s.name);
    QObject::connect(
        &engine, &Catalog::SyncEngine::syncFinished, &engine,
        [this, &context, names](qint64 id, const Catalog::SyncState &state) {
            if (!m_pending.remove(id))
                return;
            const bool ok = state.phase == Catalog::SyncState::Phase::Synced;
            m_anyFailed = m_anyFailed || !ok;
            const double seconds = double(state.elapsedMs) / 1000.0;
            if (context.json) {
                CatalogFormat::jsonLine(
                    *context.out,
                    QJsonObject{{QStringLiteral("source"), names.value(id)},
                                {QStringLiteral("state"), Catalog::SyncState::phaseName(state.phase)},
                                {QStringLiteral("added"), state.counts.added},
                                {QStringLiteral("changed"), state.counts.changed},
                                {QStringLiteral("removed"), state.counts.removed},
                                {QStringLiteral("unchanged"), state.counts.unchanged},
                                {QStringLiteral("rejected"), state.counts.rejected},
                                {QStringLiteral("pages"), state.counts.pages},
                                {QStringLiteral("pagesUnchanged"), state.counts.pagesUnchanged},
                                {QStringLiteral("detailFetches"), state.counts.detailFetches},
                                {QStringLiteral("problems"), QJsonArray::fromStringList(state.counts.problems)},
                                {QStringLiteral("reason"), state.reason},
                                {QStringLiteral("seconds"), seconds}});
            } else if (ok) {
                *context.out << QCoreApplication::translate(
                                    "modeldock-cli", "%1: %2 added, %3 changed, %4 removed, %5 unchanged in %6 s")
                                    .arg(names.value(id))
                                    .arg(state.counts.added)
                                    .arg(state.counts.changed)
                                    .arg(state.counts.removed)
                                    .arg(state.counts.unchanged)
                                    .arg(QString::number(seconds, 'f', 1))
                             << '\n';
                for (const QString &problem : state.counts.problems)
                    *context.err << "  " << QCoreApplication::translate("modeldock-cli", "skipped: %1").arg(problem)
                                 << '\n';
            } else {
                *context.out << names.value(id) << ": " << state.describe() << '\n';
            }
            context.out->flush();
            if (m_pending.isEmpty()) {
                if (!context.json)
                    *context.out << QCoreApplication::translate("modeldock-cli", "Done in %1 s.")
                                        .arg(QString::number(double(m_clock.elapsed()) / 1000.0, 'f', 1))
                                 << '\n';
                context.finish(m_anyFailed ? ExitFailed : ExitOk);
            }
        });
    m_clock.start();
    for (const Catalog::Source &s : sources)
        m_pending.insert(s.id);
    for (const Catalog::Source &s : sources) {
        if (!engine.refresh(s.id)) {
            m_pending.remove(s.id);
            m_anyFailed = true;
            *context.err << QCoreApplication::translate("modeldock-cli",
                                                        "%1: cannot be synced (no adapter for its hub)")
                                .arg(s.name)
                         << '\n';
        }
    }
    if (m_pending.isEmpty())
        context.finish(ExitFailed);
}

}  // namespace Cli
