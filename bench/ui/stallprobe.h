#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

// CPU time the calling thread has used, in nanoseconds.
qint64 threadCpuNs();

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
    // UI-thread CPU time spent inside the longest stall: near the stall, our code was busy;
    // near zero, the thread was not scheduled (another process had the cores) or waited.
    double longestBusyMs() const { return m_longestBusy; }
    // Time inside the longest stall the thread was runnable but waited for a core (Linux
    // schedstat): load from other processes, not this program.
    double longestRunQueueMs() const { return m_longestQueue; }
    // The longest stall less its run-queue wait: what this program itself cost (its own work,
    // and waiting for disk or locks).
    double longestOwnMs() const { return m_longestOwn; }
    QString longestOwnPhase() const { return m_longestOwnPhase; }
    // The most CPU time the thread spent between two ticks: the longest stretch of this
    // program's own computing without a return to the event loop.
    double longestCpuMs() const { return m_longestCpu; }
    // Whether the run-queue figures are real (Linux schedstat readable).
    bool hasSchedulerStats() const;
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
    qint64 m_lastCpu = 0;
    qint64 m_lastQueue = 0;
    double m_longestQueue = 0;
    double m_longestOwn = 0;
    double m_longestCpu = 0;
    QString m_longestOwnPhase;
    double m_longest = 0;
    double m_longestBusy = 0;
    QString m_phase;
    QString m_longestPhase;
    int m_ticks = 0;
    QList<double> m_stalls;
};
