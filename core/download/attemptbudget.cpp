#include "download/attemptbudget.h"

namespace Download {

AttemptBudget::AttemptBudget(int attempts, qint64 bytesOnDisk, std::chrono::milliseconds backoffBase,
                             std::chrono::milliseconds backoffCap)
    : m_backoff(backoffBase, backoffCap)
    , m_attempts(attempts)
    , m_highWater(bytesOnDisk)
    , m_groundAtFailure(bytesOnDisk)
{
}

bool AttemptBudget::spend(int startedInEpoch, qint64 bytesDone, qint64 bytesTotal, int maxAttempts)
{
    if (startedInEpoch < m_epoch && m_attempts > 0)
        return true;  // part of an attempt already counted
    ++m_epoch;
    // New ground: bytes past the most the file ever had, at least a small share of it (64 KiB
    // to 1 MiB). Re-fetching what was lost to a restart is not progress.
    m_highWater = qMax(m_highWater, bytesDone);
    const qint64 newGround =
        bytesTotal > 0 ? qBound(qint64(64 * 1024), bytesTotal / 16, qint64(1024 * 1024)) : 1024 * 1024;
    if (m_highWater - m_groundAtFailure >= newGround)
        m_attempts = 0;
    m_groundAtFailure = m_highWater;
    ++m_attempts;
    return m_attempts < maxAttempts;
}

std::chrono::milliseconds AttemptBudget::retryDelay(std::chrono::milliseconds serverDelay) const
{
    return m_backoff.delayFor(m_attempts, serverDelay);
}

}  // namespace Download
