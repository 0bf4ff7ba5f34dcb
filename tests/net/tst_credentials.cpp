#include "net/credentials.h"

#include <QTest>

using Net::Credentials;

class TestCredentials : public QObject
{
    Q_OBJECT
private:
    static QByteArray authorizationFor(const Credentials &credentials, const QString &url)
    {
        QNetworkRequest request{QUrl(url)};
        request.setRawHeader("Authorization", "Bearer stale");
        credentials.apply(request);
        return request.rawHeader("Authorization");
    }

private Q_SLOTS:
    void tokensOnlyReachTheOriginTheyWereGivenFor_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("the hub itself gets the token")
            << QStringLiteral("https://huggingface.co/api/models/x") << QByteArray("Bearer hf_secret");
        QTest::newRow("an explicit default port is the same origin")
            << QStringLiteral("https://huggingface.co:443/x/resolve/main/a") << QByteArray("Bearer hf_secret");
        QTest::newRow("host names compare case-insensitively")
            << QStringLiteral("https://HuggingFace.co/api/models") << QByteArray("Bearer hf_secret");
        QTest::newRow("the CDN a hub redirects to gets nothing")
            << QStringLiteral("https://cdn-lfs.hf.co/repos/ab/cd") << QByteArray();
        QTest::newRow("a subdomain is another origin")
            << QStringLiteral("https://evil.huggingface.co/") << QByteArray();
        QTest::newRow("plain http to the same host gets nothing")
            << QStringLiteral("http://huggingface.co/api/models") << QByteArray();
        QTest::newRow("another port is another origin")
            << QStringLiteral("https://huggingface.co:8443/api") << QByteArray();
    }
    void tokensOnlyReachTheOriginTheyWereGivenFor()
    {
        QFETCH(QString, url);
        QFETCH(QByteArray, expected);
        Credentials credentials;
        credentials.setToken(QUrl(QStringLiteral("https://huggingface.co")), QStringLiteral("hf_secret"));
        // A stale header on a redirected request is removed, not kept.
        QCOMPARE(authorizationFor(credentials, url), expected);
    }

    void clearingATokenStopsSendingIt()
    {
        Credentials credentials;
        const QUrl hub(QStringLiteral("http://127.0.0.1:8080"));
        credentials.setToken(hub, QStringLiteral("hf_a"));
        QVERIFY(credentials.hasTokenFor(QUrl(QStringLiteral("http://127.0.0.1:8080/api/models"))));
        credentials.setToken(hub, QString());
        QVERIFY(!credentials.hasTokenFor(hub));
        QCOMPARE(authorizationFor(credentials, QStringLiteral("http://127.0.0.1:8080/api")), QByteArray());
    }

    // One mirror serving both APIs: each request gets the token of the hub it is for.
    void onASharedAddressEachHubGetsItsOwnToken_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("hub");  // what the request says it is for; Any = untagged
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<int>("attributed");
        const int any = int(Net::HubKind::Any);
        const int hf = int(Net::HubKind::HuggingFace);
        const int civitai = int(Net::HubKind::Civitai);
        QTest::newRow("Hugging Face model info")
            << QStringLiteral("https://mirror.example/api/models/a/b/revision/main") << hf
            << QByteArray("Bearer hf_token") << hf;
        QTest::newRow("a Civitai model") << QStringLiteral("https://mirror.example/api/v1/models/42") << civitai
                                         << QByteArray("Bearer civitai_key") << civitai;
        QTest::newRow("a Civitai request tagged for Civitai on a Hugging Face-looking path")
            << QStringLiteral("https://mirror.example/a/b") << civitai << QByteArray("Bearer civitai_key") << civitai;
        QTest::newRow("an untagged Hugging Face file")
            << QStringLiteral("https://mirror.example/a/b/resolve/main/x.gguf") << any << QByteArray("Bearer hf_token")
            << hf;
        QTest::newRow("an untagged Civitai download") << QStringLiteral("https://mirror.example/api/download/models/7")
                                                      << any << QByteArray("Bearer civitai_key") << civitai;
        QTest::newRow("the storage host gets nothing")
            << QStringLiteral("https://storage.example/x") << any << QByteArray() << any;
        QTest::newRow("a Hugging Face request never gets the Civitai key over plain http")
            << QStringLiteral("http://mirror.example/api/models/a/b") << hf << QByteArray() << hf;
    }
    void onASharedAddressEachHubGetsItsOwnToken()
    {
        QFETCH(QString, url);
        QFETCH(int, hub);
        QFETCH(QByteArray, expected);
        QFETCH(int, attributed);
        Credentials credentials;
        // The order the composition root uses: the Civitai key is set last and must not win.
        credentials.setToken(Net::HubKind::HuggingFace, QUrl(QStringLiteral("https://mirror.example")),
                             QStringLiteral("hf_token"));
        credentials.setToken(Net::HubKind::Civitai, QUrl(QStringLiteral("https://mirror.example/")),
                             QStringLiteral("civitai_key"));
        QNetworkRequest request{QUrl(url)};
        if (Net::HubKind(hub) != Net::HubKind::Any)
            Net::setHub(request, Net::HubKind(hub));
        credentials.apply(request);
        QCOMPARE(request.rawHeader("Authorization"), expected);
        QCOMPARE(int(Net::hubOf(request)), attributed);
    }

    void theHuggingFaceTokenNeverReachesACivitaiRouteOnASharedAddress()
    {
        // Civitai lives here too, without a key: its untagged download must not be taken for
        // a Hugging Face request.
        Credentials credentials;
        const QUrl mirror(QStringLiteral("https://mirror.example"));
        credentials.setToken(Net::HubKind::HuggingFace, mirror, QStringLiteral("hf_token"));
        credentials.setToken(Net::HubKind::Civitai, mirror, QString());
        QNetworkRequest download{QUrl(QStringLiteral("https://mirror.example/api/download/models/7"))};
        credentials.apply(download);
        QCOMPARE(download.rawHeader("Authorization"), QByteArray());
        QCOMPARE(Net::hubOf(download), Net::HubKind::Civitai);
        QNetworkRequest file{QUrl(QStringLiteral("https://mirror.example/a/b/resolve/main/x"))};
        credentials.apply(file);
        QCOMPARE(file.rawHeader("Authorization"), QByteArray("Bearer hf_token"));
    }

    void aHubWithoutATokenGetsNoneOnASharedAddress()
    {
        Credentials credentials;
        const QUrl mirror(QStringLiteral("https://mirror.example"));
        credentials.setToken(Net::HubKind::Civitai, mirror, QStringLiteral("civitai_key"));
        QVERIFY(credentials.hasTokenFor(Net::HubKind::Civitai, mirror));
        QVERIFY(!credentials.hasTokenFor(Net::HubKind::HuggingFace, mirror));
        QNetworkRequest request{QUrl(QStringLiteral("https://mirror.example/api/models/a/b"))};
        Net::setHub(request, Net::HubKind::HuggingFace);
        credentials.apply(request);
        QCOMPARE(request.rawHeader("Authorization"), QByteArray());
        // Clearing one hub's token keeps the other's.
        credentials.setToken(Net::HubKind::HuggingFace, mirror, QStringLiteral("hf_token"));
        credentials.clearToken(Net::HubKind::Civitai, mirror);
        QVERIFY(credentials.hasTokenFor(Net::HubKind::HuggingFace, mirror));
        QVERIFY(!credentials.hasTokenFor(Net::HubKind::Civitai, mirror));
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
