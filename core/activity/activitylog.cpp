#include "activitylog.h"

namespace Activity {

ActivityLog::ActivityLog(int capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(qMax(1, capacity))
{
}

void ActivityLog::add(const QString &source, const QString &text, Event::Level level)
{
    // The oldest go first, before the new one arrives, so a view never holds more than
    // `capacity` rows.
    if (m_events.size() >= m_capacity) {
        const int excess = int(m_events.size()) - m_capacity + 1;
        Q_EMIT aboutToTrim(excess);
        m_events.remove(0, excess);
        Q_EMIT trimmed(excess);
    }
    const int row = int(m_events.size());
    Q_EMIT aboutToAdd(row);
    m_events.append(Event{QDateTime::currentDateTimeUtc(), source, text, level});
    Q_EMIT added(row);
}

}  // namespace Activity
