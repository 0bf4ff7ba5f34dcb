#pragma once

#include "catalogstore.h"
#include "hubadapter.h"
#include "source.h"
#include "sourcestore.h"
#include "syncstate.h"
#include "syncwriter.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <atomic>
#include <memory>

namespace Catalog {

class CatalogDatabase;

// One sync of one source, start to finish: reads the listing page by page (conditionally,
// reusing unchanged pages), sorts models into new / changed / unchanged by fingerprint,
// fetches file trees for new and changed models of small sources (and for downloaded ones
// of any source), then applies everything in one transaction on a worker thread. Waits and
// retries on 429 / 5xx / network errors with backoff, and pauses when the hub says its quota
// is spent; any failure before the apply leaves the catalog untouched.
class SyncJob : public QObject
{
    Q_OBJECT
public:
    SyncJob(const Source &source, HubAdapter *adapter, CatalogDatabase *database, const SyncOptions &options,
            QObject *parent = nullptr);

    void start();
    // Stops the job without a signal; a batch already being written is rolled back.
    void cancel();
    qint64 sourceId() const { return m_source.id; }
    SyncState state() const { return m_state; }

Q_SIGNALS:
    void progress(const Catalog::SyncState &state);  // syncing, throttled
    void finished(const Catalog::SyncState &state);  // synced, offline, throttled, failed

private:
    struct Detail
    {
        QString key;
        bool always = false;  // fetched in sources of any size (a downloaded model changed)
    };

    void fetchPage(const QUrl &url, int index, int attempt);
    void onPage(const ListingPage &page, int index, int attempt);
    void listingDone();
    void fetchNextDetails();
    void fetchDetails(int queueIndex, int attempt);
    void onDetails(const DetailsResult &result, int queueIndex, int attempt);
    void apply();
    // Queues a tree fetch for `model` and adds it to the batch (tree-only: not a change).
    void queueDetails(const ModelRecord &model, bool treeOnly, bool always);
    // Runs `step` now, or once the hub's quota window has reset (state: throttled).
    void whenQuotaAllows(std::function<void()> step);
    void noteQuota(std::chrono::milliseconds wait);
    void leaveThrottled();
    // Schedules `again` after a backoff when the error is worth retrying; false otherwise.
    bool retryLater(const Net::HttpError &error, int attempt, std::function<void()> again);
    void stop(const Net::HttpError &error);

    Source m_source;
    HubAdapter *m_adapter;
    CatalogDatabase *m_database;
    SyncOptions m_options;
    SyncState m_state;
    QElapsedTimer m_clock;

    QHash<QString, PageRecord> m_storedPages;  // by URL
    QHash<QString, CatalogStore::Known> m_known;
    SyncBatch m_batch;
    QHash<QString, int> m_upsertIndex;  // key -> index in m_batch.upserts
    QList<Detail> m_detailQueue;
    QStringList m_treeCandidates;                    // unchanged models whose tree is partial or missing
    QHash<QString, ModelRecord> m_candidateRecords;  // their fresh listing records, when parsed
    int m_nextDetail = 0;
    int m_detailsRunning = 0;
    bool m_stopped = false;
    QDeadlineTimer m_quotaResets{0};  // no request before this
    bool m_resumeScheduled = false;
    std::shared_ptr<std::atomic_bool> m_cancelled = std::make_shared<std::atomic_bool>(false);
};

}  // namespace Catalog
