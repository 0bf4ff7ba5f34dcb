#pragma once

#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/sourcestore.h"
#include "config/runtimeconfig.h"
#include "net/credentials.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <memory>

namespace Hub {
class HuggingFaceClient;
class CivitaiClient;
}

namespace Catalog {
class HfAdapter;
class CivitaiAdapter;
class SyncEngine;
class HubBrowser;
}

namespace Cli {

// The catalog stack for one CLI run, built in dependency order from the resolved
// configuration: network and credentials, the two hub clients and their adapters, the
// database, the stores, the sync engine and the hub browser.
class CatalogSession : public QObject
{
    Q_OBJECT
public:
    // Opens <data-dir>/catalog.sqlite (creating it with the default sources) or returns null
    // with *error.
    static std::unique_ptr<CatalogSession> open(const Config::RuntimeConfig &config, QString *error);
    ~CatalogSession() override;

    Catalog::CatalogDatabase &database() { return m_database; }
    Catalog::SourceStore &sources() { return m_sources; }
    Catalog::CatalogStore &store() { return m_store; }
    Catalog::SyncEngine &engine() { return *m_engine; }
    Catalog::HubBrowser &browser() { return *m_browser; }

private:
    explicit CatalogSession(const Config::RuntimeConfig &config);

    QNetworkAccessManager m_network;
    Net::Credentials m_credentials;
    Catalog::CatalogDatabase m_database;
    Catalog::SourceStore m_sources;
    Catalog::CatalogStore m_store;
    Hub::HuggingFaceClient *m_hf = nullptr;
    Hub::CivitaiClient *m_civitai = nullptr;
    Catalog::HfAdapter *m_hfAdapter = nullptr;
    Catalog::CivitaiAdapter *m_civitaiAdapter = nullptr;
    Catalog::SyncEngine *m_engine = nullptr;
    Catalog::HubBrowser *m_browser = nullptr;
};

} // namespace Cli
