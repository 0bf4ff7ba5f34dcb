#pragma once

#include "config/runtimeconfig.h"
#include "mainwindow.h"

#include <QObject>

#include <memory>

namespace Catalog {
class CatalogDatabase;
class CatalogStore;
class SourceStore;
class SyncEngine;
class HfAdapter;
class CivitaiAdapter;
}
namespace Download {
class DataFolderLock;
class DownloadPool;
class Journal;
}
namespace Hub {
class HuggingFaceClient;
class CivitaiClient;
}
namespace Plan {
class DownloadPlanner;
}
namespace Settings {
class SettingsCenter;
}

namespace App {

// The object graph of the desktop app, built in dependency order: the download journal and
// pool (which owns the network and the credentials), the hub clients on that network, the
// catalog database with its stores, sync engine and adapters, the planner. Settings changes
// are bound here to the objects they tune, so they apply live.
class GuiComposition : public QObject
{
    Q_OBJECT
public:
    // Null and *error when the data folder, the journal or the catalog cannot be opened.
    static std::unique_ptr<GuiComposition> create(const Config::RuntimeConfig &runtime,
                                                  Settings::SettingsCenter *settings, QString *error);
    ~GuiComposition() override;

    Ui::MainWindow::Services services() const;
    Download::DownloadPool *pool() const { return m_pool.get(); }
    Catalog::SyncEngine *engine() const { return m_engine.get(); }
    Catalog::SourceStore *sources() const { return m_sources.get(); }
    Catalog::CatalogStore *store() const { return m_store.get(); }

private:
    GuiComposition(const Config::RuntimeConfig &runtime, Settings::SettingsCenter *settings);

    Config::RuntimeConfig m_runtime;
    Settings::SettingsCenter *m_settings;
    std::unique_ptr<Download::DataFolderLock> m_lock;
    std::unique_ptr<Download::Journal> m_journal;
    std::unique_ptr<Download::DownloadPool> m_pool;
    std::unique_ptr<Hub::HuggingFaceClient> m_hf;
    std::unique_ptr<Hub::CivitaiClient> m_civitai;
    std::unique_ptr<Catalog::CatalogDatabase> m_database;
    std::unique_ptr<Catalog::SourceStore> m_sources;
    std::unique_ptr<Catalog::CatalogStore> m_store;
    std::unique_ptr<Catalog::HfAdapter> m_hfAdapter;
    std::unique_ptr<Catalog::CivitaiAdapter> m_civitaiAdapter;
    std::unique_ptr<Catalog::SyncEngine> m_engine;
    std::unique_ptr<Plan::DownloadPlanner> m_planner;
};

} // namespace App
