#include "syncjob.h"

#include "catalogdatabase.h"
#include "net/backoff.h"
#include "util/futurewatch.h"
#include "util/logging.h"

#include <QSet>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace Catalog {

SyncJob::SyncJob(const Source &source, HubAdapter *adapter, CatalogDatabase *database, const SyncOptions &options,
                 QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_adapter(adapter)
    , m_database(database)
    , m_options(options)
{
}

void SyncJob::start()
{
    m_clock.start();
    m_state.phase = SyncState::Phase::Syncing;
    m_batch.sourceId = m_source.id;
    Q_EMIT progress(m_state);
    qCDebug(lcSync) << "sync of" << m_source.name << "started";
    // What the catalog already holds (a 100,000-model hub is that many rows) is read by a
    // worker with its own connection, so the window stays responsive while a sync starts.
    struct Baseline
    {
        QHash<QString, PageRecord> pages;
        QHash<QString, CatalogStore::Known> known;
    };
    CatalogDatabase *database = m_database;
    const qint64 sourceId = m_source.id;
    const QString hub = m_adapter->hub();
    Util::whenFinished(this, QtConcurrent::run([database, sourceId, hub] {
                           Baseline b;
                           for (const PageRecord &p : SourceStore(database).pages(sourceId))
                               b.pages.insert(p.url.toString(QUrl::FullyEncoded), p);
                           b.known = CatalogStore(database).known(hub);
                           return b;
                       }),
                       [this](Baseline baseline) {
                           if (m_stopped)
                               return;
                           m_storedPages = std::move(baseline.pages);
                           m_known = std::move(baseline.known);
                           // Last time's page count is the best guess of this sync's ("3/10 pages").
                           m_state.pagesTotal = int(m_storedPages.size());
                           Q_EMIT progress(m_state);
                           fetchPage(m_adapter->firstPage(m_source), 0, 1);
                       });
}

void SyncJob::cancel()
{
    m_stopped = true;
    m_cancelled->store(true);
}

void SyncJob::fetchPage(const QUrl &url, int index, int attempt)
{
    const PageRecord stored = m_storedPages.value(url.toString(QUrl::FullyEncoded));
    m_adapter->fetchPage(m_source, url, stored.etag, this,
                         [this, index, attempt](const ListingPage &page) { onPage(page, index, attempt); });
}

void SyncJob::onPage(const ListingPage &page, int index, int attempt)
{
    if (m_stopped)
        return;
    noteQuota(page.quotaResetIn);
    if (page.error.isError()) {
        const QUrl url = page.url;
        if (!retryLater(page.error, attempt, [this, url, index, attempt] {
                whenQuotaAllows([this, url, index, attempt] { fetchPage(url, index, attempt + 1); });
            }))
            stop(page.error);
        return;
    }

    const PageRecord stored = m_storedPages.value(page.url.toString(QUrl::FullyEncoded));
    PageRecord record{index, page.url, page.etag, page.bodySha256, page.next, {}};
    const bool unchanged = !stored.url.isEmpty() && stored.index == index &&
                           (page.notModified || (!page.bodySha256.isEmpty() && page.bodySha256 == stored.bodySha256));
    const int room = m_source.limit - int(m_batch.members.size());
    const bool needsTrees = m_adapter->listingsNeedDetails();

    if (unchanged) {
        // Same bytes as last time: the stored keys are the answer, nothing to parse or write.
        record.modelKeys = stored.modelKeys.mid(0, qMax(0, room));
        if (page.notModified) {
            record.next = stored.next;
            record.etag = stored.etag;
            record.bodySha256 = stored.bodySha256;
        }
        ++m_state.counts.pagesUnchanged;
        m_state.counts.unchanged += int(record.modelKeys.size());
        if (needsTrees) {
            for (const QString &key : std::as_const(record.modelKeys)) {
                const auto known = m_known.constFind(key);
                if (known != m_known.cend() && known->detailsCommit.isEmpty())
                    m_treeCandidates << key;
            }
        }
    } else {
        m_state.counts.rejected += int(page.rejected.size());
        m_state.counts.problems << page.rejected;
        for (const ModelRecord &m : page.models) {
            if (record.modelKeys.size() >= room)
                break;
            if (record.modelKeys.contains(m.key) || m_upsertIndex.contains(m.key))
                continue;  // pages can overlap while the hub reorders
            record.modelKeys << m.key;
            const auto known = m_known.constFind(m.key);
            const bool isNew = known == m_known.cend();
            const bool changed = !isNew && (known->fingerprint != m.fingerprint);
            if (isNew || changed) {
                m_upsertIndex.insert(m.key, int(m_batch.upserts.size()));
                m_batch.upserts << m;
                // A downloaded model gets its tree in a source of any size: that is how
                // its variants learn they are behind.
                if (needsTrees && m.details != DetailLevel::Complete)
                    m_detailQueue << Detail{m.key, changed && known->downloaded};
            } else {
                m_batch.stats << SyncBatch::Stats{m.key, m.downloads, m.likes};
                ++m_state.counts.unchanged;
                if (needsTrees && known->detailsCommit.isEmpty()) {
                    m_treeCandidates << m.key;
                    m_candidateRecords.insert(m.key, m);
                }
            }
        }
    }
    m_batch.members << record.modelKeys;
    m_batch.pages << record;
    ++m_state.pagesDone;
    ++m_state.counts.pages;
    if (m_state.pagesTotal > 0 && m_state.pagesDone >= m_state.pagesTotal && !record.next.isEmpty())
        m_state.pagesTotal = 0;  // longer than last time: the total is unknown now
    m_state.modelsSeen = int(m_batch.members.size());
    Q_EMIT progress(m_state);

    if (!record.next.isEmpty() && m_batch.members.size() < m_source.limit) {
        const QUrl next = record.next;
        whenQuotaAllows([this, next, index] { fetchPage(next, index + 1, 1); });
        return;
    }
    listingDone();
}

void SyncJob::listingDone()
{
    // Small sources get their file trees now, and trees read only partly before are read
    // again; a big source gets trees when a model is opened.
    if (m_batch.members.size() > m_options.eagerDetailsMaxSourceSize) {
        m_detailQueue.removeIf([](const Detail &d) { return !d.always; });
    } else {
        CatalogStore store(m_database);
        for (const QString &key : std::as_const(m_treeCandidates)) {
            if (m_upsertIndex.contains(key))
                continue;
            std::optional<ModelRecord> model = m_candidateRecords.contains(key)
                                                   ? std::optional<ModelRecord>(m_candidateRecords.value(key))
                                                   : store.model(key);
            if (model)
                queueDetails(*model, true, false);
        }
    }
    m_treeCandidates.clear();
    m_candidateRecords.clear();
    if (m_detailQueue.size() > m_options.maxDetailFetches)
        m_detailQueue.resize(m_options.maxDetailFetches);
    fetchNextDetails();
}

void SyncJob::queueDetails(const ModelRecord &model, bool treeOnly, bool always)
{
    m_upsertIndex.insert(model.key, int(m_batch.upserts.size()));
    m_batch.upserts << model;
    if (treeOnly)
        m_batch.treeOnly.insert(model.key);
    m_detailQueue << Detail{model.key, always};
}

void SyncJob::fetchNextDetails()
{
    if (m_stopped)
        return;
    const auto canStart = [this] {
        return m_detailsRunning < m_options.detailConcurrency && m_nextDetail < m_detailQueue.size();
    };
    if (canStart() && !m_quotaResets.hasExpired()) {
        if (!m_resumeScheduled) {
            m_resumeScheduled = true;
            whenQuotaAllows([this] {
                m_resumeScheduled = false;
                fetchNextDetails();
            });
        }
        return;
    }
    while (canStart()) {
        ++m_detailsRunning;
        fetchDetails(m_nextDetail++, 1);
    }
    if (m_detailsRunning == 0 && m_nextDetail >= m_detailQueue.size())
        apply();
}

void SyncJob::fetchDetails(int queueIndex, int attempt)
{
    const ModelRecord model = m_batch.upserts.at(m_upsertIndex.value(m_detailQueue.at(queueIndex).key));
    CatalogDatabase *db = m_database;
    const TreeLookup lookup = [db](const QString &repo, const QString &commit) {
        return CatalogStore(db).tree(repo, commit);
    };
    m_adapter->fetchDetails(model, lookup, this,
                            [this, queueIndex, attempt](const DetailsResult &r) { onDetails(r, queueIndex, attempt); });
}

void SyncJob::onDetails(const DetailsResult &result, int queueIndex, int attempt)
{
    if (m_stopped)
        return;
    noteQuota(result.quotaResetIn);
    const QString key = m_detailQueue.at(queueIndex).key;
    ModelRecord &target = m_batch.upserts[m_upsertIndex.value(key)];
    if (result.error.isError()) {
        if (result.error.isRetryable()) {
            // Refs and branch trees included: a transient error never leaves a tree with
            // branches missing behind; the whole model is asked again.
            const bool retrying = retryLater(result.error, attempt, [this, queueIndex, attempt] {
                whenQuotaAllows([this, queueIndex, attempt] { fetchDetails(queueIndex, attempt + 1); });
            });
            if (!retrying)
                stop(result.error);
            return;
        }
        // This model only (gated, gone): keep its listing data and do not ask again until it
        // changes. A listing without a commit still needs a mark that is not empty.
        target.detailsCommit = target.headCommit.isEmpty() ? QStringLiteral("unavailable") : target.headCommit;
        m_state.counts.problems << QStringLiteral("%1: %2").arg(key, result.error.message);
    } else {
        const QString fingerprint = target.fingerprint;
        target = result.model;
        target.fingerprint = fingerprint;  // the listing decides what "changed" means
        m_batch.trees << result.trees;
        m_state.counts.problems << result.problems;
        ++m_state.counts.detailFetches;
    }
    --m_detailsRunning;
    fetchNextDetails();
}

void SyncJob::apply()
{
    m_batch.at = QDateTime::currentDateTimeUtc();
    // Every page came back byte for byte: membership and page records are what is stored.
    const bool allPagesUnchanged =
        m_state.counts.pagesUnchanged == m_state.counts.pages && m_batch.pages.size() == m_storedPages.size();
    m_batch.membersKnown = !allPagesUnchanged || !m_batch.upserts.isEmpty();
    m_state.elapsedMs = m_clock.elapsed();
    m_batch.outcome = m_state;
    const QString path = m_database->path();
    const SyncBatch batch = m_batch;
    const std::shared_ptr<std::atomic_bool> cancelled = m_cancelled;
    // The transaction runs on a worker thread with its own connection; readers keep going.
    qCDebug(lcSync) << "sync of" << m_source.name << "listing done after" << m_clock.elapsed() << "ms;"
                    << batch.upserts.size() << "models to write";
    Util::whenFinished(
        this, QtConcurrent::run([path, batch, cancelled] { return SyncWriter::apply(path, batch, cancelled.get()); }),
        [this](const ApplyResult &result) {
            if (m_stopped)
                return;  // cancelled: the batch was rolled back
            m_state.elapsedMs = m_clock.elapsed();
            m_state.at = m_batch.at;
            if (!result.ok) {
                m_state.phase = SyncState::Phase::Failed;
                m_state.reason = result.error;
                qCWarning(lcSync) << "sync of" << m_source.name << "not applied:" << result.error;
            } else {
                m_state.phase = SyncState::Phase::Synced;
                m_state.retryInSeconds = 0;
                m_state.counts.added = result.added;
                m_state.counts.changed = result.changed;
                m_state.counts.removed = result.removed;
                qCDebug(lcSync) << "sync of" << m_source.name << "done:" << result.added << "added" << result.changed
                                << "changed" << result.removed << "removed in" << m_state.elapsedMs << "ms";
            }
            Q_EMIT finished(m_state);
        });
}

void SyncJob::noteQuota(std::chrono::milliseconds wait)
{
    if (wait.count() < 0)
        return;
    if (m_quotaResets.hasExpired() || m_quotaResets.remainingTimeAsDuration() < wait) {
        m_quotaResets.setRemainingTime(wait);
        qCDebug(lcSync) << "sync of" << m_source.name << "pauses" << wait.count() << "ms: the hub's quota is spent";
    }
}

void SyncJob::whenQuotaAllows(std::function<void()> step)
{
    if (m_quotaResets.hasExpired()) {
        leaveThrottled();
        step();
        return;
    }
    const std::chrono::milliseconds wait =
        std::chrono::ceil<std::chrono::milliseconds>(m_quotaResets.remainingTimeAsDuration());
    const int seconds = int(std::ceil(double(wait.count()) / 1000.0));
    // Said once per wait (again only if another answer moved the reset later).
    if (m_state.phase != SyncState::Phase::Throttled || m_state.retryInSeconds < seconds) {
        m_state.phase = SyncState::Phase::Throttled;
        m_state.retryInSeconds = seconds;
        Q_EMIT progress(m_state);
    }
    // Checked again when the timer fires: another answer may have moved the reset later.
    QTimer::singleShot(wait, Qt::PreciseTimer, this, [this, step = std::move(step)] {
        if (!m_stopped)
            whenQuotaAllows(step);
    });
}

void SyncJob::leaveThrottled()
{
    if (m_state.phase != SyncState::Phase::Throttled)
        return;
    m_state.phase = SyncState::Phase::Syncing;  // the wait is over
    m_state.retryInSeconds = 0;
    Q_EMIT progress(m_state);
}

bool SyncJob::retryLater(const Net::HttpError &error, int attempt, std::function<void()> again)
{
    if (!error.isRetryable() || attempt >= m_options.maxAttempts)
        return false;
    const Net::Backoff backoff(m_options.backoffBase, m_options.backoffCap);
    const std::chrono::milliseconds delay = backoff.delayFor(attempt, error.retryAfter);
    if (error.kind == Net::ErrorKind::RateLimited) {
        m_state.phase = SyncState::Phase::Throttled;
        m_state.retryInSeconds = int(std::ceil(double(delay.count()) / 1000.0));
        Q_EMIT progress(m_state);
    }
    qCDebug(lcSync) << "sync of" << m_source.name << "retrying in" << delay.count() << "ms after" << error.detail;
    QTimer::singleShot(delay, this, std::move(again));
    return true;
}

void SyncJob::stop(const Net::HttpError &error)
{
    m_stopped = true;
    m_state.elapsedMs = m_clock.elapsed();
    m_state.at = QDateTime::currentDateTimeUtc();
    m_state.reason = error.message;
    // Whatever the hub asked for (Retry-After on a 429 or a 503) is the least the engine waits.
    m_state.retryInSeconds =
        error.retryAfter.count() > 0 ? int(std::ceil(double(error.retryAfter.count()) / 1000.0)) : 0;
    if (error.kind == Net::ErrorKind::RateLimited) {
        // The hub is up and asks for patience: not a failure.
        m_state.phase = SyncState::Phase::Throttled;
    } else {
        const bool unreachable = error.kind == Net::ErrorKind::Network || error.kind == Net::ErrorKind::Timeout;
        m_state.phase = unreachable ? SyncState::Phase::Offline : SyncState::Phase::Failed;
    }
    qCWarning(lcSync) << "sync of" << m_source.name << "stopped:" << error.detail;
    Q_EMIT finished(m_state);
}

}  // namespace Catalog
