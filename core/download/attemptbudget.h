#pragma once

#include "net/backoff.h"

#include <QtGlobal>

#include <chrono>

namespace Download {

// The retry budget of one file. Every failed attempt spends one: a cut connection, a stall, a
// 5xx or 429, a 416, a 200 to a Range request, content that changed, an expired link. The budget
// fills up again only when the file gets further than it ever was (new bytes past its
// high-water mark: 1/16 of the file, between 64 KiB and 1 MiB), so a flaky but moving download
// goes on to the end while a server that fails the same way forever is given up on.
//
// Ranges that break together (one outage) spend one attempt: each request remembers the epoch
// it started in, and a request started before the last spend belongs to that spend.
//
// Pure counting; the task turns "spent" into a failure sentence and the delay into a deadline
// on its range (RangePlanner::deferRetry).
class AttemptBudget
{
public:
    AttemptBudget(int attempts, qint64 bytesOnDisk, std::chrono::milliseconds backoffBase,
                  std::chrono::milliseconds backoffCap);

    int attempts() const { return m_attempts; }  // failed attempts in a row
    int epoch() const { return m_epoch; }        // bumped by every counted spend
    void reset() { m_attempts = 0; }             // the user tries again, or the file is done

    // A request started in `startedInEpoch` failed with the file at `bytesDone` of `bytesTotal`
    // (-1 unknown). False: this was the last attempt `maxAttempts` allows.
    bool spend(int startedInEpoch, qint64 bytesDone, qint64 bytesTotal, int maxAttempts);
    // How long to wait before the next attempt: exponential backoff with jitter by the attempts
    // spent, or longer when the server asked for longer (Retry-After, RateLimit).
    std::chrono::milliseconds retryDelay(std::chrono::milliseconds serverDelay) const;

private:
    Net::Backoff m_backoff;
    int m_attempts = 0;
    qint64 m_highWater = 0;        // most bytes this file ever had on disk
    qint64 m_groundAtFailure = 0;  // m_highWater at the last failed attempt
    int m_epoch = 0;
};

}  // namespace Download
