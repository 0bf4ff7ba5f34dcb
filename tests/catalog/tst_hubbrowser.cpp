#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/civitaiadapter.h"
#include "catalog/hfadapter.h"
#include "catalog/hubbrowser.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "net/session.h"
#include "testhub.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Catalog;

// What a user asks of the hubs outside a sync: opening a model fetches its tree once per
// commit; a live search asks the hub once and then answers from the cache while fresh.
class TestHubBrowser : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    QTemporaryDir m_dir;
    Net::Session m_session;
    std::unique_ptr<Hub::HuggingFaceClient> m_hf;
    std::unique_ptr<Hub::CivitaiClient> m_civitai;
    std::unique_ptr<HfAdapter> m_hfAdapter;
    std::unique_ptr<CivitaiAdapter> m_civitaiAdapter;
    std::unique_ptr<CatalogDatabase> m_db;
    std::unique_ptr<HubBrowser> m_browser;

    int hubRequests(const QString &origin, const QString &part)
    {
        int n = 0;
        for (const QJsonValue &r : m_hub.requests(origin))
            n += r.toObject().value(QLatin1String("path")).toString().contains(part) ? 1 : 0;
        return n;
    }

    Hub::Result<ModelRecord> open(const QString &key)
    {
        std::optional<Hub::Result<ModelRecord>> result;
        m_browser->ensureDetails(key, this, [&result](const Hub::Result<ModelRecord> &r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
            return {};
        return *result;
    }

    std::pair<Hub::Result<QList<ModelRecord>>, bool> live(const QString &hub, const QString &text)
    {
        std::optional<std::pair<Hub::Result<QList<ModelRecord>>, bool>> result;
        m_browser->liveSearch(hub, text, 10, this, [&result](const Hub::Result<QList<ModelRecord>> &r, bool cached) {
            result = std::make_pair(r, cached);
        });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
            return {};
        return *result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        m_hf = std::make_unique<Hub::HuggingFaceClient>(&m_session, m_hub.hfUrl());
        m_civitai = std::make_unique<Hub::CivitaiClient>(&m_session, m_hub.civitaiUrl());
        m_hfAdapter = std::make_unique<HfAdapter>(m_hf.get());
        m_civitaiAdapter = std::make_unique<CivitaiAdapter>(m_civitai.get());
        m_db = std::make_unique<CatalogDatabase>(m_dir.filePath(QStringLiteral("catalog.sqlite")));
        QVERIFY(m_db->open());
        m_browser = std::make_unique<HubBrowser>(m_db.get());
        m_browser->addAdapter(m_hfAdapter.get());
        m_browser->addAdapter(m_civitaiAdapter.get());
    }
    void init() { m_hub.reset(); }

    void openingAModelFetchesItsTreeOncePerCommit()
    {
        const auto first = open(QStringLiteral("cortexso/qwen2.5"));
        QVERIFY2(first.ok(), qPrintable(first.error.message));
        QCOMPARE(first.value.details, DetailLevel::Complete);
        QCOMPARE(first.value.variants.size(), 2);
        const int requests = int(m_hub.requests(QStringLiteral("hf")).size());
        QVERIFY(requests >= 3);  // info, refs, a tree per branch
        m_hub.reset();
        const auto again = open(QStringLiteral("cortexso/qwen2.5"));
        QVERIFY(again.ok());
        QCOMPARE(again.value.variants.size(), 2);
        QCOMPARE(m_hub.requests(QStringLiteral("hf")).size(), 0);  // cached by commit
    }

    void aTreeReadOnlyInPartIsAskedForAgain()
    {
        const QString key = QStringLiteral("cortexso/llama3.2");
        m_hub.addScenario(QJsonDocument::fromJson(R"({"origin": "hf", "path": "/api/models/cortexso/llama3.2/tree/",
                                                      "fault": "status", "status": 404, "count": 1})")
                              .object());
        const auto first = open(key);
        QVERIFY2(first.ok(), qPrintable(first.error.message));
        QCOMPARE(first.value.variants.size(), 2);  // what could be read is shown, and what could not is named
        QVERIFY2(!first.rejected.filter(QStringLiteral("could not be listed")).isEmpty(),
                 qPrintable(first.rejected.join(u'\n')));
        m_hub.reset();
        const auto second = open(key);
        QVERIFY(second.ok());
        QCOMPARE(second.value.variants.size(), 3);
        QCOMPARE(hubRequests(QStringLiteral("hf"), QStringLiteral("/tree/")), 1);  // the two read before are cached
        m_hub.reset();
        QCOMPARE(open(key).value.variants.size(), 3);
        QCOMPARE(m_hub.requests(QStringLiteral("hf")).size(), 0);
    }

    void aCivitaiModelCanBeOpenedByItsId()
    {
        const auto r = open(QStringLiteral("civitai:4201"));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.variants.size(), 60);
    }

    void namesThatAreNeitherRepoNorCivitaiIdAreRefused()
    {
        const auto r = open(QStringLiteral("../../etc/passwd"));
        QVERIFY(!r.ok());
        QVERIFY(r.value.key.isEmpty());
        QCOMPARE(m_hub.requests(QStringLiteral("hf")).size(), 0);
    }

    void liveSearchAsksTheHubOnceWhileFresh_data()
    {
        QTest::addColumn<QString>("hub");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("origin");
        QTest::addColumn<QString>("found");
        QTest::newRow("Hugging Face") << QStringLiteral("hf") << QStringLiteral("tinystories") << QStringLiteral("hf")
                                      << QStringLiteral("modeldock-demo/TinyStories-GGUF");
        QTest::newRow("Civitai") << QStringLiteral("civitai") << QStringLiteral("demo") << QStringLiteral("civitai")
                                 << QStringLiteral("civitai:4201");
    }
    void liveSearchAsksTheHubOnceWhileFresh()
    {
        QFETCH(QString, hub);
        QFETCH(QString, text);
        QFETCH(QString, origin);
        QFETCH(QString, found);
        const auto first = live(hub, text);
        QVERIFY2(first.first.ok(), qPrintable(first.first.error.message));
        QVERIFY(!first.second);
        QStringList keys;
        for (const ModelRecord &m : first.first.value)
            keys << m.key;
        QVERIFY2(keys.contains(found), qPrintable(keys.join(u',')));
        const auto second = live(hub, text);
        QVERIFY(second.second);
        QCOMPARE(second.first.value.size(), first.first.value.size());
        QCOMPARE(hubRequests(origin, QStringLiteral("models")), 1);
    }
};

QTEST_GUILESS_MAIN(TestHubBrowser)
#include "tst_hubbrowser.moc"
