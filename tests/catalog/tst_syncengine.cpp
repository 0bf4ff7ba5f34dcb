#include "syncstack.h"
#include "testhub.h"
#include "waits.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using namespace Catalog;

namespace {

Source everything()
{
    Source s;
    s.name = QStringLiteral("everything");
    s.kind = Source::Kind::HfQuery;
    s.sort = QStringLiteral("downloads");
    s.limit = 500;
    return s;
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

}  // namespace

// The sync engine against the local test hub, over real HTTP into real SQLite files. The hub
// serves five models per listing page so every sync walks several pages.
class TestSyncEngine : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    int m_hfModels = 0;

    int hubModelCount()
    {
        QUrl url = m_hub.hfUrl();
        url.setPath(QStringLiteral("/_admin/catalog"));
        return QJsonDocument::fromJson(m_hub.get(url).body).object().value(QLatin1String("hf_models")).toInt();
    }

    QStringList requestPaths(const QString &origin = QStringLiteral("hf"))
    {
        QStringList paths;
        for (const QJsonValue &r : m_hub.requests(origin))
            paths << r.toObject().value(QLatin1String("path")).toString();
        return paths;
    }

    static int countContaining(const QStringList &paths, const QString &part)
    {
        return int(std::count_if(paths.cbegin(), paths.cend(), [&](const QString &p) { return p.contains(part); }));
    }

private Q_SLOTS:
    void init()
    {
        // Mutations change the hub, so every test starts from a fresh demo catalog.
        m_hub.stop();
        QVERIFY2(m_hub.start({QStringLiteral("--hf-page-size"), QStringLiteral("5")}), qPrintable(m_hub.errorString()));
        m_hfModels = hubModelCount();
        QVERIFY(m_hfModels > 60);
    }
    void cleanupTestCase() { m_hub.stop(); }

    void firstSyncFillsTheCatalogWithEveryModelAndItsTree()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        QVERIFY(stack.ok);
        const SyncState state = stack.sync(stack.add(everything()));
        QCOMPARE(state.phase, SyncState::Phase::Synced);
        QCOMPARE(state.counts.added, m_hfModels);
        QCOMPARE(state.counts.changed, 0);
        QCOMPARE(state.counts.removed, 0);
        QCOMPARE(state.pagesDone, (m_hfModels + 4) / 5);
        QCOMPARE(stack.store.modelCount(), m_hfModels);
        // The gated repo refuses its file list; it is named, listed, and the sync goes on.
        QVERIFY(std::any_of(state.counts.problems.cbegin(), state.counts.problems.cend(), [](const QString &p) {
            return p.startsWith(QStringLiteral("modeldock-demo/gated-llm: "));
        }));
        QVERIFY(stack.store.model(QStringLiteral("modeldock-demo/gated-llm")));

