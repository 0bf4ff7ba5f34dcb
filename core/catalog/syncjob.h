#pragma once

#include "catalogstore.h"
#include "hubadapter.h"
#include "source.h"
#include "sourcestore.h"
#include "syncstate.h"
#include "syncwriter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

namespace Catalog {

class CatalogDatabase;

// One sync of one source, start to finish: reads the listing page by page (conditionally,
// reusing unchanged pages), sorts models into new / changed / unchanged by fingerprint,
// fetches file trees for new and changed models of small sources, then applies everything
// in one transaction on a worker thread. Waits and retries on 429 / 5xx / network errors
// with backoff; any failure before the apply leaves the catalog untouched.
class SyncJob : public QObject
{
    Q_OBJECT
public:
    SyncJob(const Source &source, HubAdapter *adapter, CatalogDatabase *database,
            const SyncOptions &options, QObject *parent = nullptr);

    void start();
    qint64 sourceId() const { return m_source.id; }
    SyncState state() const { return m_state; }

Q_SIGNALS:
    void progress(const Catalog::SyncState &state);   // syncing, throttled
    void finished(const Catalog::SyncState &state);   // synced, offline, failed

private:
    void fetchPage(const QUrl &url, int index, int attempt);
    void onPage(const ListingPage &page, int index, int attempt);
    void fetchNextDetails();
    void onDetails(const DetailsResult &result, int queueIndex, int attempt);
    void apply();
    // Schedules `again` after a backoff when the error is worth retrying; false otherwise.
    bool retryLater(const Net::HttpError &error, int attempt, std::function<void()> again);
    void stop(const Net::HttpError &error);

    Source m_source;
    HubAdapter *m_adapter;
    CatalogDatabase *m_database;
    SyncOptions m_options;
    SyncState m_state;
    QElapsedTimer m_clock;

    QHash<QString, PageRecord> m_storedPages;          // by URL
    QHash<QString, CatalogStore::Known> m_known;
    SyncBatch m_batch;
    QHash<QString, int> m_upsertIndex;                 // key -> index in m_batch.upserts
    QList<QString> m_detailQueue;
    int m_nextDetail = 0;
    int m_detailsRunning = 0;
    bool m_stopped = false;
};

} // namespace Catalog
