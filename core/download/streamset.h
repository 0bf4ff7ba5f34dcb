#pragma once

#include "download/rangestream.h"
#include "download/taskenvironment.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace Download {

// The live requests of one file: one RangeStream (one QNetworkReply at a time) per range being
// fetched, keyed by the range's key (RangePlanner::Range::key), and their bookkeeping — the
// connection lane each holds, how many have passed their headers, which has been silent too
// long.
//
// It decides nothing about ranges or retries: the task opens a stream for the range the planner
// names, and hears back by key. Streams are children of the set; a stopped one is aborted (it
// emits nothing more) and deleted later, never under the caller's feet.
//
// Owned by one DownloadTask, lives on the pool's thread.
class StreamSet : public QObject
{
    Q_OBJECT
public:
    // Bytes of a range's body; false stops reading (the range has what it wanted, or a write
    // failed). Called directly from the stream's read, not through a queued signal.
    using Sink = std::function<bool(int key, const char *data, qint64 size)>;

    explicit StreamSet(const TaskEnvironment &environment, QObject *parent = nullptr);
    ~StreamSet() override;

    void setSink(Sink sink) { m_sink = std::move(sink); }

    // Starts a request for range `key` (a lane of its hub URL's host is taken for it).
    void open(int key, RangeStream::Params params);
    void stop(int key);
    void stopAll();
    // Stops every stream but `key`'s (a 200 to a Range request: that body goes on).
    void stopAllExcept(int key);
    // Hands over what already arrived for `key` (a transfer stepping back keeps its bytes);
    // only a stream past its headers has body bytes.
    void drain(int key);

    bool has(int key) const { return m_streams.contains(key); }
    int open() const { return int(m_streams.size()); }
    int receiving() const;  // past their headers
    bool hasHeaders(int key) const;
    // Milliseconds without a sign of life from `key`'s server (bytes waiting for the bandwidth
    // budget do not count); -1 when no stream runs for it.
    qint64 idleMs(int key) const;

Q_SIGNALS:
    void headersReceived(int key, const Download::ResponseMeta &meta);
    void failed(int key, const Net::HttpError &error);
    void completed(int key);  // the body ended normally and every byte was delivered

private:
    TaskEnvironment m_env;
    Sink m_sink;
    QHash<int, RangeStream *> m_streams;
};

}  // namespace Download
