#include "syncstate.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Catalog {

namespace {
QString retryNote(int seconds)
{
    return seconds > 0 ? QCoreApplication::translate("Catalog::SyncState", " Trying again in %1 s.").arg(seconds)
                       : QString();
}
}  // namespace

QString SyncState::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Idle:
        return QStringLiteral("idle");
    case Phase::Syncing:
        return QStringLiteral("syncing");
    case Phase::Synced:
        return QStringLiteral("synced");
    case Phase::Offline:
        return QStringLiteral("offline");
    case Phase::Throttled:
        return QStringLiteral("throttled");
    case Phase::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

SyncState::Phase SyncState::phaseFromName(const QString &name)
{
    for (Phase p : {Phase::Idle, Phase::Syncing, Phase::Synced, Phase::Offline, Phase::Throttled, Phase::Failed}) {
        if (phaseName(p) == name)
            return p;
    }
    return Phase::Idle;
}

QString SyncState::describe() const
{
    switch (phase) {
    case Phase::Idle:
        return QCoreApplication::translate("Catalog::SyncState", "Not synced yet.");
    case Phase::Syncing:
        return QCoreApplication::translate("Catalog::SyncState", "Syncing: %1 pages, %2 models so far.")
            .arg(pagesDone)
            .arg(modelsSeen);
    case Phase::Synced:
        return QCoreApplication::translate("Catalog::SyncState", "Synced at %1: %2 added, %3 changed, %4 removed.")
            .arg(at.toLocalTime().toString(Qt::ISODate))
            .arg(counts.added)
            .arg(counts.changed)
            .arg(counts.removed);
    case Phase::Offline:
        return QCoreApplication::translate("Catalog::SyncState", "Offline, using the cached catalog: %1%2")
            .arg(reason, retryNote(retryInSeconds));
    case Phase::Throttled:
        if (retryInSeconds > 0)
            return QCoreApplication::translate("Catalog::SyncState", "The hub asked to slow down; retrying in %1 s.")
                .arg(retryInSeconds);
        return QCoreApplication::translate("Catalog::SyncState", "The hub asked to slow down: %1").arg(reason);
    case Phase::Failed:
        return QCoreApplication::translate("Catalog::SyncState", "Sync failed, the previous catalog is kept: %1%2")
            .arg(reason, retryNote(retryInSeconds));
    }
    return {};
}

QJsonObject SyncState::toJson() const
{
    QJsonObject o{{QStringLiteral("state"), phaseName(phase)},
                  {QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("added"), counts.added},
                  {QStringLiteral("changed"), counts.changed},
                  {QStringLiteral("removed"), counts.removed},
                  {QStringLiteral("unchanged"), counts.unchanged},
                  {QStringLiteral("rejected"), counts.rejected},
                  {QStringLiteral("pages"), counts.pages},
                  {QStringLiteral("seconds"), double(elapsedMs) / 1000.0}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (!counts.problems.isEmpty())  // enough to say what went wrong, not a log
        o.insert(QStringLiteral("problems"), QJsonArray::fromStringList(counts.problems.mid(0, 20)));
    return o;
}

SyncState SyncState::fromJson(const QJsonObject &json)
{
    SyncState s;
    s.phase = phaseFromName(json.value(QLatin1String("state")).toString());
    s.at = QDateTime::fromString(json.value(QLatin1String("at")).toString(), Qt::ISODateWithMs);
    s.counts.added = json.value(QLatin1String("added")).toInt();
    s.counts.changed = json.value(QLatin1String("changed")).toInt();
    s.counts.removed = json.value(QLatin1String("removed")).toInt();
    s.counts.unchanged = json.value(QLatin1String("unchanged")).toInt();
    s.counts.rejected = json.value(QLatin1String("rejected")).toInt();
    s.counts.pages = json.value(QLatin1String("pages")).toInt();
    s.elapsedMs = qint64(json.value(QLatin1String("seconds")).toDouble() * 1000.0);
    s.reason = json.value(QLatin1String("reason")).toString();
    for (const QJsonValue &p : json.value(QLatin1String("problems")).toArray())
        s.counts.problems << p.toString();
    return s;
}

}  // namespace Catalog
