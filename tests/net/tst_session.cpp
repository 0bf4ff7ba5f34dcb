// Net::Session, the one network of a process: one QNetworkAccessManager that the hub clients
// and the download pool share, each hub's token only on that hub's requests, the User-Agent
// and the proxy of this session alone. What a request carried is read off the wire: a small
// server plays the HTTP proxy of every session here, so any host name reaches it and a
// request that bypassed the session's manager would not arrive at all.
#include "download/downloadpool.h"
#include "hub/huggingfaceclient.h"
#include "net/requestfactory.h"
#include "net/session.h"

#include <QHash>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using Net::HubKind;
using Net::Session;

namespace {

// One request as the proxy received it.
struct Seen
{
    QByteArray target;                      // absolute URI: "http://hub.invalid/…"
    QHash<QByteArray, QByteArray> headers;  // names in lower case
};

// An HTTP proxy that answers by itself: a file under /resolve/ at hub.invalid is redirected to
// storage.invalid, as a hub sends its files to a storage host; anything else is a 404.
class RecordingProxy : public QObject
{
public:
    RecordingProxy()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QNetworkProxy proxy() const
    {
        return QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), m_server.serverPort());
    }

    // The first request seen for `target`, waiting for it to arrive.
    std::optional<Seen> waitFor(const QByteArray &target)
    {
        std::optional<Seen> found;
        // The answer is `found`; the wait's own result says the same.
        (void)QTest::qWaitFor(
            [&] {
                for (const Seen &seen : std::as_const(m_seen)) {
                    if (seen.target == target) {
                        found = seen;
                        return true;
                    }
                }
                return false;
            },
            10000);
        return found;
    }
    QList<Seen> seen() const { return m_seen; }

private:
    void serve(QTcpSocket *socket)
    {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
            socket->setProperty("buffer", buffer);
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0 || socket->property("answered").toBool())
                return;
            socket->setProperty("answered", true);
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            Seen seen;
            seen.target = lines.first().trimmed().split(' ').value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon > 0)
                    seen.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
            }
            m_seen.append(seen);
            socket->write(answerTo(seen.target));
            socket->disconnectFromHost();
        });
    }

    static QByteArray answerTo(const QByteArray &target)
    {
        if (target.startsWith("http://hub.invalid/") && target.contains("/resolve/")) {
            return "HTTP/1.1 302 Found\r\nLocation: http://storage.invalid/blobs/f.bin\r\n"
                   "Content-Length: 0\r\nConnection: close\r\n\r\n";
        }
        const QByteArray body = R"({"error":"not here"})";
        return "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " +
               QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    }

    QTcpServer m_server;
    QList<Seen> m_seen;
};

// Sends one GET through the session and waits for its answer.
void send(const Session &session, QNetworkRequest request)
{
    QNetworkReply *reply = session.get(request);
    QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
    reply->deleteLater();
}

}  // namespace

