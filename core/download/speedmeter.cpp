#include "download/speedmeter.h"

namespace Download {

bool SpeedMeter::sample(qint64 bytesDone)
{
    const Util::Clock::TimePoint now = m_clock->now();
    if (!m_started || m_lastBytes < 0) {
        m_started = true;
        m_windowStart = now;
        m_lastBytes = bytesDone;
        return false;
    }
    const qint64 elapsed = Util::msBetween(m_windowStart, now);
    if (elapsed < kMinWindowMs)
        return false;
    m_windowStart = now;
    const double instant = double(qMax<qint64>(0, bytesDone - m_lastBytes)) * 1000.0 / double(elapsed);
    m_speed = m_speed <= 0 ? instant : 0.7 * m_speed + 0.3 * instant;
    m_lastBytes = bytesDone;
    return true;
}

qint64 SpeedMeter::etaSeconds(double speed, qint64 bytesDone, qint64 bytesTotal)
{
    return (speed > 1 && bytesTotal >= 0) ? qint64(double(bytesTotal - bytesDone) / speed) : -1;
}

}  // namespace Download
