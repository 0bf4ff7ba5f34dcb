#include "net/backoff.h"
#include "net/httperror.h"

#include <QNetworkReply>
#include <QTest>

using namespace Net;
using Headers = QList<QPair<QByteArray, QByteArray>>;

class TestHttpError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapsResponsesToKindsAndSentences_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("sentencePart");
        QTest::addColumn<bool>("retryable");

        QTest::newRow("an anonymous request for a gated HF repo asks to log in")
            << 401 << Headers{{"X-Error-Code", "GatedRepo"}} << QByteArray() << int(ErrorKind::GatedRepo)
            << QStringLiteral("token") << false;
        QTest::newRow("a gated HF repo without approval asks to request access")
            << 403 << Headers{{"X-Error-Code", "GatedRepo"}} << QByteArray() << int(ErrorKind::GatedRepo)
            << QStringLiteral("request access") << false;
        QTest::newRow("a missing HF repo says it may have been removed")
            << 404 << Headers{{"X-Error-Code", "RepoNotFound"}} << QByteArray() << int(ErrorKind::NotFound)
            << QStringLiteral("not found") << false;
        QTest::newRow("an anonymous 401 RepoNotFound is a not-found that mentions private repos")
            << 401 << Headers{{"X-Error-Code", "RepoNotFound"}} << QByteArray() << int(ErrorKind::NotFound)
            << QStringLiteral("private") << false;
        QTest::newRow("a missing HF revision names the revision")
            << 404 << Headers{{"X-Error-Code", "RevisionNotFound"}} << QByteArray() << int(ErrorKind::NotFound)
            << QStringLiteral("revision") << false;
        QTest::newRow("Civitai login required asks for a token")
            << 401 << Headers{}
            << QByteArray(
                   R"({"error":"Unauthorized","message":"The creator of this asset requires you to be logged in to download it"})")
            << int(ErrorKind::Unauthorized) << QStringLiteral("logged in") << false;
        QTest::newRow("Civitai disabled downloads says so")
            << 401 << Headers{}
            << QByteArray(
                   R"({"error":"Unauthorized","message":"The creator of this asset has disabled downloads on this file"})")
            << int(ErrorKind::Unauthorized) << QStringLiteral("disabled downloads") << false;
        QTest::newRow("Civitai early access explains when it can be downloaded")
            << 403 << Headers{}
            << QByteArray(
                   R"({"error":"Early Access","deadline":"2026-12-01","message":"This asset is in Early Access."})")
            << int(ErrorKind::AccessDenied) << QStringLiteral("early access") << false;
        QTest::newRow("Civitai archived model is gone")
            << 410 << Headers{} << QByteArray("Model archived, not available for download") << int(ErrorKind::Gone)
            << QStringLiteral("archived") << false;
        QTest::newRow("a 503 is a retryable server error")
            << 503 << Headers{} << QByteArray() << int(ErrorKind::ServerError)
            << QStringLiteral("org/model: the hub had a server error (HTTP 503).") << true;
        QTest::newRow("a 503 with Retry-After says how long the hub asks to wait")
            << 503 << Headers{{"Retry-After", "4"}} << QByteArray() << int(ErrorKind::ServerError)
            << QStringLiteral("(HTTP 503) and asks to wait 4 s.") << true;
        QTest::newRow("a 429 with Retry-After says how long the hub asks to wait")
            << 429 << Headers{{"Retry-After", "7"}} << QByteArray() << int(ErrorKind::RateLimited)
            << QStringLiteral("org/model: the hub is rate-limiting requests (HTTP 429) and asks to wait 7 s.") << true;
        QTest::newRow("a 429 without a delay says it is rate-limited")
            << 429 << Headers{} << QByteArray() << int(ErrorKind::RateLimited)
            << QStringLiteral("org/model: the hub is rate-limiting requests (HTTP 429).") << true;
        QTest::newRow("a 416 says what the server refused")
            << 416 << Headers{} << QByteArray() << int(ErrorKind::RangeNotSatisfiable) << QStringLiteral("(HTTP 416)")
            << true;
        QTest::newRow("a 408 is a timeout") << 408 << Headers{} << QByteArray() << int(ErrorKind::Timeout)
                                            << QStringLiteral("timed out (HTTP 408)") << true;
        QTest::newRow("an invalid HF token is named as such")
            << 401 << Headers{{"X-Error-Message", "Invalid credentials in Authorization header"}} << QByteArray()
            << int(ErrorKind::Unauthorized) << QStringLiteral("rejected your token") << false;
        QTest::newRow("an unknown Civitai API key is named as a rejected token, not as a missing login")
            << 401 << Headers{} << QByteArray(R"({"error":"Unauthorized","message":"Invalid API key"})")
            << int(ErrorKind::Unauthorized) << QStringLiteral("rejected your token") << false;
    }
    void mapsResponsesToKindsAndSentences()
    {
        QFETCH(int, status);
        QFETCH(Headers, headers);
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        QFETCH(QString, sentencePart);
        QFETCH(bool, retryable);

        ResponseInfo response;
        response.url = QUrl(QStringLiteral("https://huggingface.co/org/model/resolve/main/x.gguf?token=secret"));
        response.httpStatus = status;
        response.headers = headers;
        response.bodyPrefix = body;
        const HttpError error = errorFromResponse(response, QStringLiteral("org/model"));
        QCOMPARE(int(error.kind), kind);
        QVERIFY2(error.message.contains(sentencePart, Qt::CaseInsensitive), qPrintable(error.message));
        QVERIFY2(error.message.contains(QLatin1String("org/model")), qPrintable(error.message));
        QCOMPARE(error.isRetryable(), retryable);
        QCOMPARE(error.httpStatus, status);
        // The log line never carries the query string (signed URLs, ?token=).
        QVERIFY2(!error.detail.contains(QLatin1String("secret")), qPrintable(error.detail));
    }

    // Whether anyone tries again is the caller's decision (Net::RetryBudget, the download
    // engine); the base sentence never promises it, so a caller that gives up is not
    // contradicted by its own message.
    void noBaseSentencePromisesARetry_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("networkError");
        QTest::addColumn<Headers>("headers");
        QTest::newRow("429 with Retry-After") << 429 << 0 << Headers{{"Retry-After", "3"}};
        QTest::newRow("429 with an exhausted RateLimit") << 429 << 0 << Headers{{"RateLimit", R"("api";r=0;t=2)"}};
        QTest::newRow("429 without a delay") << 429 << 0 << Headers{};
        QTest::newRow("503 with Retry-After") << 503 << 0 << Headers{{"Retry-After", "3"}};
        QTest::newRow("500") << 500 << 0 << Headers{};
        QTest::newRow("408") << 408 << 0 << Headers{};
        QTest::newRow("416") << 416 << 0 << Headers{};
        QTest::newRow("connection refused") << 0 << int(QNetworkReply::ConnectionRefusedError) << Headers{};
        QTest::newRow("timeout") << 0 << int(QNetworkReply::TimeoutError) << Headers{};
    }
    void noBaseSentencePromisesARetry()
    {
        QFETCH(int, status);
        QFETCH(int, networkError);
        QFETCH(Headers, headers);
        ResponseInfo response;
        response.httpStatus = status;
        response.networkError = networkError;
        response.networkErrorString = QStringLiteral("boom");
        response.headers = headers;
        const HttpError error = errorFromResponse(response, QStringLiteral("org/model"));
        QVERIFY(error.isRetryable());
        for (const char *promise : {"retrying", "try again", "will resume", "start over", "later"})
            QVERIFY2(!error.message.contains(QLatin1String(promise), Qt::CaseInsensitive), qPrintable(error.message));
    }

    void eachHubsRefusalNamesItsOwnTokenEvenOnASharedAddress_data()
    {
        QTest::addColumn<int>("hub");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("named");
        QTest::addColumn<QString>("notNamed");
        QTest::newRow("Civitai login required names the Civitai key")
            << int(HubKind::Civitai) << 401
            << QByteArray(R"({"error":"Unauthorized","message":"You must be logged in"})")
            << QStringLiteral("Civitai API key") << QStringLiteral("Hugging Face");
        QTest::newRow("a rejected Civitai key names the Civitai key")
            << int(HubKind::Civitai) << 401 << QByteArray(R"({"error":"Unauthorized","message":"Invalid API key"})")
            << QStringLiteral("Civitai API key") << QStringLiteral("Hugging Face");
        QTest::newRow("a Civitai 403 names the Civitai key")
            << int(HubKind::Civitai) << 403 << QByteArray(R"({"error":"Forbidden"})")
            << QStringLiteral("Civitai API key") << QStringLiteral("Hugging Face");
        QTest::newRow("a Hugging Face 401 names the Hugging Face token")
            << int(HubKind::HuggingFace) << 401
            << QByteArray(R"({"error":"Invalid credentials in Authorization header"})")
            << QStringLiteral("Hugging Face access token") << QStringLiteral("Civitai");
    }
    void eachHubsRefusalNamesItsOwnTokenEvenOnASharedAddress()
    {
        QFETCH(int, hub);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, named);
        QFETCH(QString, notNamed);
        ResponseInfo response;
        response.url = QUrl(QStringLiteral("https://mirror.example/api/v1/models/1"));  // both hubs live here
        response.httpStatus = status;
        response.bodyPrefix = body;
        response.hub = HubKind(hub);
        const HttpError error = errorFromResponse(response, QStringLiteral("the model"));
        QVERIFY2(error.message.contains(named), qPrintable(error.message));
        QVERIFY2(!error.message.contains(notNamed), qPrintable(error.message));
    }

    void aFrontEndSaysWhereItsUserSetsEachHubsToken()
    {
        const TokenWhere where = [](HubKind hub, const QUrl &) {
            return hub == HubKind::Civitai ? QStringLiteral("in CIVITAI_API_TOKEN") : QStringLiteral("in HF_TOKEN");
        };
        ResponseInfo response;
        response.url = QUrl(QStringLiteral("https://mirror.example/api/download/models/7"));
        response.httpStatus = 401;
        response.hub = HubKind::Civitai;
        QVERIFY(errorFromResponse(response, QStringLiteral("x"), where)
                    .message.contains(QLatin1String("in CIVITAI_API_TOKEN")));
        response.hub = HubKind::HuggingFace;
        QVERIFY(errorFromResponse(response, QStringLiteral("x"), where).message.contains(QLatin1String("in HF_TOKEN")));
        // Without a front end's advice, the app's settings are named.
        QVERIFY(errorFromResponse(response, QStringLiteral("x")).message.contains(QLatin1String("in the settings")));
    }

    void successIsNoError()
    {
        ResponseInfo response;
        response.httpStatus = 206;
        QVERIFY(!errorFromResponse(response, QStringLiteral("x")).isError());
    }

    void networkFailuresAreRetryable()
    {
        ResponseInfo response;
        response.networkError = QNetworkReply::ConnectionRefusedError;
        response.networkErrorString = QStringLiteral("Connection refused");
        const HttpError error = errorFromResponse(response, QStringLiteral("x"));
        QCOMPARE(error.kind, ErrorKind::Network);
        QVERIFY(error.isRetryable());
        QVERIFY(error.message.contains(QLatin1String("Connection refused")));
    }

    void anAnswerThatBrokeOffAfterItsStatusLineIsANetworkFailure()
    {
        ResponseInfo response;
        response.httpStatus = 200;
        response.networkError = QNetworkReply::RemoteHostClosedError;
        response.networkErrorString = QStringLiteral("Connection closed");
        const HttpError error = errorFromResponse(response, QStringLiteral("org/model"));
        QCOMPARE(error.kind, ErrorKind::Network);
        QVERIFY(error.isRetryable());
        QVERIFY2(error.message.contains(QLatin1String("org/model: the network failed (Connection closed).")),
                 qPrintable(error.message));
    }

    void retryDelays_data()
    {
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<qint64>("expectedMs");
        QTest::newRow("Retry-After in seconds") << Headers{{"Retry-After", "40"}} << qint64(40000);
        QTest::newRow("an exhausted RateLimit window waits for its reset plus a second")
            << Headers{{"RateLimit", R"("api";r=0;t=12)"}} << qint64(13000);
        QTest::newRow("a RateLimit window with requests left asks for no delay")
            << Headers{{"RateLimit", R"("resolvers";r=2998;t=172)"}} << qint64(-1);
        QTest::newRow("no header asks for no delay") << Headers{} << qint64(-1);
        QTest::newRow("a garbage Retry-After is ignored") << Headers{{"Retry-After", "soon"}} << qint64(-1);
        // Hostile values found by fuzz_http_headers: no overflow, no "0 remaining" misread.
        QTest::newRow("a Retry-After of qint64 max is capped at a day")
            << Headers{{"Retry-After", "9223372036854775807"}} << qint64(86400000);
        QTest::newRow("a RateLimit reset of qint64 max is capped at a day")
            << Headers{{"RateLimit", "\"api\";r=0;t=9223372036854775807"}} << qint64(86401000);
        QTest::newRow("a remaining count too long for a number is not an exhausted window")
            << Headers{{"RateLimit", "\"api\";r=99999999999999999999;t=5"}} << qint64(-1);
    }
    void retryDelays()
    {
        QFETCH(Headers, headers);
        QFETCH(qint64, expectedMs);
        ResponseInfo response;
        response.headers = headers;
        QCOMPARE(retryDelayFromHeaders(response).count(), expectedMs);
    }

    void retryAfterAsAnHttpDateCountsFromNow()
    {
        ResponseInfo response;
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(30);
        response.headers = {
            {"Retry-After",
             QLocale::c().toString(later, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1()}};
        const qint64 ms = retryDelayFromHeaders(response).count();
        QVERIFY2(ms > 25000 && ms <= 30000, QByteArray::number(ms));
    }

    void backoffGrowsStaysCappedAndHonoursTheServer()
    {
        using namespace std::chrono;
        const Backoff backoff(milliseconds(100), milliseconds(1000));
        for (int i = 0; i < 50; ++i) {
            const auto first = backoff.delayFor(1).count();
            QVERIFY(first >= 50 && first <= 100);
            const auto third = backoff.delayFor(3).count();
            QVERIFY(third >= 200 && third <= 400);
            QVERIFY(backoff.delayFor(30).count() <= 1000);
        }
        QCOMPARE(backoff.delayFor(1, milliseconds(5000)).count(), 5000);
    }
};

QTEST_GUILESS_MAIN(TestHttpError)
#include "tst_httperror.moc"
