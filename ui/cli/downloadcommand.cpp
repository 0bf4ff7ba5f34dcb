#include "downloadcommand.h"

#include "commandline.h"
#include "download/downloadpool.h"
#include "download/taskrecord.h"
#include "downloadreporter.h"
#include "library/libraryindex.h"
#include "plan/downloadplanner.h"
#include "plan/lmstudiosharing.h"
#include "settings/runtimesettings.h"
#include "updates/refswitcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace Cli {

DownloadCommand::DownloadCommand(DownloadServicesFactory factory, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
{
}

DownloadCommand::~DownloadCommand() = default;

QString DownloadCommand::summary() const
{
    return QCoreApplication::translate("modeldock-cli", "download a model repository, a Civitai model or a collection");
}

QString DownloadCommand::usage() const
{
    return QCoreApplication::translate(
        "modeldock-cli", "Usage:\n"
                         "  modeldock-cli download NAMESPACE/NAME[@REVISION] [--include GLOB]... [--exclude GLOB]...\n"
                         "  modeldock-cli download civitai:MODEL_ID[@VERSION_ID] [--all-versions] [--include GLOB]...\n"
                         "  modeldock-cli download collection:NAMESPACE/SLUG\n\n"
                         "Hugging Face files go into the Hugging Face cache (--hf-cache, HF_HUB_CACHE), where\n"
                         "huggingface_hub and other tools find them; Civitai files go into the library\n"
                         "(--library), sorted by type into the folders of --library-layout (modeldock, comfyui,\n"
                         "a1111, stabilitymatrix; setting library.layout, per-type folders library.typeFolders),\n"
                         "each with .modeldock.json and .civitai.info sidecars, for a1111 the card .json, and\n"
                         "a preview image (.preview.png) fetched after the file; a missing preview never fails it.\n"
                         "Running the same command again resumes an interrupted download.\n\n"
                         "Options:\n"
                         "  --include GLOB       only repository paths matching GLOB ('*' also crosses folders); for\n"
                         "                       Civitai, the files of a version whose names match (fp8, GGUF…)\n"
                         "  --exclude GLOB       leave out paths (Civitai: file names) matching GLOB\n"
                         "  --all-versions       every version of a Civitai model, not only the latest\n"
                         "  --reuse-from DIR     a folder whose files may be linked or copied instead of fetched\n"
                         "                       when their SHA-256 matches (repeatable; see library.reuseFolders;\n"
                         "                       LM Studio, Ollama and llama.cpp folders are found on their own)\n"
                         "  --max-active N       files downloading at once (default: setting download.maxActive)\n"
                         "  --per-host N         files downloading at once from one host\n"
                         "                       (default: setting download.maxPerHost)\n"
                         "  --limit-rate RATE    total bandwidth in bytes per second; suffixes k, M, G (x1024)\n"
                         "                       (default: setting download.bandwidthLimit)\n\n"
                         "Exit status: 0 every file verified, 1 a file failed or was refused, 2 wrong usage.\n");
}

qint64 DownloadCommand::parseRate(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+(?:\\.\\d+)?)\\s*([kKmMgG]?)(?:i?B)?(?:/s)?$"));
    const QRegularExpressionMatch match = re.match(text.trimmed());
    if (!match.hasMatch())
        return -1;
    double value = match.captured(1).toDouble();
    const QChar unit = match.captured(2).isEmpty() ? QChar() : match.captured(2).at(0).toLower();
    if (unit == QLatin1Char('k'))
        value *= 1024.0;
    else if (unit == QLatin1Char('m'))
        value *= 1024.0 * 1024.0;
    else if (unit == QLatin1Char('g'))
        value *= 1024.0 * 1024.0 * 1024.0;
    if (value > 1e15)
        return -1;
    return qint64(std::llround(value));
}

