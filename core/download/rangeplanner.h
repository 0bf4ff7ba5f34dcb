#pragma once

#include "download/splitadvisor.h"
#include "download/taskrecord.h"
#include "util/clock.h"

#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace Download {

// Which byte ranges of one file to fetch, and when: the ranges that together cover the file,
// what the journal says is on disk and what of it to resume, which range gets the next
// request and for how many bytes, when a running range is split for a new connection, and
// (through its SplitAdvisor) how many requests may run at once. Pure logic over numbers and
// a clock: no network, no file, no timer, so every rule is tested in microseconds
// (tst_rangeplanner).
//
// A fresh file starts as one range. Once the first response names the size and a validator,
// a file at least PoolOptions::segmentThreshold big is splittable: a range about to be asked
// for takes one chunk (about a second of one stream's transfer) and leaves the rest waiting in
// order, so the contiguous prefix, and with it the running SHA-256, keeps pace. When no range
// waits, a new connection takes half of the largest running range (never below
// minSegmentSize), so a slow range near the end is split again instead of crawling. Finished
// neighbours merge, so the list (and the journal) stays short.
//
// Each range has a key that stays while the range lives: the task's streams are keyed by it.
// Owned by one DownloadTask, used on its thread.
class RangePlanner
{
public:
    struct Range
    {
        int key = 0;
        Segment segment;
        bool fetching = false;             // a request runs for it
        qint64 requestedEnd = -1;          // the end that request asked for (-1: open-ended)
        int epoch = 0;                     // the failure epoch that request started in
        Util::Clock::TimePoint notBefore;  // backoff: not asked for again before this
    };
    // What the next request for one range asks the server for.
    struct Request
    {
        int key = 0;
        qint64 offset = 0;
        qint64 end = -1;         // one past the last byte wanted, -1: to the end of the file
        bool sendRange = false;  // Range (and If-Range) headers, or a plain GET from byte 0
        QString ifRange;         // the validator, when sendRange
    };

    RangePlanner(const PoolOptions &options, const Util::Clock &clock);

    // --- what is known about the file ---------------------------------------------------------
    qint64 total() const { return m_total; }  // -1 unknown
    void setTotal(qint64 total) { m_total = total; }
    // A response named the size: the open-ended last range ends there too.
    void learnTotal(qint64 total);
    // ETag (else Last-Modified) of the first response: If-Range of every later request.
    const QString &validator() const { return m_validator; }
    void setValidator(const QString &validator) { m_validator = validator; }
    // Ranges that are never split nor merged into chunks, each fetched whole by its own request
    // (a Xet file's terms), several at once as the advisor allows; startOver() and clear() end it.
    bool fixedRanges() const { return m_fixedRanges; }
    void setFixedRanges(bool fixed) { m_fixedRanges = fixed; }
    // The server answered a Range request with 200: never split this file again.
    bool rangesIgnored() const { return m_rangesIgnored; }
    void setRangesIgnored(bool ignored) { m_rangesIgnored = ignored; }

    // --- the ranges ---------------------------------------------------------------------------
    // As journaled (or kept from a pause); no request runs for any of them.
    void assign(const QList<Segment> &segments);
    // One range [0, size) from scratch, forgetting the validator. With `keepKey`, that range
    // takes the key of a request that goes on running (a 200 body, read from byte 0).
    void startOver(qint64 size, int keepKey = 0);
    void clear()
    {
        m_ranges.clear();
        m_fixedRanges = false;
    }

    bool isEmpty() const { return m_ranges.isEmpty(); }
    qsizetype size() const { return m_ranges.size(); }
    const Range &at(qsizetype index) const { return m_ranges.at(index); }
    const Range *find(int key) const;
    QList<Segment> segments() const;
    qint64 bytesWritten() const;
    // End of the written prefix [0, end) without a hole: what may be hashed.
    qint64 contiguousEnd() const;
    bool allDone() const;  // false while there is no range at all
    int unfinished() const;

