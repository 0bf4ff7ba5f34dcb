#include "catalogservices.h"

#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/civitaiadapter.h"
#include "catalog/hfadapter.h"
#include "catalog/hubbrowser.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"

namespace Cli {

// Out of line, where the member types are complete.
CatalogServices::CatalogServices() = default;
CatalogServices::~CatalogServices() = default;
CatalogServices::CatalogServices(CatalogServices &&) noexcept = default;
CatalogServices &CatalogServices::operator=(CatalogServices &&) noexcept = default;

}  // namespace Cli
