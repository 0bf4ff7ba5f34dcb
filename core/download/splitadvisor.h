#pragma once

#include "util/clock.h"

#include <QtGlobal>

namespace Download {

// How many ranges of one file to fetch at once. A file starts in one stream and gets more
// only while more pay off: the aggregate rate is measured over a short window (never one that
// includes connecting), the number of streams is doubled, and the next window shows the gain.
// A gain close to linear means the server caps each connection (a CDN): go straight to the
// maximum. A small gain means something else is the limit (the link, the disk, the CPU, a
// shared bandwidth cap), and more connections would only cost: stop growing.
//
// Pure arithmetic over the samples it is given and the clock it reads, so it is tested without
// a network and without waiting (a manual clock). The range planner that owns it feeds it on
// every tick and splits ranges up to target().
class SplitAdvisor
{
public:
    explicit SplitAdvisor(const Util::Clock &clock)
        : m_clock(&clock)
    {
    }

    // Shortest measuring window. The pool ticks every 250 ms, so a window spans one tick: long
    // enough for a steady rate (20 MB/s is 5 MB), short enough that a server capping each
    // connection gets every range within about a second.
    static constexpr qint64 kWindowMs = 200;
    // Below this many seconds of work left at the current rate, a split would not pay off
    // (a new connection costs a round trip or three, and the file is nearly done).
    static constexpr double kWorthSeconds = 1.0;
    // A step must bring this share of the linear gain (doubling the streams: 1.2x the rate)
    // to go on doubling…
    static constexpr double kMinEfficiency = 0.2;
    // …and this share (doubling: 1.6x) to go straight to the maximum.
    static constexpr double kLinearEfficiency = 0.6;

    // Start over (a task starting or starting over): allow `ranges` at once, at least one.
    void reset(int ranges);

    // Taken at the clock's now. `bytesDone`, `bytesLeft`: the whole file's. `streams`: open
    // streams that already receive the body (0 while one is still connecting: that window is
    // skipped).
    void sample(qint64 bytesDone, qint64 bytesLeft, int streams, int maxSegments);

    int target() const { return m_target; }
    bool settled() const { return m_settled; }

private:
    const Util::Clock *m_clock;
    int m_target = 1;
    bool m_settled = false;
    bool m_windowOpen = false;
    Util::Clock::TimePoint m_windowStart;
    qint64 m_windowBytes = 0;
    int m_windowStreams = 0;
    double m_lastRate = 0;  // bytes/s of the previous window…
    int m_lastStreams = 0;  // …and with how many streams
};

}  // namespace Download
