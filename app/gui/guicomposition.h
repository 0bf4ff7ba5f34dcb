#pragma once

#include "config/runtimeconfig.h"
#include "mainwindow.h"

#include <QObject>

#include <memory>

namespace Activity {
class ActivityLog;
}
namespace Identify {
class IdentityStore;
}
namespace Xet {
class TermLedger;
}
namespace Library {
class LibraryIndex;
}
namespace Catalog {
class CatalogDatabase;
class DiskStateSync;
class CatalogStore;
class SourceStore;
class HubBrowser;
class SyncEngine;
class HfAdapter;
class CivitaiAdapter;
}  // namespace Catalog
namespace Download {
class DataFolderLock;
class DownloadPool;
class Journal;
}  // namespace Download
namespace Hub {
class HuggingFaceClient;
class CivitaiClient;
}  // namespace Hub
namespace Net {
class Session;
}
namespace Plan {
class DownloadPlanner;
class TransferStates;
class LmStudioSharing;
}  // namespace Plan
namespace Settings {
class SettingsCenter;
}
namespace Updates {
class ModelUpdater;
class RefSwitcher;
}  // namespace Updates

namespace App {

// The object graph of the desktop app, built in dependency order: the activity log, the
// process's one Net::Session (network, tokens, proxy, User-Agent), the download journal and
// the pool on that session, the hub clients on the same session, the catalog database with
// its stores, sync engine and adapters, the planner, the updater and the ref switcher. Every
// setting is bound here to the objects it tunes, so each applies live: pool limits, segments,
// retries and stall timeout; endpoints together with their tokens; proxy and User-Agent; sync
// interval; folders for new downloads.
class GuiComposition : public QObject
{
    Q_OBJECT
public:
    // Null and *error when the data folder, the journal or the catalog cannot be opened.
    static std::unique_ptr<GuiComposition> create(const Config::RuntimeConfig &runtime,
                                                  Settings::SettingsCenter *settings, QString *error);
    ~GuiComposition() override;

    Ui::MainWindow::Services services() const;
    // Binds what the window built from the services to the settings (the download folders of
    // new downloads). Call once the window exists.
    void attach(Ui::MainWindow *window);

    Net::Session *session() const { return m_session.get(); }
    Download::DownloadPool *pool() const { return m_pool.get(); }
    Catalog::SyncEngine *engine() const { return m_engine.get(); }
    Catalog::HubBrowser *browser() const { return m_browser.get(); }
    Catalog::SourceStore *sources() const { return m_sources.get(); }
    Catalog::CatalogStore *store() const { return m_store.get(); }
    Hub::HuggingFaceClient *huggingFace() const { return m_hf.get(); }
    Hub::CivitaiClient *civitai() const { return m_civitai.get(); }
    Updates::ModelUpdater *updater() const { return m_updater.get(); }
    Activity::ActivityLog *activityLog() const { return m_activity.get(); }

private:
    GuiComposition(const Config::RuntimeConfig &runtime, Settings::SettingsCenter *settings);
    Plan::DownloadPlanner::Options planOptions() const;
    void openLibraryIndex();
    void applyIndexRoots();
    // Whether a change of these settings changes where new downloads and updates go.
    static bool affectsPlans(const QStringList &keys);

    Config::RuntimeConfig m_runtime;
    Settings::SettingsCenter *m_settings;
    std::unique_ptr<Download::DataFolderLock> m_lock;
    std::unique_ptr<Activity::ActivityLog> m_activity;
    std::unique_ptr<Net::Session> m_session;  // before everything that sends requests: it outlives them
    std::unique_ptr<Download::Journal> m_journal;
    std::unique_ptr<Library::LibraryIndex> m_index;  // before the pool, which asks it for copies on disk
    std::unique_ptr<Xet::TermLedger> m_xetLedger;    // before the pool: which Xet chunks files on disk hold
    std::unique_ptr<Download::DownloadPool> m_pool;
    std::unique_ptr<Hub::HuggingFaceClient> m_hf;
    std::unique_ptr<Hub::CivitaiClient> m_civitai;
    std::unique_ptr<Catalog::CatalogDatabase> m_database;
    std::unique_ptr<Catalog::SourceStore> m_sources;
    std::unique_ptr<Catalog::CatalogStore> m_store;
    std::unique_ptr<Catalog::HfAdapter> m_hfAdapter;
    std::unique_ptr<Catalog::CivitaiAdapter> m_civitaiAdapter;
    std::unique_ptr<Catalog::SyncEngine> m_engine;
    std::unique_ptr<Catalog::HubBrowser> m_browser;  // models asked for by link or search
    std::unique_ptr<Plan::DownloadPlanner> m_planner;
    std::unique_ptr<Updates::ModelUpdater> m_updater;
    std::unique_ptr<Updates::RefSwitcher> m_refs;
    std::unique_ptr<Catalog::DiskStateSync> m_diskStates;
    std::unique_ptr<Plan::TransferStates> m_transferStates;
    std::unique_ptr<Plan::LmStudioSharing> m_lmStudio;      // library.shareWithLmStudio
    std::unique_ptr<Identify::IdentityStore> m_identities;  // what Civitai said of file hashes
};

}  // namespace App
