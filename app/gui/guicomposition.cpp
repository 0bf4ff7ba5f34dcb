#include "guicomposition.h"

#include "activity/activitylog.h"
#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/civitaiadapter.h"
#include "catalog/diskstatesync.h"
#include "catalog/hfadapter.h"
#include "catalog/hubbrowser.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "download/datafolderlock.h"
#include "download/downloadpool.h"
#include "download/journal.h"
#include "download/xetplan.h"
#include "downloadrequester.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "identify/identitystore.h"
#include "library/libraryindex.h"
#include "library/reuseroots.h"
#include "net/session.h"
#include "plan/downloadplanner.h"
#include "plan/lmstudiosharing.h"
#include "plan/transferstates.h"
#include "settings/bindings.h"
#include "settings/runtimesettings.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "updates/modelupdater.h"
#include "updates/refswitcher.h"
#include "xet/termledger.h"

#include <QDialog>
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
    // The engine, planner and updater use the clients and the database: end them first.
    m_updater.reset();
    if (m_pool)
        m_pool->setReuseLookup({});
    m_browser.reset();
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
    c->m_activity = std::make_unique<Activity::ActivityLog>();
    Settings::bindActivityLog(settings, c->m_activity.get());

    c->m_journal = std::make_unique<Download::Journal>(data.filePath(QStringLiteral("downloads.sqlite")));
    if (!c->m_journal->open()) {
        *error = tr("Could not open the download journal: %1").arg(c->m_journal->errorString());
        return nullptr;
    }
    // The one network of the process: the pool's transfers, the hub clients' API calls and
    // the previews all go through it.
    c->m_session = std::make_unique<Net::Session>();
    Net::Session *session = c->m_session.get();
    c->m_pool = std::make_unique<Download::DownloadPool>(session, Settings::poolOptions(*settings), c->m_journal.get());
    c->m_xetLedger = Download::openXetLedger(runtime.dataDir);
    c->m_pool->setXetLedger(c->m_xetLedger.get());
    c->m_hf = std::make_unique<Hub::HuggingFaceClient>(session, QUrl(settings->string(Keys::HfEndpoint)));
    c->m_civitai = std::make_unique<Hub::CivitaiClient>(session, QUrl(settings->string(Keys::CivitaiEndpoint)));
    // Settings apply live from here on.
    Settings::bindDownloadPool(settings, c->m_pool.get());
    Settings::bindHubClients(settings, &session->credentials(), c->m_hf.get(), c->m_civitai.get());
    Settings::bindProxy(settings, session);
    Settings::bindUserAgent(settings, session);
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
    c->openLibraryIndex();
    // The catalog follows every task, the ones restored from the journal above included.
    c->m_transferStates = std::make_unique<Plan::TransferStates>(c->m_pool.get(), c->m_database.get());
    c->m_transferStates->refreshAll();
    c->m_hfAdapter = std::make_unique<Catalog::HfAdapter>(c->m_hf.get());
    c->m_civitaiAdapter = std::make_unique<Catalog::CivitaiAdapter>(c->m_civitai.get());
    c->m_engine = std::make_unique<Catalog::SyncEngine>(c->m_database.get(), c->m_sources.get());
    c->m_engine->addAdapter(c->m_hfAdapter.get());
    c->m_engine->addAdapter(c->m_civitaiAdapter.get());
    c->m_browser = std::make_unique<Catalog::HubBrowser>(c->m_database.get());
    c->m_browser->addAdapter(c->m_hfAdapter.get());
    c->m_browser->addAdapter(c->m_civitaiAdapter.get());
    Settings::bindSyncEngine(settings, c->m_engine.get());
    if (runtime.hfOffline) {
        // HF_HUB_OFFLINE: the catalog shows what was synced before; downloads come from the cache.
        c->m_activity->add(tr("network"),
                           tr("HF_HUB_OFFLINE is set: the catalog is not synced and nothing is downloaded; models "
                              "already in the Hugging Face cache are linked from it."),
                           Activity::Event::Level::Warning);
    } else {
        c->m_engine->setBackgroundEnabled(true);
        // Sources not synced within one interval catch up shortly after the window shows.
        c->m_engine->scheduleStartupSync(std::chrono::seconds(3));
    }
    c->m_planner = std::make_unique<Plan::DownloadPlanner>(c->m_hf.get(), c->m_civitai.get());
    // A person waits for the summary: a hub that does not answer is said after a few seconds,
    // and the window queues the picks and keeps asking (DownloadRequester) instead.
    c->m_planner->setRetryPolicy(
        Net::RetryPolicy{3, std::chrono::seconds(10), std::chrono::seconds(1), std::chrono::seconds(4)});

    const QString history = data.filePath(QStringLiteral("snapshot-history.json"));
    c->m_refs = std::make_unique<Updates::RefSwitcher>(c->m_pool.get(), history);
    Activity::ActivityLog *log = c->m_activity.get();
    connect(c->m_refs.get(), &Updates::RefSwitcher::switched, log,
            [log](const QString &repo, const QString &revision, const QString &from, const QString &to) {
                log->add(tr("downloads"), tr("%1 (%2) switched from %3 to the new version %4; Roll back returns to %3.")
                                              .arg(repo, revision, from.left(8), to.left(8)));
            });
    connect(c->m_refs.get(), &Updates::RefSwitcher::held, log,
            [log](const QString &message) { log->add(tr("downloads"), message, Activity::Event::Level::Warning); });
    Settings::SettingsCenter *center = settings;
    c->m_lmStudio = std::make_unique<Plan::LmStudioSharing>(
        c->m_pool.get(), [center] { return center->boolean(Keys::ShareWithLmStudio); }, Library::lmStudioModelsDir());
    connect(c->m_lmStudio.get(), &Plan::LmStudioSharing::shared, log, [log](const QString &sentence, bool ok) {
        log->add(tr("library"), sentence, ok ? Activity::Event::Level::Info : Activity::Event::Level::Warning);
    });
    const Plan::DownloadPlanner::Options folders = c->planOptions();
    c->m_updater = std::make_unique<Updates::ModelUpdater>(c->m_planner.get(), c->m_pool.get(), folders.hfCacheDir,
                                                           folders.libraryDir, history);
    c->m_updater->setLibraryLayout(folders.layout);
    // New updates go to the new folders; one that is running keeps its own.
    GuiComposition *self = c.get();
    connect(settings, &SettingsCenter::changed, self, [self](const QStringList &keys) {
        if (affectsPlans(keys)) {
            const Plan::DownloadPlanner::Options options = self->planOptions();
            self->m_updater->setHfCacheDir(options.hfCacheDir);
            self->m_updater->setLibraryDir(options.libraryDir);
            self->m_updater->setLibraryLayout(options.layout);
        }
    });
    return c;
}

