#include "guicomposition.h"

#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/civitaiadapter.h"
#include "catalog/hfadapter.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
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
    c->applySettings({QString::fromLatin1(Keys::HfToken), QString::fromLatin1(Keys::CivitaiToken)});
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
    c->m_engine->setInterval(std::chrono::minutes(settings->integer(Keys::SyncInterval)));
    c->m_engine->setAllowMetered(settings->boolean(Keys::SyncOnMetered));
    c->m_engine->setBackgroundEnabled(true);
    c->m_planner = std::make_unique<Plan::DownloadPlanner>(c->m_hf.get(), c->m_civitai.get());

    connect(settings, &SettingsCenter::changed, c.get(),
            [raw = c.get()](const QStringList &keys, qint64) { raw->applySettings(keys); });
    return c;
}

void GuiComposition::setToken(const QUrl &origin, const QString &token)
{
    if (token.isEmpty())
        m_pool->credentials().clearToken(origin);
    else
        m_pool->credentials().setToken(origin, token);
}

void GuiComposition::applySettings(const QStringList &keys)
{
    auto has = [&keys](const char *key) { return keys.contains(QLatin1String(key)); };
    if (has(Keys::MaxActive))
        m_pool->setMaxActive(int(m_settings->integer(Keys::MaxActive)));
    if (has(Keys::MaxPerHost))
        m_pool->setMaxPerHost(int(m_settings->integer(Keys::MaxPerHost)));
    if (has(Keys::BandwidthLimit))
        m_pool->setBandwidthLimit(m_settings->integer(Keys::BandwidthLimit));
    if (m_engine && has(Keys::SyncInterval))
        m_engine->setInterval(std::chrono::minutes(m_settings->integer(Keys::SyncInterval)));
    if (m_engine && has(Keys::SyncOnMetered))
        m_engine->setAllowMetered(m_settings->boolean(Keys::SyncOnMetered));
    // Each token goes to its own hub's origin only, never to the other one.
    if (has(Keys::HfToken) || has(Keys::HfEndpoint))
        setToken(QUrl(m_settings->string(Keys::HfEndpoint)), m_settings->string(Keys::HfToken));
    if (has(Keys::CivitaiToken) || has(Keys::CivitaiEndpoint))
        setToken(QUrl(m_settings->string(Keys::CivitaiEndpoint)), m_settings->string(Keys::CivitaiToken));
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