        const std::optional<ModelRecord> tiny = stack.store.model(QStringLiteral("modeldock-demo/TinyStories-GGUF"));
        QVERIFY(tiny);
        QCOMPARE(tiny->details, DetailLevel::Complete);
        QStringList names;
        for (const VariantRecord &v : tiny->variants)
            names << v.name;
        QVERIFY2(names.contains(QStringLiteral("Q4_K_M")) && names.contains(QStringLiteral("Q8_0")),
                 qPrintable(names.join(u',')));
        const QJsonObject truth = m_hub.fileInfo(tiny->key, QStringLiteral("tinystories.Q8_0.gguf"));
        for (const VariantRecord &v : tiny->variants) {
            if (v.name == QLatin1String("Q8_0")) {
                QCOMPARE(v.files.size(), 1);
                QCOMPARE(v.files.first().size, truth.value(QLatin1String("size")).toInteger());
                QCOMPARE(v.files.first().sha256, truth.value(QLatin1String("sha256")).toString());
                QCOMPARE(v.commit, truth.value(QLatin1String("commit")).toString());
            }
        }
    }

    void noChangeSyncReusesPagesAndFetchesNoModel()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        const qint64 id = stack.add(everything());
        QCOMPARE(stack.sync(id).phase, SyncState::Phase::Synced);
        m_hub.reset();
        const SyncState again = stack.sync(id);
        QCOMPARE(again.phase, SyncState::Phase::Synced);
        QCOMPARE(again.counts.added + again.counts.changed + again.counts.removed, 0);
        QCOMPARE(again.counts.unchanged, m_hfModels);
        QCOMPARE(again.counts.pagesUnchanged, again.counts.pages);
        const QStringList paths = requestPaths();
        // Only the listing pages were asked for: no model info, refs or trees.
        QCOMPARE(countContaining(paths, QStringLiteral("/api/models?")), paths.size());
        QCOMPARE(paths.size(), again.counts.pages);
        // Each page was asked for conditionally and came back 304 Not Modified.
        for (const QJsonValue &r : m_hub.requests(QStringLiteral("hf"))) {
            const QJsonObject request = r.toObject();
            QVERIFY(!request.value(QLatin1String("headers"))
                         .toObject()
                         .value(QLatin1String("if-none-match"))
                         .toString()
                         .isEmpty());
            QCOMPARE(request.value(QLatin1String("status")).toInt(), 304);
        }
    }

    void aPageThatChangedIsReadAgainDespiteItsOldETag()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        const qint64 id = stack.add(everything());
        QCOMPARE(stack.sync(id).phase, SyncState::Phase::Synced);
        m_hub.mutateCatalog(0, 1, 0);
        m_hub.reset();
        const SyncState state = stack.sync(id);
        QCOMPARE(state.counts.changed, 1);
        int fresh = 0;
        for (const QJsonValue &r : m_hub.requests(QStringLiteral("hf")))
            fresh += r.toObject().value(QLatin1String("status")).toInt() == 200 ? 1 : 0;
        QVERIFY(fresh >= 1);
        QCOMPARE(state.counts.pagesUnchanged, state.counts.pages - 1);
    }

    void incrementalSyncCountsWhatTheHubAddedChangedAndRemoved()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        const qint64 id = stack.add(everything());
        QCOMPARE(stack.sync(id).phase, SyncState::Phase::Synced);
        const QJsonObject mutation = m_hub.mutateCatalog(2, 2, 2);
        m_hub.reset();
        const SyncState state = stack.sync(id);
        QCOMPARE(state.phase, SyncState::Phase::Synced);
        QCOMPARE(state.counts.added, 2);
        QCOMPARE(state.counts.changed, 2);
        QCOMPARE(state.counts.removed, 2);
        for (const QJsonValue &gone : mutation.value(QLatin1String("removed")).toArray())
            QVERIFY2(!stack.store.model(gone.toString()), qPrintable(gone.toString()));
        for (const QJsonValue &added : mutation.value(QLatin1String("added")).toArray())
            QVERIFY(stack.store.model(added.toString()));
        // Model info is fetched again only for the four new or changed models.
        QCOMPARE(countContaining(requestPaths(), QStringLiteral("/revision/main")), 4);
        for (const QJsonValue &changed : mutation.value(QLatin1String("changed")).toArray()) {
            const std::optional<ModelRecord> m = stack.store.model(changed.toString());
            QVERIFY(m);
            QCOMPARE(m->headCommit,
                     m_hub.fileInfo(m->key, QStringLiteral("README.md")).value(QLatin1String("commit")).toString());
        }
    }

    void aRefreshDuringASyncDoesNotStartASecondOne()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        Source s = everything();
        const qint64 id = stack.add(s);
        m_hub.addScenario(
            json(R"({"origin": "hf", "path": "/api/models?", "fault": "slow", "rate": 4000, "count": 1})"));
        QSignalSpy done(&stack.engine, &SyncEngine::syncFinished);
        QVERIFY(stack.engine.refresh(id));
        QVERIFY(stack.engine.isSyncing(id));
        QVERIFY(!stack.engine.refresh(id));
        QVERIFY(!stack.engine.refresh(id));
        QVERIFY(done.wait(30000));
        QVERIFY(TestWait::holdsFor(300ms, [&] { return done.count() == 1; }));
        QCOMPARE(countContaining(requestPaths(), QStringLiteral("cursor=")), (m_hfModels + 4) / 5 - 1);
    }

    void rateLimitingIsWaitedOutAsTheHubAsks()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        const qint64 id = stack.add(everything());
        m_hub.addScenario(json(
            R"({"origin": "hf", "path": "/api/models?", "fault": "status", "status": 429, "retry_after": 1, "count": 1})"));
        QSignalSpy states(&stack.engine, &SyncEngine::stateChanged);
        QElapsedTimer clock;
        clock.start();
        const SyncState state = stack.sync(id);
        QCOMPARE(state.phase, SyncState::Phase::Synced);
        QVERIFY2(clock.elapsed() >= 1000, "the Retry-After delay was not honoured");
        bool sawThrottled = false;
        for (const QList<QVariant> &args : std::as_const(states)) {
            const SyncState s = args.at(1).value<SyncState>();
            if (s.phase == SyncState::Phase::Throttled) {
                sawThrottled = true;
                QVERIFY(s.retryInSeconds >= 1);
            }
        }
        QVERIFY(sawThrottled);
        QCOMPARE(state.counts.added, m_hfModels);
    }

    void malformedPagesAreReportedAndTheOldCatalogStays()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        const qint64 id = stack.add(everything());
        QCOMPARE(stack.sync(id).phase, SyncState::Phase::Synced);
        m_hub.mutateCatalog(3, 0, 0);
        m_hub.addScenario(json(R"({"origin": "hf", "path": "cursor=", "fault": "malformed_json", "count": 20})"));
        const SyncState failed = stack.sync(id);
        QCOMPARE(failed.phase, SyncState::Phase::Failed);
        QVERIFY2(failed.reason.contains(QStringLiteral("malformed")), qPrintable(failed.reason));
        QCOMPARE(stack.store.modelCount(), m_hfModels);
        QCOMPARE(stack.sources.members(id).size(), m_hfModels);
        m_hub.reset();
        const SyncState recovered = stack.sync(id);
        QCOMPARE(recovered.phase, SyncState::Phase::Synced);
        QCOMPARE(recovered.counts.added, 3);
    }

    void aFailureMidSyncLeavesTheOldCatalogIntact()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        const qint64 id = stack.add(everything());
        QCOMPARE(stack.sync(id).phase, SyncState::Phase::Synced);
        const QStringList before = stack.sources.members(id);
        m_hub.mutateCatalog(1, 1, 1);
        // The third page keeps failing with 500 after the first two were read.
        m_hub.addScenario(json(R"({"origin": "hf", "path": "cursor=", "fault": "status", "status": 500, "count": 1})"));
        m_hub.addScenario(
            json(R"({"origin": "hf", "path": "cursor=cDoxMA", "fault": "status", "status": 500, "count": 20})"));
        const SyncState failed = stack.sync(id);
        QCOMPARE(failed.phase, SyncState::Phase::Failed);
        QVERIFY(failed.pagesDone >= 1);
        QCOMPARE(stack.sources.members(id), before);
        QCOMPARE(stack.store.modelCount(), m_hfModels);
    }

    void offlineStartKeepsTheCachedCatalogBrowsable()
    {
        QTemporaryDir dir;
        {
            TestHub own;
            QVERIFY2(own.start(), qPrintable(own.errorString()));
            SyncStack first(dir.path(), own.hfUrl(), own.civitaiUrl());
            QCOMPARE(first.sync(first.add(everything())).phase, SyncState::Phase::Synced);
            own.stop();
            // A new run of the app, the hub gone.
            SyncStack second(dir.path(), own.hfUrl(), own.civitaiUrl());
            QVERIFY(second.ok);
            const std::optional<Source> source = second.sources.sourceByName(QStringLiteral("everything"));
            QVERIFY(source);
            QCOMPARE(second.engine.state(source->id).phase, SyncState::Phase::Synced);  // remembered
            const SyncState state = second.sync(source->id);
            QCOMPARE(state.phase, SyncState::Phase::Offline);
            QVERIFY(!state.reason.isEmpty());
            CatalogStore::Query q;
            q.text = QStringLiteral("tinystories");
            const QList<ModelRecord> found = second.store.search(q);
            QCOMPARE(found.size(), 1);
            QVERIFY(second.store.model(QStringLiteral("cortexso/llama3.2")));
        }
    }

    void cortexsoBranchesBecomeVariants()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        Source s;
        s.name = QStringLiteral("cortexso");
        s.author = QStringLiteral("cortexso");
        QCOMPARE(stack.sync(stack.add(s)).counts.added, 2);
        const std::optional<ModelRecord> m = stack.store.model(QStringLiteral("cortexso/llama3.2"));
        QVERIFY(m);
        QStringList names;
        for (const VariantRecord &v : m->variants) {
            if (v.name == QLatin1String("main"))
                continue;
            names << v.name;
            QCOMPARE(v.kind, QStringLiteral("branch"));
            const QJsonObject truth = m_hub.fileInfo(m->key, QStringLiteral("model.gguf"), v.name);
            QCOMPARE(v.commit, truth.value(QLatin1String("commit")).toString());
            const auto gguf = std::find_if(v.files.cbegin(), v.files.cend(),
                                           [](const FileRecord &f) { return f.path == QLatin1String("model.gguf"); });
            QVERIFY(gguf != v.files.cend());
            QCOMPARE(gguf->sha256, truth.value(QLatin1String("sha256")).toString());
            QCOMPARE(gguf->size, truth.value(QLatin1String("size")).toInteger());
            QVERIFY(gguf->url.path().contains(QStringLiteral("/resolve/") + v.commit + QStringLiteral("/model.gguf")));
        }
        QCOMPARE(names, (QStringList{QStringLiteral("1b-gguf-q4-km"), QStringLiteral("1b-gguf-q8-0"),
                                     QStringLiteral("3b-gguf-q4-km")}));
    }

    void aSixtyItemCollectionBecomesOneTree()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        const auto list =
            m_hub.get(QUrl(m_hub.hfUrl().toString() + QStringLiteral("/api/collections?owner=lora-pack")));
        Source s;
        s.name = QStringLiteral("loras");
        s.kind = Source::Kind::HfCollection;
        s.target =
            QJsonDocument::fromJson(list.body).array().first().toObject().value(QLatin1String("slug")).toString();
        const qint64 id = stack.add(s);
        const SyncState state = stack.sync(id);
        QCOMPARE(state.phase, SyncState::Phase::Synced);
        QCOMPARE(state.counts.added, 60);
        const QStringList members = stack.sources.members(id);
        QCOMPARE(members.size(), 60);
        QCOMPARE(members.first(), QStringLiteral("lora-pack/style-lora-001"));
        for (const QString &key : members) {
            const std::optional<ModelRecord> m = stack.store.model(key);
            QVERIFY(m);
            QCOMPARE(m->variants.size(), 1);
            const QList<FileRecord> &files = m->variants.first().files;
            QVERIFY(std::any_of(files.cbegin(), files.cend(), [](const FileRecord &f) {
                return f.path.endsWith(QLatin1String(".safetensors")) && f.size > 0 && f.sha256.size() == 64;
            }));
        }
    }

    void civitaiVersionsBecomeVariantsWithHashes()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        Source s;
        s.name = QStringLiteral("loras");
        s.kind = Source::Kind::CivitaiQuery;
        s.types = {QStringLiteral("LORA")};
        s.sort = QStringLiteral("Most Downloaded");
        const SyncState state = stack.sync(stack.add(s));
        QCOMPARE(state.phase, SyncState::Phase::Synced);
        QVERIFY(state.counts.added >= 1);
        const std::optional<ModelRecord> m = stack.store.model(QStringLiteral("civitai:4201"));
        QVERIFY(m);
        QCOMPARE(m->variants.size(), 60);
        for (const VariantRecord &v : m->variants) {
            QCOMPARE(v.kind, QStringLiteral("version"));
            QCOMPARE(v.files.size(), 1);
            QVERIFY(v.files.first().primary);
            QCOMPARE(v.files.first().sha256.size(), 64);
        }
        // Listings are complete on Civitai: no per-model requests.
        QCOMPARE(countContaining(requestPaths(QStringLiteral("civitai")), QStringLiteral("/api/v1/models/")), 0);
    }

    void aDownloadedModelWhoseCommitChangedOffersAnUpdate()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        const qint64 id = stack.add(everything());
        QCOMPARE(stack.sync(id).phase, SyncState::Phase::Synced);
        // Pretend every file was downloaded and verified.
        for (const QString &key : stack.sources.members(id)) {
            const ModelRecord model = *stack.store.model(key);
            for (const VariantRecord &v : model.variants) {
                for (const FileRecord &f : v.files) {
                    QString error;
                    QVERIFY2(stack.store.setFileState(key, v.name, f.path, LocalState::Verified, &error),
                             qPrintable(error));
                }
            }
        }
        QCOMPARE(stack.store.modelState(QStringLiteral("cortexso/llama3.2")), LocalState::Verified);
        const QString changed =
            m_hub.mutateCatalog(0, 1, 0).value(QLatin1String("changed")).toArray().first().toString();
        QCOMPARE(stack.sync(id).counts.changed, 1);
        QCOMPARE(stack.store.modelState(changed), LocalState::UpdateAvailable);
        QCOMPARE(stack.store.modelState(QStringLiteral("cortexso/llama3.2")), LocalState::Verified);
    }

    void oneBadItemInsideAGoodPageIsNamedAndTheRestLands()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        Source s;
        s.name = QStringLiteral("demo");
        s.author = QStringLiteral("modeldock-demo");
        s.limit = 5;
        // The hub's own first page, with one model's download count turned into words.
        QJsonArray page = QJsonDocument::fromJson(m_hub.get(stack.hfAdapter.firstPage(s)).body).array();
        QCOMPARE(page.size(), 5);
        QJsonObject bad = page.at(2).toObject();
        const QString badId = bad.value(QLatin1String("id")).toString();
        bad.insert(QStringLiteral("downloads"), QStringLiteral("very many"));
        page[2] = bad;
        m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("hf")},
                                      {QStringLiteral("path"), QStringLiteral("author=modeldock-demo")},
                                      {QStringLiteral("fault"), QStringLiteral("status")},
                                      {QStringLiteral("status"), 200},
                                      {QStringLiteral("body"), page},
                                      {QStringLiteral("count"), 1}});
        const SyncState state = stack.sync(stack.add(s));
        QCOMPARE(state.phase, SyncState::Phase::Synced);
        QCOMPARE(state.counts.added, 4);
        QCOMPARE(state.counts.rejected, 1);
        QVERIFY(!stack.store.model(badId));
        const QStringList named = state.counts.problems.filter(badId);
        QCOMPARE(named.size(), 1);
        QVERIFY2(named.first().contains(QStringLiteral("downloads")), qPrintable(named.first()));
        for (const QJsonValue &m : std::as_const(page)) {
            const QString key = m.toObject().value(QLatin1String("id")).toString();
            if (key != badId)
                QVERIFY2(stack.store.model(key), qPrintable(key));
        }
    }

    void aFailedRefsRequestIsRetriedNotTakenForAMainOnlyRepo()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        Source s;
        s.name = QStringLiteral("cortexso");
        s.author = QStringLiteral("cortexso");
        m_hub.addScenario(json(
            R"({"origin": "hf", "path": "/api/models/cortexso/llama3.2/refs", "fault": "status", "status": 503, "count": 1})"));
        const SyncState state = stack.sync(stack.add(s));
        QCOMPARE(state.phase, SyncState::Phase::Synced);
        QCOMPARE(state.counts.added, 2);
        const std::optional<ModelRecord> m = stack.store.model(QStringLiteral("cortexso/llama3.2"));
        QVERIFY(m);
        QCOMPARE(m->variants.size(), 3);
        QCOMPARE(m->detailsCommit, m->headCommit);
        QCOMPARE(countContaining(requestPaths(), QStringLiteral("/cortexso/llama3.2/refs")), 2);
    }

    void aBranchThatCannotBeListedIsNamedAndReadAgainNextTime()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        Source s;
        s.name = QStringLiteral("cortexso");
        s.author = QStringLiteral("cortexso");
        const qint64 id = stack.add(s);
        m_hub.addScenario(json(
            R"({"origin": "hf", "path": "/api/models/cortexso/llama3.2/tree/", "fault": "status", "status": 404, "count": 1})"));
        const SyncState first = stack.sync(id);
        QCOMPARE(first.phase, SyncState::Phase::Synced);
        QCOMPARE(first.counts.added, 2);
        QVERIFY2(!first.counts.problems.filter(QStringLiteral("cortexso/llama3.2: the branch")).isEmpty(),
                 qPrintable(first.counts.problems.join(u'\n')));
        std::optional<ModelRecord> m = stack.store.model(QStringLiteral("cortexso/llama3.2"));
        QCOMPARE(m->variants.size(), 2);
        QVERIFY(m->detailsCommit.isEmpty());  // kept, but not settled for this commit

        m_hub.reset();
        const SyncState second = stack.sync(id);
        QCOMPARE(second.phase, SyncState::Phase::Synced);
        QCOMPARE(second.counts.added + second.counts.changed + second.counts.removed, 0);
        m = stack.store.model(QStringLiteral("cortexso/llama3.2"));
        QCOMPARE(m->variants.size(), 3);
        QCOMPARE(m->detailsCommit, m->headCommit);
        // Only the branch that was missing is listed again; the others come from the cache.
        QCOMPARE(countContaining(requestPaths(), QStringLiteral("/cortexso/llama3.2/tree/")), 1);
        QCOMPARE(countContaining(requestPaths(), QStringLiteral("/cortexso/qwen2.5")), 0);

        m_hub.reset();
        QCOMPARE(stack.sync(id).phase, SyncState::Phase::Synced);
        QCOMPARE(countContaining(requestPaths(), QStringLiteral("/cortexso/llama3.2")), 0);
    }

    void aSpentQuotaOnASuccessfulAnswerPausesTheSync()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        Source s;
        s.name = QStringLiteral("cortexso");
        s.author = QStringLiteral("cortexso");
        const QJsonArray page = QJsonDocument::fromJson(m_hub.get(stack.hfAdapter.firstPage(s)).body).array();
        QCOMPARE(page.size(), 2);
        // The listing comes back fine, saying the quota is used up for another second.
        m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("hf")},
                                      {QStringLiteral("path"), QStringLiteral("author=cortexso")},
                                      {QStringLiteral("fault"), QStringLiteral("status")},
                                      {QStringLiteral("status"), 200},
                                      {QStringLiteral("ratelimit"), QStringLiteral("\"api\";r=0;t=1")},
                                      {QStringLiteral("body"), page},
                                      {QStringLiteral("count"), 1}});
        QSignalSpy states(&stack.engine, &SyncEngine::stateChanged);
        QElapsedTimer clock;
        clock.start();
        const SyncState state = stack.sync(stack.add(s));
        QCOMPARE(state.phase, SyncState::Phase::Synced);
        QCOMPARE(state.counts.added, 2);
        QVERIFY2(clock.elapsed() >= 2000, qPrintable(QStringLiteral("done after %1 ms").arg(clock.elapsed())));
        int throttled = 0;
        for (const QList<QVariant> &args : std::as_const(states)) {
            const SyncState st = args.at(1).value<SyncState>();
            if (st.phase == SyncState::Phase::Throttled) {
                ++throttled;
                QCOMPARE(st.retryInSeconds, 2);  // t=1 and a second of slack
            }
        }
        QCOMPARE(throttled, 1);
    }

    void aPushToOneQuantizationBranchOffersAnUpdateForThatVariantOnly()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        Source s;
        s.name = QStringLiteral("cortexso");
        s.author = QStringLiteral("cortexso");
        const qint64 id = stack.add(s);
        QCOMPARE(stack.sync(id).counts.added, 2);
        const QString key = QStringLiteral("cortexso/llama3.2");
        for (const QString &model : stack.sources.members(id)) {
            const ModelRecord record = *stack.store.model(model);
            for (const VariantRecord &v : record.variants) {
                for (const FileRecord &f : v.files) {
                    QString error;
                    QVERIFY2(stack.store.setFileState(model, v.name, f.path, LocalState::Verified, &error),
                             qPrintable(error));
                }
            }
        }
        const QString head = stack.store.model(key)->headCommit;
        const QJsonObject pushed =
            postAdmin(m_hub.hfUrl(), QStringLiteral("/_admin/catalog/push"),
                      {{QStringLiteral("repo"), key}, {QStringLiteral("branch"), QStringLiteral("1b-gguf-q8-0")}});
        QVERIFY(!pushed.value(QLatin1String("commit")).toString().isEmpty());
        QCOMPARE(pushed.value(QLatin1String("main")).toString(), head);  // main did not move

        const SyncState state = stack.sync(id);
        QCOMPARE(state.counts.changed, 1);
        const std::optional<ModelRecord> m = stack.store.model(key);
        QCOMPARE(m->headCommit, head);
        QCOMPARE(m->variants.size(), 3);
        for (const VariantRecord &v : m->variants) {
            if (v.name == QLatin1String("1b-gguf-q8-0")) {
                QCOMPARE(v.commit, pushed.value(QLatin1String("commit")).toString());
                QCOMPARE(v.state, LocalState::UpdateAvailable);
            } else {
                QCOMPARE(v.state, LocalState::Verified);
            }
        }
        QCOMPARE(m->state, LocalState::UpdateAvailable);
        QCOMPARE(stack.store.modelState(QStringLiteral("cortexso/qwen2.5")), LocalState::Verified);
    }

    void aDownloadedModelInABigSourceGetsItsTreeWhenItChanges()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        SyncOptions options;
        options.backoffBase = std::chrono::milliseconds(50);
        options.eagerDetailsMaxSourceSize = 10;  // "everything" is a big source here: no trees during syncs
        stack.engine.setOptions(options);
        const qint64 id = stack.add(everything());
        QCOMPARE(stack.sync(id).counts.detailFetches, 0);
        const QString key = QStringLiteral("cortexso/llama3.2");
        // The user opened the model and downloaded all of it.
        std::optional<Hub::Result<ModelRecord>> opened;
        stack.browser.ensureDetails(key, this, [&opened](const Hub::Result<ModelRecord> &r) { opened = r; });
        QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 20000);
        QCOMPARE(opened->value.variants.size(), 3);
        for (const VariantRecord &v : opened->value.variants) {
            for (const FileRecord &f : v.files) {
                QString error;
                QVERIFY2(stack.store.setFileState(key, v.name, f.path, LocalState::Verified, &error),
                         qPrintable(error));
            }
        }
        postAdmin(m_hub.hfUrl(), QStringLiteral("/_admin/catalog/push"),
                  {{QStringLiteral("repo"), key}, {QStringLiteral("branch"), QStringLiteral("3b-gguf-q4-km")}});
        m_hub.mutateCatalog(0, 1, 0);  // and one model nobody downloaded changes too
        m_hub.reset();
        const SyncState state = stack.sync(id);
        QCOMPARE(state.counts.changed, 2);
        QCOMPARE(state.counts.detailFetches, 1);  // only the downloaded one
        QCOMPARE(countContaining(requestPaths(), QStringLiteral("/revision/main")), 1);
        const ModelRecord after = *stack.store.model(key);
        for (const VariantRecord &v : after.variants)
            QCOMPARE(v.state,
                     v.name == QLatin1String("3b-gguf-q4-km") ? LocalState::UpdateAvailable : LocalState::Verified);
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
