#include "hub/civitaiclient.h"
#include "net/session.h"
#include "testhub.h"

#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace Hub;

class TestCivitaiClient : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    Net::Session m_session;
    std::unique_ptr<CivitaiClient> m_client;

    template <typename T> T wait(const std::function<void(QObject *, std::function<void(const T &)>)> &call)
    {
        std::optional<T> result;
        call(this, [&result](const T &r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
            return T{};  // the caller's checks fail on the empty result
        return *result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        m_client = std::make_unique<CivitaiClient>(&m_session, m_hub.civitaiUrl());
    }
    void init() { m_hub.reset(); }

    void listingPagesWithTheHubsCursor()
    {
        CivitaiModelQuery q;
        q.types = {QStringLiteral("LORA")};
        q.sort = QStringLiteral("Most Downloaded");
        q.limit = 100;
        q.pageSize = 2;
        const auto r = wait<Result<QList<CivitaiModel>>>([&](QObject *c, auto cb) { m_client->listModels(q, c, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY(r.value.size() >= 3);
        for (const CivitaiModel &m : r.value)
            QCOMPARE(m.type, QStringLiteral("LORA"));
        int withCursor = 0;
        for (const QJsonValue &v : m_hub.requests(QStringLiteral("civitai")))
            withCursor +=
                v.toObject().value(QLatin1String("path")).toString().contains(QStringLiteral("cursor=")) ? 1 : 0;
        QVERIFY(withCursor >= 1);
    }

    void modelByIdHasEveryVersionWithFilesAndHashes()
    {
        const auto r = wait<Result<CivitaiModel>>([&](QObject *c, auto cb) { m_client->model(4201, c, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.versions.size(), 60);
        for (const CivitaiVersion &v : r.value.versions) {
            QCOMPARE(v.files.size(), 1);
            QVERIFY(v.files.first().primary);
            QCOMPARE(v.files.first().sha256.size(), 64);
            QVERIFY(v.files.first().sizeBytes() > 0);
            QVERIFY(v.files.first().downloadUrl.path().startsWith(QStringLiteral("/api/download/models/")));
        }
    }

    void versionByIdMatchesItsModel()
    {
        const auto model = wait<Result<CivitaiModel>>([&](QObject *c, auto cb) { m_client->model(4201, c, cb); });
        QVERIFY(model.ok());
        const CivitaiVersion &expected = model.value.versions.first();
        const auto r =
            wait<Result<CivitaiVersion>>([&](QObject *c, auto cb) { m_client->modelVersion(expected.id, c, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.modelId, 4201);
        QCOMPARE(r.value.files.first().sha256, expected.files.first().sha256);
        QCOMPARE(r.value.trainedWords, expected.trainedWords);
    }

    void unknownModelIsNotFound()
    {
        const auto r = wait<Result<CivitaiModel>>([&](QObject *c, auto cb) { m_client->model(999999, c, cb); });
        QCOMPARE(r.error.kind, Net::ErrorKind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestCivitaiClient)
#include "tst_civitaiclient.moc"
