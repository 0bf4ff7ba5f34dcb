#include "net/requestfactory.h"

#include <QTest>

using namespace Net;

class TestRequestFactory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fileRequestsAskForRawBytesOverHttp1WithoutAutoRedirects()
    {
        const QNetworkRequest request =
            RequestFactory::fileRequest(QUrl(QStringLiteral("https://h/x")), RequestFactory::defaultUserAgent());
        QCOMPARE(request.rawHeader("Accept-Encoding"), QByteArray("identity"));
        QCOMPARE(request.attribute(QNetworkRequest::Http2AllowedAttribute).toBool(), false);
        QCOMPARE(request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
                 int(QNetworkRequest::ManualRedirectPolicy));
        QVERIFY(request.transferTimeout() > 0);
        QVERIFY(request.header(QNetworkRequest::UserAgentHeader).toByteArray().startsWith("ModelDock/"));
    }

    void apiRequestsHaveATimeoutAndOurAgent()
    {
        const QNetworkRequest request =
            RequestFactory::apiRequest(QUrl(QStringLiteral("https://h/api")), RequestFactory::defaultUserAgent());
        QVERIFY(request.transferTimeout() > 0);
        QCOMPARE(request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
                 int(QNetworkRequest::ManualRedirectPolicy));
        const QByteArray agent = request.header(QNetworkRequest::UserAgentHeader).toByteArray();
        QVERIFY(!agent.contains("Mozilla"));
    }

    void redirectPolicy_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<int>("hops");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https to another https host is followed")
            << QStringLiteral("https://huggingface.co/a") << QStringLiteral("https://cdn.hf.co/b") << 0 << true;
        QTest::newRow("http to https is followed")
            << QStringLiteral("http://127.0.0.1/a") << QStringLiteral("https://x/b") << 0 << true;
        QTest::newRow("https to http is refused")
            << QStringLiteral("https://huggingface.co/a") << QStringLiteral("http://cdn.hf.co/b") << 0 << false;
        QTest::newRow("a file: URL is refused")
            << QStringLiteral("https://h/a") << QStringLiteral("file:///etc/passwd") << 0 << false;
        QTest::newRow("the eleventh hop is refused")
            << QStringLiteral("https://h/a") << QStringLiteral("https://h/b") << 10 << false;
    }
    void redirectPolicy()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(int, hops);
        QFETCH(bool, allowed);
        const QString refusal = redirectRefusal(QUrl(from), QUrl(to), hops);
        QCOMPARE(refusal.isEmpty(), allowed);
    }
};

QTEST_GUILESS_MAIN(TestRequestFactory)
#include "tst_requestfactory.moc"
