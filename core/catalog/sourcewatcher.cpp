#include "sourcewatcher.h"

#include "catalogdatabase.h"
#include "sourcestore.h"
#include "util/logging.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace Catalog {

SourceWatcher::SourceWatcher(CatalogDatabase *database, SourceStore *sources, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_sources(sources)
{
    m_timer.setInterval(std::chrono::seconds(2));
    connect(&m_timer, &QTimer::timeout, this, &SourceWatcher::check);
}

void SourceWatcher::start()
{
    acknowledge();
    m_timer.start();
}

qint64 SourceWatcher::dataVersion() const
{
    QSqlQuery q(m_database->connection());
    if (q.exec(QStringLiteral("PRAGMA data_version")) && q.next())
        return q.value(0).toLongLong();
    return -1;
}

QHash<qint64, QByteArray> SourceWatcher::snapshot() const
{
    QHash<qint64, QByteArray> out;
    for (const Source &s : m_sources->sources())
        out.insert(s.id, QJsonDocument(s.toJson()).toJson(QJsonDocument::Compact));
    return out;
}

void SourceWatcher::acknowledge()
{
    m_version = dataVersion();
    m_seen = snapshot();
}

void SourceWatcher::check()
{
    const qint64 version = dataVersion();
    if (version == m_version)
        return;
    // Most commits are syncs writing models; only a difference in the sources is news.
    m_version = version;
    const QHash<qint64, QByteArray> now = snapshot();
    QList<qint64> added, edited, removed;
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        const auto before = m_seen.constFind(it.key());
        if (before == m_seen.cend())
            added << it.key();
        else if (*before != it.value())
            edited << it.key();
    }
    for (auto it = m_seen.cbegin(); it != m_seen.cend(); ++it) {
        if (!now.contains(it.key()))
            removed << it.key();
    }
    m_seen = now;
    if (added.isEmpty() && edited.isEmpty() && removed.isEmpty())
        return;
    qCDebug(lcSync) << "sources changed outside:" << added.size() << "added," << edited.size() << "edited,"
                    << removed.size() << "removed";
    Q_EMIT sourcesChanged(added, edited, removed);
}

}  // namespace Catalog
