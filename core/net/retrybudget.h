#pragma once

#include "httperror.h"

#include <chrono>

namespace Net {

// How often and how long a request that failed for a passing reason (429, 5xx, a dropped
// connection, a timeout) is tried again before its caller gives up.
struct RetryPolicy
{
    int maxAttempts = 5;  // including the first
    std::chrono::milliseconds maxTotalWait = std::chrono::seconds(60);
    std::chrono::milliseconds backoffBase = std::chrono::seconds(1);
    std::chrono::milliseconds backoffCap = std::chrono::seconds(20);
};

// The retry decision for one request, attempt after attempt. The base sentences of
// Net::HttpError never promise a retry; this is the one place that says "Retrying in N s."
// (only when it schedules one) or why it stopped.
class RetryBudget
{
public:
    explicit RetryBudget(const RetryPolicy &policy = {});

    struct Decision
    {
        bool retry = false;
        std::chrono::milliseconds delay{0};
        // retry: the error's sentence + " Retrying in N s."; else the error's sentence plus
        // why there is no further attempt (only for retryable errors; others are left alone).
        QString message;
    };
    // Call once per failed attempt, in order. Honours the server's delay (error.retryAfter:
    // Retry-After or an exhausted RateLimit policy) when it is longer than the backoff.
    Decision afterFailure(const HttpError &error);

    int attempts() const { return m_attempts; }
    std::chrono::milliseconds waited() const { return m_waited; }

    // "N s", rounded up so a wait is never announced shorter than it is.
    static qint64 wholeSeconds(std::chrono::milliseconds delay);

private:
    RetryPolicy m_policy;
    int m_attempts = 0;
    std::chrono::milliseconds m_waited{0};
};

}  // namespace Net