void GuiComposition::openLibraryIndex()
{
    auto index =
        std::make_unique<Library::LibraryIndex>(QDir(m_runtime.dataDir).filePath(QStringLiteral("library.sqlite")));
    QString error;
    if (!index->open(&error)) {
        // Downloads work without it; they only fetch what could have been reused.
        m_activity->add(tr("library"), tr("The library index cannot be used: %1").arg(error),
                        Activity::Event::Level::Warning);
        return;
    }
    m_index = std::move(index);
    Library::LibraryIndex *reader = m_index.get();
    applyIndexRoots();
    // The library folder is hashed once (its files are matched to Civitai by SHA-256); other
    // apps' folders only when a download wants a file of their size.
    m_index->setHashing(Library::LibraryIndex::Hashing::Library);
    m_index->setWatching(true);
    m_index->scanInBackground();
    m_pool->setReuseLookup([reader](const QString &sha256, qint64 size) {
        QStringList paths;
        for (const Library::IndexedFile &file : reader->candidates(sha256, size))
            paths << file.path;
        return paths;
    });
    Download::DownloadPool *pool = m_pool.get();
    connect(pool, &Download::DownloadPool::taskFinished, reader, [pool, reader](Download::TaskId id) {
        const Download::TaskSnapshot task = pool->task(id);
        if (task.state == Download::TaskState::Completed)
            reader->record(task.finalPath, pool->request(id).expectedSha256);
    });
    m_diskStates = std::make_unique<Catalog::DiskStateSync>(reader, m_database.get());
    auto identities = std::make_unique<Identify::IdentityStore>(
        QDir(m_runtime.dataDir).filePath(QStringLiteral("identities.sqlite")));
    if (identities->open(&error))
        m_identities = std::move(identities);
    else
        m_activity->add(tr("library"), tr("Find my models is not available: %1").arg(error),
                        Activity::Event::Level::Warning);
    connect(m_settings, &SettingsCenter::changed, reader, [this](const QStringList &keys) {
        for (const char *key : {Keys::HfCacheDir, Keys::LibraryDir, Keys::ReuseFolders, Keys::ReuseFromApps}) {
            if (keys.contains(QLatin1String(key))) {
                applyIndexRoots();
                m_index->scanInBackground();
                return;
            }
        }
    });
}

