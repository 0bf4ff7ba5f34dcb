#include "clirun.h"
#include "testhub.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// `modeldock-cli download` against a hub that misbehaves around the metadata: rate limits and
// server errors on model info, trees and collections, both hubs behind one address, and
// collections holding what is not a model. Checked as a user would: exit code, what is
// printed, and what the hub saw.
class TestCliHubFaults : public QObject
{
    Q_OBJECT
private:
    using Run = Cli::Result;

    TestHub m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    QHash<QString, QString> m_env;
    const QString m_llama = QStringLiteral("cortexso/llama3.2");

    Run run(const QStringList &arguments, int timeoutMs = 90000)
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(QStringLiteral("HF_HUB_CACHE"), m_dir->filePath(QStringLiteral("hub")));
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), m_dir->filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("MODELDOCK_LIBRARY"), m_dir->filePath(QStringLiteral("library")));
        env.insert(QStringLiteral("HF_ENDPOINT"), m_hub.hfUrl().toString());
        env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), m_hub.civitaiUrl().toString());
        for (auto it = m_env.cbegin(); it != m_env.cend(); ++it)
            env.insert(it.key(), it.value());
        return Cli::run(arguments, env, timeoutMs);
    }

    // How many logged requests of `origin` have `part` in their path.
    int requestsTo(const QString &origin, const QString &part)
    {
        int n = 0;
        for (const QJsonValue &request : m_hub.requests(origin))
            n += request[QLatin1String("path")].toString().contains(part) ? 1 : 0;
        return n;
    }

    static int count(const QString &text, const QString &part) { return int(text.count(part)); }
    static QJsonObject json(const char *text) { return QJsonDocument::fromJson(text).object(); }

    // Closes the proxy's stdin (it exits then) and waits for it, whatever way a test ends.
    struct ProxyStop
    {
        void operator()(QProcess *proxy) const
        {
            proxy->closeWriteChannel();
            if (!proxy->waitForFinished(5000)) {
                proxy->kill();
                proxy->waitForFinished();
            }
            delete proxy;
        }
    };
    using Proxy = std::unique_ptr<QProcess, ProxyStop>;

    // A proxy that puts both hubs behind one address (tests/cli/hubproxy.py); it lives as
    // long as the returned process.
    Proxy startProxy(QUrl *url, const QStringList &extra = {})
    {
        Proxy proxy(new QProcess);
        proxy->start(
            QStringLiteral("python3"),
            QStringList{qEnvironmentVariable("MODELDOCK_SOURCE_DIR") + QStringLiteral("/tests/cli/hubproxy.py"),
                        QStringLiteral("--hf"), m_hub.hfUrl().toString(), QStringLiteral("--civitai"),
                        m_hub.civitaiUrl().toString()} +
                extra);
        if (!proxy->waitForStarted(10000))
            return nullptr;
        QByteArray line;
        QElapsedTimer timer;
        timer.start();
        while (!line.contains('\n') && timer.elapsed() < 15000 && proxy->state() == QProcess::Running) {
            proxy->waitForReadyRead(200);
            line += proxy->readAllStandardOutput();
        }
        *url = QUrl(QJsonDocument::fromJson(line.trimmed()).object().value(QLatin1String("url")).toString());
        return url->isValid() && !url->isEmpty() ? std::move(proxy) : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(Cli::binary()).isExecutable(), qPrintable(Cli::binary()));
        QVERIFY2(m_hub.start({QStringLiteral("--catalog"), QStringLiteral("demo"), QStringLiteral("--big-file-mb"),
                              QStringLiteral("4")}),
                 qPrintable(m_hub.errorString()));
    }

    void init()
    {
        m_env.clear();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(m_hub.reset());
    }

    void aMetadataRequestThatFailsForAWhileIsRetriedAndTheDownloadSucceeds_data()
    {
        QTest::addColumn<QJsonObject>("scenario");
        QTest::addColumn<QString>("said");
        QTest::newRow("model info: 429 with Retry-After")
            << json("{\"path\": \"/api/models/cortexso/llama3.2/revision/\", \"fault\": \"status\", \"status\": 429, "
                    "\"retry_after\": 1, \"count\": 2}")
            << QStringLiteral("rate-limiting requests (HTTP 429) and asks to wait 1 s. Retrying in 1 s.");
        QTest::newRow("model info: 429 without Retry-After")
            << json("{\"path\": \"/api/models/cortexso/llama3.2/revision/\", \"fault\": \"status\", \"status\": 429, "
                    "\"count\": 2}")
            << QStringLiteral("rate-limiting requests (HTTP 429). Retrying in ");
        QTest::newRow("model info: 429 with an exhausted RateLimit policy")
            << json("{\"path\": \"/api/models/cortexso/llama3.2/revision/\", \"fault\": \"status\", \"status\": 429, "
                    "\"ratelimit\": \"\\\"api\\\";r=0;t=1\", \"count\": 1}")
            << QStringLiteral("Retrying in 2 s.");
        QTest::newRow("model info: 503 with Retry-After")
            << json("{\"path\": \"/api/models/cortexso/llama3.2/revision/\", \"fault\": \"status\", \"status\": 503, "
                    "\"retry_after\": 1, \"count\": 2}")
            << QStringLiteral("server error (HTTP 503) and asks to wait 1 s. Retrying in 1 s.");
        QTest::newRow("model info: 503 without Retry-After")
            << json("{\"path\": \"/api/models/cortexso/llama3.2/revision/\", \"fault\": \"status\", \"status\": 503, "
                    "\"count\": 2}")
            << QStringLiteral("server error (HTTP 503). Retrying in ");
        QTest::newRow("tree: 429 with Retry-After")
            << json("{\"path\": \"/api/models/cortexso/llama3.2/tree/\", \"fault\": \"status\", \"status\": 429, "
                    "\"retry_after\": 1, \"count\": 2}")
            << QStringLiteral("Retrying in 1 s.");
        QTest::newRow("model info: the connection breaks off mid-answer")
            << json("{\"path\": \"/api/models/cortexso/llama3.2/revision/\", \"fault\": \"cut_after\", \"bytes\": 10, "
                    "\"count\": 1}")
            << QStringLiteral("the network failed");
    }
    void aMetadataRequestThatFailsForAWhileIsRetriedAndTheDownloadSucceeds()
    {
        QFETCH(QJsonObject, scenario);
        QFETCH(QString, said);
        scenario.insert(QStringLiteral("origin"), QStringLiteral("hf"));
        QVERIFY(m_hub.addScenario(scenario) > 0);
        const Run result = run({QStringLiteral("download"), m_llama + QStringLiteral("@1b-gguf-q4-km")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        QVERIFY2(result.all().contains(said), qPrintable(result.all()));
        QVERIFY2(result.all().contains(QLatin1String("3 of 3 file(s) verified")), qPrintable(result.all()));
        // Each retry said so once, and only retries said it.
        const int failures = scenario.value(QLatin1String("count")).toInt();
        QCOMPARE(count(result.all(), QStringLiteral("Retrying in ")), failures);
    }

    void aMetadataRequestThatKeepsFailingEndsTheRunAfterABoundedNumberOfAttempts()
    {
        QVERIFY(m_hub.addScenario(json("{\"origin\": \"hf\", \"path\": \"/api/models/cortexso/llama3.2/revision/\", "
                                       "\"fault\": \"status\", \"status\": 429}")) > 0);
        const Run result = run({QStringLiteral("download"), m_llama});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(requestsTo(QStringLiteral("hf"), QStringLiteral("/api/models/cortexso/llama3.2/revision/")), 5);
        QCOMPARE(count(result.all(), QStringLiteral("Retrying in ")), 4);
        const QStringList errors =
            result.err.split(QLatin1Char('\n')).filter(QStringLiteral("modeldock-cli download: "));
        QCOMPARE(errors.size(), 1);
        // The last word is that it gave up: no promise of another attempt.
        QVERIFY2(
            errors.first().contains(QLatin1String("cortexso/llama3.2: the hub is rate-limiting requests (HTTP 429). "
                                                  "Gave up after 5 attempts")),
            qPrintable(errors.first()));
        QVERIFY2(!errors.first().contains(QLatin1String("etrying")), qPrintable(errors.first()));
        QCOMPARE(requestsTo(QStringLiteral("storage"), QString()), 0);
    }

    void anUpdateCheckRetriesTooAndSaysSo()
    {
        const Run first = run({QStringLiteral("download"), m_llama});
        QVERIFY2(first.exitCode == 0, qPrintable(first.all()));
        QVERIFY(m_hub.addScenario(json("{\"origin\": \"hf\", \"path\": \"/api/models/cortexso/llama3.2/revision/\", "
                                       "\"fault\": \"status\", \"status\": 503, \"retry_after\": 1, \"count\": 1}")) >
                0);
        const Run update = run({QStringLiteral("update"), m_llama});
        QVERIFY2(update.exitCode == 0, qPrintable(update.all()));
        QCOMPARE(
            count(
                update.err,
                QStringLiteral(
                    "cortexso/llama3.2: the hub had a server error (HTTP 503) and asks to wait 1 s. Retrying in 1 s.")),
            1);
        QVERIFY2(update.all().contains(QLatin1String("up to date")), qPrintable(update.all()));
    }

    void aWaitLongerThanTheBudgetIsNotWaitedFor()
    {
        QVERIFY(m_hub.addScenario(json("{\"origin\": \"civitai\", \"path\": \"/api/v1/models/4202\", \"fault\": "
                                       "\"status\", \"status\": 429, \"retry_after\": 3600}")) > 0);
        const Run result = run({QStringLiteral("download"), QStringLiteral("civitai:4202")});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(requestsTo(QStringLiteral("civitai"), QStringLiteral("/api/v1/models/4202")), 1);
        QVERIFY2(result.err.contains(QLatin1String(
                     "civitai:4202: the hub is rate-limiting requests (HTTP 429) and asks to wait 3600 s. "
                     "That is longer than ModelDock waits (at most 60 s); try again later.")),
                 qPrintable(result.err));
        QVERIFY2(!result.all().contains(QLatin1String("Retrying")), qPrintable(result.all()));
    }

    void aCollectionItemThatFailsForAWhileIsRetriedNotDropped()
    {
        const QJsonArray collections =
            QJsonDocument::fromJson(
                m_hub.get(m_hub.hfUrl().resolved(QUrl(QStringLiteral("/api/collections?owner=modeldock-demo")))).body)
                .array();
        QVERIFY(!collections.isEmpty());
        const QString slug = collections.first()[QLatin1String("slug")].toString();
        QVERIFY(m_hub.addScenario(json("{\"origin\": \"hf\", \"path\": \"/api/models/cortexso/qwen2.5/revision/\", "
                                       "\"fault\": \"status\", \"status\": 503, \"retry_after\": 1, \"count\": 1}")) >
                0);
        const Run result = run({QStringLiteral("download"), QStringLiteral("collection:") + slug,
                                QStringLiteral("--include"), QStringLiteral("*.md")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        QCOMPARE(
            count(
                result.all(),
                QStringLiteral(
                    "cortexso/qwen2.5: the hub had a server error (HTTP 503) and asks to wait 1 s. Retrying in 1 s.")),
            1);
        QVERIFY2(result.all().contains(QLatin1String("finished: cortexso/qwen2.5")), qPrintable(result.all()));
        QVERIFY2(!result.all().contains(QLatin1String("refused")), qPrintable(result.all()));
    }

    void aCollectionItemThatIsNotAModelIsNamedAndFailsTheRun()
    {
        const QJsonArray collections =
            QJsonDocument::fromJson(
                m_hub.get(m_hub.hfUrl().resolved(QUrl(QStringLiteral("/api/collections?owner=modeldock-demo")))).body)
                .array();
        QVERIFY(!collections.isEmpty());
        const QString slug = collections.first()[QLatin1String("slug")].toString();
        QUrl address;
        const auto proxy = startProxy(
            &address,
            {QStringLiteral("--add-collection-item"),
             QStringLiteral("{\"_id\":\"0123456789abcdef01234567\",\"type\":\"dataset\",\"id\":\"modeldock-demo/"
                            "captions\",\"position\":9}"),
             QStringLiteral("--add-collection-item"),
             QStringLiteral(
                 "{\"_id\":\"0123456789abcdef01234568\",\"type\":\"model\",\"id\":\"../escape\",\"position\":10}")});
        QVERIFY(proxy);
        m_env.insert(QStringLiteral("HF_ENDPOINT"), address.toString());
        const Run result = run({QStringLiteral("download"), QStringLiteral("collection:") + slug,
                                QStringLiteral("--include"), QStringLiteral("*.md")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.all().contains(
                     QStringLiteral("refused: modeldock-demo/captions in the collection %1 is a dataset, not a model")
                         .arg(slug)),
                 qPrintable(result.all()));
        QVERIFY2(result.all().contains(QLatin1String("refused: the collection ")) &&
                     result.all().contains(QLatin1String("../escape")),
                 qPrintable(result.all()));
        QVERIFY2(result.all().contains(QLatin1String("2 refused")), qPrintable(result.all()));
        // The models of the collection are downloaded all the same.
        QVERIFY2(result.all().contains(QLatin1String("finished: cortexso/qwen2.5")), qPrintable(result.all()));
    }

    void aTreeEntryOfAnUnknownKindIsNamedAndFailsTheRun()
    {
        QUrl address;
        const Proxy proxy =
            startProxy(&address, {QStringLiteral("--add-tree-entry"),
                                  QStringLiteral("{\"type\": \"submodule\", \"path\": \"vendor/lib\", \"size\": 0, "
                                                 "\"oid\": \"0123456789012345678901234567890123456789\"}")});
        QVERIFY(proxy);
        m_env.insert(QStringLiteral("HF_ENDPOINT"), address.toString());
        const Run result = run({QStringLiteral("download"), m_llama + QStringLiteral("@1b-gguf-q4-km")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.all().contains(QLatin1String(
                     "refused: cortexso/llama3.2: a file entry was skipped because \"vendor/lib\" is of a kind "
                     "ModelDock does not know (\"submodule\").")),
                 qPrintable(result.all()));
        QVERIFY2(result.all().contains(QLatin1String("3 of 3 file(s) verified")) &&
                     result.all().contains(QLatin1String("1 refused")),
                 qPrintable(result.all()));
    }

    void bothHubsBehindOneAddressEachGetTheirOwnToken()
    {
        QUrl address;
        const auto proxy = startProxy(&address);
        QVERIFY(proxy);
        m_env.insert(QStringLiteral("HF_ENDPOINT"), address.toString());
        m_env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), address.toString());
        m_env.insert(QStringLiteral("HF_TOKEN"), QStringLiteral("hf_test_valid"));
        m_env.insert(QStringLiteral("CIVITAI_API_TOKEN"), QStringLiteral("civitai_test_token"));

        const Run gated = run({QStringLiteral("download"), QStringLiteral("modeldock-demo/gated-llm")});
        const Run members = run({QStringLiteral("download"), QStringLiteral("civitai:4204")});
        QVERIFY2(gated.exitCode == 0, qPrintable(gated.all()));
        QVERIFY2(members.exitCode == 0, qPrintable(members.all()));
        QVERIFY(!QString(gated.all() + members.all()).contains(QLatin1String("_test_")));

        const QJsonArray hf = m_hub.requests(QStringLiteral("hf"));
        const QJsonArray civitai = m_hub.requests(QStringLiteral("civitai"));
        QVERIFY(!hf.isEmpty() && !civitai.isEmpty());
        for (const QJsonValue &request : hf)
            QCOMPARE(request[QLatin1String("headers")][QLatin1String("authorization")].toString(),
                     QStringLiteral("Bearer hf_test_valid"));
        for (const QJsonValue &request : civitai)
            QCOMPARE(request[QLatin1String("headers")][QLatin1String("authorization")].toString(),
                     QStringLiteral("Bearer civitai_test_token"));
        for (const QJsonValue &request : m_hub.requests(QStringLiteral("storage")))
            QVERIFY(request[QLatin1String("headers")][QLatin1String("authorization")].toString().isEmpty());
    }

    void behindOneAddressEachHubsRefusalNamesItsOwnToken()
    {
        QUrl address;
        const auto proxy = startProxy(&address);
        QVERIFY(proxy);
        m_env.insert(QStringLiteral("HF_ENDPOINT"), address.toString());
        m_env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), address.toString());

        m_env.insert(QStringLiteral("HF_TOKEN"), QStringLiteral("hf_test_valid"));
        const Run members = run({QStringLiteral("download"), QStringLiteral("civitai:4204")});
        QCOMPARE(members.exitCode, 1);
        QVERIFY2(members.all().contains(QLatin1String("CIVITAI_API_TOKEN")) &&
                     !members.all().contains(QLatin1String("HF_TOKEN")),
                 qPrintable(members.all()));

        m_env.remove(QStringLiteral("HF_TOKEN"));
        m_env.insert(QStringLiteral("CIVITAI_API_TOKEN"), QStringLiteral("civitai_test_token"));
        const Run gated = run({QStringLiteral("download"), QStringLiteral("modeldock-demo/gated-llm")});
        QCOMPARE(gated.exitCode, 1);
        QVERIFY2(gated.all().contains(QLatin1String("HF_TOKEN")) &&
                     !gated.all().contains(QLatin1String("CIVITAI_API_TOKEN")),
                 qPrintable(gated.all()));
        // The Civitai key never went to a Hugging Face route.
        for (const QJsonValue &request : m_hub.requests(QStringLiteral("hf")))
            QVERIFY(request[QLatin1String("headers")][QLatin1String("authorization")].toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliHubFaults)
#include "tst_clihubfaults.moc"
