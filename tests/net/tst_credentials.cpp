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
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
