#include "syncstate.h"

namespace Catalog {

QString SyncState::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Idle: return QStringLiteral("idle");
    case Phase::Syncing: return QStringLiteral("syncing");
    case Phase::Synced: return QStringLiteral("synced");
    case Phase::Offline: return QStringLiteral("offline");
    case Phase::Throttled: return QStringLiteral("throttled");
    case Phase::Failed: return QStringLiteral("failed");
    }
    return {};
}

QString SyncState::describe() const
{
    switch (phase) {
    case Phase::Idle:
        return QStringLiteral("Not synced yet.");
    case Phase::Syncing:
        return QStringLiteral("Syncing: %1 pages, %2 models so far.").arg(pagesDone).arg(modelsSeen);
    case Phase::Synced:
        return QStringLiteral("Synced at %1: %2 added, %3 changed, %4 removed.")
            .arg(at.toLocalTime().toString(Qt::ISODate))
            .arg(counts.added)
            .arg(counts.changed)
            .arg(counts.removed);
    case Phase::Offline:
        return QStringLiteral("Offline, using the cached catalog: %1").arg(reason);
    case Phase::Throttled:
        return QStringLiteral("The hub asked to slow down; retrying in %1 s.").arg(retryInSeconds);
    case Phase::Failed:
        return QStringLiteral("Sync failed, the previous catalog is kept: %1").arg(reason);
    }
    return {};
}

} // namespace Catalog
