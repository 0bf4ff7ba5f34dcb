#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace Download {

class RangeStream;

// The global bandwidth cap, shared fairly by every stream (the approach of Qt's torrent
// example): a token bucket refilled every tick; each tick the budget is split evenly among the
// streams that have bytes waiting, and what one stream cannot use goes to the others. Streams
// read nothing between ticks, and their bounded read buffers make TCP slow the senders.
// With no cap (0) streams read on their own readyRead and the timer stops.
//
// Lives on the pool's thread. A new limit applies at the next tick (well under a second).
class RateController : public QObject
{
    Q_OBJECT
public:
    explicit RateController(std::chrono::milliseconds tick, QObject *parent = nullptr);

    void setLimit(qint64 bytesPerSecond);
    qint64 limit() const { return m_limit; }
    bool isLimited() const { return m_limit > 0; }

    // Bytes taken outside a tick (a stepping-back transfer keeping what arrived): the budget
    // goes into debt and later ticks repay it, so the cap holds on average.
    void charge(qint64 bytes) { m_budget -= double(bytes); }

    void addStream(RangeStream *stream);
    void removeStream(RangeStream *stream);

private:
    void onTick();

    qint64 m_limit = 0;
    double m_budget = 0;
    QList<QPointer<RangeStream>> m_streams;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

}  // namespace Download
