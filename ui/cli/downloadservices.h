#pragma once

#include "config/runtimeconfig.h"
#include "download/types.h"

#include <QString>

#include <functional>
#include <memory>

namespace Xet {
class TermLedger;
}
namespace Library {
class LibraryIndex;
}
namespace Download {
class DataFolderLock;
class DownloadPool;
class Journal;
}  // namespace Download
namespace Hub {
class CivitaiClient;
class HuggingFaceClient;
}  // namespace Hub
namespace Plan {
class DownloadPlanner;
class LmStudioSharing;
}  // namespace Plan
namespace Updates {
class RefSwitcher;
}

namespace Cli {

// The objects one `download` or `update` run works with. The composition root builds them (in
// dependency order: journal, pool and hub clients on the process's Net::Session, planner) and
// the command only uses them; members are destroyed in reverse order.
struct DownloadServices
{
    DownloadServices();
    ~DownloadServices();
    DownloadServices(DownloadServices &&) noexcept;
    DownloadServices &operator=(DownloadServices &&) noexcept;

    std::unique_ptr<Download::DataFolderLock> lock;  // first in, last out: held while anything runs
    std::unique_ptr<Download::Journal> journal;
    // What is on disk already (may be null): the pool reuses files it knows instead of fetching.
    std::unique_ptr<Library::LibraryIndex> index;
    // Which Xet chunks finished files hold (may be null): Xet downloads copy them, not fetch them.
    std::unique_ptr<Xet::TermLedger> xetLedger;
    std::unique_ptr<Download::DownloadPool> pool;
    std::unique_ptr<Hub::HuggingFaceClient> huggingFace;
    std::unique_ptr<Hub::CivitaiClient> civitai;
    std::unique_ptr<Plan::DownloadPlanner> planner;
    std::unique_ptr<Updates::RefSwitcher> refs;  // may be null: refs then stay where they are
    // Setting library.shareWithLmStudio: finished HF GGUF files linked into LM Studio's folder.
    std::unique_ptr<Plan::LmStudioSharing> lmStudio;
};

// The CLI's side of the data folder lock: its advice when another process holds the folder.
// The composition root calls it.
bool lockDataFolder(const Config::RuntimeConfig &config, DownloadServices *services, QString *error);

// Builds the services for a configuration; false + *error (a sentence) when, for example,
// the journal cannot be opened.
using DownloadServicesFactory =
    std::function<bool(const Config::RuntimeConfig &config, const Download::PoolOptions &options,
                       DownloadServices *services, QString *error)>;

}  // namespace Cli
