#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QTest>

#include <chrono>

// Waits for the two cases where a test must let time pass: asserting that something does NOT
// happen, and moving past a clock's resolution. Everything else waits on a condition or a
// signal (QTRY_*, QSignalSpy::wait).
namespace TestWait {

// True when `holds` stays true for the whole of `period`, checked every 10 ms while events are
// processed; false as soon as it fails (a change that comes and goes is caught too).
template <typename Predicate> bool holdsFor(std::chrono::milliseconds period, Predicate holds)
{
    QElapsedTimer timer;
    timer.start();
    do {
        if (!holds())
            return false;
        QTest::qWait(10);
    } while (timer.elapsed() < period.count());
    return holds();
}

// Returns once the wall clock shows a later millisecond than when called: stamps taken after
// this are strictly later than stamps taken before (file times, SQLite's millisecond stamps).
inline void nextMillisecond()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (QDateTime::currentMSecsSinceEpoch() <= now)
        QTest::qWait(1);
}

}  // namespace TestWait
