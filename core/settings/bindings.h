#pragma once

#include <QMetaObject>

namespace Activity {
class ActivityLog;
}
namespace Download {
class DownloadPool;
}
namespace Hub {
class CivitaiClient;
class HuggingFaceClient;
}  // namespace Hub
namespace Net {
class Credentials;
class Session;
}  // namespace Net
namespace Catalog {
class SyncEngine;
}

namespace Settings {

class SettingsCenter;
class SettingsFileWatcher;

// Subscribers that apply settings live. Each applies the current values once, then follows
// SettingsCenter::changed for the keys it owns; the connection lives as long as the target.
// Running healthy transfers are never restarted by a change: the pool applies limits to what
// it schedules next, segment settings to the ranges a file opens next, the retry limit and
// stall timeout from their next check; whether archives are extracted and kept, from the next
// extraction.
void bindDownloadPool(SettingsCenter *settings, Download::DownloadPool *pool);

// Endpoints and tokens move together, in one step on the thread that builds requests: the
// hub clients switch to the new endpoint and the token moves from the old endpoint's origin
// to the new one at the same moment, so no request goes to the new host without its token,
// and the old host never receives a token configured after it was left. Either client may be
// null (only the credentials are then kept in step).
void bindHubClients(SettingsCenter *settings, Net::Credentials *credentials, Hub::HuggingFaceClient *huggingFace,
                    Hub::CivitaiClient *civitai);
void bindCredentials(SettingsCenter *settings, Net::Credentials *credentials);

// The session's route: network.proxyMode system (the desktop's settings), none, or manual
// (network.proxyUrl, http:// or socks5://). Every request of the process goes through the
// session's one QNetworkAccessManager, so nothing else needs to follow. Open connections keep
// their route; new connections take the new one.
void bindProxy(SettingsCenter *settings, Net::Session *session);
// network.userAgent for every request the session builds from now on.
void bindUserAgent(SettingsCenter *settings, Net::Session *session);

void bindSyncEngine(SettingsCenter *settings, Catalog::SyncEngine *sync);

// What the user should see in the activity log: every stored version with its source
// (ours or another process's), stored values set aside as invalid, refused file edits.
void bindActivityLog(SettingsCenter *settings, Activity::ActivityLog *log);
void bindActivityLog(SettingsFileWatcher *watcher, Activity::ActivityLog *log);

}  // namespace Settings
