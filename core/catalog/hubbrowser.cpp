#include "hubbrowser.h"

#include "catalogdatabase.h"
#include "catalogstore.h"
#include "hub/namerules.h"
#include "hubadapter.h"
#include "syncwriter.h"

#include <QCoreApplication>

namespace Catalog {

HubBrowser::HubBrowser(CatalogDatabase *database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
}

void HubBrowser::addAdapter(HubAdapter *adapter)
{
    m_hubs.add(adapter);
}

void HubBrowser::ensureDetails(const QString &key, QObject *context,
                               std::function<void(const Hub::Result<ModelRecord> &)> callback)
{
    CatalogStore store(m_database);
    std::optional<ModelRecord> stored = store.model(key);
    if (stored && stored->details == DetailLevel::Complete && !stored->detailsCommit.isEmpty() &&
        stored->detailsCommit == stored->headCommit) {
        callback(Hub::Result<ModelRecord>{*stored, {}, {}});
        return;
    }
    ModelRecord model;
    HubAdapter *adapter = nullptr;
    if (stored) {
        model = *stored;
        adapter = m_hubs.forHub(model.hub);
    } else {
        QString error;
        adapter = m_hubs.forKey(key, &model, &error);
        if (!adapter) {
            callback(Hub::Result<ModelRecord>{{}, Net::HttpError::make(Net::ErrorKind::NotFound, error), {}});
            return;
        }
    }
    if (!adapter) {
        callback(Hub::Result<ModelRecord>{model, {}, {}});
        return;
    }
    CatalogDatabase *db = m_database;
    const TreeLookup lookup = [db](const QString &repo, const QString &commit) {
        return CatalogStore(db).tree(repo, commit);
    };
    const bool known = stored.has_value();
    adapter->fetchDetails(model, lookup, context, [db, key, known, callback](const DetailsResult &r) {
        Hub::Result<ModelRecord> result;
        result.rejected = r.problems;
        if (r.error.isError()) {
            result.error = r.error;
            // Offline or refused: what the catalog has is still worth showing.
            if (known)
                result.value = *CatalogStore(db).model(key);
            callback(result);
            return;
        }
        QString error;
        if (!SyncWriter::applyDetails(db->path(), r.model, r.trees, &error))
            result.error = Net::HttpError::make(Net::ErrorKind::DiskError, error);
        const std::optional<ModelRecord> fresh = CatalogStore(db).model(key);
        result.value = fresh ? *fresh : r.model;
        callback(result);
    });
}

void HubBrowser::liveSearch(const QString &hub, const QString &text, int limit, QObject *context,
                            std::function<void(const Hub::Result<QList<ModelRecord>> &, bool)> callback)
{
    CatalogStore store(m_database);
    const QString cacheKey = text + QStringLiteral("\n%1").arg(limit);
    if (std::optional<QList<ModelRecord>> cached = store.cachedLiveSearch(hub, cacheKey, m_maxAgeSeconds)) {
        callback(Hub::Result<QList<ModelRecord>>{*cached, {}, {}}, true);
        return;
    }
    HubAdapter *adapter = m_hubs.forHub(hub);
    if (!adapter) {
        callback(
            Hub::Result<QList<ModelRecord>>{
                {},
                Net::HttpError::make(Net::ErrorKind::NotFound,
                                     QCoreApplication::translate("Catalog::HubBrowser", "There is no hub named %1.")
                                         .arg(Hub::NameRules::printable(hub))),
                {}},
            false);
        return;
    }
    CatalogDatabase *db = m_database;
    adapter->search(text, limit, context, [db, hub, cacheKey, callback](const Hub::Result<QList<ModelRecord>> &r) {
        if (r.ok())
            CatalogStore(db).storeLiveSearch(hub, cacheKey, r.value);
        callback(r, false);
    });
}

int HubBrowser::keep(const QList<ModelRecord> &models, QString *error)
{
    CatalogStore store(m_database);
    int added = 0;
    for (const ModelRecord &model : models) {
        // A model the catalog has already keeps what a sync or a details fetch wrote.
        if (store.model(model.key))
            continue;
        if (!SyncWriter::applyDetails(m_database->path(), model, {}, error))
            return -1;
        ++added;
    }
    return added;
}

}  // namespace Catalog
