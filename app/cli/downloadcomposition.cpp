#include "downloadcomposition.h"

#include "download/downloadpool.h"
#include "download/journal.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "plan/downloadplanner.h"
#include "updates/refswitcher.h"

#include <QDir>

namespace App {

bool DownloadComposition::create(const Config::RuntimeConfig &config, const Download::PoolOptions &options,
                                 Cli::DownloadServices *services, QString *error)
{
    if (!QDir().mkpath(config.dataDir)) {
        *error = QStringLiteral("Could not create the data folder \"%1\".").arg(config.dataDir);
        return false;
    }
    if (!Cli::lockDataFolder(config, services, error))
        return false;
    Cli::adviseTokensFromEnvironment(config);
    auto journal = std::make_unique<Download::Journal>(QDir(config.dataDir).filePath(QStringLiteral("downloads.sqlite")));
    if (!journal->open()) {
        *error = QStringLiteral("Could not open the download journal: %1").arg(journal->errorString());
        return false;
    }
    services->journal = std::move(journal);
    services->pool = std::make_unique<Download::DownloadPool>(options, services->journal.get());
    Net::Credentials &credentials = services->pool->credentials();
    // Both hubs, with or without a token: where they live decides whose a request is.
    credentials.setToken(Net::HubKind::HuggingFace, config.hfEndpoint, config.hfToken);
    credentials.setToken(Net::HubKind::Civitai, config.civitaiEndpoint, config.civitaiToken);
    services->huggingFace = std::make_unique<Hub::HuggingFaceClient>(services->pool->network(), &credentials,
                                                                     config.hfEndpoint);
    services->civitai = std::make_unique<Hub::CivitaiClient>(services->pool->network(), &credentials,
                                                             config.civitaiEndpoint);
    services->planner = std::make_unique<Plan::DownloadPlanner>(services->huggingFace.get(), services->civitai.get());
    // A re-download of a newer commit moves the branch ref only once all of it is in place.
    services->refs = std::make_unique<Updates::RefSwitcher>(
        services->pool.get(), QDir(config.dataDir).filePath(QStringLiteral("snapshot-history.json")));
    return true;
}

} // namespace App
