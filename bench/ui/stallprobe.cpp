#include "stallprobe.h"

#include <algorithm>
#include <cstdio>
#include <time.h>

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

namespace {
// Nanoseconds this thread has spent runnable but waiting for a CPU; 0 where unknown.
qint64 runQueueNs()
{
    FILE *file = std::fopen("/proc/thread-self/schedstat", "r");
    if (!file)
        return 0;
    unsigned long long onCpu = 0;
    unsigned long long waiting = 0;
    const int read = std::fscanf(file, "%llu %llu", &onCpu, &waiting);
    std::fclose(file);
    return read == 2 ? qint64(waiting) : 0;
}
}  // namespace

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
    const qint64 cpu = threadCpuNs();
    const qint64 queue = runQueueNs();
    if (m_last >= 0) {
        const double stall = std::max(0.0, double(now - m_last) / 1e6 - m_interval);
        const double queued = double(queue - m_lastQueue) / 1e6;
        m_stalls.append(stall);
        if (stall > m_longest) {
            m_longest = stall;
            m_longestBusy = double(cpu - m_lastCpu) / 1e6;
            m_longestQueue = queued;
            m_longestPhase = m_phase;
        }
        m_longestCpu = std::max(m_longestCpu, double(cpu - m_lastCpu) / 1e6);
        const double own = std::max(0.0, stall - queued);
        if (own > m_longestOwn) {
            m_longestOwn = own;
            m_longestOwnPhase = m_phase;
        }
    }
    m_last = now;
    m_lastCpu = cpu;
    m_lastQueue = queue;
    ++m_ticks;
}

bool StallProbe::hasSchedulerStats() const
{
    return runQueueNs() > 0;
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
