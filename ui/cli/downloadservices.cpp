#include "downloadservices.h"

#include "download/datafolderlock.h"
#include "download/downloadpool.h"
#include "download/journal.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "net/credentials.h"
#include "net/httperror.h"
#include "plan/downloadplanner.h"
#include "updates/refswitcher.h"

namespace Cli {

// Out of line, where the member types are complete.
DownloadServices::DownloadServices() = default;
DownloadServices::~DownloadServices() = default;
DownloadServices::DownloadServices(DownloadServices &&) noexcept = default;
DownloadServices &DownloadServices::operator=(DownloadServices &&) noexcept = default;

bool lockDataFolder(const Config::RuntimeConfig &config, DownloadServices *services, QString *error)
{
    services->lock = std::make_unique<Download::DataFolderLock>();
    return services->lock->lock(config.dataDir,
                                QStringLiteral("close it, or use --data-dir to download with another data folder."),
                                error);
}

void adviseTokensFromEnvironment(const Config::RuntimeConfig &config)
{
    const QString hfOrigin = Net::Credentials::originKey(config.hfEndpoint);
    const QString civitaiOrigin = Net::Credentials::originKey(config.civitaiEndpoint);
    const QUrl civitaiEndpoint = config.civitaiEndpoint;
    Net::setTokenWhere([hfOrigin, civitaiOrigin, civitaiEndpoint](Net::HubKind hub, const QUrl &url) {
        if (hub == Net::HubKind::Any) {
            // A reply nobody attributed: by origin, and by path when both hubs share it.
            const QString origin = Net::Credentials::originKey(url);
            const bool civitai = origin == civitaiOrigin
                                 && (origin != hfOrigin || Net::Credentials::isCivitaiPath(url, civitaiEndpoint));
            hub = civitai ? Net::HubKind::Civitai : origin == hfOrigin ? Net::HubKind::HuggingFace : hub;
        }
        switch (hub) {
        case Net::HubKind::HuggingFace:
            return QStringLiteral("in the HF_TOKEN environment variable (or the setting network.hfToken)");
        case Net::HubKind::Civitai:
            return QStringLiteral("in the CIVITAI_API_TOKEN environment variable (or the setting network.civitaiToken)");
        case Net::HubKind::Any:
            break;
        }
        return QString();
    });
}

} // namespace Cli
