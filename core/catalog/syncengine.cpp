#include "syncengine.h"

#include "catalogdatabase.h"
#include "hubadapter.h"
#include "net/backoff.h"
#include "sourcestore.h"
#include "sourcewatcher.h"
#include "syncjob.h"
#include "util/logging.h"

#include <QNetworkInformation>

#include <cmath>

namespace Catalog {

SyncEngine::SyncEngine(CatalogDatabase *database, SourceStore *sources, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_sources(sources)
    , m_watcher(new SourceWatcher(database, sources, this))
    , m_meteredProbe(&SyncEngine::queryNetworkInformation)
{
    qRegisterMetaType<Catalog::SyncState>();
    m_timer.setInterval(std::chrono::hours(6));
    connect(&m_timer, &QTimer::timeout, this, &SyncEngine::onBackgroundTick);
    connect(m_watcher, &SourceWatcher::sourcesChanged, this, &SyncEngine::onOutsideChanges);
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::addAdapter(HubAdapter *adapter)
{
    m_hubs.add(adapter);
}

SyncState SyncEngine::state(qint64 sourceId) const
{
    const auto it = m_states.constFind(sourceId);
    if (it != m_states.cend())
        return *it;
    return m_sources->lastOutcome(sourceId);  // nothing this run: what the catalog remembers
}

bool SyncEngine::refresh(qint64 sourceId)
{
    if (m_jobs.contains(sourceId))
        return false;  // the running sync answers this request too
    const std::optional<Source> source = m_sources->source(sourceId);
    if (!source || !source->enabled)
        return false;
    HubAdapter *adapter = m_hubs.forSource(*source);
    if (!adapter) {
        qCWarning(lcSync) << "no adapter for the source kind" << source->kind;
        return false;
    }
    if (QTimer *pending = m_retries.take(sourceId))
        pending->deleteLater();  // this sync is the retry
    auto *job = new SyncJob(*source, adapter, m_database, m_options, this);
    m_jobs.insert(sourceId, job);
    connect(job, &SyncJob::progress, this, [this, sourceId](const SyncState &s) {
        m_states.insert(sourceId, s);
        Q_EMIT stateChanged(sourceId, s);
    });
    connect(job, &SyncJob::finished, this, [this, sourceId](const SyncState &s) { onFinished(sourceId, s); });
    job->start();
    return true;
}

int SyncEngine::refreshAll()
{
    int started = 0;
    for (const Source &s : m_sources->sources())
        started += refresh(s.id) ? 1 : 0;
    return started;
}

bool SyncEngine::startBackground(qint64 sourceId, const char *why)
{
    if (!m_allowMetered && isMetered()) {
        qCDebug(lcSync) << "sync of source" << sourceId << "(" << why << ") skipped: the connection is metered";
        Q_EMIT backgroundSyncSkipped(sourceId);
        return false;
    }
    return refresh(sourceId);
}

void SyncEngine::onFinished(qint64 sourceId, const SyncState &finished)
{
    if (SyncJob *job = m_jobs.take(sourceId))
        job->deleteLater();
    SyncState state = finished;
    if (state.phase == SyncState::Phase::Synced) {
        m_failures.remove(sourceId);
    } else {
        const int failures = ++m_failures[sourceId];
        if (m_background) {
            // Back off exponentially up to the cap so a broken hub is not hammered, and
            // never sooner than the hub itself asked.
            const Net::Backoff backoff(m_options.retryBase, m_options.retryCap);
            const std::chrono::milliseconds delay =
                backoff.delayFor(failures, std::chrono::seconds(qMax(0, state.retryInSeconds)));
            state.retryInSeconds = int(std::ceil(double(delay.count()) / 1000.0));
            auto *timer = new QTimer(this);
            timer->setSingleShot(true);
            connect(timer, &QTimer::timeout, this, [this, sourceId, timer] {
                if (m_retries.value(sourceId) == timer)
                    m_retries.remove(sourceId);
                timer->deleteLater();
                if (m_background)
                    startBackground(sourceId, "retry");
            });
            if (QTimer *old = m_retries.take(sourceId))
                old->deleteLater();
            m_retries.insert(sourceId, timer);
            timer->start(delay);
        }
        QString error;
        if (!m_sources->recordFailure(sourceId, state, &error))
            qCWarning(lcSync) << "cannot record the failed sync:" << error;
    }
    m_states.insert(sourceId, state);
    Q_EMIT stateChanged(sourceId, state);
    Q_EMIT syncFinished(sourceId, state);
}

void SyncEngine::cancelJob(qint64 sourceId)
{
    if (SyncJob *job = m_jobs.take(sourceId)) {
        // Its pending callbacks go with it, and a batch being written is rolled back.
        job->cancel();
        job->disconnect(this);
        job->deleteLater();
    }
    if (QTimer *pending = m_retries.take(sourceId))
        pending->deleteLater();
    m_failures.remove(sourceId);
}

bool SyncEngine::addSource(Source *source, QString *error)
{
    if (const QString why = m_hubs.sourceProblem(*source); !why.isEmpty()) {
        *error = why;
        return false;
    }
    if (!m_sources->add(source, error))
        return false;
    m_watcher->acknowledge();
    Q_EMIT sourcesChanged();
    startBackground(source->id, "source added");
    return true;
}

bool SyncEngine::updateSource(const Source &source, QString *error)
{
    if (const QString why = m_hubs.sourceProblem(source); !why.isEmpty()) {
        *error = why;
        return false;
    }
    // A sync of the old definition would store the wrong models: stop it first.
    const bool wasSyncing = m_jobs.contains(source.id);
    cancelJob(source.id);
    if (!m_sources->update(source, error)) {
        if (wasSyncing)
            refresh(source.id);
        return false;
    }
    m_watcher->acknowledge();
    m_states.remove(source.id);
    Q_EMIT sourcesChanged();
    startBackground(source.id, "source edited");
    return true;
}

bool SyncEngine::removeSource(qint64 sourceId, QString *error)
{
    cancelJob(sourceId);
    if (!m_sources->remove(sourceId, error))
        return false;
    m_watcher->acknowledge();
    m_states.remove(sourceId);
    Q_EMIT sourcesChanged();
    return true;
}

void SyncEngine::onOutsideChanges(const QList<qint64> &added, const QList<qint64> &edited, const QList<qint64> &removed)
{
    for (qint64 id : removed) {
        cancelJob(id);
        m_states.remove(id);
    }
    for (qint64 id : edited) {
        // The CLI already stored the new definition (and dropped the old pages).
        cancelJob(id);
        m_states.remove(id);
    }
    Q_EMIT sourcesChanged();
    for (qint64 id : added + edited)
        startBackground(id, "source changed outside");
}

void SyncEngine::setBackgroundEnabled(bool enabled)
{
    if (enabled == m_background)
        return;
    m_background = enabled;
    if (enabled) {
        m_timer.start();
        m_watcher->start();  // what is stored now is known; later changes by others are news
    } else {
        m_timer.stop();
        m_watcher->stop();
    }
}

void SyncEngine::setInterval(std::chrono::seconds interval)
{
    m_timer.setInterval(std::max(interval, std::chrono::seconds(1)));
}

std::chrono::seconds SyncEngine::interval() const
{
    return std::chrono::duration_cast<std::chrono::seconds>(m_timer.intervalAsDuration());
}

QDateTime SyncEngine::nextBackgroundSync() const
{
    if (!m_background || !m_timer.isActive())
        return {};
    return QDateTime::currentDateTimeUtc().addMSecs(qMax(0, m_timer.remainingTime()));
}

void SyncEngine::scheduleStartupSync(std::chrono::milliseconds delay)
{
    QTimer::singleShot(delay, this, [this] {
        if (!m_background)
            return;  // a catch-up is a background sync: off when those are off
        const QDateTime due = QDateTime::currentDateTimeUtc().addSecs(-interval().count());
        for (const Source &s : m_sources->sources()) {
            const SyncState last = m_sources->lastSuccess(s.id);
            if (s.enabled && (!last.at.isValid() || last.at < due))
                startBackground(s.id, "startup");
        }
    });
}

void SyncEngine::setWatchInterval(std::chrono::milliseconds interval)
{
    m_watcher->setInterval(interval);
}

bool SyncEngine::isMetered() const
{
    return m_meteredProbe && m_meteredProbe();
}

bool SyncEngine::queryNetworkInformation()
{
    // Without a backend that reports metering we cannot know, and assume not metered.
    if (!QNetworkInformation::instance())
        QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Metered);
    QNetworkInformation *info = QNetworkInformation::instance();
    return info && info->supports(QNetworkInformation::Feature::Metered) && info->isMetered();
}

void SyncEngine::onBackgroundTick()
{
    for (const Source &s : m_sources->sources()) {
        if (s.enabled)
            startBackground(s.id, "timer");
    }
}

}  // namespace Catalog
