#include "download/rangeplanner.h"

#include <algorithm>

namespace Download {

namespace {

// Splits fall on 64 KiB boundaries: whole pages and file system blocks for every write.
constexpr qint64 kSplitAlign = 64 * 1024;

}  // namespace

RangePlanner::RangePlanner(const PoolOptions &options, const Util::Clock &clock)
    : m_options(options)
    , m_clock(clock)
    , m_advisor(clock)
{
}

RangePlanner::Range RangePlanner::newRange(const Segment &segment)
{
    Range range;
    range.key = m_nextKey++;
    range.segment = segment;
    return range;
}

const RangePlanner::Range *RangePlanner::find(int key) const
{
    for (const Range &range : m_ranges) {
        if (range.key == key)
            return &range;
    }
    return nullptr;
}

RangePlanner::Range *RangePlanner::findMutable(int key)
{
    for (Range &range : m_ranges) {
        if (range.key == key)
            return &range;
    }
    return nullptr;
}

bool RangePlanner::isDue(const Range &range) const
{
    return !range.fetching && !range.segment.isDone() && range.notBefore <= m_clock.now();
}

// --- the ranges ---------------------------------------------------------------------------------

void RangePlanner::learnTotal(qint64 total)
{
    m_total = total;
    if (!m_ranges.isEmpty() && m_ranges.last().segment.end < 0)
        m_ranges.last().segment.end = total;
}

void RangePlanner::assign(const QList<Segment> &segments)
{
    m_ranges.clear();
    for (const Segment &segment : segments)
        m_ranges.append(newRange(segment));
}

void RangePlanner::startOver(qint64 size, int keepKey)
{
    m_ranges.clear();
    m_fixedRanges = false;
    Range range = newRange(Segment{0, 0, size});
    if (keepKey != 0) {
        // The request goes on: its bytes are the file's from byte 0, to the end of the body.
        range.key = keepKey;
        range.fetching = true;
        range.requestedEnd = -1;
    }
    m_ranges.append(range);
    m_total = size;
    m_validator.clear();
    m_advisor.reset(1);
}

QList<Segment> RangePlanner::segments() const
{
    QList<Segment> list;
    list.reserve(m_ranges.size());
    for (const Range &range : m_ranges)
        list.append(range.segment);
    return list;
}

qint64 RangePlanner::bytesWritten() const
{
    qint64 sum = 0;
    for (const Range &range : m_ranges)
        sum += range.segment.pos - range.segment.start;
    return sum;
}

qint64 RangePlanner::contiguousEnd() const
{
    qint64 end = 0;
    for (const Range &range : m_ranges) {
        if (range.segment.start != end)
            break;
        if (!range.segment.isDone())
            return range.segment.pos;
        end = range.segment.end;
    }
    return end;
}

bool RangePlanner::allDone() const
{
    if (m_ranges.isEmpty())
        return false;
    return std::all_of(m_ranges.cbegin(), m_ranges.cend(), [](const Range &range) { return range.segment.isDone(); });
}

int RangePlanner::unfinished() const
{
    return int(
        std::count_if(m_ranges.cbegin(), m_ranges.cend(), [](const Range &range) { return !range.segment.isDone(); }));
}

bool RangePlanner::resume(qint64 fileSize, qint64 knownTotal)
{
    const QList<Segment> kept = resumableSegments(segments(), fileSize, knownTotal);
    if (Download::bytesWritten(kept) == 0)
        return false;
    assign(kept);
    return true;
}

// --- requests -----------------------------------------------------------------------------------

bool RangePlanner::splittable() const
{
    return !m_fixedRanges && m_total >= m_options.segmentThreshold && m_options.maxSegments > 1 && !m_rangesIgnored &&
           !m_validator.isEmpty();
}

int RangePlanner::streamTarget() const
{
    if (m_fixedRanges)
        return qMax(1, qMin(m_advisor.target(), m_options.maxSegments));
    return splittable() ? qMax(1, qMin(m_advisor.target(), m_options.maxSegments)) : 1;
}

bool RangePlanner::wantsAnotherStream(int open) const
{
    // Until the first response names a validator, one request at a time: later ranges need
    // If-Range to be safe.
    return open == 0 || ((m_fixedRanges || !m_validator.isEmpty()) && open < streamTarget());
}

qint64 RangePlanner::chunkSize(double speed, int receiving) const
{
    // About one second of one stream's transfer: long enough that a request's round trip is
    // small beside it, short enough that the ranges in flight stay close to the hashed prefix.
    const qint64 perStream = qint64(speed / qMax(1, receiving));
    const qint64 floor = qMax(m_options.minChunk, 2 * m_options.minSegmentSize);
    const qint64 chunk = qBound(floor, perStream, qMax(floor, m_options.maxChunk));
    return chunk - chunk % kSplitAlign;
}

qsizetype RangePlanner::nextDue(qsizetype from) const
{
    for (qsizetype i = qMax<qsizetype>(0, from); i < m_ranges.size(); ++i) {
        if (isDue(m_ranges.at(i)))
            return i;
    }
    return -1;
}

std::optional<std::chrono::milliseconds> RangePlanner::nextRetryIn() const
{
    const Util::Clock::TimePoint now = m_clock.now();
    std::optional<Util::Clock::TimePoint> soonest;
    for (const Range &range : m_ranges) {
        if (range.fetching || range.segment.isDone() || range.notBefore <= now)
            continue;
        if (!soonest || range.notBefore < *soonest)
            soonest = range.notBefore;
    }
    if (!soonest)
        return std::nullopt;
    // Rounded up, as a deadline timer's remaining time is: a timer that fires early would find
    // nothing due yet.
    const auto left = *soonest - now;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(left);
    if (ms < left)
        ++ms;
    return ms;
}

void RangePlanner::boundToChunk(qsizetype index, qint64 chunk)
{
    // A range about to get a request asks for one chunk; the rest waits, in order, for the next
    // free stream.
    if (!splittable())
        return;
    Range &range = m_ranges[index];
    if (range.fetching || range.segment.end < 0 || range.segment.remaining() < chunk + m_options.minSegmentSize)
        return;
    qint64 mid = range.segment.pos + chunk;
    mid -= mid % kSplitAlign;
    if (mid <= range.segment.pos)
        return;
    const Range rest = newRange(Segment{mid, mid, range.segment.end});
    range.segment.end = mid;
    m_ranges.insert(index + 1, rest);
}

qsizetype RangePlanner::splitRunning(qint64 chunk)
{
    // A range waiting for a request goes first; only when none is left is a running one split.
    for (const Range &range : std::as_const(m_ranges)) {
        if (isDue(range))
            return -1;
    }
    qsizetype best = -1;
    for (qsizetype i = 0; i < m_ranges.size(); ++i) {
        const Range &range = m_ranges.at(i);
        if (!range.fetching || range.segment.end < 0)
            continue;
        if (range.segment.remaining() >= 2 * m_options.minSegmentSize &&
            (best < 0 || range.segment.remaining() > m_ranges.at(best).segment.remaining()))
            best = i;
    }
    if (best < 0)
        return -1;
    Range &victim = m_ranges[best];
    // A long range (the first, open-ended request) keeps one chunk; a short one is halved.
    const qint64 remaining = victim.segment.remaining();
    qint64 mid = victim.segment.pos + (remaining > 2 * chunk ? chunk : remaining / 2);
    mid -= mid % kSplitAlign;
    if (mid <= victim.segment.pos)
        return -1;
    const Range tail = newRange(Segment{mid, mid, victim.segment.end});
    victim.segment.end = mid;  // its request runs on; cutShort() stops it at the new end
    m_ranges.insert(best + 1, tail);
    return best + 1;
}

RangePlanner::Request RangePlanner::request(qsizetype index, int epoch)
{
    Range &range = m_ranges[index];
    Request request;
    request.key = range.key;
    request.offset = range.segment.pos;
    // The last range asks to the end of the file, open-ended: the first request of a file
    // (size not known yet) and the tail of a split file read to the end of the body.
    const bool bounded = range.segment.end >= 0 && m_total >= 0 && range.segment.end < m_total;
    request.sendRange = range.segment.pos > 0 || bounded;
    request.end = bounded ? range.segment.end : -1;
    request.ifRange = request.sendRange ? m_validator : QString();
    range.requestedEnd = request.end;
    range.epoch = epoch;
    range.fetching = true;
    return request;
}

void RangePlanner::release(int key)
{
    if (Range *range = findMutable(key))
        range->fetching = false;
}

void RangePlanner::releaseAll()
{
    for (Range &range : m_ranges)
        range.fetching = false;
}

void RangePlanner::deferRetry(int key, std::chrono::milliseconds delay)
{
    if (Range *range = findMutable(key))
        range->notBefore = m_clock.now() + delay;
}

// --- bytes --------------------------------------------------------------------------------------

qint64 RangePlanner::room(int key, qint64 size) const
{
    const Range *range = find(key);
    if (!range)
        return 0;
    return range->segment.end >= 0 ? qMin(size, range->segment.end - range->segment.pos) : size;
}

void RangePlanner::advance(int key, qint64 written)
{
    if (Range *range = findMutable(key))
        range->segment.pos += written;
}

bool RangePlanner::cutShort(int key) const
{
    const Range *range = find(key);
    return range && range->segment.isDone() && range->requestedEnd != range->segment.end;
}

void RangePlanner::closeOpenEnd(int key)
{
    Range *range = findMutable(key);
    if (!range || range->segment.end >= 0)
        return;
    range->segment.end = range->segment.pos;
    m_total = range->segment.pos;
}

void RangePlanner::mergeFinished()
{
    // Finished neighbours become one range, so the list (and the journal) stays short however
    // many chunks a file took.
    for (qsizetype i = 1; i < m_ranges.size();) {
        Range &before = m_ranges[i - 1];
        const Range &after = m_ranges.at(i);
        if (!before.fetching && !after.fetching && before.segment.isDone() && after.segment.isDone() &&
            before.segment.end == after.segment.start) {
            before.segment.end = after.segment.end;
            before.segment.pos = after.segment.end;
            m_ranges.removeAt(i);
        } else {
            ++i;
        }
    }
}

QString RangePlanner::contentRangeProblem(int key, qint64 rangeStart, qint64 rangeEnd, qint64 rangeTotal,
                                          qint64 expectedSize) const
{
    // Anything but exactly the part asked for would put bytes at the wrong offsets.
    const Range *range = find(key);
    if (!range)
        return {};
    const qint64 known = m_total >= 0 ? m_total : expectedSize;
    const qint64 wantedEnd = range->requestedEnd >= 0 ? range->requestedEnd : known;
    if (rangeStart != range->segment.pos)
        return QStringLiteral("asked from %1, got from %2").arg(range->segment.pos).arg(rangeStart);
    if (wantedEnd >= 0 && rangeEnd >= 0 && rangeEnd != wantedEnd)
        return QStringLiteral("asked up to %1, got up to %2").arg(wantedEnd).arg(rangeEnd);
    if (known >= 0 && rangeTotal >= 0 && rangeTotal != known)
        return QStringLiteral("file of %1 bytes, got part of %2").arg(known).arg(rangeTotal);
    return {};
}

// --- how many at once ---------------------------------------------------------------------------

void RangePlanner::restartAdvice()
{
    // Ranges left from an earlier run all resume; how many more is measured again.
    m_advisor.reset(unfinished());
}

bool RangePlanner::sampleSpeed(qint64 bytesDone, int receiving)
{
    if (!splittable())
        return false;
    const int allowed = m_advisor.target();
    m_advisor.sample(bytesDone, m_total - bytesDone, receiving, m_options.maxSegments);
    return m_advisor.target() > allowed;
}

}  // namespace Download
