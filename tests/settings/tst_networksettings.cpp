// Network settings applied live to the hub clients, against two local test hubs: endpoints
// move together with their tokens, the proxy carries the next requests, the User-Agent is
// the one set. Real sockets everywhere, including a small forwarding HTTP proxy.
#include "config/runtimeconfig.h"
#include "download/downloadpool.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "net/requestfactory.h"
#include "net/session.h"
#include "plan/downloadplanner.h"
#include "settings/bindings.h"
#include "settings/settingscenter.h"
#include "testhub.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Settings;

namespace {

// An HTTP proxy that forwards every request to one upstream port, whatever host it names,
// and remembers the request lines it saw.
class ForwardingProxy : public QObject
{
public:
    explicit ForwardingProxy(quint16 upstreamPort)
        : m_upstreamPort(upstreamPort)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                serve(client);
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    QStringList requestLines;

private:
    void serve(QTcpSocket *client)
    {
        auto *buffer = new QByteArray;
        connect(client, &QObject::destroyed, this, [buffer] { delete buffer; });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(client, &QTcpSocket::readyRead, this, [this, client, buffer] {
            buffer->append(client->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0 || client->property("forwarded").toBool())
                return;
            client->setProperty("forwarded", true);
            QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> first = lines.first().trimmed().split(' ');
            requestLines << QString::fromLatin1(lines.first().trimmed());
            const QUrl target(QString::fromLatin1(first.value(1)));
            QByteArray head = first.value(0) + ' ' + target.path(QUrl::FullyEncoded).toLatin1() +
                              (target.hasQuery() ? '?' + target.query(QUrl::FullyEncoded).toLatin1() : QByteArray()) +
                              " HTTP/1.1\r\n";
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                if (!line.toLower().startsWith("proxy-connection") && !line.toLower().startsWith("connection"))
                    head += line + "\r\n";
            }
            head += "Connection: close\r\n\r\n";
            auto *upstream = new QTcpSocket(client);
            connect(upstream, &QTcpSocket::readyRead, client,
                    [client, upstream] { client->write(upstream->readAll()); });
            connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
            upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
            upstream->write(head + buffer->mid(end + 4));
        });
    }

    QTcpServer m_server;
    quint16 m_upstreamPort;
};

}  // namespace

class TestNetworkSettings : public QObject
{
    Q_OBJECT
private:
    TestHub m_first;
    TestHub m_second;
    QTemporaryDir m_dir;

    std::unique_ptr<SettingsCenter> makeSettings(const QString &name)
    {
        Config::RuntimeConfig runtime = Config::RuntimeConfig::defaults();
        runtime.hfEndpoint = m_first.hfUrl();
        runtime.civitaiEndpoint = m_first.civitaiUrl();
        runtime.hfCacheDir = m_dir.filePath(QStringLiteral("hub"));
        runtime.libraryDir = m_dir.filePath(QStringLiteral("library"));
        auto settings = std::make_unique<SettingsCenter>(SettingsSchema::standard(runtime), m_dir.filePath(name));
        QString error;
        if (!settings->open(&error))
            qFatal("settings: %s", qPrintable(error));
        return settings;
    }

    // Plans a repo through the client as it is configured now; true when the plan worked.
    static bool plan(Plan::DownloadPlanner &planner, const QString &repo, QString *error = nullptr)
    {
        Plan::DownloadTarget target;
        QString why;
        Plan::DownloadTarget::parse(repo, &target, &why);
        Plan::DownloadPlanner::Options options;
        options.hfCacheDir = QStringLiteral("/tmp/unused-cache");
        bool done = false;
        bool ok = false;
        QObject context;
        planner.plan(target, options, &context, [&](const Plan::DownloadPlan &p) {
            ok = p.ok() && !p.files.isEmpty();
            if (error)
                *error = p.error.message;
            done = true;
        });
        return QTest::qWaitFor([&] { return done; }, 30000) && ok;
    }

