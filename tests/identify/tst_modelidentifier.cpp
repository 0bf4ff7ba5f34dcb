// Identify::ModelIdentifier against the test hub: real files hashed by a real library index,
// real POSTs to /api/v1/model-versions/by-hash counted in the hub's request log, the answers
// kept in a real identities.sqlite.
#include "hub/civitaiclient.h"
#include "identify/identitystore.h"
#include "identify/modelidentifier.h"
#include "library/libraryindex.h"
#include "net/credentials.h"
#include "net/session.h"
#include "testfiles.h"
#include "testhub.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;
using Identify::FileIdentity;
using Identify::IdentifyReport;

class TestModelIdentifier : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    Net::Session m_session;
    std::unique_ptr<Hub::CivitaiClient> m_civitai;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Identify::IdentityStore> m_store;
    qint64 m_now = 1'800'000'000;  // seconds since the epoch, moved by the tests

    QString folder() const { return m_dir->filePath(u"models"_s); }

    // `unknown` files of random bytes, plus the primary files of these Civitai versions.
    void layOut(int unknown, const QList<qint64> &versions)
    {
        for (int i = 0; i < unknown; ++i) {
            QByteArray bytes = "unknown model file " + QByteArray::number(i) + ' ' + m_dir->path().toUtf8();
            QVERIFY(TestFiles::write(folder() + u"/unknown/u%1.bin"_s.arg(i, 4, 10, QLatin1Char('0')), bytes));
        }
        for (const qint64 version : versions) {
            const QByteArray bytes = m_hub.civitaiFile(version);
            QVERIFY(!bytes.isEmpty());
            QVERIFY(TestFiles::write(folder() + u"/civitai/v%1.safetensors"_s.arg(version), bytes));
        }
    }

    QList<Library::IndexedFile> hashed()
    {
        Library::LibraryIndex index(m_dir->filePath(u"library.sqlite"_s));
        QString error;
        if (!index.open(&error))
            qWarning() << error;
        index.setRoots({Library::IndexRoot{Library::IndexRoot::Kind::Folder, folder()}});
        index.setHashing(Library::LibraryIndex::Hashing::All);
        index.scan();
        return index.hashedFiles();
    }

    std::optional<IdentifyReport> identify(const QList<Library::IndexedFile> &files,
                                           Identify::ModelIdentifier::Options options = {})
    {
        Identify::ModelIdentifier identifier(m_civitai.get(), m_store.get(), nullptr);
        identifier.setNow([this] { return m_now; });
        options.retry.backoffBase = std::chrono::milliseconds(100);
        identifier.setOptions(options);
        std::optional<IdentifyReport> report;
        connect(&identifier, &Identify::ModelIdentifier::finished, this,
                [&report](const IdentifyReport &r) { report = r; });
        identifier.identify(files);
        if (!QTest::qWaitFor([&report] { return report.has_value(); }, 60000))
            return std::nullopt;
        return report;
    }

    int lookups()
    {
        int n = 0;
        for (const QJsonValue &r : m_hub.requests(u"civitai"_s)) {
            n +=
                r[u"method"_s].toString() == u"POST"_s && r[u"path"_s].toString() == u"/api/v1/model-versions/by-hash"_s
                    ? 1
                    : 0;
        }
        return n;
    }

    static const FileIdentity *fileNamed(const IdentifyReport &report, const QString &name)
    {
        for (const FileIdentity &file : report.files) {
            if (file.path.endsWith(u'/' + name))
                return &file;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        m_civitai = std::make_unique<Hub::CivitaiClient>(&m_session, m_hub.civitaiUrl());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<Identify::IdentityStore>(m_dir->filePath(u"identities.sqlite"_s));
        QString error;
        QVERIFY2(m_store->open(&error), qPrintable(error));
        m_hub.reset();
    }

    void twoHundredFiftyHashesTakeThreeRequestsAndARescanNone()
    {
        layOut(247, {420059, 420060, 420102});
        const QList<Library::IndexedFile> files = hashed();
        QCOMPARE(files.size(), 250);
        m_hub.reset();

        std::optional<IdentifyReport> report = identify(files);
        QVERIFY(report);
        QVERIFY2(!report->error.isError(), qPrintable(report->error.message));
        QCOMPARE(lookups(), 3);
        QCOMPARE(report->lookupRequests, 3);
        QCOMPARE(report->files.size(), 250);
        QCOMPARE(report->identifiedCount(), 3);
        QCOMPARE(report->unknownCount(), 247);
        // 420059 is the Demo Style LoRA Pack's second version: 420060 is newer.
        const FileIdentity *old = fileNamed(*report, u"v420059.safetensors"_s);
        QVERIFY(old);
        QCOMPARE(old->hub, FileIdentity::Hub::Civitai);
        QCOMPARE(old->modelId, 4201);
        QCOMPARE(old->modelKey, u"civitai:4201"_s);
        QCOMPARE(old->versionId, 420059);
        QCOMPARE(old->newerVersionId, 420060);
        QCOMPARE(old->modelName, u"Demo Style LoRA Pack"_s);
        QVERIFY(!fileNamed(*report, u"v420060.safetensors"_s)->hasNewer());
        QCOMPARE(fileNamed(*report, u"v420102.safetensors"_s)->modelId, 4202);
        QVERIFY(!fileNamed(*report, u"v420102.safetensors"_s)->hasNewer());
        QCOMPARE(report->newerCount(), 1);
        QCOMPARE(report->modelRequests, 2);  // 4201 and 4202, once each
        QCOMPARE(report->summary(), u"identified 3 of 250 files in 5 requests; 247 unknown; 1 has a newer version"_s);

        // A rescan asks nothing: the found ones and the recent unknown ones are kept.
        m_hub.reset();
        report = identify(files);
        QVERIFY(report);
        QCOMPARE(m_hub.requests(u"civitai"_s).size(), 0);
        QCOMPARE(report->identifiedCount(), 3);
        QCOMPARE(report->fromCache, 250);
        QCOMPARE(fileNamed(*report, u"v420059.safetensors"_s)->newerVersionId, 420060);

        // A week later the unknown ones are asked again (247: three requests), the found ones not.
        m_now += 8 * 24 * 3600;
        m_hub.reset();
        report = identify(files);
        QVERIFY(report);
        QCOMPARE(lookups(), 3);
        QCOMPARE(report->identifiedCount(), 3);
    }

    void aRateLimitIsWaitedOutAsTheHubSays_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("429 with Retry-After") << 429;
        QTest::newRow("503 with Retry-After") << 503;
    }
    void aRateLimitIsWaitedOutAsTheHubSays()
    {
        QFETCH(int, status);
        layOut(5, {420102});
        const QList<Library::IndexedFile> files = hashed();
        m_hub.reset();
        QVERIFY(m_hub.addScenario(QJsonObject{{u"origin"_s, u"civitai"_s},
                                              {u"path"_s, u"/by-hash"_s},
                                              {u"method"_s, u"POST"_s},
                                              {u"fault"_s, u"status"_s},
                                              {u"status"_s, status},
                                              {u"retry_after"_s, 1},
                                              {u"count"_s, 1}}) > 0);
        QElapsedTimer timer;
        timer.start();
        const std::optional<IdentifyReport> report = identify(files);
        QVERIFY(report);
        QVERIFY2(!report->error.isError(), qPrintable(report->error.message));
        QVERIFY2(timer.elapsed() >= 900, "the hub's Retry-After: 1 was not waited out");
        QCOMPARE(lookups(), 2);
        QCOMPARE(report->lookupRequests, 2);
        QCOMPARE(report->identifiedCount(), 1);
        QVERIFY2(report->notes.join(u' ').contains(u"Retrying in 1 s"_s), qPrintable(report->notes.join(u' ')));
    }

    void theCivitaiTokenGoesWithTheLookupAndNowhereElse()
    {
        layOut(2, {420102});
        const QList<Library::IndexedFile> files = hashed();
        m_hub.reset();
        m_session.credentials().setToken(Net::HubKind::Civitai, m_hub.civitaiUrl(), u"civitai_test_token"_s);
        const std::optional<IdentifyReport> report = identify(files);
        m_session.credentials().setToken(Net::HubKind::Civitai, m_hub.civitaiUrl(), QString());
        QVERIFY(report);
        QVERIFY2(!report->error.isError(), qPrintable(report->error.message));
        QCOMPARE(report->identifiedCount(), 1);
        int posts = 0;
        for (const QJsonValue &r : m_hub.requests()) {
            const QString authorization = r[u"headers"_s][u"authorization"_s].toString();
            if (r[u"origin"_s].toString() == u"civitai"_s) {
                QCOMPARE(authorization, u"Bearer civitai_test_token"_s);
                posts += r[u"method"_s].toString() == u"POST"_s ? 1 : 0;
            } else {
                QCOMPARE(authorization, QString());
            }
        }
        QCOMPARE(posts, 1);
    }

    void aMalformedAnswerIsAClearErrorAndLosesNothing()
    {
        layOut(120, {420060});
        QList<Library::IndexedFile> all = hashed();
        QCOMPARE(all.size(), 121);
        std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) { return a.path < b.path; });
        // First the Civitai file and 99 unknown ones: one request, kept.
        const QList<Library::IndexedFile> first = all.mid(0, 100);
        std::optional<IdentifyReport> report = identify(first);
        QVERIFY(report);
        QVERIFY(!report->error.isError());
        const int identifiedBefore = report->identifiedCount();

        // Then all of them, while the hub answers broken JSON: what was known stays known.
        m_hub.reset();
        QVERIFY(m_hub.addScenario(QJsonObject{{u"origin"_s, u"civitai"_s},
                                              {u"path"_s, u"/by-hash"_s},
                                              {u"fault"_s, u"malformed_json"_s},
                                              {u"count"_s, 1}}) > 0);
        report = identify(all);
        QVERIFY(report);
        QVERIFY(report->error.isError());
        QVERIFY2(report->error.message.startsWith(u"Civitai sent a malformed answer for a lookup of 21 file hashes"_s),
                 qPrintable(report->error.message));
        QCOMPARE(lookups(), 1);  // not retried: the same request would get the same answer
        QCOMPARE(report->files.size(), 121);
        QCOMPARE(report->identifiedCount(), identifiedBefore);

        // The next run asks again for exactly the 21 hashes that were not answered.
        m_hub.reset();
        report = identify(all);
        QVERIFY(report);
        QVERIFY(!report->error.isError());
        QCOMPARE(lookups(), 1);
        QCOMPARE(report->fromCache, 100);
        QCOMPARE(report->identifiedCount(), identifiedBefore);
    }
};

QTEST_GUILESS_MAIN(TestModelIdentifier)
#include "tst_modelidentifier.moc"
