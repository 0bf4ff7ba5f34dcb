#pragma once

#include "downloadservices.h"

namespace App {

// Builds the object graph of `modeldock-cli download` in dependency order: the journal in the
// data folder, the download pool that owns the network and the credentials, the two hub
// clients on that network, and the planner on top. Tokens are handed to the credentials for
// their own endpoint's origin only.
class DownloadComposition
{
public:
    static bool create(const Config::RuntimeConfig &config, const Download::PoolOptions &options,
                       Cli::DownloadServices *services, QString *error);
};

} // namespace App
