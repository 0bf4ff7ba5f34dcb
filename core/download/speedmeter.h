#pragma once

#include "util/clock.h"

#include <QtGlobal>

namespace Download {

// The smoothed transfer rate of one file and what it promises (ETA). Fed the file's byte count
// on every pool tick; a measurement needs at least kMinWindowMs since the last one, so ticks
// that come close together (a burst of events) do not make the rate jump. Each measurement
// weighs 30 % against the rate so far.
class SpeedMeter
{
public:
    static constexpr qint64 kMinWindowMs = 200;

    explicit SpeedMeter(const Util::Clock &clock)
        : m_clock(&clock)
    {
    }

    // True when this sample made a measurement (then lastBytes() before the call is what it
    // compared against).
    bool sample(qint64 bytesDone);
    // Not transferring: the rate is 0 until the next measurement.
    void stop() { m_speed = 0; }

    double speed() const { return m_speed; }  // bytes/s
    qint64 lastBytes() const { return m_lastBytes; }

    // Seconds until all of `bytesTotal` (-1 unknown) are in at `speed`; -1 when that cannot be
    // said.
    static qint64 etaSeconds(double speed, qint64 bytesDone, qint64 bytesTotal);

private:
    const Util::Clock *m_clock;
    bool m_started = false;
    Util::Clock::TimePoint m_windowStart;
    qint64 m_lastBytes = -1;
    double m_speed = 0;
};

}  // namespace Download
