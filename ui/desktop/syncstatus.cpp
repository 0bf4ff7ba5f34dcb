#include "syncstatus.h"

#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "sourcesmodel.h"

#include <QAbstractItemModel>
#include <QLabel>

#include <cmath>

namespace Ui {

namespace {
// A quarter second: a countdown never skips a second, even when a coarse timer fires late.
constexpr int kFastTickMs = 250;
constexpr int kSlowTickMs = 30000;

QString separator()
{
    return QStringLiteral(" · ");
}
}  // namespace

SyncStatus::SyncStatus(Catalog::SyncEngine *engine, Catalog::SourceStore *sources, QLabel *label, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_sources(sources)
    , m_label(label)
{
    connect(m_engine, &Catalog::SyncEngine::stateChanged, this, &SyncStatus::onStateChanged);
    connect(m_engine, &Catalog::SyncEngine::syncFinished, this, &SyncStatus::update);
    connect(m_engine, &Catalog::SyncEngine::sourcesChanged, this, &SyncStatus::update);
    connect(&m_tick, &QTimer::timeout, this, &SyncStatus::update);
    update();
}

void SyncStatus::setSourcesModel(QAbstractItemModel *model)
{
    m_sourcesModel = model;
    if (!model)
        return;
    connect(model, &QAbstractItemModel::dataChanged, this, &SyncStatus::update);
    connect(model, &QAbstractItemModel::modelReset, this, &SyncStatus::update);
    update();
}

void SyncStatus::onStateChanged(qint64 sourceId, const Catalog::SyncState &state)
{
    // The engine says "in 40 s" once; the countdown is ours.
    if (state.phase == Catalog::SyncState::Phase::Throttled && state.retryInSeconds > 0)
        m_retryAt.insert(sourceId, QDateTime::currentDateTimeUtc().addSecs(state.retryInSeconds));
    else
        m_retryAt.remove(sourceId);
    update();
}

int SyncStatus::unseenNew() const
{
    if (!m_sourcesModel)
        return 0;
    int total = 0;
    for (int row = 1; row < m_sourcesModel->rowCount(); ++row)
        total += m_sourcesModel->index(row, 0).data(SourcesModel::NewCountRole).toInt();
    return total;
}

QString SyncStatus::text() const
{
    QList<SourceLine> lines;
    for (const Catalog::Source &source : m_sources->sources()) {
        if (!source.enabled)
            continue;
        lines << SourceLine{source.name, m_engine->state(source.id), m_retryAt.value(source.id)};
        if (!lines.last().state.at.isValid() && lines.last().state.phase == Catalog::SyncState::Phase::Idle)
            lines.last().state.at = m_sources->lastSyncAt(source.id);
    }
    return compose(lines, unseenNew(), m_engine->nextBackgroundSync(), QDateTime::currentDateTimeUtc());
}

void SyncStatus::update()
{
    m_label->setText(text());
    bool busy = false;
    for (const Catalog::Source &source : m_sources->sources())
        busy = busy || m_engine->isSyncing(source.id);
    const int interval = busy || !m_retryAt.isEmpty() ? kFastTickMs : kSlowTickMs;
    if (!m_tick.isActive() || m_tick.interval() != interval)
        m_tick.start(interval);
}

QString SyncStatus::compose(const QList<SourceLine> &sources, int unseenNew, const QDateTime &nextSync,
                            const QDateTime &now)
{
    using Phase = Catalog::SyncState::Phase;
    // A wait the hub asked for comes first: it explains why nothing moves.
    for (const SourceLine &source : sources) {
        if (source.state.phase != Phase::Throttled)
            continue;
        // Rounded up: "in 3 s" until the last moment of the third second.
        const qint64 left = source.retryAt.isValid() ? (std::max<qint64>(0, now.msecsTo(source.retryAt)) + 999) / 1000
                                                     : source.state.retryInSeconds;
        if (left > 0)
            return tr("Hub is rate-limiting, retrying in %n s", nullptr, int(left));
        return tr("Hub is rate-limiting, retrying now");
    }
    for (const SourceLine &source : sources) {
        if (source.state.phase != Phase::Syncing)
            continue;
        const Catalog::SyncState &s = source.state;
        // No translation files ship yet, so plural forms are spelled out rather than "page(s)".
        if (s.pagesTotal > 1)
            return tr("Syncing %1… %2/%3 pages")
                .arg(source.name)
                .arg(qMin(s.pagesDone, s.pagesTotal))
                .arg(s.pagesTotal);
        if (s.pagesTotal == 1)
            return tr("Syncing %1… %2/1 page").arg(source.name).arg(qMin(s.pagesDone, 1));
        if (s.pagesDone > 1)
            return tr("Syncing %1… %2 pages").arg(source.name).arg(s.pagesDone);
        if (s.pagesDone == 1)
            return tr("Syncing %1… 1 page").arg(source.name);
        return tr("Syncing %1…").arg(source.name);
    }
    int offline = 0;
    int known = 0;
    QDateTime newest;
    const SourceLine *failed = nullptr;
    for (const SourceLine &source : sources) {
        switch (source.state.phase) {
        case Phase::Offline:
            ++offline;
            ++known;
            break;
        case Phase::Failed:
            ++known;
            if (!failed)
                failed = &source;
            break;
        case Phase::Synced:
            ++known;
            if (!newest.isValid() || source.state.at > newest)
                newest = source.state.at;
            break;
        case Phase::Idle:
            if (source.state.at.isValid() && (!newest.isValid() || source.state.at > newest))
                newest = source.state.at;
            break;
        default:
            break;
        }
    }
    if (known > 0 && offline == known)
        return tr("Offline — showing cached catalog");
    if (failed) {
        const QString reason = failed->state.reason.isEmpty() ? tr("no reason given") : failed->state.reason;
        return tr("Sync of %1 failed: %2").arg(failed->name, reason);
    }
    if (!newest.isValid())
        return tr("Catalog not synced yet");
    const qint64 minutes = newest.secsTo(now) / 60;
    QString text = minutes < 1 ? tr("Synced just now") : tr("Synced %n min ago", nullptr, int(minutes));
    if (unseenNew > 0)
        text += separator() + tr("%n new", nullptr, unseenNew);
    if (offline > 0)
        text += separator() + (offline == 1 ? tr("1 source offline") : tr("%1 sources offline").arg(offline));
    if (nextSync.isValid()) {
        const qint64 next = std::max<qint64>(0, now.secsTo(nextSync));
        const int nextMinutes = int(std::ceil(double(next) / 60.0));
        text += separator() + (nextMinutes <= 1 ? tr("next in 1 min") : tr("next in %n min", nullptr, nextMinutes));
    }
    return text;
}

}  // namespace Ui