bool DownloadCommand::parseArguments(const CommandLine &line, Arguments *parsed, QString *error) const
{
    const auto count = [&](const QString &name, int *out) {
        if (!line.isSet(name))
            return true;
        bool ok = false;
        const int n = line.value(name).toInt(&ok);
        if (!ok || n < 1 || n > 64) {
            *error = QCoreApplication::translate("modeldock-cli", "--%1 needs a whole number from 1 to 64, not \"%2\".")
                         .arg(name, line.value(name));
            return false;
        }
        *out = n;
        return true;
    };
    for (const char *name : {"include", "exclude"}) {
        for (const QString &pattern : line.values(QLatin1String(name))) {
            if (pattern.isEmpty()) {
                *error = QCoreApplication::translate("modeldock-cli", "--%1 needs a non-empty pattern.")
                             .arg(QLatin1String(name));
                return false;
            }
            (qstrcmp(name, "include") == 0 ? parsed->plan.includes : parsed->plan.excludes) << pattern;
        }
    }
    for (const QString &folder : line.values(QStringLiteral("reuse-from"))) {
        if (!QFileInfo(folder).isDir()) {
            *error = QCoreApplication::translate("modeldock-cli", "--reuse-from needs a folder; \"%1\" is not one.")
                         .arg(folder);
            return false;
        }
        parsed->reuseFrom << QFileInfo(folder).absoluteFilePath();
    }
    if (!count(QStringLiteral("max-active"), &parsed->pool.maxActive) ||
        !count(QStringLiteral("per-host"), &parsed->pool.maxPerHost))
        return false;
    if (line.isSet(QStringLiteral("limit-rate"))) {
        parsed->pool.bandwidthLimit = parseRate(line.value(QStringLiteral("limit-rate")));
        if (parsed->pool.bandwidthLimit < 0) {
            *error = QCoreApplication::translate(
                         "modeldock-cli", "--limit-rate needs bytes per second such as 500k, 2M or 1G, not \"%1\".")
                         .arg(line.value(QStringLiteral("limit-rate")));
            return false;
        }
    }
    const QStringList positional = line.positional();
    if (positional.size() != 1) {
        *error = positional.isEmpty()
                     ? QCoreApplication::translate("modeldock-cli", "say what to download.")
                     : QCoreApplication::translate("modeldock-cli", "one thing to download at a time, got %1.")
                           .arg(positional.size());
        return false;
    }
    if (!Plan::DownloadTarget::parse(positional.first(), &parsed->target, error))
        return false;
    const bool allVersions = line.isSet(QStringLiteral("all-versions"));
    const bool civitai = parsed->target.kind == Plan::DownloadTarget::Kind::Civitai;
    if (allVersions && (!civitai || parsed->target.versionId)) {
        *error = QCoreApplication::translate("modeldock-cli",
                                             "--all-versions applies to civitai:MODEL_ID without a version.");
        return false;
    }
    parsed->plan.allVersions = allVersions;
    return true;
}

void DownloadCommand::start(CliContext &context, const QStringList &arguments)
{
    m_context = &context;
    Arguments parsed;
    parsed.pool = context.pool;  // the stored settings; the options below override them for this run
    CommandLine line(name());
    for (const char *name : {"include", "exclude"})
        line.addValue(QLatin1String(name), QStringLiteral("file pattern"), QStringLiteral("GLOB"));
    line.addValue(QStringLiteral("reuse-from"), QStringLiteral("folder to reuse files from"), QStringLiteral("DIR"));
    line.addFlag(QStringLiteral("all-versions"), QStringLiteral("every version of a Civitai model"));
    line.addValue(QStringLiteral("max-active"), QStringLiteral("files at once"), QStringLiteral("N"));
    line.addValue(QStringLiteral("per-host"), QStringLiteral("files at once per host"), QStringLiteral("N"));
    line.addValue(QStringLiteral("limit-rate"), QStringLiteral("bytes per second"), QStringLiteral("RATE"));
    if (!line.parse(context, arguments))
        return;
    QString error;
    if (!parseArguments(line, &parsed, &error)) {
        line.refuse(context, error);
        return;
    }
    run({parsed.target}, parsed, {});
}

void DownloadCommand::startTargets(CliContext &context, const QList<Plan::DownloadTarget> &targets,
                                   const QString &groupName)
{
    m_context = &context;
    Arguments parsed;
    parsed.pool = context.pool;
    run(targets, parsed, groupName);
}

void DownloadCommand::run(const QList<Plan::DownloadTarget> &targets, Arguments parsed, const QString &groupName)
{
    CliContext &context = *m_context;
    QString error;
    Config::RuntimeConfig config = context.config;
    config.reuseFolders = parsed.reuseFrom + config.reuseFolders;
    // The storage layout takes absolute roots only, so relative folders are pinned now.
    parsed.plan.hfCacheDir = QDir(config.hfCacheDir).absolutePath();
    parsed.plan.libraryDir = QDir(config.libraryDir).absolutePath();
    parsed.plan.offline = config.hfOffline;
    // --library-layout and MODELDOCK_LIBRARY_LAYOUT are pinned on the settings, so this is
    // the layout of this run, with the per-type folders the user set.
    parsed.plan.layout = context.settings ? Settings::libraryLayout(*context.settings)
                                          : Library::LibraryLayout::fromSettings(config.libraryLayout);
    if (!m_factory(config, parsed.pool, &m_services, &error)) {
        *context.err << "modeldock-cli download: " << error << '\n';
        finish(ExitFailed);
        return;
    }
    m_reporter = std::make_unique<DownloadReporter>(context, m_services.pool.get());
    if (m_services.lmStudio) {
        connect(m_services.lmStudio.get(), &Plan::LmStudioSharing::shared, this,
                [this](const QString &sentence, bool) { m_reporter->note(sentence); });
    }
    m_running = true;
    if (config.hfOffline)
        m_reporter->note(QCoreApplication::translate(
            "modeldock-cli", "HF_HUB_OFFLINE is set: nothing is downloaded; files come from the cache."));
    if (m_services.index) {
        // A look at what is on disk (sizes and names, no hashing): files found there are
        // checked and linked instead of fetched.
        const Library::ScanStats stats = m_services.index->scan();
        for (const QString &problem : stats.problems)
            m_reporter->note(problem);
    }
    // Said only when the planner has scheduled another attempt; a request that gives up
    // fails the plan with its own sentence.
    connect(m_services.planner.get(), &Plan::DownloadPlanner::retrying, this,
            [this](const QString &sentence) { m_reporter->note(sentence); });
    if (targets.size() == 1 && groupName.isEmpty()) {
        m_services.planner->plan(targets.first(), parsed.plan, this,
                                 [this](const Plan::DownloadPlan &plan) { onPlanned(plan); });
        return;
    }
    // Several targets: one plan each, then one group of all their files.
    struct Merge
    {
        Plan::DownloadPlan plan;
        int outstanding = 0;
    };
    auto merge = std::make_shared<Merge>();
    merge->plan.name = groupName;
    merge->outstanding = int(targets.size());
    for (const Plan::DownloadTarget &target : targets) {
        m_services.planner->plan(target, parsed.plan, this, [this, merge, target](const Plan::DownloadPlan &plan) {
            Plan::DownloadPlan &all = merge->plan;
            all.notes << plan.notes;
            all.refused << plan.refused;
            if (!plan.ok())
                all.refused << QStringLiteral("%1: %2").arg(target.displayName(), plan.error.message);
            else
                all.files << plan.files;
            if (--merge->outstanding == 0)
                onPlanned(all);
        });
    }
}

