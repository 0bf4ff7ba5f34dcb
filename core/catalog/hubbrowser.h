#pragma once

#include "catalogtypes.h"
#include "hub/hubresult.h"
#include "hubregistry.h"

#include <QObject>

#include <functional>

namespace Catalog {

class CatalogDatabase;
class HubAdapter;

// What the user asks of a hub outside a sync: a model's file tree when it is first opened
// (fetched once per commit and kept), and a live search beyond the synced sources, cached
// for a while so typing the same words again costs nothing.
class HubBrowser : public QObject
{
    Q_OBJECT
public:
    explicit HubBrowser(CatalogDatabase *database, QObject *parent = nullptr);

    void addAdapter(HubAdapter *adapter);
    void setLiveSearchMaxAge(qint64 seconds) { m_maxAgeSeconds = seconds; }

    // The model with variants and files. Fetches and stores the tree when the catalog has no
    // whole tree for the model's head commit (never fetched, partial, or the hub moved on);
    // a model not in the catalog is looked up on the hub whose adapter reads its key.
    void ensureDetails(const QString &key, QObject *context,
                       std::function<void(const Hub::Result<ModelRecord> &)> callback);

    // `fromCache` in the callback says whether the hub was asked.
    void liveSearch(const QString &hub, const QString &text, int limit, QObject *context,
                    std::function<void(const Hub::Result<QList<ModelRecord>> &, bool fromCache)> callback);

    // Keeps models found by a live search in the catalog (those it does not have yet), so the
    // window lists them like synced ones and they can be opened and downloaded. Returns how
    // many were added; false-y with *error when the catalog could not be written.
    int keep(const QList<ModelRecord> &models, QString *error);

private:
    CatalogDatabase *m_database;
    HubRegistry m_hubs;
    qint64 m_maxAgeSeconds = 600;
};

}  // namespace Catalog
