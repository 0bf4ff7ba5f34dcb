// One HTTP exchange for a byte range: credentials stay with their origin across the hubs'
// redirects to storage hosts, and redirects ModelDock must not follow are refused.

#include "download/rangestream.h"
#include "downloadtesthelpers.h"
#include "net/requestfactory.h"
#include "net/session.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Download;
using namespace DownloadTest;
using namespace Qt::Literals::StringLiterals;

namespace {

// A real socket answering every request with one fixed redirect, for Location values the test
// hub cannot produce (other schemes, loops).
class RedirectServer : public QTcpServer
{
public:
    explicit RedirectServer(QByteArray location)
        : m_location(std::move(location))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    ++requests;
                    QByteArray location = m_location;
                    location.replace("{port}", QByteArray::number(serverPort()));
                    socket->write("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        listen(QHostAddress::LocalHost);
    }
    int requests = 0;

private:
    QByteArray m_location;
};

struct Outcome
{
    QByteArray body;
    Net::HttpError error;
    bool completed = false;
    bool failed = false;
};

Outcome fetch(const Net::Session *session, const QUrl &url, qint64 offset = 0, qint64 end = -1)
{
    RangeStream::Params params;
    params.url = url;
    params.offset = offset;
    params.end = end;
    params.sendRange = offset > 0 || end >= 0;
    params.subject = u"test file"_s;
    RangeStream stream(session, nullptr, params);
    Outcome outcome;
    stream.setSink([&outcome](const char *data, qint64 size) {
        outcome.body.append(data, size);
        return true;
    });
    QObject::connect(&stream, &RangeStream::completed, [&outcome] { outcome.completed = true; });
    QObject::connect(&stream, &RangeStream::failed, [&outcome](const Net::HttpError &e) {
        outcome.failed = true;
        outcome.error = e;
    });
    stream.start();
    QElapsedTimer timer;
    timer.start();
    while (!outcome.completed && !outcome.failed && timer.elapsed() < 15000)
        QTest::qWait(10);
    return outcome;
}

}  // namespace

class TestRangeStream : public QObject
{
    Q_OBJECT

private:
    TestHub m_hub;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString())); }

    void init() { QVERIFY(m_hub.reset()); }

    void theTokenReachesTheHubButNeverTheStorageHost()
    {
        Net::Session session;
        session.credentials().setToken(m_hub.hfUrl(), u"hf_test_valid"_s);
        const QString repo = u"modeldock-demo/gated-llm"_s;
        const QJsonObject info = m_hub.fileInfo(repo, u"model.safetensors"_s);
        const Outcome outcome = fetch(&session, resolveUrl(m_hub.hfUrl(), repo, u"main"_s, u"model.safetensors"_s));
        QVERIFY2(outcome.completed, qPrintable(outcome.error.message));
        QCOMPARE(Util::Sha256::hexOf(outcome.body), info.value("sha256"_L1).toString());

        const QJsonArray hf = m_hub.requests(u"hf"_s);
        const QJsonArray storage = m_hub.requests(u"storage"_s);
        QCOMPARE(hf.size(), 1);
        QCOMPARE(hf.at(0).toObject().value("status"_L1).toInt(), 302);
        QCOMPARE(header(hf.at(0), "authorization"), u"Bearer hf_test_valid"_s);
        QCOMPARE(storage.size(), 1);
        QVERIFY2(header(storage.at(0), "authorization").isEmpty(), "the token leaked to the storage host");
        // The file request factory's promises are visible on the wire too.
        QCOMPARE(header(storage.at(0), "accept-encoding"), u"identity"_s);
        QVERIFY(header(storage.at(0), "user-agent").startsWith("ModelDock/"_L1));
    }

    void aTokenForOneHubIsNotSentToAnother()
    {
        Net::Session session;
        session.credentials().setToken(m_hub.hfUrl(), u"hf_test_valid"_s);
        QUrl url = m_hub.civitaiUrl();
        url.setPath(u"/api/download/models/420101"_s);
        const Outcome outcome = fetch(&session, url);
        QVERIFY2(outcome.completed, qPrintable(outcome.error.message));
        for (const QJsonValue &r : m_hub.requests())
            QVERIFY(header(r, "authorization").isEmpty());
    }

    void aRangeRequestDeliversExactlyThatRange()
    {
        Net::Session session;
        const QString repo = u"modeldock-demo/TinyStories-GGUF"_s;
        const QUrl url = resolveUrl(m_hub.hfUrl(), repo, u"main"_s, u"tinystories.Q2_K.gguf"_s);
        const Outcome whole = fetch(&session, url);
        const Outcome part = fetch(&session, url, 1000, 5000);
        QVERIFY(whole.completed && part.completed);
        QCOMPARE(part.body, whole.body.mid(1000, 4000));
    }

    void redirectDecisions_data()
    {
        QTest::addColumn<QUrl>("from");
        QTest::addColumn<QUrl>("to");
        QTest::addColumn<int>("hops");
        QTest::addColumn<bool>("allowed");
        const QUrl hub(u"https://huggingface.co/x/resolve/main/f"_s);
        QTest::newRow("https to https on another host is followed")
            << hub << QUrl(u"https://cdn-lfs.hf.co/blob?sig=1"_s) << 0 << true;
        QTest::newRow("http to https is followed") << QUrl(u"http://a/f"_s) << QUrl(u"https://b/f"_s) << 0 << true;
        QTest::newRow("https to http is refused") << hub << QUrl(u"http://cdn.example/f"_s) << 0 << false;
        QTest::newRow("a non-HTTP scheme is refused") << hub << QUrl(u"ftp://cdn.example/f"_s) << 0 << false;
        QTest::newRow("the eleventh hop is refused") << hub << QUrl(u"https://b/f"_s) << 10 << false;
    }
    void redirectDecisions()
    {
        QFETCH(QUrl, from);
        QFETCH(QUrl, to);
        QFETCH(int, hops);
        QFETCH(bool, allowed);
        QCOMPARE(Net::redirectRefusal(from, to, hops).isEmpty(), allowed);
    }

    void aRedirectToAnotherSchemeIsRefusedOnTheWire()
    {
        RedirectServer server("ftp://127.0.0.1/model.gguf");
        Net::Session session;
        const Outcome outcome = fetch(&session, QUrl(u"http://127.0.0.1:%1/model.gguf"_s.arg(server.serverPort())));
        QVERIFY(outcome.failed);
        QCOMPARE(outcome.error.kind, Net::ErrorKind::InsecureRedirect);
        QVERIFY(outcome.error.message.contains("redirected"_L1));
        QCOMPARE(server.requests, 1);
    }

    void aRedirectLoopStopsAfterTenHops()
    {
        RedirectServer server("http://127.0.0.1:{port}/again");
        Net::Session session;
        const Outcome outcome = fetch(&session, QUrl(u"http://127.0.0.1:%1/start"_s.arg(server.serverPort())));
        QVERIFY(outcome.failed);
        QCOMPARE(outcome.error.kind, Net::ErrorKind::BadResponse);
        QCOMPARE(server.requests, 11);
    }
};

QTEST_GUILESS_MAIN(TestRangeStream)
#include "tst_rangestream.moc"
