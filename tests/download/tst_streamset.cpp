// The live requests of one file, keyed by range: bytes and signals come back under the range's
// key, each stream holds a connection lane until it ends, a stopped stream says nothing more,
// and silence is measured on the task's clock (a manual one here: a 20 s stall without waiting).

#include "download/connectionlanes.h"
#include "download/streamset.h"
#include "manualclock.h"
#include "net/session.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Download;
using namespace Qt::Literals::StringLiterals;

namespace {

// Answers every request with a 200 of a 1000-byte file. Paths ending in "/all" get the whole
// body; others get the first 100 bytes and then nothing (the connection stays open: a stall).
class BodyServer : public QTcpServer
{
public:
    BodyServer()
    {
        for (int i = 0; i < 1000; ++i)
            body.append(char(i % 251));
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray request = socket->readAll();
                    if (!request.contains("\r\n\r\n"))
                        return;
                    const bool all = request.startsWith("GET /all ");
                    socket->write("HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Length: 1000\r\n\r\n" +
                                  (all ? body : body.left(100)));
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        listen(QHostAddress::LocalHost);
    }
    QUrl url(const QString &path) const { return QUrl(u"http://127.0.0.1:%1/%2"_s.arg(serverPort()).arg(path)); }
    QByteArray body;
};

RangeStream::Params paramsFor(const QUrl &url)
{
    RangeStream::Params params;
    params.url = url;
    params.subject = u"test file"_s;
    return params;
}

}  // namespace

class TestStreamSet : public QObject
{
    Q_OBJECT

private:
    BodyServer m_server;
    Net::Session m_session;
    ConnectionLanes m_lanes{8};
    ManualClock m_clock;
    PoolOptions m_options;

    TaskEnvironment environment()
    {
        TaskEnvironment env;
        env.session = &m_session;
        env.options = &m_options;
        env.lanes = &m_lanes;
        env.clock = &m_clock;
        return env;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.isListening());
        qRegisterMetaType<Download::ResponseMeta>();
    }

    void bytesAndSignalsComeBackUnderTheRangesKey()
    {
        StreamSet streams(environment());
        QHash<int, QByteArray> received;
        streams.setSink([&received](int key, const char *data, qint64 size) {
            received[key].append(data, size);
            return true;
        });
        QSignalSpy headers(&streams, &StreamSet::headersReceived);
        QSignalSpy completed(&streams, &StreamSet::completed);
        streams.open(7, paramsFor(m_server.url(u"all"_s)));
        streams.open(9, paramsFor(m_server.url(u"all"_s)));
        QCOMPARE(streams.open(), 2);
        QVERIFY(streams.has(7) && streams.has(9));
        QCOMPARE(m_lanes.openCount(m_server.url(u"all"_s)), 2);
        QTRY_COMPARE(completed.size(), 2);
        QCOMPARE(headers.size(), 2);
        QCOMPARE(received.value(7), m_server.body);
        QCOMPARE(received.value(9), m_server.body);
        QSet<int> keys{completed.at(0).at(0).toInt(), completed.at(1).at(0).toInt()};
        QCOMPARE(keys, (QSet<int>{7, 9}));
        // A finished stream gave its lane back; the set keeps it until the task stops it.
        QCOMPARE(m_lanes.openCount(m_server.url(u"all"_s)), 0);
        streams.stop(7);
        streams.stop(9);
        QCOMPARE(streams.open(), 0);
    }

    void silenceIsMeasuredOnTheClock()
    {
        StreamSet streams(environment());
        streams.setSink([](int, const char *, qint64) { return true; });
        QSignalSpy headers(&streams, &StreamSet::headersReceived);
        streams.open(1, paramsFor(m_server.url(u"stall"_s)));
        QCOMPARE(streams.idleMs(1), qint64(0));
        QCOMPARE(streams.receiving(), 0);
        QVERIFY(!streams.hasHeaders(1));
        QTRY_COMPARE(headers.size(), 1);
        QTRY_COMPARE(streams.receiving(), 1);
        QVERIFY(streams.hasHeaders(1));
        // The server sends nothing more. On the clock, 20 s pass at once.
        m_clock.advanceMs(20000);
        QCOMPARE(streams.idleMs(1), qint64(20000));
        QCOMPARE(streams.idleMs(2), qint64(-1));  // no stream for that range
        streams.stop(1);
    }

    void aStoppedStreamSaysNothingMoreAndFreesItsLane()
    {
        StreamSet streams(environment());
        streams.setSink([](int, const char *, qint64) { return true; });
        QSignalSpy failed(&streams, &StreamSet::failed);
        QSignalSpy completed(&streams, &StreamSet::completed);
        QSignalSpy headers(&streams, &StreamSet::headersReceived);
        streams.open(1, paramsFor(m_server.url(u"stall"_s)));
        streams.open(2, paramsFor(m_server.url(u"stall"_s)));
        streams.open(3, paramsFor(m_server.url(u"stall"_s)));
        QCOMPARE(m_lanes.openCount(m_server.url(u"stall"_s)), 3);
        QTRY_COMPARE(headers.size(), 3);
        streams.stopAllExcept(2);
        QCOMPARE(streams.open(), 1);
        QVERIFY(streams.has(2));
        QCOMPARE(m_lanes.openCount(m_server.url(u"stall"_s)), 1);
        streams.stopAll();
        QCOMPARE(streams.open(), 0);
        QCOMPARE(m_lanes.openCount(m_server.url(u"stall"_s)), 0);
        // Stopping aborts: no failure is reported for what the task itself ended, and once the
        // stopped streams are deleted nothing can come any more.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCOMPARE(streams.findChildren<RangeStream *>().size(), 0);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(completed.size(), 0);
    }

    void aSinkThatHasEnoughStopsTheReading()
    {
        StreamSet streams(environment());
        QByteArray got;
        streams.setSink([&got, &streams](int key, const char *data, qint64 size) {
            got.append(data, qMin<qint64>(size, 10 - got.size()));
            if (got.size() < 10)
                return true;
            streams.stop(key);  // what a task does when a shortened range is full
            return false;
        });
        QSignalSpy completed(&streams, &StreamSet::completed);
        streams.open(4, paramsFor(m_server.url(u"all"_s)));
        QTRY_VERIFY(!streams.has(4));
        QCOMPARE(got, m_server.body.left(10));
        QCOMPARE(completed.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStreamSet)
#include "tst_streamset.moc"
