#include "syncstack.h"
#include "testhub.h"
#include "waits.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using namespace Catalog;

namespace {
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

Source cortexso()
{
    Source s;
    s.name = QStringLiteral("cortexso");
    s.author = QStringLiteral("cortexso");
    return s;
}
}  // namespace

// What the SyncEngine does by itself, as the desktop app runs it: background syncs and the
// metered rule, retries after failures, source edits while syncing, sources changed by the
// CLI, and what survives a restart. Real HTTP against the test hub, real SQLite files.
class TestSyncBackground : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;

    // Runs the real modeldock-cli on the catalog in `dir`, as a user would next to the app.
    int cli(const QString &dir, const QStringList &arguments, QString *out = nullptr)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("modeldock.*.warning=false"));
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("MODELDOCK_BIN_DIR") + QStringLiteral("/modeldock-cli"),
                QStringList{QStringLiteral("--data-dir"), dir, QStringLiteral("--hf-endpoint"),
                            m_hub.hfUrl().toString(), QStringLiteral("--civitai-endpoint"),
                            m_hub.civitaiUrl().toString()} +
                    arguments);
        if (!p.waitForFinished(30000))
            return -1;
        if (out)
            *out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        return p.exitCode();
    }

    static QList<SyncState> finishedStates(const QSignalSpy &spy)
    {
        QList<SyncState> out;
        for (const QList<QVariant> &args : spy)
            out << args.at(1).value<SyncState>();
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_hub.stop();
        QVERIFY2(m_hub.start({QStringLiteral("--hf-page-size"), QStringLiteral("5")}), qPrintable(m_hub.errorString()));
    }
    void cleanupTestCase() { m_hub.stop(); }

    void backgroundSyncsWaitForAnUnmeteredConnection()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        stack.metered = true;
        stack.engine.setInterval(std::chrono::seconds(1));
        stack.engine.setBackgroundEnabled(true);
        QSignalSpy skipped(&stack.engine, &SyncEngine::backgroundSyncSkipped);
        QSignalSpy done(&stack.engine, &SyncEngine::syncFinished);
        Source s = cortexso();
        QString error;
        QVERIFY2(stack.engine.addSource(&s, &error), qPrintable(error));
        QVERIFY(!stack.engine.isSyncing(s.id));               // added, but not synced on a metered line
        QTRY_VERIFY_WITH_TIMEOUT(skipped.size() >= 2, 5000);  // and the timer skips it too
        QCOMPARE(done.size(), 0);
        QCOMPARE(m_hub.requests(QStringLiteral("hf")).size(), 0);

        // A person asking is not a background sync.
        QCOMPARE(stack.sync(s.id).phase, SyncState::Phase::Synced);
        done.clear();
        stack.engine.setAllowMetered(true);
        QTRY_VERIFY_WITH_TIMEOUT(done.size() >= 1, 5000);
        stack.engine.setBackgroundEnabled(false);
    }

    void aFailedSyncIsRetriedWithGrowingPauses()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        SyncOptions options;
        options.maxAttempts = 1;
        options.retryBase = std::chrono::milliseconds(400);
        options.retryCap = std::chrono::seconds(5);
        stack.engine.setOptions(options);
        const qint64 id = stack.add(cortexso());
        stack.engine.setBackgroundEnabled(true);
        m_hub.addScenario(
            json(R"({"origin": "hf", "path": "author=cortexso", "fault": "status", "status": 503, "count": 2})"));
        QSignalSpy done(&stack.engine, &SyncEngine::syncFinished);
        QList<qint64> at;
        QElapsedTimer clock;
        clock.start();
        connect(&stack.engine, &SyncEngine::syncFinished, this, [&at, &clock] { at << clock.elapsed(); });
        QVERIFY(stack.engine.refresh(id));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 15000);
        const QList<SyncState> states = finishedStates(done);
        QCOMPARE(states.at(0).phase, SyncState::Phase::Failed);
        QVERIFY(states.at(0).retryInSeconds >= 1);  // the state says when it tries again
        QCOMPARE(states.at(1).phase, SyncState::Phase::Failed);
        QCOMPARE(states.at(2).phase, SyncState::Phase::Synced);
        // Jittered exponential backoff never waits less than half its ceiling: 400 ms, then 800.
        QVERIFY2(at.at(1) - at.at(0) >= 200, qPrintable(QString::number(at.at(1) - at.at(0))));
        QVERIFY2(at.at(2) - at.at(1) >= 400, qPrintable(QString::number(at.at(2) - at.at(1))));
        stack.engine.setBackgroundEnabled(false);
    }

    void aSyncThatRunsOutOfAttemptsOn429IsThrottledAndWaitsForTheHub()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        SyncOptions options;
        options.maxAttempts = 1;
        options.retryBase = std::chrono::milliseconds(50);
        options.retryCap = std::chrono::milliseconds(100);
        stack.engine.setOptions(options);
        const qint64 id = stack.add(cortexso());
        stack.engine.setBackgroundEnabled(true);
        m_hub.addScenario(json(
            R"({"origin": "hf", "path": "author=cortexso", "fault": "status", "status": 429, "retry_after": 2, "count": 1})"));
        QSignalSpy done(&stack.engine, &SyncEngine::syncFinished);
        QList<qint64> at;
        QElapsedTimer clock;
        clock.start();
        connect(&stack.engine, &SyncEngine::syncFinished, this, [&at, &clock] { at << clock.elapsed(); });
        QVERIFY(stack.engine.refresh(id));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 15000);
        const QList<SyncState> states = finishedStates(done);
        QCOMPARE(states.at(0).phase, SyncState::Phase::Throttled);  // not "failed": the hub is fine
        QVERIFY(states.at(0).retryInSeconds >= 2);
        QCOMPARE(states.at(1).phase, SyncState::Phase::Synced);
        // The engine's own backoff is 50 ms here; the hub's Retry-After wins.
        QVERIFY2(at.at(1) - at.at(0) >= 1900, qPrintable(QString::number(at.at(1) - at.at(0))));
        stack.engine.setBackgroundEnabled(false);
    }

    void aRetryIsNotStartedOnAMeteredConnection()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        SyncOptions options;
        options.maxAttempts = 1;
        options.retryBase = std::chrono::milliseconds(100);
        options.retryCap = std::chrono::milliseconds(200);
        stack.engine.setOptions(options);
        const qint64 id = stack.add(cortexso());
        stack.engine.setBackgroundEnabled(true);
        m_hub.addScenario(
            json(R"({"origin": "hf", "path": "author=cortexso", "fault": "status", "status": 503, "count": 1})"));
        QSignalSpy done(&stack.engine, &SyncEngine::syncFinished);
        QSignalSpy skipped(&stack.engine, &SyncEngine::backgroundSyncSkipped);
        QVERIFY(stack.engine.refresh(id));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        stack.metered = true;
        QTRY_COMPARE_WITH_TIMEOUT(skipped.size(), 1, 5000);
        QVERIFY(TestWait::holdsFor(300ms, [&] { return done.size() == 1; }));
        stack.engine.setBackgroundEnabled(false);
    }

    void anEditDuringASyncRestartsItWithTheNewDefinition()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        // Background sync is off: an edit still syncs the source it changed.
        Source s = cortexso();
        m_hub.addScenario(
            json(R"({"origin": "hf", "path": "author=cortexso", "fault": "slow", "rate": 500, "count": 1})"));
        QSignalSpy done(&stack.engine, &SyncEngine::syncFinished);
        QString error;
        QVERIFY2(stack.engine.addSource(&s, &error), qPrintable(error));
        QVERIFY(stack.engine.isSyncing(s.id));
        s.author = QStringLiteral("modeldock-demo");
        s.limit = 5;
        QVERIFY2(stack.engine.updateSource(s, &error), qPrintable(error));
        QVERIFY(stack.engine.isSyncing(s.id));
        QVERIFY(done.wait(20000));
        // The cancelled sync says nothing and stores nothing.
        QVERIFY(TestWait::holdsFor(300ms, [&] { return done.size() == 1; }));
        const SyncState state = done.first().at(1).value<SyncState>();
        QCOMPARE(state.phase, SyncState::Phase::Synced);
        QCOMPARE(state.counts.added, 5);
        QVERIFY(!stack.store.model(QStringLiteral("cortexso/llama3.2")));
        QCOMPARE(stack.sources.members(s.id).size(), 5);

        // And once more while idle.
        s.author = QStringLiteral("cortexso");
        QVERIFY(stack.engine.updateSource(s, &error));
        QVERIFY(done.wait(20000));
        QVERIFY(stack.store.model(QStringLiteral("cortexso/llama3.2")));
        QVERIFY(stack.engine.removeSource(s.id, &error));
        QCOMPARE(stack.store.modelCount(), 0);
    }

    void sourcesChangedWithTheCliReachTheRunningEngine()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        QSqlQuery seeded(stack.database.connection());
        QVERIFY(seeded.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES ('defaults_seeded', '1')")));
        stack.engine.setWatchInterval(std::chrono::milliseconds(100));
        stack.engine.setInterval(std::chrono::hours(1));
        stack.engine.setBackgroundEnabled(true);
        QSignalSpy changed(&stack.engine, &SyncEngine::sourcesChanged);
        QSignalSpy done(&stack.engine, &SyncEngine::syncFinished);

        QVERIFY(cli(dir.path(), {QStringLiteral("sources"), QStringLiteral("add"), QStringLiteral("--name"),
                                 QStringLiteral("jan"), QStringLiteral("--hf-author"), QStringLiteral("cortexso")}) ==
                0);
        QTRY_VERIFY_WITH_TIMEOUT(done.size() == 1, 20000);
        QVERIFY(changed.size() >= 1);
        const qint64 id = stack.sources.sourceByName(QStringLiteral("jan"))->id;
        QVERIFY(stack.store.model(QStringLiteral("cortexso/llama3.2")));

        QString out;
        QCOMPARE(cli(dir.path(),
                     {QStringLiteral("sources"), QStringLiteral("edit"), QStringLiteral("jan"),
                      QStringLiteral("author=modeldock-demo"), QStringLiteral("limit=5")},
                     &out),
                 0);
        QVERIFY2(out.contains(QStringLiteral("Changed source \"jan\"")), qPrintable(out));
        QTRY_VERIFY_WITH_TIMEOUT(done.size() == 2, 20000);
        QCOMPARE(finishedStates(done).last().counts.added, 5);
        QCOMPARE(stack.sources.members(id).size(), 5);
        QVERIFY(!stack.store.model(QStringLiteral("cortexso/llama3.2")));

        changed.clear();
        QCOMPARE(cli(dir.path(), {QStringLiteral("sources"), QStringLiteral("remove"), QStringLiteral("jan")}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 1, 5000);
        QCOMPARE(stack.engine.state(id).phase, SyncState::Phase::Idle);
        QCOMPARE(done.size(), 2);
        stack.engine.setBackgroundEnabled(false);
    }

    void theLastOutcomeOfEachSourceSurvivesARestart()
    {
        QTemporaryDir dir;
        qint64 id = 0;
        {
            SyncStack first(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
            id = first.add(cortexso());
            QCOMPARE(first.sync(id).counts.added, 2);
        }
        {
            SyncStack second(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
            const SyncState remembered = second.engine.state(id);
            QCOMPARE(remembered.phase, SyncState::Phase::Synced);
            QCOMPARE(remembered.counts.added, 2);
            QVERIFY2(remembered.describe().contains(QStringLiteral("2 added")), qPrintable(remembered.describe()));
            m_hub.addScenario(
                json(R"({"origin": "hf", "path": "author=cortexso", "fault": "status", "status": 500, "count": 10})"));
            QCOMPARE(second.sync(id).phase, SyncState::Phase::Failed);
        }
        SyncStack third(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        const SyncState remembered = third.engine.state(id);
        QCOMPARE(remembered.phase, SyncState::Phase::Failed);
        QVERIFY(!remembered.reason.isEmpty());
        QCOMPARE(third.sources.lastSuccess(id).counts.added, 2);  // the last success is kept beside it
    }

    void aFirstSyncRunsShortlyAfterStartForSourcesThatAreDue()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        const qint64 due = stack.add(cortexso());
        Source fresh;
        fresh.name = QStringLiteral("fresh");
        fresh.author = QStringLiteral("modeldock-demo");
        fresh.limit = 5;
        const qint64 recent = stack.add(fresh);
        QCOMPARE(stack.sync(recent).phase, SyncState::Phase::Synced);

        stack.engine.setInterval(std::chrono::hours(6));
        stack.engine.setBackgroundEnabled(true);
        QSignalSpy done(&stack.engine, &SyncEngine::syncFinished);
        stack.engine.scheduleStartupSync(std::chrono::milliseconds(200));
        QVERIFY(!stack.engine.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        QCOMPARE(done.first().at(0).toLongLong(), due);  // the one synced an hour ago is not due
        QVERIFY(TestWait::holdsFor(300ms, [&] { return done.size() == 1; }));
        stack.engine.setBackgroundEnabled(false);
    }

    void noCatchUpWhileBackgroundSyncsAreOff()
    {
        QTemporaryDir dir;
        SyncStack stack(dir.path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        stack.add(cortexso());
        QSignalSpy started(&stack.engine, &SyncEngine::stateChanged);
        stack.engine.setBackgroundEnabled(false);
        stack.engine.scheduleStartupSync(std::chrono::milliseconds(50));
        QVERIFY(TestWait::holdsFor(400ms, [&] { return !stack.engine.isBusy() && started.isEmpty(); }));
    }
};

QTEST_GUILESS_MAIN(TestSyncBackground)
#include "tst_syncbackground.moc"
