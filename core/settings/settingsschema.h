#pragma once

#include "settingdefinition.h"

#include <QList>

namespace Config {
struct RuntimeConfig;
}

namespace Settings {

// The one list of every setting ModelDock has. Defaults that depend on the machine
// (folders, endpoints, tokens from the environment) come from the runtime configuration.
class SettingsSchema
{
public:
    SettingsSchema() = default;
    explicit SettingsSchema(QList<SettingDefinition> definitions);

    static SettingsSchema standard(const Config::RuntimeConfig &runtime);

    const SettingDefinition *find(const QString &key) const;
    const QList<SettingDefinition> &definitions() const { return m_definitions; }

    // Rules between keys, checked on the whole configuration a change would produce
    // (`valueOf` gives each key's value in it). One sentence per broken rule, naming the keys.
    static QStringList checkCombination(const std::function<QVariant(const char *key)> &valueOf);

private:
    QList<SettingDefinition> m_definitions;
};

// Keys, so callers never spell them twice.
namespace Keys {
inline constexpr auto MaxActive = "download.maxActive";
inline constexpr auto MaxPerHost = "download.maxPerHost";
inline constexpr auto MaxConnectionsPerHost = "download.maxConnectionsPerHost";
inline constexpr auto BandwidthLimit = "download.bandwidthLimit";
inline constexpr auto SegmentThreshold = "download.segmentThreshold";
inline constexpr auto MaxSegments = "download.maxSegments";
inline constexpr auto Xet = "download.xet";
inline constexpr auto MaxAttempts = "download.maxAttempts";
inline constexpr auto StallTimeout = "download.stallTimeoutSeconds";
inline constexpr auto SyncInterval = "sync.intervalMinutes";
inline constexpr auto SyncOnMetered = "sync.allowMetered";
inline constexpr auto HfEndpoint = "network.hfEndpoint";
inline constexpr auto CivitaiEndpoint = "network.civitaiEndpoint";
inline constexpr auto ProxyMode = "network.proxyMode";
inline constexpr auto ProxyUrl = "network.proxyUrl";
inline constexpr auto UserAgent = "network.userAgent";
inline constexpr auto HfToken = "network.hfToken";
inline constexpr auto CivitaiToken = "network.civitaiToken";
inline constexpr auto HfCacheDir = "library.hfCacheDir";
inline constexpr auto LibraryDir = "library.libraryDir";
inline constexpr auto ExtractArchives = "library.extractArchives";
inline constexpr auto KeepArchives = "library.keepArchives";
inline constexpr auto LibraryLayout = "library.layout";
inline constexpr auto TypeFolders = "library.typeFolders";
inline constexpr auto CloseToTray = "ui.closeToTray";
inline constexpr auto NsfwImages = "ui.nsfwImages";
inline constexpr auto Language = "ui.language";
inline constexpr auto ReuseFolders = "library.reuseFolders";
inline constexpr auto ReuseFromApps = "library.reuseFromApps";
inline constexpr auto ShareWithLmStudio = "library.shareWithLmStudio";
}  // namespace Keys

}  // namespace Settings
