#include "download/splitadvisor.h"

#include <algorithm>

namespace Download {

void SplitAdvisor::reset(int ranges)
{
    *this = SplitAdvisor(*m_clock);
    m_target = std::max(1, ranges);
}

void SplitAdvisor::sample(qint64 bytesDone, qint64 bytesLeft, int streams, int maxSegments)
{
    if (m_settled || m_target >= maxSegments)
        return;
    if (streams <= 0 || (m_windowOpen && streams != m_windowStreams)) {
        // Connecting, or streams came or went: this window would mix two situations.
        m_windowOpen = false;
        if (streams <= 0)
            return;
    }
    const Util::Clock::TimePoint now = m_clock->now();
    if (!m_windowOpen) {
        m_windowOpen = true;
        m_windowStart = now;
        m_windowBytes = bytesDone;
        m_windowStreams = streams;
        return;
    }
    const qint64 elapsed = Util::msBetween(m_windowStart, now);
    if (elapsed < kWindowMs)
        return;
    const double rate = double(bytesDone - m_windowBytes) * 1000.0 / double(elapsed);
    m_windowOpen = false;
    if (rate <= 0)
        return;  // nothing arrived: stalls are the task's business; measure again
    if (double(bytesLeft) / rate < kWorthSeconds) {
        m_settled = true;
        return;
    }
    if (m_lastStreams > 0 && streams > m_lastStreams) {
        // The window after a step: did the extra streams pay off?
        // 1 when the rate grew as much as the streams did, 0 when it did not grow.
        const double efficiency = (rate / m_lastRate - 1.0) / (double(streams) / double(m_lastStreams) - 1.0);
        if (efficiency < kMinEfficiency) {
            m_settled = true;
            return;
        }
        m_lastRate = rate;
        m_lastStreams = streams;
        m_target = efficiency >= kLinearEfficiency ? maxSegments : std::min(maxSegments, streams * 2);
        return;
    }
    if (m_lastStreams > 0 && streams < m_target) {
        // Fewer streams than allowed (no room on the host, ranges too small to split): the
        // step did not happen, so there is nothing to judge yet.
        m_lastRate = rate;
        m_lastStreams = streams;
        return;
    }
    // The first window, or the same streams again: remember the rate and take a step.
    m_lastRate = rate;
    m_lastStreams = streams;
    m_target = std::min(maxSegments, streams * 2);
}

}  // namespace Download
