#pragma once

#include "source.h"
#include "syncstate.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace Catalog {

class CatalogDatabase;
class HubAdapter;
class SourceStore;
class SyncJob;

// Keeps the catalog in step with the sources: manual refreshes (one source or all), a
// background timer, at most one sync per source at a time, retries with backoff after a
// failure, and no background syncs on a metered connection unless allowed. Source edits go
// through here so the catalog follows them at once.
class SyncEngine : public QObject
{
    Q_OBJECT
public:
    SyncEngine(CatalogDatabase *database, SourceStore *sources, QObject *parent = nullptr);
    ~SyncEngine() override;

    void addAdapter(HubAdapter *adapter);  // one per hub, not owned
    void setOptions(const SyncOptions &options) { m_options = options; }

    // Starts a sync of the source. Returns false when one is already running (that sync
    // covers the request) or the source is unknown or disabled.
    bool refresh(qint64 sourceId);
    int refreshAll();   // number of syncs started
    bool isSyncing(qint64 sourceId) const { return m_jobs.contains(sourceId); }
    bool isBusy() const { return !m_jobs.isEmpty(); }
    SyncState state(qint64 sourceId) const;

    bool addSource(Source *source, QString *error);
    bool updateSource(const Source &source, QString *error);
    bool removeSource(qint64 sourceId, QString *error);

    // Background syncs: every `interval`, and a retry with backoff after a failure.
    void setBackgroundEnabled(bool enabled);
    void setInterval(std::chrono::seconds interval);
    std::chrono::seconds interval() const;
    void setAllowMetered(bool allow) { m_allowMetered = allow; }
    bool isMetered() const;

Q_SIGNALS:
    void stateChanged(qint64 sourceId, const Catalog::SyncState &state);
    void syncFinished(qint64 sourceId, const Catalog::SyncState &state);
    void sourcesChanged();

private:
    void onBackgroundTick();
    void onFinished(qint64 sourceId, const SyncState &state);
    HubAdapter *adapterFor(const Source &source) const;

    CatalogDatabase *m_database;
    SourceStore *m_sources;
    SyncOptions m_options;
    QHash<QString, HubAdapter *> m_adapters;
    QHash<qint64, SyncJob *> m_jobs;
    QHash<qint64, SyncState> m_states;
    QHash<qint64, int> m_failures;
    QTimer m_timer;
    bool m_background = false;
    bool m_allowMetered = false;
};

} // namespace Catalog
