#include "librarycommand.h"

#include "catalog/catalogstore.h"
#include "commandline.h"
#include "downloadcommand.h"
#include "hub/civitaiclient.h"
#include "identify/identitystore.h"
#include "identify/modelidentifier.h"
#include "identify/sidecarwriter.h"
#include "library/libraryindex.h"
#include "library/reuseroots.h"
#include "plan/downloadtarget.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Cli {

LibraryCommand::LibraryCommand(CatalogServicesFactory catalogFactory, DownloadServicesFactory downloadFactory)
    : m_catalogFactory(std::move(catalogFactory))
    , m_downloadFactory(std::move(downloadFactory))
{
}

LibraryCommand::~LibraryCommand() = default;

QString LibraryCommand::summary() const
{
    return QCoreApplication::translate("modeldock-cli", "read what is on disk into the library index (library scan)");
}

QString LibraryCommand::usage() const
{
    return QCoreApplication::translate(
        "modeldock-cli", "Usage:\n"
                         "  modeldock-cli library scan [DIR]... [--identify] [--write-sidecars] [--update-all]\n\n"
                         "Reads the Hugging Face cache, the library, the model folders of LM Studio, Ollama and\n"
                         "llama.cpp, the folders of the setting library.reuseFolders and each DIR into the library\n"
                         "index, and hashes (SHA-256) every file not hashed before. A file unchanged since the last\n"
                         "scan (same size, time and inode) is not read again. Downloads then link or copy files\n"
                         "found here instead of fetching them.\n\n"
                         "Options:\n"
                         "  --identify         then say what each file is: Hugging Face cache files by their folder,\n"
                         "                     files the catalog lists by their hash, the others by asking Civitai\n"
                         "                     (POST /api/v1/model-versions/by-hash, 100 hashes a request; only\n"
                         "                     the hashes leave the machine). Answers are kept in identities.sqlite\n"
                         "                     in the data folder, so a rescan asks only about new files. Prints\n"
                         "                     one line per identified file, with the model's newer version if any.\n"
                         "  --write-sidecars   (implies --identify) write <stem>.civitai.info and\n"
                         "                     <stem>.preview.<ext> beside each file identified on Civitai; files\n"
                         "                     already there are kept\n"
                         "  --update-all       (implies --identify) download the newer version of every identified\n"
                         "                     Civitai model into the library, as one download group\n\n"
                         "Exit status: 0 done, 1 a file or folder could not be read, a lookup or a download\n"
                         "failed, 2 wrong usage.\n");
}

void LibraryCommand::start(CliContext &context, const QStringList &arguments)
{
    m_context = &context;
    if (arguments.isEmpty() || arguments.first() != QLatin1String("scan")) {
        *context.err << "modeldock-cli library: " << QCoreApplication::translate("modeldock-cli", "expected \"scan\"\n")
                     << usage();
        context.finish(ExitUsage);
        return;
    }
    CommandLine line(QStringLiteral("library scan"));
    line.addFlag(QStringLiteral("identify"), QStringLiteral("ask the hubs which models these are"));
    line.addFlag(QStringLiteral("write-sidecars"), QStringLiteral("write .civitai.info and previews"));
    line.addFlag(QStringLiteral("update-all"), QStringLiteral("download the newer versions"));
    if (!line.parse(context, arguments.mid(1)))
        return;
    m_writeSidecars = line.isSet(QStringLiteral("write-sidecars"));
    m_updateAll = line.isSet(QStringLiteral("update-all"));
    m_identify = line.isSet(QStringLiteral("identify")) || m_writeSidecars || m_updateAll;
    QStringList folders;
    for (const QString &argument : line.positional()) {
        if (!QFileInfo(argument).isDir()) {
            line.refuse(context, QCoreApplication::translate("modeldock-cli", "\"%1\" is not a folder.").arg(argument));
            return;
        }
        folders << QFileInfo(argument).absoluteFilePath();
    }
    const Config::RuntimeConfig &config = context.config;
    QDir().mkpath(config.dataDir);
    m_index = std::make_unique<Library::LibraryIndex>(QDir(config.dataDir).filePath(QStringLiteral("library.sqlite")));
    QString error;
    if (!m_index->open(&error)) {
        *context.err << "modeldock-cli library scan: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    m_index->setRoots(Library::indexRoots(QDir(config.hfCacheDir).absolutePath(),
                                          QDir(config.libraryDir).absolutePath(), folders + config.reuseFolders,
                                          config.reuseFromApps));
    m_index->setHashing(Library::LibraryIndex::Hashing::All);
    connect(m_index.get(), &Library::LibraryIndex::scanFinished, this, &LibraryCommand::report);
    m_index->scanInBackground();
}

