#include "guicomposition.h"

#include "settings/bindings.h"

#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/civitaiadapter.h"
#include "catalog/hfadapter.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "download/datafolderlock.h"
#include "download/downloadpool.h"
#include "download/journal.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "plan/downloadplanner.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"

#include <QDir>

namespace App {

using namespace Settings;

GuiComposition::GuiComposition(const Config::RuntimeConfig &runtime, SettingsCenter *settings)
    : m_runtime(runtime)
    , m_settings(settings)
{
}

GuiComposition::~GuiComposition()
{
    // The engine and planner use the clients and the database: end them first.
    m_engine.reset();
    m_planner.reset();
}

std::unique_ptr<GuiComposition> GuiComposition::create(const Config::RuntimeConfig &runtime, SettingsCenter *settings,
                                                       QString *error)
{
    if (!QDir().mkpath(runtime.dataDir)) {
        *error = tr("Could not create the data folder \"%1\".").arg(runtime.dataDir);
        return nullptr;
    }
    std::unique_ptr<GuiComposition> c(new GuiComposition(runtime, settings));
    const QDir data(runtime.dataDir);
    c->m_lock = std::make_unique<Download::DataFolderLock>();
    if (!c->m_lock->lock(runtime.dataDir, tr("close it first, or start ModelDock with another data folder."), error))
        return nullptr;
    c->m_journal = std::make_unique<Download::Journal>(data.filePath(QStringLiteral("downloads.sqlite")));
    if (!c->m_journal->open()) {
        *error = tr("Could not open the download journal: %1").arg(c->m_journal->errorString());
        return nullptr;
    }
    Download::PoolOptions options;
    options.maxActive = int(settings->integer(Keys::MaxActive));
    options.maxPerHost = int(settings->integer(Keys::MaxPerHost));
    options.bandwidthLimit = settings->integer(Keys::BandwidthLimit);
    options.maxAttempts = int(settings->integer(Keys::MaxAttempts));
    options.maxSegments = int(settings->integer(Keys::MaxSegments));
    options.segmentThreshold = settings->integer(Keys::SegmentThreshold);
    options.stallTimeout = std::chrono::seconds(settings->integer(Keys::StallTimeout));
    c->m_pool = std::make_unique<Download::DownloadPool>(options, c->m_journal.get());
    const QUrl hfEndpoint(settings->string(Keys::HfEndpoint));
    const QUrl civitaiEndpoint(settings->string(Keys::CivitaiEndpoint));
    c->m_hf = std::make_unique<Hub::HuggingFaceClient>(c->m_pool->network(), &c->m_pool->credentials(), hfEndpoint);
    c->m_civitai = std::make_unique<Hub::CivitaiClient>(c->m_pool->network(), &c->m_pool->credentials(), civitaiEndpoint);
    // Settings apply live from here on: limits and cap to the pool, each token to its own
    // endpoint's origin only (it moves when the endpoint changes).
    Settings::bindDownloadPool(settings, c->m_pool.get());
    Settings::bindCredentials(settings, &c->m_pool->credentials());
    c->m_pool->restoreFromJournal();

    c->m_database = std::make_unique<Catalog::CatalogDatabase>(data.filePath(QStringLiteral("catalog.sqlite")));
    if (!c->m_database->open()) {
        *error = tr("Could not open the catalog: %1").arg(c->m_database->errorString());
        return nullptr;
    }
    c->m_sources = std::make_unique<Catalog::SourceStore>(c->m_database.get());
    if (!c->m_sources->seedDefaultsOnce(error))
        return nullptr;
    c->m_store = std::make_unique<Catalog::CatalogStore>(c->m_database.get());
    c->m_hfAdapter = std::make_unique<Catalog::HfAdapter>(c->m_hf.get());
    c->m_civitaiAdapter = std::make_unique<Catalog::CivitaiAdapter>(c->m_civitai.get());
    c->m_engine = std::make_unique<Catalog::SyncEngine>(c->m_database.get(), c->m_sources.get());
    c->m_engine->addAdapter(c->m_hfAdapter.get());
    c->m_engine->addAdapter(c->m_civitaiAdapter.get());
    Settings::bindSyncEngine(settings, c->m_engine.get());
    c->m_engine->setBackgroundEnabled(true);
    c->m_planner = std::make_unique<Plan::DownloadPlanner>(c->m_hf.get(), c->m_civitai.get());

    return c;
}

Ui::MainWindow::Services GuiComposition::services() const
{
    Ui::MainWindow::Services s;
    s.settings = m_settings;
    s.pool = m_pool.get();
    s.store = m_store.get();
    s.sources = m_sources.get();
    s.engine = m_engine.get();
    s.planner = m_planner.get();
    s.planOptions.hfCacheDir = QDir(m_settings->string(Keys::HfCacheDir)).absolutePath();
    s.planOptions.libraryDir = QDir(m_settings->string(Keys::LibraryDir)).absolutePath();
    return s;
}

} // namespace App