void DownloadCommand::onShared(const QString &sentence, bool)
{
    m_reporter->note(sentence);
}

void DownloadCommand::onPlanned(const Plan::DownloadPlan &plan)
{
    Download::DownloadPool *pool = m_services.pool.get();
    if (m_services.lmStudio) {
        // A member function: a run with several plans connects once (UniqueConnection needs one).
        connect(m_services.lmStudio.get(), &Plan::LmStudioSharing::shared, this, &DownloadCommand::onShared,
                Qt::UniqueConnection);
    }
    for (const QString &note : plan.notes)
        m_reporter->note(note);
    m_refused = int(plan.refused.size());
    for (const QString &sentence : plan.refused)
        m_reporter->refused(sentence);
    if (!plan.ok()) {
        m_reporter->error(plan.error.message);
        finish(ExitFailed);
        return;
    }
    m_reporter->planned(plan.name, int(plan.files.size()), plan.knownBytes());

    // Earlier runs' tasks for these same files come back first, so the requests join them and
    // continue from their partial files (or find them verified). Only those: other unfinished
    // downloads in the journal (the desktop app's, say) are neither loaded nor touched.
    QHash<QString, QList<Download::FileRequest>> planned;
    for (const Download::FileRequest &file : plan.files)
        planned[Download::DownloadPool::fileKey(file)].append(file);
    pool->restoreFromJournal([&planned](const Download::TaskRecord &record) {
        for (const Download::FileRequest &file : planned.value(Download::DownloadPool::fileKey(record.request))) {
            if (Download::DownloadPool::sameFile(file, record.request))
                return true;
        }
        return false;
    });
    const Download::GroupId group = pool->createGroup(plan.name);
    QSet<Download::TaskId> mine;
    QList<Download::TaskId> ids;
    for (const Download::FileRequest &file : plan.files) {
        const Download::TaskId id = pool->addTask(group, file);
        ids << id;
        if (id > 0 && !mine.contains(id)) {
            mine.insert(id);
            m_tasks << id;
            // Asking for it again is asking to continue it.
            if (pool->task(id).state == Download::TaskState::Paused)
                pool->resumeTask(id);
        }
    }
    if (m_services.refs) {
        connect(m_services.refs.get(), &Updates::RefSwitcher::switched, this,
                [this](const QString &repo, const QString &revision, const QString &, const QString &to) {
                    m_reporter->note(
                        QCoreApplication::translate("modeldock-cli", "%1 (%2) now points at the new version %3.")
                            .arg(repo, revision, to.left(8)));
                });
        connect(m_services.refs.get(), &Updates::RefSwitcher::held, this,
                [this](const QString &message) { m_reporter->note(message); });
        m_services.refs->track(ids, plan.files);
    }

    QString spaceError;
    if (!pool->checkFreeSpace(group, &spaceError)) {
        pool->pauseGroup(group);
        m_reporter->error(spaceError);
        finish(ExitFailed);
        return;
    }

    connect(pool, &Download::DownloadPool::tasksChanged, this, [this](const QList<Download::TaskId> &ids) {
        for (const Download::TaskId id : ids)
            m_reporter->taskChanged(id);
        checkDone();
    });
    connect(pool, &Download::DownloadPool::taskFinished, this, [this](Download::TaskId id) {
        m_reporter->taskFinished(id);
        checkDone();
    });
    m_reporter->track(m_tasks);
    checkDone();
}

void DownloadCommand::checkDone()
{
    if (!m_running)
        return;
    for (const Download::TaskId id : std::as_const(m_tasks)) {
        if (!Download::isTerminal(m_services.pool->task(id).state))
            return;
    }
    const int failed = m_reporter->summarize(m_refused);
    finish(failed > 0 || m_refused > 0 ? ExitFailed : ExitOk);
}

void DownloadCommand::finish(int code)
{
    m_running = false;
    if (m_services.pool)
        disconnect(m_services.pool.get(), nullptr, this, nullptr);
    m_context->finish(code);
}

}  // namespace Cli