void LibraryCommand::report(const Library::ScanStats &stats)
{
    QTextStream &out = *m_context->out;
    const double seconds = qMax<qint64>(stats.milliseconds, 1) / 1000.0;
    const double mibPerSecond = double(stats.hashedBytes) / (1024.0 * 1024.0) / seconds;
    if (m_context->json) {
        QJsonArray roots;
        for (const Library::IndexRoot &root : m_index->roots())
            roots.append(QJsonObject{{QStringLiteral("kind"), Library::indexRootKindName(root.kind)},
                                     {QStringLiteral("path"), root.path}});
        const QJsonObject summary{{QStringLiteral("event"), QStringLiteral("scanned")},
                                  {QStringLiteral("roots"), roots},
                                  {QStringLiteral("files"), stats.files},
                                  {QStringLiteral("newOrChanged"), stats.added},
                                  {QStringLiteral("removed"), stats.removed},
                                  {QStringLiteral("hashed"), stats.hashed},
                                  {QStringLiteral("hashedBytes"), stats.hashedBytes},
                                  {QStringLiteral("milliseconds"), stats.milliseconds},
                                  {QStringLiteral("problems"), QJsonArray::fromStringList(stats.problems)}};
        out << QJsonDocument(summary).toJson(QJsonDocument::Compact) << '\n';
    } else {
        for (const Library::IndexRoot &root : m_index->roots())
            out << "  " << Library::indexRootKindName(root.kind) << "  " << root.path << '\n';
        out << QCoreApplication::translate("modeldock-cli",
                                           "%1 file(s), %2 new or changed, %3 gone; hashed %4 (%5) in %6 s")
                   .arg(stats.files)
                   .arg(stats.added)
                   .arg(stats.removed)
                   .arg(stats.hashed)
                   .arg(Download::formatBytes(stats.hashedBytes), QString::number(seconds, 'f', 2));
        if (stats.hashedBytes > 0)
            out << " (" << QString::number(mibPerSecond, 'f', 0) << " MiB/s)";
        out << '\n';
        for (const QString &problem : stats.problems)
            *m_context->err << "modeldock-cli library scan: " << problem << '\n';
    }
    out.flush();
    m_code = stats.problems.isEmpty() ? ExitOk : ExitFailed;
    if (m_identify)
        identify();
    else
        done();
}

void LibraryCommand::identify()
{
    const Config::RuntimeConfig &config = m_context->config;
    QString error;
    if (!m_catalogFactory || !m_catalogFactory(config, &m_catalog, &error)) {
        *m_context->err << "modeldock-cli library scan: "
                        << QCoreApplication::translate("modeldock-cli",
                                                       "the catalog cannot be read, so nothing was identified: %1")
                               .arg(error)
                        << '\n';
        m_code = ExitFailed;
        done();
        return;
    }
    m_identities =
        std::make_unique<Identify::IdentityStore>(QDir(config.dataDir).filePath(QStringLiteral("identities.sqlite")));
    if (!m_identities->open(&error)) {
        *m_context->err << "modeldock-cli library scan: " << error << '\n';
        m_code = ExitFailed;
        done();
        return;
    }
    m_identifier =
        std::make_unique<Identify::ModelIdentifier>(m_catalog.civitai.get(), m_identities.get(), m_catalog.store.get());
    connect(m_identifier.get(), &Identify::ModelIdentifier::retrying, this, [this](const QString &sentence) {
        *m_context->err << "modeldock-cli library scan: " << sentence << '\n';
        m_context->err->flush();
    });
    connect(m_identifier.get(), &Identify::ModelIdentifier::finished, this, &LibraryCommand::onIdentified);
    m_identifier->identify(m_index->hashedFiles());
}

