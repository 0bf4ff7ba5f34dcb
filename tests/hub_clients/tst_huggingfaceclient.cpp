#include "hub/huggingfaceclient.h"
#include "hub/jsonfetcher.h"
#include "net/session.h"
#include "testhub.h"

#include <QJsonDocument>
#include <QTest>

#include <optional>

using namespace Hub;

// The Hugging Face client against the local test hub over real HTTP. The hub serves two
// results per page here so every listing exercises Link pagination.
class TestHuggingFaceClient : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    Net::Session m_session;
    std::unique_ptr<HuggingFaceClient> m_client;

    template <typename T> T wait(const std::function<void(QObject *, std::function<void(const T &)>)> &call)
    {
        std::optional<T> result;
        call(this, [&result](const T &r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
            return T{};  // the caller's checks fail on the empty result
        return *result;
    }

    static QJsonObject json(const char *text) { return QJsonDocument::fromJson(text).object(); }

    int requestsTo(const QString &pathPart)
    {
        int n = 0;
        for (const QJsonValue &r : m_hub.requests(QStringLiteral("hf")))
            n += r.toObject().value(QLatin1String("path")).toString().contains(pathPart) ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_hub.start({QStringLiteral("--hf-page-size"), QStringLiteral("2")}), qPrintable(m_hub.errorString()));
        m_client = std::make_unique<HuggingFaceClient>(&m_session, m_hub.hfUrl());
    }
    void init()
    {
        m_hub.reset();
        m_session.credentials().clearToken(m_hub.hfUrl());
    }

    void listingFollowsLinkPagesUntilTheLimit()
    {
        HfModelQuery q;
        q.tags = {QStringLiteral("gguf")};
        q.limit = 1000;
        const auto r = wait<Result<QList<HfModel>>>([&](QObject *c, auto cb) { m_client->listModels(q, c, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QStringList ids;
        for (const HfModel &m : r.value)
            ids << m.id;
        QVERIFY(ids.contains(QStringLiteral("cortexso/llama3.2")));
        QVERIFY(ids.contains(QStringLiteral("modeldock-demo/TinyStories-GGUF")));
        QCOMPARE(requestsTo(QStringLiteral("/api/models?")), (ids.size() + 1) / 2);  // two per page
        for (const HfModel &m : r.value)
            QVERIFY2(m.sha.size() == 40 && m.lastModified.isValid(), qPrintable(m.id));
    }

    void listingStopsAtTheLimit()
    {
        HfModelQuery q;
        q.limit = 3;
        const auto r = wait<Result<QList<HfModel>>>([&](QObject *c, auto cb) { m_client->listModels(q, c, cb); });
        QVERIFY(r.ok());
        QCOMPARE(r.value.size(), 3);
        QCOMPARE(requestsTo(QStringLiteral("/api/models?")), 2);
    }

    void aSuccessfulAnswerSaysWhenTheQuotaIsSpent()
    {
        const QString repo = QStringLiteral("cortexso/qwen2.5");
        // The hub's own answer: plenty of quota left.
        const auto normal = wait<Result<HfRefs>>([&](QObject *c, auto cb) { m_client->refs(repo, c, cb); });
        QVERIFY(normal.ok());
        QCOMPARE(normal.quotaResetIn.count(), -1);
        // The same answer with the quota used up for three more seconds.
        QUrl url = m_hub.hfUrl();
        url.setPath(QStringLiteral("/api/models/cortexso/qwen2.5/refs"));
        const QJsonObject body = QJsonDocument::fromJson(m_hub.get(url).body).object();
        m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("hf")},
                                      {QStringLiteral("path"), QStringLiteral("/cortexso/qwen2.5/refs")},
                                      {QStringLiteral("fault"), QStringLiteral("status")},
                                      {QStringLiteral("status"), 200},
                                      {QStringLiteral("ratelimit"), QStringLiteral("\"api\";r=0;t=3")},
                                      {QStringLiteral("body"), body},
                                      {QStringLiteral("count"), 1}});
        const auto spent = wait<Result<HfRefs>>([&](QObject *c, auto cb) { m_client->refs(repo, c, cb); });
        QVERIFY2(spent.ok(), qPrintable(spent.error.message));
        QCOMPARE(spent.value.branches.size(), normal.value.branches.size());
        QCOMPARE(spent.quotaResetIn.count(), 4000);
    }

    void modelInfoGivesTheCommitAndTheHubsSizesAndHashes()
    {
        const QString repo = QStringLiteral("modeldock-demo/TinyStories-GGUF");
        const auto r = wait<Result<HfModel>>(
            [&](QObject *c, auto cb) { m_client->modelInfo(repo, QStringLiteral("main"), c, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const QJsonObject truth = m_hub.fileInfo(repo, QStringLiteral("tinystories.Q8_0.gguf"));
        QCOMPARE(r.value.sha, truth.value(QLatin1String("commit")).toString());
        const auto it = std::find_if(r.value.siblings.cbegin(), r.value.siblings.cend(), [](const HfSibling &s) {
            return s.path == QLatin1String("tinystories.Q8_0.gguf");
        });
        QVERIFY(it != r.value.siblings.cend());
        QCOMPARE(it->size, truth.value(QLatin1String("size")).toInteger());
        QCOMPARE(it->lfsSha256, truth.value(QLatin1String("sha256")).toString());
    }

    void theCardIsTheReadmeWithoutItsFrontMatter()
    {
        const auto card = wait<Result<QString>>([&](QObject *c, auto cb) {
            m_client->modelCard(QStringLiteral("modeldock-demo/TinyStories-GGUF"), QStringLiteral("main"), c, cb);
        });
        QVERIFY2(card.ok(), qPrintable(card.error.message));
        QVERIFY(card.value.startsWith(QStringLiteral("# modeldock-demo/TinyStories-GGUF")));
        QVERIFY(card.value.contains(QStringLiteral("Quantized TinyStories in GGUF")));
        QVERIFY(!card.value.contains(QStringLiteral("license: mit")));

        // A branch without a README (cortexso keeps one quantization per branch) has no card.
        const auto none = wait<Result<QString>>([&](QObject *c, auto cb) {
            m_client->modelCard(QStringLiteral("cortexso/llama3.2"), QStringLiteral("1b-gguf-q4-km"), c, cb);
        });
        QVERIFY2(none.ok(), qPrintable(none.error.message));
        QVERIFY(none.value.isEmpty());

        QCOMPARE(HuggingFaceClient::cardText("---\r\nlicense: mit\r\n---\r\n\r\n# Title\r\nText\r\n"),
                 QStringLiteral("# Title\nText"));
        QCOMPARE(HuggingFaceClient::cardText("# No front matter\n---\nrule"),
                 QStringLiteral("# No front matter\n---\nrule"));
        QCOMPARE(HuggingFaceClient::cardText("---\nlicense: mit\n---"), QString());
        QCOMPARE(HuggingFaceClient::cardText("---\nnever closed"), QStringLiteral("---\nnever closed"));
    }

    void treeAtACommitListsSubfoldersAcrossPages()
    {
        const QString repo = QStringLiteral("modeldock-demo/TinyStories-GGUF");
        const QString commit =
            m_hub.fileInfo(repo, QStringLiteral("config.json")).value(QLatin1String("commit")).toString();
        const auto r =
            wait<Result<QList<HfTreeEntry>>>([&](QObject *c, auto cb) { m_client->tree(repo, commit, c, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QStringList files;
        for (const HfTreeEntry &e : r.value) {
            if (e.type == HfTreeEntry::Type::File)
                files << e.path;
        }
        QVERIFY(files.contains(QStringLiteral("extras/tokenizer_config.json")));
        QVERIFY(files.contains(QStringLiteral("tinystories.Q4_K_M.gguf")));
        QVERIFY(requestsTo(QStringLiteral("/tree/")) > 1);  // more entries than one page
    }

    void refsListEveryBranchWithItsCommit()
    {
        const auto r = wait<Result<HfRefs>>(
            [&](QObject *c, auto cb) { m_client->refs(QStringLiteral("cortexso/llama3.2"), c, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QStringList names;
        for (const HfRef &b : r.value.branches) {
            names << b.name;
            QCOMPARE(b.targetCommit.size(), 40);
        }
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("1b-gguf-q4-km"), QStringLiteral("1b-gguf-q8-0"),
                                     QStringLiteral("3b-gguf-q4-km"), QStringLiteral("main")}));
    }

    void collectionDetailHasAllSixtyItems()
    {
        const auto list =
            m_hub.get(QUrl(m_hub.hfUrl().toString() + QStringLiteral("/api/collections?owner=lora-pack")));
        const QString slug =
            QJsonDocument::fromJson(list.body).array().first().toObject().value(QLatin1String("slug")).toString();
        const auto r = wait<Result<HfCollection>>([&](QObject *c, auto cb) { m_client->collection(slug, c, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.items.size(), 60);
        QCOMPARE(r.value.items.first().id, QStringLiteral("lora-pack/style-lora-001"));
    }

    void gatedRepoNeedsAnApprovedToken_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("ok");
        QTest::newRow("no token is refused") << QString() << false;
        QTest::newRow("an unapproved token is refused") << QStringLiteral("hf_test_unapproved") << false;
        QTest::newRow("an approved token gets in") << QStringLiteral("hf_test_valid") << true;
    }
    void gatedRepoNeedsAnApprovedToken()
    {
        QFETCH(QString, token);
        QFETCH(bool, ok);
        if (!token.isEmpty())
            m_session.credentials().setToken(m_hub.hfUrl(), token);
        const auto r = wait<Result<HfModel>>([&](QObject *c, auto cb) {
            m_client->modelInfo(QStringLiteral("modeldock-demo/gated-llm"), QStringLiteral("main"), c, cb);
        });
        QCOMPARE(r.ok(), ok);
        if (!ok) {
            QVERIFY2(r.error.kind == Net::ErrorKind::GatedRepo || r.error.kind == Net::ErrorKind::Unauthorized,
                     qPrintable(Net::errorKindName(r.error.kind)));
            QVERIFY(!r.error.message.isEmpty());
            QVERIFY(!r.error.message.contains(QStringLiteral("hf_test")));  // the token never shows
        }
    }

    void unknownRepoIsNotFound()
    {
        const auto r = wait<Result<HfModel>>([&](QObject *c, auto cb) {
            m_client->modelInfo(QStringLiteral("nobody/nothing"), QStringLiteral("main"), c, cb);
        });
        // Like the real hub, an anonymous caller gets 401 for a repo that may be private.
        QVERIFY(r.error.kind == Net::ErrorKind::NotFound || r.error.kind == Net::ErrorKind::Unauthorized);
        QCOMPARE(r.error.hubCode, QStringLiteral("RepoNotFound"));
    }

    void hostileRepoIdsNeverReachTheNetwork()
    {
        const auto r = wait<Result<HfModel>>([&](QObject *c, auto cb) {
            m_client->modelInfo(QStringLiteral("../../_admin/reset"), QStringLiteral("main"), c, cb);
        });
        QCOMPARE(r.error.kind, Net::ErrorKind::UnsafeName);
        QCOMPARE(m_hub.requests(QStringLiteral("hf")).size(), 0);
    }

    void malformedJsonIsABadResponse()
    {
        m_hub.addScenario(json(R"({"origin": "hf", "path": "/api/models", "fault": "malformed_json", "count": 1})"));
        HfModelQuery q;
        q.limit = 2;
        const auto r = wait<Result<QList<HfModel>>>([&](QObject *c, auto cb) { m_client->listModels(q, c, cb); });
        QCOMPARE(r.error.kind, Net::ErrorKind::BadResponse);
    }

    void oversizedAnswersAreCutOff()
    {
        m_client->fetcher()->setMaxBodyBytes(1024 * 1024);
        m_hub.addScenario(
            json(R"({"origin": "hf", "path": "/api/models", "fault": "oversized_json", "mb": 8, "count": 1})"));
        HfModelQuery q;
        q.limit = 2;
        const auto r = wait<Result<QList<HfModel>>>([&](QObject *c, auto cb) { m_client->listModels(q, c, cb); });
        m_client->fetcher()->setMaxBodyBytes(64 * 1024 * 1024);
        QCOMPARE(r.error.kind, Net::ErrorKind::BadResponse);
        QVERIFY(r.error.message.contains(QStringLiteral("larger than 1 MiB")));
    }

    void linkHeaderParsing_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("expected");
        QTest::newRow("an absolute next link") << QByteArray(R"(<http://h/api/models?cursor=a>; rel="next")")
                                               << QStringLiteral("http://h/api/models?cursor=a");
        QTest::newRow("a relative next link resolves against the page")
            << QByteArray(R"(</api/models?cursor=b>; rel="next")") << QStringLiteral("http://base/api/models?cursor=b");
        QTest::newRow("only prev means the last page") << QByteArray(R"(<http://h/x>; rel="prev")") << QString();
        QTest::newRow("next after prev is found")
            << QByteArray(R"(<http://h/p>; rel="prev", <http://h/n>; rel="next")") << QStringLiteral("http://h/n");
    }
    void linkHeaderParsing()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, expected);
        QCOMPARE(JsonFetcher::nextLink(header, QUrl(QStringLiteral("http://base/api/models"))).toString(), expected);
    }
};

QTEST_GUILESS_MAIN(TestHuggingFaceClient)
#include "tst_huggingfaceclient.moc"
