#include "stallprobe.h"

#include <algorithm>

StallProbe::StallProbe(int intervalMs, QObject *parent)
    : QObject(parent)
    , m_interval(intervalMs)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StallProbe::tick);
}

void StallProbe::start()
{
    m_clock.start();
    m_last = -1;
    m_timer.start();
}

void StallProbe::stop()
{
    m_timer.stop();
}

void StallProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_last >= 0) {
        const double stall = std::max(0.0, double(now - m_last) / 1e6 - m_interval);
        m_stalls.append(stall);
        if (stall > m_longest) {
            m_longest = stall;
            m_longestPhase = m_phase;
        }
    }
    m_last = now;
    ++m_ticks;
}

int StallProbe::stallsOver(double ms) const
{
    return int(std::count_if(m_stalls.cbegin(), m_stalls.cend(), [ms](double s) { return s >= ms; }));
}

double StallProbe::percentileMs(double p) const
{
    if (m_stalls.isEmpty())
        return 0;
    QList<double> sorted = m_stalls;
    std::sort(sorted.begin(), sorted.end());
    return sorted.at(std::min<qsizetype>(sorted.size() - 1, qsizetype(double(sorted.size()) * p)));
}