class TestSession : public QObject
{
    Q_OBJECT

private:
    RecordingProxy m_proxy;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_proxy.listen()); }

    void everyRequestGoesOutThroughTheOneManager()
    {
        Session session;
        QNetworkAccessManager *network = session.network();
        QVERIFY(network);
        QCOMPARE(std::as_const(session).network(), network);
        session.setProxy(m_proxy.proxy());
        QNetworkReply *reply = session.get(session.apiRequest(QUrl(QStringLiteral("http://hub.invalid/api/models"))));
        QCOMPARE(reply->manager(), network);
        QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
        delete reply;
    }

    void theHubClientsAndThePoolTalkThroughTheSessionAndTheTokenStaysWithTheHub()
    {
        // The proxy is set on the session alone: a client or a pool with a manager of its own
        // would look hub.invalid up in DNS instead of reaching the proxy.
        Session session;
        session.setProxy(m_proxy.proxy());
        const QUrl hub(QStringLiteral("http://hub.invalid"));
        session.credentials().setToken(HubKind::HuggingFace, hub, QStringLiteral("hf_secret"));

        Hub::HuggingFaceClient client(&session, hub);
        bool answered = false;
        client.modelInfo(QStringLiteral("org/model"), QStringLiteral("main"), this,
                         [&answered](const Hub::Result<Hub::HfModel> &) { answered = true; });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
        const QList<Seen> api = m_proxy.seen();
        QVERIFY(!api.isEmpty());
        QVERIFY2(api.last().target.startsWith("http://hub.invalid/api/models/org/model"),
                 api.last().target.constData());
        QCOMPARE(api.last().headers.value("authorization"), QByteArray("Bearer hf_secret"));

        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        Download::DownloadPool pool(&session, Download::PoolOptions{}, nullptr);
        Download::FileRequest file;
        file.url = QUrl(QStringLiteral("http://hub.invalid/org/model/resolve/main/f.bin"));
        file.displayName = QStringLiteral("org/model · f.bin");
        file.destination.root = folder.path();
        file.destination.relativePath = QStringLiteral("org/model/f.bin");
        QVERIFY(pool.addTask(pool.createGroup(QStringLiteral("test")), file) != 0);

        const std::optional<Seen> atHub = m_proxy.waitFor("http://hub.invalid/org/model/resolve/main/f.bin");
        QVERIFY(atHub);
        QCOMPARE(atHub->headers.value("authorization"), QByteArray("Bearer hf_secret"));
        // The hub's redirect leads to the storage host: the same transfer, without the token.
        const std::optional<Seen> atStorage = m_proxy.waitFor("http://storage.invalid/blobs/f.bin");
        QVERIFY(atStorage);
        QVERIFY(!atStorage->headers.contains("authorization"));
    }

    void eachHubsTokenGoesOnlyWithItsOwnRequests_data()
    {
        QTest::addColumn<int>("hub");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("authorization");
        // Both hubs behind one mirror, each with its own token.
        QTest::newRow("a request for Hugging Face gets the Hugging Face token")
            << int(HubKind::HuggingFace) << QStringLiteral("http://mirror.invalid/api/models/org/a")
            << QByteArray("Bearer hf_secret");
        QTest::newRow("a request for Civitai gets the Civitai token")
            << int(HubKind::Civitai) << QStringLiteral("http://mirror.invalid/api/v1/models/7")
            << QByteArray("Bearer civitai_secret");
        QTest::newRow("an untagged file on Civitai's download route gets the Civitai token")
            << int(HubKind::Any) << QStringLiteral("http://mirror.invalid/api/download/models/8")
            << QByteArray("Bearer civitai_secret");
        QTest::newRow("an untagged repo file gets the Hugging Face token")
            << int(HubKind::Any) << QStringLiteral("http://mirror.invalid/org/b/resolve/main/x.bin")
            << QByteArray("Bearer hf_secret");
        QTest::newRow("a request for a hub sent to another host gets no token")
            << int(HubKind::HuggingFace) << QStringLiteral("http://elsewhere.invalid/api/models/org/c") << QByteArray();
        QTest::newRow("an untagged request to another host gets no token")
            << int(HubKind::Any) << QStringLiteral("http://elsewhere.invalid/org/d/resolve/main/x.bin") << QByteArray();
    }
    void eachHubsTokenGoesOnlyWithItsOwnRequests()
    {
        QFETCH(int, hub);
        QFETCH(QString, url);
        QFETCH(QByteArray, authorization);
        Session session;
        session.setProxy(m_proxy.proxy());
        const QUrl mirror(QStringLiteral("http://mirror.invalid"));
        session.credentials().setToken(HubKind::HuggingFace, mirror, QStringLiteral("hf_secret"));
        session.credentials().setToken(HubKind::Civitai, mirror, QStringLiteral("civitai_secret"));

        QNetworkRequest request = session.apiRequest(QUrl(url));
        Net::setHub(request, HubKind(hub));
        send(session, request);
        const std::optional<Seen> seen = m_proxy.waitFor(url.toLatin1());
        QVERIFY(seen);
        QCOMPARE(seen->headers.value("authorization"), authorization);
    }

    void aRequestMovedToAnotherHostLosesTheTokenItCarried()
    {
        // What each redirect hop does: the request that went to the hub, now for elsewhere.
        Session session;
        session.setProxy(m_proxy.proxy());
        session.credentials().setToken(HubKind::HuggingFace, QUrl(QStringLiteral("http://hub.invalid")),
                                       QStringLiteral("hf_secret"));
        QNetworkRequest request = session.fileRequest(QUrl(QStringLiteral("http://hub.invalid/org/e/resolve/main/y")));
        Net::setHub(request, HubKind::HuggingFace);
        session.credentials().apply(request);
        QCOMPARE(request.rawHeader("Authorization"), QByteArray("Bearer hf_secret"));
        request.setUrl(QUrl(QStringLiteral("http://cdn.invalid/blobs/y")));
        send(session, request);
        const std::optional<Seen> seen = m_proxy.waitFor("http://cdn.invalid/blobs/y");
        QVERIFY(seen);
        QVERIFY(!seen->headers.contains("authorization"));
    }

    void theUserAgentIsTheSessionsAndAppliesToTheNextRequest()
    {
        Session session;
        session.setProxy(m_proxy.proxy());
        const QUrl url(QStringLiteral("http://hub.invalid/api/agent"));
        QCOMPARE(session.userAgent(), Net::RequestFactory::defaultUserAgent());
        QCOMPARE(session.apiRequest(url).header(QNetworkRequest::UserAgentHeader).toByteArray(),
                 Net::RequestFactory::defaultUserAgent());

        session.setUserAgent("ModelDock-Test/2 (lab)");
        QCOMPARE(session.apiRequest(url).header(QNetworkRequest::UserAgentHeader).toByteArray(),
                 QByteArray("ModelDock-Test/2 (lab)"));
        QCOMPARE(session.fileRequest(url).header(QNetworkRequest::UserAgentHeader).toByteArray(),
                 QByteArray("ModelDock-Test/2 (lab)"));
        send(session, session.apiRequest(url));
        const std::optional<Seen> seen = m_proxy.waitFor(url.toEncoded());
        QVERIFY(seen);
        QCOMPARE(seen->headers.value("user-agent"), QByteArray("ModelDock-Test/2 (lab)"));

        // Nothing process-wide: another session keeps the default.
        const Session other;
        QCOMPARE(other.apiRequest(url).header(QNetworkRequest::UserAgentHeader).toByteArray(),
                 Net::RequestFactory::defaultUserAgent());
        session.setUserAgent({});
        QCOMPARE(session.userAgent(), Net::RequestFactory::defaultUserAgent());
    }

    void theProxyIsTheSessionsAlone()
    {
        const QNetworkProxy before = QNetworkProxy::applicationProxy();
        Session session;
        const Session other;
        session.setProxy(m_proxy.proxy());
        QCOMPARE(session.network()->proxy(), m_proxy.proxy());
        QCOMPARE(other.network()->proxy().type(), QNetworkProxy::DefaultProxy);
        QCOMPARE(QNetworkProxy::applicationProxy(), before);

        session.useSystemProxy();
        QVERIFY(session.network()->proxyFactory());
        QVERIFY(!other.network()->proxyFactory());
        session.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        QVERIFY(!session.network()->proxyFactory());
        QCOMPARE(session.network()->proxy().type(), QNetworkProxy::NoProxy);
    }

    void theFrontEndSaysWhereItsUserSetsATokenInItsOwnSentences()
    {
        Session cli;
        cli.setTokenWhere([](HubKind hub, const QUrl &) {
            return hub == HubKind::Civitai ? QStringLiteral("in CIVITAI_API_TOKEN") : QStringLiteral("in HF_TOKEN");
        });
        const Session app;
        Net::ResponseInfo refused;
        refused.url = QUrl(QStringLiteral("https://civitai.example/api/download/models/1"));
        refused.httpStatus = 401;
        refused.hub = HubKind::Civitai;
        const QString said = cli.errorFromResponse(refused, QStringLiteral("x")).message;
        QVERIFY2(said.contains(QLatin1String("in CIVITAI_API_TOKEN")), qPrintable(said));
        const QString saidByApp = app.errorFromResponse(refused, QStringLiteral("x")).message;
        QVERIFY2(saidByApp.contains(QLatin1String("in the settings (Civitai API key)")), qPrintable(saidByApp));
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
