#include "catalogsession.h"

#include "catalog/civitaiadapter.h"
#include "catalog/hfadapter.h"
#include "catalog/hubbrowser.h"
#include "catalog/syncengine.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"

#include <QDir>

namespace Cli {

CatalogSession::CatalogSession(const Config::RuntimeConfig &config)
    : m_database(QDir(config.dataDir).filePath(QStringLiteral("catalog.sqlite")))
    , m_sources(&m_database)
    , m_store(&m_database)
{
    // Both hubs, with or without a token: where they live decides whose a request is.
    m_credentials.setToken(Net::HubKind::HuggingFace, config.hfEndpoint, config.hfToken);
    m_credentials.setToken(Net::HubKind::Civitai, config.civitaiEndpoint, config.civitaiToken);
    m_hf = new Hub::HuggingFaceClient(&m_network, &m_credentials, config.hfEndpoint, this);
    m_civitai = new Hub::CivitaiClient(&m_network, &m_credentials, config.civitaiEndpoint, this);
    m_hfAdapter = new Catalog::HfAdapter(m_hf, this);
    m_civitaiAdapter = new Catalog::CivitaiAdapter(m_civitai, this);
    m_engine = new Catalog::SyncEngine(&m_database, &m_sources, this);
    m_engine->addAdapter(m_hfAdapter);
    m_engine->addAdapter(m_civitaiAdapter);
    m_browser = new Catalog::HubBrowser(&m_database, this);
    m_browser->addAdapter(m_hfAdapter);
    m_browser->addAdapter(m_civitaiAdapter);
}

CatalogSession::~CatalogSession() = default;

std::unique_ptr<CatalogSession> CatalogSession::open(const Config::RuntimeConfig &config, QString *error)
{
    std::unique_ptr<CatalogSession> session(new CatalogSession(config));
    if (!session->m_database.open()) {
        *error = session->m_database.errorString();
        return nullptr;
    }
    if (!session->m_sources.seedDefaultsOnce(error))
        return nullptr;
    return session;
}

} // namespace Cli
