#include "syncengine.h"

#include "catalogdatabase.h"
#include "hubadapter.h"
#include "net/backoff.h"
#include "sourcestore.h"
#include "syncjob.h"
#include "util/logging.h"

#include <QNetworkInformation>

namespace Catalog {

SyncEngine::SyncEngine(CatalogDatabase *database, SourceStore *sources, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_sources(sources)
{
    qRegisterMetaType<Catalog::SyncState>();
    m_timer.setInterval(std::chrono::hours(6));
    connect(&m_timer, &QTimer::timeout, this, &SyncEngine::onBackgroundTick);
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::addAdapter(HubAdapter *adapter)
{
    m_adapters.insert(adapter->hub(), adapter);
}

HubAdapter *SyncEngine::adapterFor(const Source &source) const
{
    return m_adapters.value(source.hub());
}

SyncState SyncEngine::state(qint64 sourceId) const
{
    const auto it = m_states.constFind(sourceId);
    if (it != m_states.cend())
        return *it;
    // Nothing this run: report what the catalog remembers.
    SyncState s;
    const QDateTime last = m_sources->lastSyncAt(sourceId);
    if (last.isValid()) {
        s.phase = SyncState::Phase::Synced;
        s.at = last;
        s.reason = m_sources->lastResult(sourceId);
    }
    return s;
}

bool SyncEngine::refresh(qint64 sourceId)
{
    if (m_jobs.contains(sourceId))
        return false;  // the running sync answers this request too
    const std::optional<Source> source = m_sources->source(sourceId);
    if (!source || !source->enabled)
        return false;
    HubAdapter *adapter = adapterFor(*source);
    if (!adapter) {
        qCWarning(lcSync) << "no adapter for hub" << source->hub();
        return false;
    }
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

void SyncEngine::onFinished(qint64 sourceId, const SyncState &state)
{
    if (SyncJob *job = m_jobs.take(sourceId))
        job->deleteLater();
    m_states.insert(sourceId, state);
    const bool failed = state.phase == SyncState::Phase::Failed || state.phase == SyncState::Phase::Offline;
    if (failed) {
        const int failures = ++m_failures[sourceId];
        if (m_background) {
            // Back off exponentially up to an hour so a broken hub is not hammered.
            const Net::Backoff backoff(std::chrono::seconds(30), std::chrono::hours(1));
            QTimer::singleShot(backoff.delayFor(failures), this, [this, sourceId] {
                if (m_background)
                    refresh(sourceId);
            });
        }
    } else {
        m_failures.remove(sourceId);
    }
    Q_EMIT stateChanged(sourceId, state);
    Q_EMIT syncFinished(sourceId, state);
}

bool SyncEngine::addSource(Source *source, QString *error)
{
    if (!m_sources->add(source, error))
        return false;
    Q_EMIT sourcesChanged();
    if (m_background)
        refresh(source->id);
    return true;
}

bool SyncEngine::updateSource(const Source &source, QString *error)
{
    if (m_jobs.contains(source.id)) {
        *error = QStringLiteral("The source \"%1\" is syncing; change it when the sync is done.").arg(source.name);
        return false;
    }
    if (!m_sources->update(source, error))
        return false;
    Q_EMIT sourcesChanged();
    if (m_background)
        refresh(source.id);
    return true;
}

bool SyncEngine::removeSource(qint64 sourceId, QString *error)
{
    if (SyncJob *job = m_jobs.take(sourceId)) {
        // Dropping the job drops its pending callbacks; nothing of it is applied.
        job->disconnect(this);
        job->deleteLater();
    }
    if (!m_sources->remove(sourceId, error))
        return false;
    m_states.remove(sourceId);
    Q_EMIT sourcesChanged();
    return true;
}

void SyncEngine::setBackgroundEnabled(bool enabled)
{
    m_background = enabled;
    if (enabled)
        m_timer.start();
    else
        m_timer.stop();
}

void SyncEngine::setInterval(std::chrono::seconds interval)
{
    m_timer.setInterval(std::max(interval, std::chrono::seconds(1)));
}

std::chrono::seconds SyncEngine::interval() const
{
    return std::chrono::duration_cast<std::chrono::seconds>(m_timer.intervalAsDuration());
}

bool SyncEngine::isMetered() const
{
    // Without a backend that reports metering we cannot know, and assume not metered.
    if (!QNetworkInformation::instance())
        QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Metered);
    QNetworkInformation *info = QNetworkInformation::instance();
    return info && info->supports(QNetworkInformation::Feature::Metered) && info->isMetered();
}

void SyncEngine::onBackgroundTick()
{
    if (!m_allowMetered && isMetered()) {
        qCDebug(lcSync) << "background sync skipped: the connection is metered";
        return;
    }
    refreshAll();
}

} // namespace Catalog
