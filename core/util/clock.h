#pragma once

#include <QtGlobal>

#include <chrono>

namespace Util {

// Monotonic time, handed to the logic that measures or waits (retry backoff, stall detection,
// speed and ETA, the split advisor, timed flushes) instead of being read from a global. The
// product passes a SteadyClock; tests pass a manual one they move forward themselves
// (tests/support/manualclock.h), so a 20 s stall or a 30 s backoff is checked in microseconds
// and the same way on a loaded machine as on an idle one.
//
// Only "how long since" and "is it time yet" are asked of a clock: wall-clock dates never come
// from here. Waiting itself (a QTimer firing) stays with the event loop; a clock only decides
// what is due when the loop wakes up.
class Clock
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

// The real one: std::chrono::steady_clock. Stateless, so every owner keeps its own.
class SteadyClock final : public Clock
{
public:
    TimePoint now() const override { return std::chrono::steady_clock::now(); }
};

// Whole milliseconds from `from` to `to` (negative when `to` is earlier), truncated as
// QElapsedTimer::elapsed() truncates.
inline qint64 msBetween(Clock::TimePoint from, Clock::TimePoint to)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

}  // namespace Util
