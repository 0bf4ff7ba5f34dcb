#pragma once

#include "catalogservices.h"
#include "clicommand.h"
#include "clisettings.h"
#include "downloadservices.h"

#include <memory>

namespace Net {
class Session;
}

namespace App {

// The object graph of one modeldock-cli process. The process's one Net::Session (network,
// tokens, proxy, User-Agent, where the CLI's user sets a token) is built with the
// composition; once the settings are read (prepare), the session takes the run's proxy, agent,
// endpoints and tokens, handed to the credentials for their own endpoint's origin only. Every
// command's objects are then built on that session: the catalog stack for `sync`, `search`,
// `show` and `sources`; the journal, the pool, the hub clients, the planner and the ref switcher
// (which moves a branch ref once a newer commit is complete) for `download` and `update`.
class CliComposition
{
public:
    CliComposition();
    ~CliComposition();

    // A Cli::CliApplication::Preparer: -1 to go on, or the exit code.
    int prepare(Cli::CliContext &context);

    // `config` is already resolved from the settings (prepare); so are `options`.
    bool openCatalog(const Config::RuntimeConfig &config, Cli::CatalogServices *services, QString *error);
    bool openDownloads(const Config::RuntimeConfig &config, const Download::PoolOptions &options,
                       Cli::DownloadServices *services, QString *error);

    Cli::CatalogServicesFactory catalogFactory();
    Cli::DownloadServicesFactory downloadFactory();

private:
    void openLibraryIndex(const Config::RuntimeConfig &config, Cli::DownloadServices *services);

    CliSettings m_settings;
    std::unique_ptr<Net::Session> m_session;
};

}  // namespace App