    static int requestsFor(TestHub &hub, const QString &needle, QJsonObject *last = nullptr)
    {
        int count = 0;
        for (const QJsonValue &value : hub.requests(QStringLiteral("hf"))) {
            if (value.toObject().value(QLatin1String("path")).toString().contains(needle)) {
                ++count;
                if (last)
                    *last = value.toObject();
            }
        }
        return count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_first.start(), qPrintable(m_first.errorString()));
        QVERIFY2(m_second.start(), qPrintable(m_second.errorString()));
    }

    void cleanup()
    {
        // Proxy and User-Agent belong to each test's session: nothing process-wide to reset.
        m_first.reset();
        m_second.reset();
    }

    void anEndpointChangeMovesTheClientAndItsTokenTogether()
    {
        auto settings = makeSettings(QStringLiteral("endpoints.sqlite"));
        Net::Session session;
        Download::DownloadPool pool(&session, {}, nullptr);
        Hub::HuggingFaceClient hf(&session, QUrl(QStringLiteral("http://127.0.0.1:9")));
        Hub::CivitaiClient civitai(&session, QUrl(QStringLiteral("http://127.0.0.1:9")));
        Plan::DownloadPlanner planner(&hf, &civitai);
        bindHubClients(settings.get(), &session.credentials(), &hf, &civitai);
        QCOMPARE(hf.endpoint(), m_first.hfUrl());
        QVERIFY(
            settings->apply({{QString::fromLatin1(Keys::HfToken), QStringLiteral("hf_test_valid")}}, ChangeSource::Gui)
                .ok);

        // The gated repo plans only with the token, so each plan proves where the token went.
        const QString gated = QStringLiteral("modeldock-demo/gated-llm");
        QString error;
        QVERIFY2(plan(planner, gated, &error), qPrintable(error));
        QJsonObject last;
        QVERIFY(requestsFor(m_first, gated, &last) > 0);
        QVERIFY(last.value(QLatin1String("headers"))
                    .toObject()
                    .value(QLatin1String("authorization"))
                    .toString()
                    .contains(QLatin1String("hf_test_valid")));

        QVERIFY(
            settings->apply({{QString::fromLatin1(Keys::HfEndpoint), m_second.hfUrl().toString()}}, ChangeSource::Gui)
                .ok);
        QCOMPARE(hf.endpoint(), m_second.hfUrl());
        const int firstBefore = requestsFor(m_first, gated);
        QVERIFY2(plan(planner, gated, &error), qPrintable(error));
        QVERIFY(requestsFor(m_second, gated, &last) > 0);
        QVERIFY(last.value(QLatin1String("headers"))
                    .toObject()
                    .value(QLatin1String("authorization"))
                    .toString()
                    .contains(QLatin1String("hf_test_valid")));
        QCOMPARE(requestsFor(m_first, gated), firstBefore);  // nothing more went to the old host
        QVERIFY(!session.credentials().hasTokenFor(m_first.hfUrl()));

        // Endpoint and token changed in one change: the new token goes only to the new host.
        QVERIFY(settings
                    ->apply({{QString::fromLatin1(Keys::HfEndpoint), m_first.hfUrl().toString()},
                             {QString::fromLatin1(Keys::HfToken), QStringLiteral("hf_test_unapproved")}},
                            ChangeSource::Gui)
                    .ok);
        QVERIFY(!plan(planner, gated));  // 403: a valid user, not approved
        QVERIFY(requestsFor(m_first, gated, &last) > firstBefore);
        QVERIFY(last.value(QLatin1String("headers"))
                    .toObject()
                    .value(QLatin1String("authorization"))
                    .toString()
                    .contains(QLatin1String("unapproved")));
        QVERIFY(!session.credentials().hasTokenFor(m_second.hfUrl()));
    }

    void aManualProxyCarriesTheNextRequestsAndNoneStopsIt()
    {
        auto settings = makeSettings(QStringLiteral("proxy.sqlite"));
        ForwardingProxy proxy(quint16(m_first.hfUrl().port()));
        QVERIFY(proxy.listen());
        Net::Session session;
        Download::DownloadPool pool(&session, {}, nullptr);
        // A name only the proxy can reach: loopback addresses never go through a proxy.
        const QUrl viaProxy(QStringLiteral("http://modeldock-hub.invalid:%1").arg(m_first.hfUrl().port()));
        Hub::HuggingFaceClient hf(&session, viaProxy);
        Hub::CivitaiClient civitai(&session, m_first.civitaiUrl());
        Plan::DownloadPlanner planner(&hf, &civitai);
        bindProxy(settings.get(), &session);

        QVERIFY(settings
                    ->apply({{QString::fromLatin1(Keys::ProxyMode), QStringLiteral("manual")},
                             {QString::fromLatin1(Keys::ProxyUrl),
                              QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())}},
                            ChangeSource::Gui)
                    .ok);
        QString error;
        QVERIFY2(plan(planner, QStringLiteral("modeldock-demo/plain-model-02"), &error), qPrintable(error));
        QVERIFY(!proxy.requestLines.isEmpty());
        QVERIFY2(proxy.requestLines.first().contains(QLatin1String("http://modeldock-hub.invalid:")),
                 qPrintable(proxy.requestLines.first()));

        // Switched off while the app runs: the next request no longer reaches the proxy.
        const qsizetype seen = proxy.requestLines.size();
        QVERIFY(
            settings->apply({{QString::fromLatin1(Keys::ProxyMode), QStringLiteral("none")}}, ChangeSource::Gui).ok);
        QVERIFY(!plan(planner, QStringLiteral("modeldock-demo/plain-model-03")));
        QCOMPARE(proxy.requestLines.size(), seen);
    }

    void theUserAgentSettingReachesTheHubAndIsValidated()
    {
        auto settings = makeSettings(QStringLiteral("agent.sqlite"));
        Net::Session session;
        Download::DownloadPool pool(&session, {}, nullptr);
        Hub::HuggingFaceClient hf(&session, m_first.hfUrl());
        Hub::CivitaiClient civitai(&session, m_first.civitaiUrl());
        Plan::DownloadPlanner planner(&hf, &civitai);
        bindUserAgent(settings.get(), &session);
        QCOMPARE(session.userAgent(), Net::RequestFactory::defaultUserAgent());
        QVERIFY(settings
                    ->apply({{QString::fromLatin1(Keys::UserAgent), QStringLiteral("ModelDock-Test/9 (lab)")}},
                            ChangeSource::Gui)
                    .ok);
        QVERIFY(plan(planner, QStringLiteral("modeldock-demo/plain-model-04")));
        QJsonObject last;
        QVERIFY(requestsFor(m_first, QStringLiteral("plain-model-04"), &last) > 0);
        QCOMPARE(last.value(QLatin1String("headers")).toObject().value(QLatin1String("user-agent")).toString(),
                 QStringLiteral("ModelDock-Test/9 (lab)"));
        QVERIFY(
            !settings->apply({{QString::fromLatin1(Keys::UserAgent), QStringLiteral("two\nlines")}}, ChangeSource::Gui)
                 .ok);
        QCOMPARE(session.userAgent(), QByteArray("ModelDock-Test/9 (lab)"));
    }
};

QTEST_GUILESS_MAIN(TestNetworkSettings)
#include "tst_networksettings.moc"
