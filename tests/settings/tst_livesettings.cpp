// Settings applied live to a pool that is downloading from the local test hub.
#include "config/runtimeconfig.h"
#include "download/downloadpool.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "net/credentials.h"
#include "plan/downloadplanner.h"
#include "settings/bindings.h"
#include "settings/settingscenter.h"
#include "testhub.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Download;
using namespace Settings;

class TestLiveSettings : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    QTemporaryDir m_dir;

    std::unique_ptr<SettingsCenter> makeSettings(const QString &name)
    {
        Config::RuntimeConfig runtime;
        runtime.hfEndpoint = m_hub.hfUrl();
        runtime.civitaiEndpoint = m_hub.civitaiUrl();
        runtime.hfCacheDir = m_dir.filePath(QStringLiteral("hub"));
        runtime.libraryDir = m_dir.filePath(QStringLiteral("library"));
        auto settings = std::make_unique<SettingsCenter>(SettingsSchema::standard(runtime), m_dir.filePath(name));
        QString error;
        if (!settings->open(&error))
            qFatal("settings: %s", qPrintable(error));
        return settings;
    }

    QList<FileRequest> planFiles(DownloadPool &pool, const QString &targetText)
    {
        Hub::HuggingFaceClient hf(pool.network(), &pool.credentials(), m_hub.hfUrl());
        Hub::CivitaiClient civitai(pool.network(), &pool.credentials(), m_hub.civitaiUrl());
        Plan::DownloadPlanner planner(&hf, &civitai);
        Plan::DownloadTarget target;
        QString error;
        Plan::DownloadTarget::parse(targetText, &target, &error);
        Plan::DownloadPlanner::Options options;
        options.hfCacheDir = m_dir.filePath(QStringLiteral("hub"));
        Plan::DownloadPlan plan;
        bool done = false;
        planner.plan(target, options, this, [&](const Plan::DownloadPlan &p) {
            plan = p;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("the plan of %s did not finish", qPrintable(targetText));
        return plan.files;
    }

    // Twenty files: a GGUF repo (one large file, so there is still data moving when the
    // final limits are measured) topped up with LoRAs from the collection.
    QList<FileRequest> twentyFiles(DownloadPool &pool)
    {
        QList<FileRequest> files = planFiles(pool, QStringLiteral("modeldock-demo/TinyStories-GGUF"));
        const TestHub::Response listing = m_hub.get(QUrl(m_hub.hfUrl().toString() + QStringLiteral("/api/collections?owner=lora-pack")));
        const QString slug = QJsonDocument::fromJson(listing.body).array().first().toObject().value(QLatin1String("slug")).toString();
        for (const FileRequest &file : planFiles(pool, QStringLiteral("collection:") + slug)) {
            if (files.size() < 20 && file.destination.relativePath.endsWith(QLatin1String(".safetensors")))
                files << file;
        }
        return files;
    }

    static int activeCount(const DownloadPool &pool, GroupId group)
    {
        int active = 0;
        for (TaskId id : pool.tasks(group)) {
            const TaskState state = pool.task(id).state;
            active += state == TaskState::Connecting || state == TaskState::Downloading;
        }
        return active;
    }
    static qint64 bytesDone(const DownloadPool &pool, GroupId group)
    {
        qint64 total = 0;
        for (TaskId id : pool.tasks(group))
            total += pool.task(id).bytesDone;
        return total;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_hub.start({QStringLiteral("--big-file-mb"), QStringLiteral("24")}), qPrintable(m_hub.errorString()));
    }

    void aHundredChangesWhileTwentyFilesDownload()
    {
        auto settings = makeSettings(QStringLiteral("live.sqlite"));
        PoolOptions options;
        options.stallTimeout = std::chrono::seconds(5);
        options.backoffBase = std::chrono::milliseconds(100);
        DownloadPool pool(options, nullptr);
        bindDownloadPool(settings.get(), &pool);
        bindCredentials(settings.get(), &pool.credentials());

        const QList<FileRequest> files = twentyFiles(pool);
        QCOMPARE(files.size(), 20);
        qint64 totalBytes = 0;
        for (const FileRequest &file : files)
            totalBytes += file.expectedSize;
        // Slow enough that the pack is still running when the changes are done.
        QVERIFY(settings->apply({{QString::fromLatin1(Keys::BandwidthLimit), 128 * 1024}}, ChangeSource::Gui).ok);
        const GroupId group = pool.createGroup(QStringLiteral("live settings"));
        for (const FileRequest &file : files)
            pool.addTask(group, file);

        QElapsedTimer changeClock;
        changeClock.start();
        QRandomGenerator random(7);
        const qint64 firstVersion = settings->version();
        int versions = 0;
        const QStringList endpoints{m_hub.hfUrl().toString(), m_hub.hfUrl().toString() + QStringLiteral("/"),
                                    QStringLiteral("http://127.0.0.1:9")};
        for (int i = 0; i < 100; ++i) {
            QVariantMap change;
            // Each lowering of a limit lets stepping-back transfers keep what already arrived,
            // so limits change every fifth time; the cap, endpoints and tokens every time.
            if (i % 5 == 0) {
                change.insert(QString::fromLatin1(Keys::MaxActive), random.bounded(1, 9));
                change.insert(QString::fromLatin1(Keys::MaxPerHost), random.bounded(1, 7));
            }
            change.insert(QString::fromLatin1(Keys::BandwidthLimit), random.bounded(64, 129) * 1024);
            if (i % 10 == 0)
                change.insert(QString::fromLatin1(Keys::CivitaiEndpoint), endpoints.at(i % 3));
            if (i % 7 == 0)
                change.insert(QString::fromLatin1(Keys::HfToken), i % 2 ? QStringLiteral("hf_test_valid") : QString());
            const ApplyResult result = settings->apply(change, ChangeSource::Cli);
            QVERIFY2(result.ok, qPrintable(result.errorString()));
            versions += result.changedKeys.isEmpty() ? 0 : 1;
            QTest::qWait(25);
        }
        qInfo() << "after 100 changes:" << bytesDone(pool, group) << "of" << totalBytes << "bytes in" << changeClock.elapsed() << "ms";
        QVERIFY2(bytesDone(pool, group) < totalBytes - 4 * 1024 * 1024, "the pack finished before the changes did; slow it down");

        // Final limits, then measure what the pool does.
        QVERIFY(settings->apply({{QString::fromLatin1(Keys::MaxActive), 2}, {QString::fromLatin1(Keys::MaxPerHost), 2},
                                 {QString::fromLatin1(Keys::BandwidthLimit), 512 * 1024}},
                                ChangeSource::Cli).ok);
        // Transfers over the limit keep the chunk that already arrived and step back; those
        // bytes are charged to the bandwidth budget, which repays them before the cap holds
        // again on average.
        QTest::qWait(2500);
        int maxActive = 0;
        const qint64 before = bytesDone(pool, group);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 2000) {
            maxActive = std::max(maxActive, activeCount(pool, group));
            QTest::qWait(20);
        }
        const double rate = double(bytesDone(pool, group) - before) / (double(timer.elapsed()) / 1000.0);
        QVERIFY2(maxActive <= 2, qPrintable(QStringLiteral("%1 transfers were active").arg(maxActive)));
        QVERIFY2(rate > 0.7 * 512 * 1024 && rate < 1.3 * 512 * 1024, qPrintable(QStringLiteral("rate %1 B/s").arg(rate)));

        // Lift the cap: everything finishes and verifies; no change failed a transfer.
        QVERIFY(settings->apply({{QString::fromLatin1(Keys::BandwidthLimit), 0}}, ChangeSource::Gui).ok);
        QTRY_VERIFY_WITH_TIMEOUT(pool.group(group).isFinished(), 60000);
        const GroupSnapshot snapshot = pool.group(group);
        QCOMPARE(snapshot.failed, 0);
        QCOMPARE(snapshot.completed, 20);
        QCOMPARE(settings->version(), firstVersion + versions + 2);  // + final limits + lifted cap
        QVERIFY(versions > 90);
    }

    void tokensFollowTheirEndpoint()
    {
        auto settings = makeSettings(QStringLiteral("tokens.sqlite"));
        Net::Credentials credentials;
        bindCredentials(settings.get(), &credentials);
        QVERIFY(settings->apply({{QString::fromLatin1(Keys::HfToken), QStringLiteral("hf_test_valid")}}, ChangeSource::Gui).ok);
        QVERIFY(credentials.hasTokenFor(m_hub.hfUrl()));
        // A new endpoint (a mirror) takes the token with it; the old origin no longer gets it.
        QVERIFY(settings->apply({{QString::fromLatin1(Keys::HfEndpoint), QStringLiteral("https://hf-mirror.example")}}, ChangeSource::Gui).ok);
        QVERIFY(!credentials.hasTokenFor(m_hub.hfUrl()));
        QVERIFY(credentials.hasTokenFor(QUrl(QStringLiteral("https://hf-mirror.example/api/models"))));
        QVERIFY(settings->apply({{QString::fromLatin1(Keys::HfToken), QString()}}, ChangeSource::Gui).ok);
        QVERIFY(!credentials.hasTokenFor(QUrl(QStringLiteral("https://hf-mirror.example/api/models"))));
    }
};

QTEST_GUILESS_MAIN(TestLiveSettings)
#include "tst_livesettings.moc"