    // Resume from every byte the journal knows is on disk, whatever the shape of the ranges
    // (unstarted ranges past the last byte written, holes, a file shorter than recorded): the
    // ranges become resumableSegments() of themselves against the partial file's size, and only
    // what the file cannot hold is fetched again. False (nothing changed) when no byte would be
    // kept: the file starts over.
    bool resume(qint64 fileSize, qint64 knownTotal);

    // --- requests -----------------------------------------------------------------------------
    // May this file run more than one range at once? Big enough, allowed by the options, a
    // validator to make later requests safe (If-Range), and a server that honours Range.
    bool splittable() const;
    // How many requests at once: what the advisor allows, or one when not splittable (ranges
    // left over are then fetched one after the other).
    int streamTarget() const;
    // With `open` requests running, may another one start? The first always may; more only
    // with a validator and below streamTarget().
    bool wantsAnotherStream(int open) const;
    // Bytes a ranged request asks for: about one second of one stream at `speed` (bytes/s,
    // spread over `receiving` streams), within PoolOptions::minChunk…maxChunk.
    qint64 chunkSize(double speed, int receiving) const;

    // The first range at or after `from` that waits for a request and whose backoff is over;
    // -1 when none.
    qsizetype nextDue(qsizetype from = 0) const;
    // How long until the soonest range in backoff is due (rounded up); nothing when none waits.
    std::optional<std::chrono::milliseconds> nextRetryIn() const;
    // A range about to be asked for keeps one chunk; the rest becomes the next range.
    void boundToChunk(qsizetype index, qint64 chunk);
    // A new connection with no range waiting: splits the largest running range (a long one keeps
    // one chunk, a short one is halved) and returns the index of the new range; -1 when a
    // range is waiting (it goes first) or nothing is worth splitting.
    qsizetype splitRunning(qint64 chunk);
    // Marks the range fetching in failure epoch `epoch` (AttemptBudget::epoch(): ranges that
    // break together spend one attempt) and says what to ask for.
    Request request(qsizetype index, int epoch);
    // Its request ended (finished, failed or stopped); its epoch stays until the next request.
    void release(int key);
    void releaseAll();
    // Not asked for again before `delay` from now.
    void deferRetry(int key, std::chrono::milliseconds delay);

    // --- bytes --------------------------------------------------------------------------------
    // How many of `size` arriving bytes belong to the range (a shortened range takes no more).
    qint64 room(int key, qint64 size) const;
    void advance(int key, qint64 written);
    // Done, but its request asked for more: the range was shortened by a split, so its request
    // must stop here.
    bool cutShort(int key) const;
    // The body ended and the size was unknown: where it ended is the end of the range and the
    // size of the file.
    void closeOpenEnd(int key);
    void mergeFinished();
    // A 206's Content-Range must be exactly the part asked for, of a file of the size known
    // (the total, else `expectedSize`). Empty when it is; else what is wrong, for the log.
    QString contentRangeProblem(int key, qint64 rangeStart, qint64 rangeEnd, qint64 rangeTotal,
                                qint64 expectedSize) const;

    // --- how many at once (SplitAdvisor) ------------------------------------------------------
    // Starting (or resuming): every unfinished range may run; more are measured again.
    void restartAdvice();
    // One measurement (each pool tick): true when more requests are allowed than before.
    bool sampleSpeed(qint64 bytesDone, int receiving);
    int advisedStreams() const { return m_advisor.target(); }

private:
    Range newRange(const Segment &segment);
    Range *findMutable(int key);
    bool isDue(const Range &range) const;

    const PoolOptions &m_options;
    const Util::Clock &m_clock;
    SplitAdvisor m_advisor;
    QList<Range> m_ranges;  // sorted by start; together they cover the file
    int m_nextKey = 1;
    qint64 m_total = -1;
    QString m_validator;
    bool m_rangesIgnored = false;
    bool m_fixedRanges = false;
};

}  // namespace Download
