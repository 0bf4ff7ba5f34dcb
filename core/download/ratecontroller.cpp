#include "download/ratecontroller.h"

#include "download/rangestream.h"

namespace Download {

RateController::RateController(std::chrono::milliseconds tick, QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(tick);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RateController::onTick);
}

void RateController::setLimit(qint64 bytesPerSecond)
{
    const qint64 limit = qMax<qint64>(0, bytesPerSecond);
    if (limit == m_limit)
        return;
    const bool wasLimited = isLimited();
    m_limit = limit;
    m_budget = qMin(m_budget, 0.0);  // a new cap starts afresh but does not forgive debt
    m_clock.start();
    // Every stream hears of every new cap: its read-ahead follows the cap's size.
    // Copy: a stream may finish (and leave the list) while it drains.
    const QList<QPointer<RangeStream>> streams = m_streams;
    for (const QPointer<RangeStream> &stream : streams) {
        if (stream)
            stream->setThrottled(isLimited());
    }
    if (isLimited() == wasLimited)
        return;
    if (isLimited() && !m_streams.isEmpty())
        m_timer.start();
    else if (!isLimited())
        m_timer.stop();
}

void RateController::addStream(RangeStream *stream)
{
    m_streams.append(stream);
    stream->setThrottled(isLimited());
    if (isLimited() && !m_timer.isActive()) {
        m_clock.start();
        m_timer.start();
    }
}

void RateController::removeStream(RangeStream *stream)
{
    m_streams.removeIf([stream](const QPointer<RangeStream> &p) { return !p || p == stream; });
    if (m_streams.isEmpty())
        m_timer.stop();
}

void RateController::onTick()
{
    const qint64 elapsedMs = qMax<qint64>(1, m_clock.restart());
    m_budget += double(m_limit) * double(elapsedMs) / 1000.0;
    // Unused budget does not pile up into a burst: at most two ticks' worth carries over.
    const double cap = double(m_limit) * 2.0 * double(m_timer.interval()) / 1000.0;
    m_budget = qMin(m_budget, qMax(cap, 1.0));

    QList<QPointer<RangeStream>> waiting;
    for (const QPointer<RangeStream> &stream : std::as_const(m_streams)) {
        if (stream && stream->bytesAvailable() > 0)
            waiting.append(stream);
    }
    // Fair share: split the budget evenly; streams that take less than their share leave the
    // rest to the others in the next round.
    while (m_budget >= 1.0 && !waiting.isEmpty()) {
        const qint64 share = qMax<qint64>(1, qint64(m_budget) / waiting.size());
        QList<QPointer<RangeStream>> stillWaiting;
        for (const QPointer<RangeStream> &stream : std::as_const(waiting)) {
            if (!stream || m_budget < 1.0)
                continue;
            const qint64 got = stream->transfer(qMin(share, qint64(m_budget)));
            m_budget -= double(got);
            if (stream && got >= share && stream->bytesAvailable() > 0)
                stillWaiting.append(stream);
        }
        waiting = stillWaiting;
    }
}

}  // namespace Download
