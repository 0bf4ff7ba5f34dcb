#pragma once

#include <QMetaObject>

namespace Download {
class DownloadPool;
}
namespace Net {
class Credentials;
}
namespace Catalog {
class SyncEngine;
}

namespace Settings {

class SettingsCenter;

// Subscribers that apply settings live. Each applies the current values once, then follows
// SettingsCenter::changed for the keys it owns; the connection lives as long as the target.
// Running healthy transfers are never restarted by a change: the pool applies limits to what
// it schedules next.
void bindDownloadPool(SettingsCenter *settings, Download::DownloadPool *pool);

// Tokens belong to their endpoint's origin: when an endpoint or a token changes, the old
// origin loses its token before the new one gets it.
void bindCredentials(SettingsCenter *settings, Net::Credentials *credentials);

void bindSyncEngine(SettingsCenter *settings, Catalog::SyncEngine *sync);

} // namespace Settings
