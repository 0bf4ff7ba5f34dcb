#pragma once

#include "catalogtypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

#include <chrono>

namespace Catalog {

// Where one source's sync stands, as a value the UI and the CLI can show at any time.
struct SyncState
{
    enum class Phase
    {
        Idle,       // never synced in this run
        Syncing,    // pagesDone pages read so far
        Synced,     // at `at`, with counts
        Offline,    // hub unreachable; the cached catalog is in use
        Throttled,  // the hub asked us to wait; retry in retryInSeconds
        Failed,     // reason says why; the previous catalog is intact
    };

    Phase phase = Phase::Idle;
    int pagesDone = 0;
    int pagesTotal = 0;  // syncing: pages the source had last time; 0 when unknown
    int modelsSeen = 0;
    QDateTime at;            // when the last sync finished (Synced) or stopped
    int retryInSeconds = 0;  // throttled: the hub's wait; offline/failed: the next background try
    QString reason;
    SyncCounts counts;
    qint64 elapsedMs = 0;

    static QString phaseName(Phase phase);  // "syncing", "synced", …
    static Phase phaseFromName(const QString &name);
    QString describe() const;  // one sentence

    // What the catalog keeps of a finished sync (phase, time, counts, reason, the first
    // problems), so the state after a restart is the state before it.
    QJsonObject toJson() const;
    static SyncState fromJson(const QJsonObject &json);
};

// Tuning for the sync engine; tests shorten the waits.
struct SyncOptions
{
    int maxAttempts = 4;  // per request
    std::chrono::milliseconds backoffBase{1000};
    std::chrono::milliseconds backoffCap{30000};
    int eagerDetailsMaxSourceSize = 300;  // sources listing up to this many models get trees during sync
    int maxDetailFetches = 300;           // per sync
    int detailConcurrency = 4;
    // The engine's own retry of a source whose sync failed (after the per-request attempts):
    // exponential from base to cap, never sooner than the hub asked.
    std::chrono::milliseconds retryBase{std::chrono::seconds(30)};
    std::chrono::milliseconds retryCap{std::chrono::hours(1)};
};

}  // namespace Catalog

Q_DECLARE_METATYPE(Catalog::SyncState)
