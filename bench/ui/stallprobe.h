#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

// Measures how long the UI thread is kept from its event loop: a precise timer fires every
// interval, and any gap beyond the interval is a stall. The label of the scripted step that
// was running is kept with the longest one, so a regression names its cause.
class StallProbe : public QObject
{
    Q_OBJECT
public:
    explicit StallProbe(int intervalMs = 5, QObject *parent = nullptr);

    void start();
    void stop();
    void setPhase(const QString &phase) { m_phase = phase; }

    double longestMs() const { return m_longest; }
    QString longestPhase() const { return m_longestPhase; }
    int ticks() const { return m_ticks; }
    int stallsOver(double ms) const;
    double percentileMs(double p) const;

private:
    void tick();

    int m_interval;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    double m_longest = 0;
    QString m_phase;
    QString m_longestPhase;
    int m_ticks = 0;
    QList<double> m_stalls;
};