void GuiComposition::applyIndexRoots()
{
    const Config::RuntimeConfig folders = Settings::resolvedRuntime(*m_settings, m_runtime);
    m_index->setRoots(
        Library::indexRoots(folders.hfCacheDir, folders.libraryDir, folders.reuseFolders, folders.reuseFromApps));
}

bool GuiComposition::affectsPlans(const QStringList &keys)
{
    for (const char *key : {Keys::HfCacheDir, Keys::LibraryDir, Keys::LibraryLayout, Keys::TypeFolders}) {
        if (keys.contains(QLatin1String(key)))
            return true;
    }
    return false;
}

Plan::DownloadPlanner::Options GuiComposition::planOptions() const
{
    Plan::DownloadPlanner::Options options;
    options.hfCacheDir = Settings::folderSetting(*m_settings, Keys::HfCacheDir);
    options.libraryDir = Settings::folderSetting(*m_settings, Keys::LibraryDir);
    options.offline = m_runtime.hfOffline;
    options.layout = Settings::libraryLayout(*m_settings);
    return options;
}

Ui::MainWindow::Services GuiComposition::services() const
{
    Ui::MainWindow::Services s;
    s.settings = m_settings;
    s.session = m_session.get();
    s.previewsDir = QDir(m_runtime.cacheDir).filePath(QStringLiteral("previews"));
    s.viewStateFile = QDir(m_runtime.configDir).filePath(QStringLiteral("window-state.ini"));
    s.pool = m_pool.get();
    s.store = m_store.get();
    s.sources = m_sources.get();
    s.engine = m_engine.get();
    s.browser = m_browser.get();
    s.planner = m_planner.get();
    s.planOptions = planOptions();
    s.activity = m_activity.get();
    s.updater = m_updater.get();
    s.refs = m_refs.get();
    s.huggingFace = m_hf.get();
    s.diskStates = m_diskStates.get();
    s.transferStates = m_transferStates.get();
    s.snapshotHistory = QDir(m_runtime.dataDir).filePath(QStringLiteral("snapshot-history.json"));
    s.index = m_index.get();
    s.civitai = m_civitai.get();
    s.identities = m_identities.get();
    return s;
}

void GuiComposition::attach(Ui::MainWindow *window)
{
    // Downloads started from now on go to the folders (and the layout) in force; running ones
    // finish where they started, and the catalog keeps knowing both (its local state is not a
    // path).
    Ui::DownloadRequester *requester = window->requester();
    if (!requester)
        return;
    connect(m_settings, &SettingsCenter::changed, requester, [this, requester](const QStringList &keys) {
        if (affectsPlans(keys))
            requester->setPlanOptions(planOptions());
    });
}

}  // namespace App
