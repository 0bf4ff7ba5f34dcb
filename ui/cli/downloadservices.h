#pragma once

#include "config/runtimeconfig.h"
#include "download/types.h"

#include <QString>

#include <functional>
#include <memory>

namespace Download {
class DataFolderLock;
class DownloadPool;
class Journal;
}
namespace Hub {
class CivitaiClient;
class HuggingFaceClient;
}
namespace Plan {
class DownloadPlanner;
}
namespace Updates {
class RefSwitcher;
}

namespace Cli {

// The objects one `download` run works with. The composition root builds them (in
// dependency order: journal, pool, hub clients on the pool's network and credentials,
// planner) and the command only uses them; members are destroyed in reverse order.
struct DownloadServices
{
    DownloadServices();
    ~DownloadServices();
    DownloadServices(DownloadServices &&) noexcept;
    DownloadServices &operator=(DownloadServices &&) noexcept;

    std::unique_ptr<Download::DataFolderLock> lock;  // first in, last out: held while anything runs
    std::unique_ptr<Download::Journal> journal;
    std::unique_ptr<Download::DownloadPool> pool;
    std::unique_ptr<Hub::HuggingFaceClient> huggingFace;
    std::unique_ptr<Hub::CivitaiClient> civitai;
    std::unique_ptr<Plan::DownloadPlanner> planner;
    std::unique_ptr<Updates::RefSwitcher> refs;  // may be null: refs then stay where they are
};

// The CLI's side of two core hooks: the data folder lock's advice and where a token is set
// (HF_TOKEN, CIVITAI_API_TOKEN) in 401/403 sentences. The composition root calls both.
bool lockDataFolder(const Config::RuntimeConfig &config, DownloadServices *services, QString *error);
void adviseTokensFromEnvironment(const Config::RuntimeConfig &config);

// Builds the services for a configuration; false + *error (a sentence) when, for example,
// the journal cannot be opened.
using DownloadServicesFactory = std::function<bool(const Config::RuntimeConfig &config,
                                                   const Download::PoolOptions &options,
                                                   DownloadServices *services, QString *error)>;

} // namespace Cli
