#pragma once

#include "net/httperror.h"
#include "util/clock.h"
#include "xet/xetfileinfo.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkReply;

namespace Net {
class Session;
}

namespace Download {

class ConnectionLanes;
class RateController;

// What a 200/206 response tells the task before the first body byte is accepted.
struct ResponseMeta
{
    int status = 0;         // 200 or 206
    qint64 rangeStart = 0;  // first byte of the body within the file (0 for 200)
    qint64 rangeEnd = -1;   // one past its last byte (206), -1 when not stated
    qint64 total = -1;      // full file size from Content-Range or Content-Length, -1 unknown
    QString validator;      // ETag, else Last-Modified: what If-Range needs later
    QUrl finalUrl;          // after redirects (may be a signed storage URL: never log whole)
    // Set instead of everything above (status is the hub's redirect) when the hub offered the
    // file through Xet and the request asked to stop there (Params::acceptXet): no body follows.
    Xet::XetFileInfo xet;
};

// One HTTP exchange for one byte range of a file: sends the request, follows redirects itself
// (Net::redirectRefusal decides; the session's credentials re-applied per hop so Authorization never
// reaches another origin), checks the response, and then hands body bytes to its sink only
// when asked — by its own readyRead when bandwidth is unlimited, or by the RateController's tick
// when it is limited. The reply's read buffer is bounded, so an unread stream makes TCP push
// back instead of growing memory.
//
// Owned by a DownloadTask, lives on the pool's thread. After abort() it emits nothing.
class RangeStream : public QObject
{
    Q_OBJECT
public:
    // Smallest read-ahead per reply while a bandwidth cap is on.
    static constexpr qint64 kMinThrottledReadBuffer = 64 * 1024;

    struct Params
    {
        QUrl url;
        // The hub URL the file was asked for, when `url` is a link the hub handed out earlier
        // (empty: `url` is the hub URL). A refusal from any other origin is an expired link.
        QUrl hubUrl;
        qint64 offset = 0;  // first byte wanted
        qint64 end = -1;    // one past the last byte wanted, -1 = to the end
        bool sendRange = false;
        QString ifRange;  // validator for If-Range; empty = none
        QString subject;  // the file in user terms, for error sentences
        // The SHA-256 the plan lists: a hub answer whose X-Linked-Etag names another one
        // fails the stream before any byte is fetched.
        QString expectedSha256;
        qint64 readBufferSize = 2 * 1024 * 1024;
        int lane = 0;  // connection lane (ConnectionLanes), kept across redirects
        // A hub redirect naming the file's Xet hash (X-Xet-Hash) ends the stream with
        // headersReceived(meta with xet set) instead of being followed: the task fetches the
        // file through its reconstruction.
        bool acceptXet = false;
    };
    // Returns false to stop reading (the task has what it wanted or hit a write error).
    using Sink = std::function<bool(const char *data, qint64 size)>;

    RangeStream(const Net::Session *session, RateController *rate, const Params &params, QObject *parent = nullptr);
    ~RangeStream() override;

    static bool sameOrigin(const QUrl &a, const QUrl &b);

    void setSink(Sink sink) { m_sink = std::move(sink); }
    // The lane this stream holds in `lanes` (for params.url); released once when it ends.
    void holdLane(ConnectionLanes *lanes) { m_lanes = lanes; }
    // What idleMs() measures against; a steady clock of its own unless given one (before start()).
    void setClock(const Util::Clock *clock) { m_clock = clock ? clock : &m_steady; }
    void start();
    void abort();

    // Reads at most maxBytes (in the blocks Qt received, bounded by the read buffer) and passes
    // them to the sink.
    qint64 transfer(qint64 maxBytes);
    // Hands over everything already received (a transfer stepping back keeps its bytes);
    // under a cap the bytes are charged to the bandwidth budget.
    qint64 drain();
    qint64 readBufferSize() const;
    qint64 bytesAvailable() const;
    void setThrottled(bool throttled);

    bool hasHeaders() const { return m_acceptingBody; }
    bool isAborted() const { return m_aborted; }
    qint64 idleMs() const;
    qint64 delivered() const { return m_delivered; }
    QString host() const;  // host now being talked to

Q_SIGNALS:
    void headersReceived(const Download::ResponseMeta &meta);
    void failed(const Net::HttpError &error);
    void completed();  // the response body ended normally and every byte was delivered

private:
    void sendRequest(const QUrl &url);
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void followRedirect();
    bool linkedEtagMatches();
    QUrl hubUrl() const { return m_params.hubUrl.isEmpty() ? m_params.url : m_params.hubUrl; }
    void failWith(const Net::HttpError &error);
    void maybeComplete();
    void dropReply();
    void releaseLane();

    const Net::Session *m_session;
    QPointer<RateController> m_rate;
    ConnectionLanes *m_lanes = nullptr;
    Params m_params;
    Sink m_sink;
    QNetworkReply *m_reply = nullptr;
    QUrl m_currentUrl;
    int m_hops = 0;
    bool m_throttled = false;
    bool m_acceptingBody = false;  // 200/206 accepted: body bytes are file bytes
    bool m_replyFinished = false;
    bool m_done = false;
    bool m_aborted = false;
    qint64 m_delivered = 0;
    Util::SteadyClock m_steady;
    const Util::Clock *m_clock = &m_steady;
    bool m_started = false;
    Util::Clock::TimePoint m_activity;  // the last sign of life: sent, headers, bytes
};

}  // namespace Download
