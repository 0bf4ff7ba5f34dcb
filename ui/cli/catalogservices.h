#pragma once

#include "config/runtimeconfig.h"

#include <QString>

#include <functional>
#include <memory>

namespace Catalog {
class CatalogDatabase;
class CatalogStore;
class CivitaiAdapter;
class HfAdapter;
class HubBrowser;
class SourceStore;
class SyncEngine;
}  // namespace Catalog
namespace Net {
class Session;
}
namespace Hub {
class CivitaiClient;
class HuggingFaceClient;
}  // namespace Hub

namespace Cli {

// The catalog objects one `sync`, `search`, `show` or `sources` run works with. The
// composition root builds them (in dependency order: the hub clients on the process's
// Net::Session, their adapters, the database with the default sources seeded once, the
// stores, the sync engine and the hub browser) and the command only uses them; members are
// destroyed in reverse order.
struct CatalogServices
{
    CatalogServices();
    ~CatalogServices();
    CatalogServices(CatalogServices &&) noexcept;
    CatalogServices &operator=(CatalogServices &&) noexcept;

    Net::Session *session = nullptr;  // the process's network (previews), owned by the composition
    std::unique_ptr<Hub::HuggingFaceClient> huggingFace;
    std::unique_ptr<Hub::CivitaiClient> civitai;
    std::unique_ptr<Catalog::HfAdapter> hfAdapter;
    std::unique_ptr<Catalog::CivitaiAdapter> civitaiAdapter;
    std::unique_ptr<Catalog::CatalogDatabase> database;
    std::unique_ptr<Catalog::SourceStore> sources;
    std::unique_ptr<Catalog::CatalogStore> store;
    std::unique_ptr<Catalog::SyncEngine> engine;
    std::unique_ptr<Catalog::HubBrowser> browser;  // models asked for by name or a live search
};

// Builds the services for a configuration; false + *error (a sentence) when, for example,
// <data-dir>/catalog.sqlite cannot be opened.
using CatalogServicesFactory =
    std::function<bool(const Config::RuntimeConfig &config, CatalogServices *services, QString *error)>;

}  // namespace Cli
