#include "backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Net {

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap)
    : m_base(base)
    , m_cap(cap)
{
}

std::chrono::milliseconds Backoff::delayFor(int attempt, std::chrono::milliseconds serverDelay) const
{
    using std::chrono::milliseconds;
    const int exponent = std::clamp(attempt - 1, 0, 20);
    const qint64 ceiling = std::min<qint64>(m_cap.count(), m_base.count() << exponent);
    // Full jitter keeps many clients (or many tasks of one pack) from retrying in lockstep,
    // but never wait less than half the ceiling so a retry is a real pause.
    const qint64 half = ceiling / 2;
    const qint64 jittered =
        half +
        static_cast<qint64>(QRandomGenerator::global()->bounded(static_cast<quint64>(std::max<qint64>(half, 1))));
    return std::max(milliseconds(jittered), serverDelay);
}

}  // namespace Net
