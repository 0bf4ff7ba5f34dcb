#pragma once

#include "catalogtypes.h"

#include <QDateTime>
#include <QMetaType>

#include <chrono>

namespace Catalog {

// Where one source's sync stands, as a value the UI and the CLI can show at any time.
struct SyncState
{
    enum class Phase {
        Idle,        // never synced in this run
        Syncing,     // pagesDone pages read so far
        Synced,      // at `at`, with counts
        Offline,     // hub unreachable; the cached catalog is in use
        Throttled,   // the hub asked us to wait; retry in retryInSeconds
        Failed,      // reason says why; the previous catalog is intact
    };

    Phase phase = Phase::Idle;
    int pagesDone = 0;
    int modelsSeen = 0;
    QDateTime at;               // when the last sync finished (Synced) or stopped
    int retryInSeconds = 0;
    QString reason;
    SyncCounts counts;
    qint64 elapsedMs = 0;

    static QString phaseName(Phase phase);   // "syncing", "synced", …
    QString describe() const;                // one sentence
};

// Tuning for the sync engine; tests shorten the waits.
struct SyncOptions
{
    int maxAttempts = 4;                                    // per request
    std::chrono::milliseconds backoffBase{1000};
    std::chrono::milliseconds backoffCap{30000};
    int eagerDetailsMaxSourceSize = 300;   // sources listing up to this many models get trees during sync
    int maxDetailFetches = 300;            // per sync
    int detailConcurrency = 4;
};

} // namespace Catalog

Q_DECLARE_METATYPE(Catalog::SyncState)
