#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

namespace Download {

// Counts the connections the pool has open per host and spreads them over "lanes".
//
// Qt 6.4 opens at most six HTTP/1.1 connections per connection key of one
// QNetworkAccessManager, and a request beyond that waits in Qt's own queue (where the stall
// timer would mistake waiting for stalling). The key includes the request's peer verify name,
// so each lane is a distinct, equally verified name for the same host
// (Net::RequestFactory::applyConnectionLane): lane 0 is the plain request, lanes 1… hold six
// more connections each. A host whose name cannot carry lanes (an IP address over https)
// keeps to one lane.
//
// Lives on the pool's thread.
class ConnectionLanes
{
public:
    static constexpr int kConnectionsPerLane = 6;

    explicit ConnectionLanes(int limitPerHost = 8) { setLimit(limitPerHost); }

    void setLimit(int perHost) { m_limit = qMax(1, perHost); }
    int limit() const { return m_limit; }

    // Host plus the port when it is not the scheme's default: what limits count by.
    static QString hostKey(const QUrl &url);

    // May one more connection to url's host open now?
    bool hasRoom(const QUrl &url) const;
    // The lane for a new connection: the least busy one (lowest first). Always returns a lane,
    // even over the limit (a task's first stream runs regardless: it already holds a slot).
    int acquire(const QUrl &url);
    void release(const QUrl &url, int lane);
    int openCount(const QUrl &url) const;

private:
    int capacity(const QUrl &url) const;

    int m_limit = 8;
    QHash<QString, QList<int>> m_open;  // host key → open connections per lane
};

}  // namespace Download