void LibraryCommand::onIdentified(const Identify::IdentifyReport &report)
{
    m_report = std::make_unique<Identify::IdentifyReport>(report);
    QTextStream &out = *m_context->out;
    for (const Identify::FileIdentity &file : report.files) {
        if (!file.identified())
            continue;
        if (m_context->json) {
            QJsonObject line{{QStringLiteral("event"), QStringLiteral("identified")},
                             {QStringLiteral("path"), file.path},
                             {QStringLiteral("sha256"), file.sha256},
                             {QStringLiteral("hub"), Identify::hubName(file.hub)},
                             {QStringLiteral("model"), file.modelKey},
                             {QStringLiteral("modelName"), file.modelName},
                             {QStringLiteral("version"), file.versionName}};
            if (file.versionId > 0)
                line.insert(QStringLiteral("versionId"), file.versionId);
            if (file.hasNewer()) {
                line.insert(QStringLiteral("newerVersionId"), file.newerVersionId);
                line.insert(QStringLiteral("newerVersion"), file.newerVersionName);
            }
            out << QJsonDocument(line).toJson(QJsonDocument::Compact) << '\n';
            continue;
        }
        out << file.path << QStringLiteral(" \u2192 ") << file.describe();
        if (file.hasNewer())
            out << QCoreApplication::translate("modeldock-cli", "; newer version: %1 (%2)")
                       .arg(file.newerVersionName)
                       .arg(file.newerVersionId);
        out << '\n';
    }
    if (m_context->json) {
        out << QJsonDocument(QJsonObject{{QStringLiteral("event"), QStringLiteral("identify-summary")},
                                         {QStringLiteral("files"), int(report.files.size())},
                                         {QStringLiteral("identified"), report.identifiedCount()},
                                         {QStringLiteral("unknown"), report.unknownCount()},
                                         {QStringLiteral("newer"), report.newerCount()},
                                         {QStringLiteral("lookupRequests"), report.lookupRequests},
                                         {QStringLiteral("modelRequests"), report.modelRequests}})
                   .toJson(QJsonDocument::Compact)
            << '\n';
    } else {
        QString summary = report.summary();
        summary[0] = summary.at(0).toUpper();
        out << summary << '\n';
    }
    out.flush();
    if (report.error.isError()) {
        *m_context->err << "modeldock-cli library scan: " << report.error.message
                        << QCoreApplication::translate(
                               "modeldock-cli",
                               " The files not identified yet are asked about again at the next scan.\n");
        m_code = ExitFailed;
    }
    writeSidecars();
}

void LibraryCommand::writeSidecars()
{
    if (!m_writeSidecars) {
        updateAll();
        return;
    }
    m_sidecars = std::make_unique<Identify::SidecarWriter>(m_catalog.session);
    connect(m_sidecars.get(), &Identify::SidecarWriter::finished, this,
            [this](const QStringList &written, const QStringList &problems) {
                for (const QString &path : written) {
                    if (m_context->json)
                        *m_context->out << QJsonDocument(QJsonObject{{QStringLiteral("event"), QStringLiteral("wrote")},
                                                                     {QStringLiteral("path"), path}})
                                               .toJson(QJsonDocument::Compact)
                                        << '\n';
                    else
                        *m_context->out << "wrote " << path << '\n';
                }
                for (const QString &problem : problems)
                    *m_context->err << "modeldock-cli library scan: " << problem << '\n';
                if (!problems.isEmpty())
                    m_code = ExitFailed;
                m_context->out->flush();
                updateAll();
            });
    m_sidecars->write(m_report->files);
}

void LibraryCommand::updateAll()
{
    if (!m_updateAll) {
        done();
        return;
    }
    QList<Plan::DownloadTarget> targets;
    QSet<qint64> versions;
    for (const Identify::FileIdentity &file : std::as_const(m_report->files)) {
        if (!file.hasNewer() || versions.contains(file.newerVersionId))
            continue;
        versions.insert(file.newerVersionId);
        Plan::DownloadTarget target;
        target.kind = Plan::DownloadTarget::Kind::Civitai;
        target.modelId = file.modelId;
        target.versionId = file.newerVersionId;
        targets << target;
    }
    if (targets.isEmpty()) {
        const QString note =
            QCoreApplication::translate("modeldock-cli", "Nothing to update: no identified model has a newer version.");
        if (m_context->json)
            *m_context->out << QJsonDocument(QJsonObject{{QStringLiteral("event"), QStringLiteral("note")},
                                                         {QStringLiteral("message"), note}})
                                   .toJson(QJsonDocument::Compact)
                            << '\n';
        else
            *m_context->out << note << '\n';
        done();
        return;
    }
    // The download reports and finishes as `download` does; its code counts with ours.
    m_downloadContext = *m_context;
    m_downloadContext.finish = [this](int code) {
        m_code = qMax(m_code, code);
        done();
    };
    m_download = std::make_unique<DownloadCommand>(m_downloadFactory);
    const QString group = targets.size() == 1
                              ? QCoreApplication::translate("modeldock-cli", "Update of 1 model")
                              : QCoreApplication::translate("modeldock-cli", "Update of %1 models").arg(targets.size());
    m_download->startTargets(m_downloadContext, targets, group);
}

void LibraryCommand::done()
{
    m_context->out->flush();
    m_context->finish(m_code);
}

}  // namespace Cli
