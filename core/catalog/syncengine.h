#pragma once

#include "hubregistry.h"
#include "source.h"
#include "syncstate.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace Catalog {

class CatalogDatabase;
class HubAdapter;
class SourceStore;
class SourceWatcher;
class SyncJob;

// Keeps the catalog in step with the sources: manual refreshes (one source or all), a
// background timer, at most one sync per source at a time, retries with backoff after a
// failure, and no background syncs on a metered connection unless allowed. Source edits go
// through here; while background syncing is on, sources another process (the CLI) adds,
// edits or removes are noticed too. Either way the catalog follows them at once.
class SyncEngine : public QObject
{
    Q_OBJECT
public:
    SyncEngine(CatalogDatabase *database, SourceStore *sources, QObject *parent = nullptr);
    ~SyncEngine() override;

    void addAdapter(HubAdapter *adapter);  // one per hub, not owned
    const HubRegistry &hubs() const { return m_hubs; }
    void setOptions(const SyncOptions &options) { m_options = options; }

    // Starts a sync of the source now, whatever the connection: a person asked. Returns
    // false when one is already running (that sync covers the request) or the source is
    // unknown or disabled.
    bool refresh(qint64 sourceId);
    int refreshAll();  // number of syncs started
    bool isSyncing(qint64 sourceId) const { return m_jobs.contains(sourceId); }
    bool isBusy() const { return !m_jobs.isEmpty(); }
    // This run's state of the source, or what the catalog remembers of its last sync.
    SyncState state(qint64 sourceId) const;

    // Each change is checked by the source kind's adapter, stored, and followed by a sync of
    // that source (subject to the metered rule). An edit during a sync cancels it and syncs
    // the new definition; a removal takes the models only it listed with it.
    bool addSource(Source *source, QString *error);
    bool updateSource(const Source &source, QString *error);
    bool removeSource(qint64 sourceId, QString *error);

    // Background syncs: every `interval`, a retry with backoff after a failure, and a sync of
    // every source changed by another process.
    void setBackgroundEnabled(bool enabled);
    void setInterval(std::chrono::seconds interval);
    std::chrono::seconds interval() const;
    // When the background timer syncs every source next; invalid while background syncs are off.
    QDateTime nextBackgroundSync() const;
    // A first background sync `delay` after start, of every source whose last success is
    // older than the interval (or that never synced), instead of waiting a whole interval;
    // skipped when background syncs are off by then.
    void scheduleStartupSync(std::chrono::milliseconds delay = std::chrono::seconds(3));

    // Syncs the engine starts by itself (timer, retries, after a source change) are skipped
    // on a metered connection unless allowed. The probe answers "is it metered?";
    // QNetworkInformation by default.
    void setAllowMetered(bool allow) { m_allowMetered = allow; }
    void setMeteredProbe(std::function<bool()> probe) { m_meteredProbe = std::move(probe); }
    bool isMetered() const;
    // How often sources changed by another process are looked for (2 s by default).
    void setWatchInterval(std::chrono::milliseconds interval);

Q_SIGNALS:
    void stateChanged(qint64 sourceId, const Catalog::SyncState &state);
    void syncFinished(qint64 sourceId, const Catalog::SyncState &state);
    void sourcesChanged();
    // A sync the engine would have started by itself was not, because the connection is metered.
    void backgroundSyncSkipped(qint64 sourceId);

private:
    // The one way the engine starts a sync by itself: checks the metered rule first.
    bool startBackground(qint64 sourceId, const char *why);
    void onBackgroundTick();
    void onFinished(qint64 sourceId, const SyncState &finished);
    void onOutsideChanges(const QList<qint64> &added, const QList<qint64> &edited, const QList<qint64> &removed);
    void cancelJob(qint64 sourceId);
    static bool queryNetworkInformation();

    CatalogDatabase *m_database;
    SourceStore *m_sources;
    SourceWatcher *m_watcher;
    SyncOptions m_options;
    HubRegistry m_hubs;
    QHash<qint64, SyncJob *> m_jobs;
    QHash<qint64, SyncState> m_states;
    QHash<qint64, int> m_failures;
    QHash<qint64, QTimer *> m_retries;
    QTimer m_timer;
    bool m_background = false;
    bool m_allowMetered = false;
    std::function<bool()> m_meteredProbe;
};

}  // namespace Catalog
