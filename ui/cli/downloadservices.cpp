#include "downloadservices.h"

#include "download/datafolderlock.h"
#include "download/downloadpool.h"
#include "download/journal.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "library/libraryindex.h"
#include "plan/downloadplanner.h"
#include "plan/lmstudiosharing.h"
#include "updates/refswitcher.h"
#include "xet/termledger.h"

#include <QCoreApplication>

namespace Cli {

// Out of line, where the member types are complete.
DownloadServices::DownloadServices() = default;
DownloadServices::~DownloadServices() = default;
DownloadServices::DownloadServices(DownloadServices &&) noexcept = default;
DownloadServices &DownloadServices::operator=(DownloadServices &&) noexcept = default;

bool lockDataFolder(const Config::RuntimeConfig &config, DownloadServices *services, QString *error)
{
    services->lock = std::make_unique<Download::DataFolderLock>();
    return services->lock->lock(
        config.dataDir,
        QCoreApplication::translate("modeldock-cli",
                                    "close it, or use --data-dir to download with another data folder."),
        error);
}

}  // namespace Cli
