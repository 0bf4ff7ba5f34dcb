#pragma once

#include "downloadservices.h"

namespace App {

// Builds the object graph of `modeldock-cli download` in dependency order: the journal in the
// data folder, the download pool that owns the network and the credentials, the two hub
// clients on that network, the planner on top, and the ref switcher that moves a branch ref
// once a newer commit is complete. Tokens are handed to the credentials for their own
// endpoint's origin only. `config` and `options` are already resolved from the settings.
class DownloadComposition
{
public:
    static bool create(const Config::RuntimeConfig &config, const Download::PoolOptions &options,
                       Cli::DownloadServices *services, QString *error);
};

} // namespace App
