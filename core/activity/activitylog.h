#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

namespace Activity {

// One thing the user should know happened: a settings change and who made it, an edit of the
// settings file that was refused, an update or a rollback of a model.
struct Event
{
    enum class Level
    {
        Info,
        Warning
    };
    QDateTime time;  // UTC
    QString source;  // "settings", "settings file", "updates"
    QString text;    // a sentence for the user
    Level level = Level::Info;
};

// The user-facing activity log: a bounded list of events, oldest first, that the desktop
// app shows in a dock (through an item model) and that front ends without one print. Log
// categories stay for developers; this is what the user reads. Main thread only.
class ActivityLog : public QObject
{
    Q_OBJECT
public:
    explicit ActivityLog(int capacity = 500, QObject *parent = nullptr);

    void add(const QString &source, const QString &text, Event::Level level = Event::Level::Info);

    int size() const { return int(m_events.size()); }
    int capacity() const { return m_capacity; }
    const Event &at(int row) const { return m_events.at(row); }
    QList<Event> events() const { return m_events; }

Q_SIGNALS:
    void aboutToTrim(int count);  // the `count` oldest events are about to go
    void trimmed(int count);
    void aboutToAdd(int row);
    void added(int row);

private:
    QList<Event> m_events;
    int m_capacity;
};

}  // namespace Activity
