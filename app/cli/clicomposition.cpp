#include "clicomposition.h"

#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/civitaiadapter.h"
#include "catalog/hfadapter.h"
#include "catalog/hubbrowser.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "download/downloadpool.h"
#include "download/journal.h"
#include "download/xetplan.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "library/libraryindex.h"
#include "library/reuseroots.h"
#include "net/session.h"
#include "plan/downloadplanner.h"
#include "plan/lmstudiosharing.h"
#include "settings/bindings.h"
#include "tokenadvice.h"
#include "updates/refswitcher.h"
#include "util/logging.h"
#include "xet/termledger.h"

#include <QCoreApplication>
#include <QDir>

namespace App {

CliComposition::CliComposition()
    : m_session(std::make_unique<Net::Session>())
{
}

CliComposition::~CliComposition() = default;

int CliComposition::prepare(Cli::CliContext &context)
{
    const int code = m_settings.prepare(context);
    if (code >= 0)
        return code;
    Settings::bindProxy(context.settings, m_session.get());
    Settings::bindUserAgent(context.settings, m_session.get());
    // Both hubs, with or without a token: where they live decides whose a request is.
    Net::Credentials &credentials = m_session->credentials();
    credentials.setToken(Net::HubKind::HuggingFace, context.config.hfEndpoint, context.config.hfToken);
    credentials.setToken(Net::HubKind::Civitai, context.config.civitaiEndpoint, context.config.civitaiToken);
    Cli::adviseTokensFromEnvironment(m_session.get());
    return -1;
}

bool CliComposition::openCatalog(const Config::RuntimeConfig &config, Cli::CatalogServices *services, QString *error)
{
    services->session = m_session.get();
    services->huggingFace = std::make_unique<Hub::HuggingFaceClient>(m_session.get(), config.hfEndpoint);
    services->civitai = std::make_unique<Hub::CivitaiClient>(m_session.get(), config.civitaiEndpoint);
    services->hfAdapter = std::make_unique<Catalog::HfAdapter>(services->huggingFace.get());
    services->civitaiAdapter = std::make_unique<Catalog::CivitaiAdapter>(services->civitai.get());
    services->database =
        std::make_unique<Catalog::CatalogDatabase>(QDir(config.dataDir).filePath(QStringLiteral("catalog.sqlite")));
    if (!services->database->open()) {
        *error = services->database->errorString();
        return false;
    }
    services->sources = std::make_unique<Catalog::SourceStore>(services->database.get());
    if (!services->sources->seedDefaultsOnce(error))
        return false;
    services->store = std::make_unique<Catalog::CatalogStore>(services->database.get());
    services->engine = std::make_unique<Catalog::SyncEngine>(services->database.get(), services->sources.get());
    services->engine->addAdapter(services->hfAdapter.get());
    services->engine->addAdapter(services->civitaiAdapter.get());
    services->browser = std::make_unique<Catalog::HubBrowser>(services->database.get());
    services->browser->addAdapter(services->hfAdapter.get());
    services->browser->addAdapter(services->civitaiAdapter.get());
    return true;
}

bool CliComposition::openDownloads(const Config::RuntimeConfig &config, const Download::PoolOptions &options,
                                   Cli::DownloadServices *services, QString *error)
{
    if (!QDir().mkpath(config.dataDir)) {
        *error = QCoreApplication::translate("modeldock-cli", "Could not create the data folder \"%1\".")
                     .arg(config.dataDir);
        return false;
    }
    if (!Cli::lockDataFolder(config, services, error))
        return false;
    auto journal =
        std::make_unique<Download::Journal>(QDir(config.dataDir).filePath(QStringLiteral("downloads.sqlite")));
    if (!journal->open()) {
        *error = QCoreApplication::translate("modeldock-cli", "Could not open the download journal: %1")
                     .arg(journal->errorString());
        return false;
    }
    services->journal = std::move(journal);
    services->pool = std::make_unique<Download::DownloadPool>(m_session.get(), options, services->journal.get());
    openLibraryIndex(config, services);
    services->xetLedger = Download::openXetLedger(config.dataDir);
    services->pool->setXetLedger(services->xetLedger.get());
    services->huggingFace = std::make_unique<Hub::HuggingFaceClient>(m_session.get(), config.hfEndpoint);
    services->civitai = std::make_unique<Hub::CivitaiClient>(m_session.get(), config.civitaiEndpoint);
    services->planner = std::make_unique<Plan::DownloadPlanner>(services->huggingFace.get(), services->civitai.get());
    // A re-download of a newer commit moves the branch ref only once all of it is in place.
    services->refs = std::make_unique<Updates::RefSwitcher>(
        services->pool.get(), QDir(config.dataDir).filePath(QStringLiteral("snapshot-history.json")));
    const bool share = config.shareWithLmStudio;
    services->lmStudio = std::make_unique<Plan::LmStudioSharing>(
        services->pool.get(), [share] { return share; }, Library::lmStudioModelsDir());
    return true;
}

void CliComposition::openLibraryIndex(const Config::RuntimeConfig &config, Cli::DownloadServices *services)
{
    auto index =
        std::make_unique<Library::LibraryIndex>(QDir(config.dataDir).filePath(QStringLiteral("library.sqlite")));
    QString error;
    if (!index->open(&error)) {
        // Downloads still work, they only fetch what could have been reused.
        qCWarning(lcLibrary) << "the library index is not usable:" << error;
        return;
    }
    index->setRoots(Library::indexRoots(QDir(config.hfCacheDir).absolutePath(), QDir(config.libraryDir).absolutePath(),
                                        config.reuseFolders, config.reuseFromApps));
    Library::LibraryIndex *reader = index.get();
    services->pool->setReuseLookup([reader](const QString &sha256, qint64 size) {
        QStringList paths;
        for (const Library::IndexedFile &file : reader->candidates(sha256, size))
            paths << file.path;
        return paths;
    });
    services->index = std::move(index);
}

Cli::CatalogServicesFactory CliComposition::catalogFactory()
{
    return [this](const Config::RuntimeConfig &config, Cli::CatalogServices *services, QString *error) {
        return openCatalog(config, services, error);
    };
}

Cli::DownloadServicesFactory CliComposition::downloadFactory()
{
    return [this](const Config::RuntimeConfig &config, const Download::PoolOptions &options,
                  Cli::DownloadServices *services,
                  QString *error) { return openDownloads(config, options, services, error); };
}

}  // namespace App
