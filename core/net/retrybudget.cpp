#include "retrybudget.h"

#include "backoff.h"

#include <QObject>

namespace Net {

RetryBudget::RetryBudget(const RetryPolicy &policy)
    : m_policy(policy)
{
}

qint64 RetryBudget::wholeSeconds(std::chrono::milliseconds delay)
{
    return std::max<qint64>(1, (delay.count() + 999) / 1000);
}

RetryBudget::Decision RetryBudget::afterFailure(const HttpError &error)
{
    ++m_attempts;
    Decision decision;
    decision.message = error.message;
    if (!error.isRetryable())
        return decision;
    if (m_attempts >= m_policy.maxAttempts) {
        decision.message +=
            QLatin1Char(' ') + QObject::tr("Gave up after %1 attempts; try again later.").arg(m_attempts);
        return decision;
    }
    const Backoff backoff(m_policy.backoffBase, m_policy.backoffCap);
    const std::chrono::milliseconds delay = backoff.delayFor(m_attempts, error.retryAfter);
    if (m_waited + delay > m_policy.maxTotalWait) {
        decision.message += QLatin1Char(' ') +
                            (error.retryAfter > m_policy.maxTotalWait
                                 // The base sentence has already said how long the hub asks to wait.
                                 ? QObject::tr("That is longer than ModelDock waits (at most %1 s); try again later.")
                                       .arg(wholeSeconds(m_policy.maxTotalWait))
                                 : QObject::tr("Gave up after %1 attempts over %2 s; try again later.")
                                       .arg(m_attempts)
                                       .arg(wholeSeconds(m_waited)));
        return decision;
    }
    m_waited += delay;
    decision.retry = true;
    decision.delay = delay;
    decision.message += QLatin1Char(' ') + QObject::tr("Retrying in %1 s.").arg(wholeSeconds(delay));
    return decision;
}

}  // namespace Net
