#pragma once

#include "util/clock.h"

#include <chrono>

// A clock that moves only when the test moves it: timing logic (backoff, stalls, speed, the
// split advisor) is driven through exact instants instead of sleeps.
class ManualClock final : public Util::Clock
{
public:
    // Starts well after the steady clock's epoch, so "a deadline in the past" (a default
    // TimePoint) is always before now.
    ManualClock()
        : m_now(TimePoint() + std::chrono::hours(1))
    {
    }

    TimePoint now() const override { return m_now; }
    void advance(std::chrono::steady_clock::duration by) { m_now += by; }
    void advanceMs(qint64 ms) { m_now += std::chrono::milliseconds(ms); }
    // Milliseconds since the clock was made, for tests that count time from zero.
    void setElapsedMs(qint64 ms) { m_now = m_start + std::chrono::milliseconds(ms); }

private:
    TimePoint m_now;
    TimePoint m_start = m_now;
};
