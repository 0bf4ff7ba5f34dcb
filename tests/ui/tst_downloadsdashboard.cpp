// The downloads dashboard over a real pool downloading from the local test hub.
#include "download/downloadpool.h"
#include "downloadsdashboard.h"
#include "downloadsmodel.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "plan/downloadplanner.h"
#include "speedgraph.h"
#include "testhub.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Download;
using Ui::DownloadsDashboard;
using Ui::DownloadsModel;

class TestDownloadsDashboard : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    QTemporaryDir m_dir;

    PoolOptions options() const
    {
        PoolOptions o;
        o.maxActive = 6;
        o.maxPerHost = 6;
        o.stallTimeout = std::chrono::seconds(3);
        o.backoffBase = std::chrono::milliseconds(100);
        o.backoffCap = std::chrono::milliseconds(500);
        return o;
    }

    Plan::DownloadPlan plan(DownloadPool &pool, const QString &targetText)
    {
        Hub::HuggingFaceClient hf(pool.network(), &pool.credentials(), m_hub.hfUrl());
        Hub::CivitaiClient civitai(pool.network(), &pool.credentials(), m_hub.civitaiUrl());
        Plan::DownloadPlanner planner(&hf, &civitai);
        Plan::DownloadTarget target;
        QString error;
        if (!Plan::DownloadTarget::parse(targetText, &target, &error))
            qFatal("bad target");
        Plan::DownloadPlanner::Options planOptions;
        planOptions.hfCacheDir = m_dir.filePath(QStringLiteral("hub"));
        planOptions.libraryDir = m_dir.filePath(QStringLiteral("library"));
        Plan::DownloadPlan result;
        bool done = false;
        planner.plan(target, planOptions, this, [&](const Plan::DownloadPlan &p) {
            result = p;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            result.error = Net::HttpError::make(Net::ErrorKind::Timeout, QStringLiteral("the plan did not finish"));
        return result;
    }

    static int countInState(const DownloadsModel *model, const QModelIndex &group, TaskState state)
    {
        int count = 0;
        for (int row = 0; row < model->rowCount(group); ++row)
            count += model->index(row, 0, group).data(DownloadsModel::StateRole).toInt() == int(state);
        return count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_hub.start({QStringLiteral("--big-file-mb"), QStringLiteral("16")}), qPrintable(m_hub.errorString()));
    }
    void init() { QVERIFY(m_hub.reset()); }

    void aCollectionPackShowsEveryItemAndOneFailureDoesNotStopTheRest()
    {
        DownloadPool pool(options(), nullptr);
        DownloadsDashboard dashboard(&pool);
        QAbstractItemModelTester tester(dashboard.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        dashboard.resize(1000, 600);
        dashboard.show();

        // One LoRA of the pack is gone from the hub: it fails with a sentence, the rest finish.
        QVERIFY(m_hub.addScenario({{QStringLiteral("origin"), QStringLiteral("hf")},
                                   {QStringLiteral("path"), QStringLiteral("/style-lora-007.safetensors")},
                                   {QStringLiteral("fault"), QStringLiteral("status")},
                                   {QStringLiteral("status"), 410}})
                >= 0);
        const TestHub::Response listing = m_hub.get(QUrl(m_hub.hfUrl().toString() + QStringLiteral("/api/collections?owner=lora-pack")));
        const QString slug = QJsonDocument::fromJson(listing.body).array().first().toObject().value(QLatin1String("slug")).toString();
        QVERIFY2(slug.startsWith(QLatin1String("lora-pack/sixty-style-loras-")), qPrintable(slug));
        const Plan::DownloadPlan pack = plan(pool, QStringLiteral("collection:") + slug);
        QVERIFY2(pack.ok(), qPrintable(pack.error.message));
        QVERIFY(pack.files.size() >= 60);
        const GroupId group = pool.createGroup(pack.name);
        for (const FileRequest &file : pack.files)
            pool.addTask(group, file);

        QTRY_VERIFY_WITH_TIMEOUT(pool.group(group).isFinished(), 90000);
        const QModelIndex groupIndex = dashboard.model()->indexForGroup(group);
        QVERIFY(groupIndex.isValid());
        QTRY_COMPARE_WITH_TIMEOUT(dashboard.model()->rowCount(groupIndex), int(pack.files.size()), 2000);
        QTRY_COMPARE_WITH_TIMEOUT(countInState(dashboard.model(), groupIndex, TaskState::Completed),
                                  int(pack.files.size()) - 1, 5000);
        QCOMPARE(countInState(dashboard.model(), groupIndex, TaskState::Failed), 1);
        for (int row = 0; row < dashboard.model()->rowCount(groupIndex); ++row) {
            const QModelIndex item = dashboard.model()->index(row, 0, groupIndex);
            if (item.data(DownloadsModel::StateRole).toInt() != int(TaskState::Failed))
                continue;
            const QString sentence = item.data(DownloadsModel::ErrorRole).toString();
            QVERIFY2(sentence.contains(QLatin1String("style-lora-007")) || item.data().toString().contains(QLatin1String("style-lora-007")),
                     qPrintable(sentence));
            QVERIFY2(sentence.contains(QLatin1String("archived")), qPrintable(sentence));
        }
        // The group row aggregates its children.
        const QString summary = dashboard.model()->index(groupIndex.row(), DownloadsModel::StateColumn).data().toString();
        QVERIFY2(summary.contains(QStringLiteral("%1/%2").arg(pack.files.size() - 1).arg(pack.files.size())), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("1 failed")), qPrintable(summary));
        QVERIFY2(dashboard.totalsLabel()->text().contains(QLatin1String("1 failed")), qPrintable(dashboard.totalsLabel()->text()));
        QVERIFY(dashboard.speedGraph()->sampleCount() > 0);

        // Retry failed from the group row, with the hub healed: everything verifies.
        QVERIFY(m_hub.reset());
        dashboard.view()->selectionModel()->select(groupIndex, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        dashboard.trigger(DownloadsDashboard::Action::Retry);
        QTRY_COMPARE_WITH_TIMEOUT(countInState(dashboard.model(), groupIndex, TaskState::Completed), int(pack.files.size()), 30000);
    }

    void pauseAndResumeOneItemFromTheDashboard()
    {
        DownloadPool pool(options(), nullptr);
        DownloadsDashboard dashboard(&pool);
        QAbstractItemModelTester tester(dashboard.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        // Slow storage so there is time to pause mid-file.
        QVERIFY(m_hub.addScenario({{QStringLiteral("origin"), QStringLiteral("storage")},
                                   {QStringLiteral("fault"), QStringLiteral("slow")},
                                   {QStringLiteral("rate"), 2 * 1024 * 1024}})
                >= 0);
        const Plan::DownloadPlan repo = plan(pool, QStringLiteral("modeldock-demo/TinyStories-GGUF"));
        QVERIFY2(repo.ok(), qPrintable(repo.error.message));
        const GroupId group = pool.createGroup(repo.name);
        TaskId big = 0;
        qint64 bigSize = 0;
        for (const FileRequest &file : repo.files) {
            const TaskId id = pool.addTask(group, file);
            if (file.expectedSize > bigSize) {
                bigSize = file.expectedSize;
                big = id;
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(pool.task(big).state == TaskState::Downloading && pool.task(big).bytesDone > 0, 20000);
        // The model hears of tasks on the pool's batched tick.
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.model()->indexForTask(big).isValid(), 2000);
        const QPersistentModelIndex row = dashboard.model()->indexForTask(big);
        dashboard.view()->selectionModel()->select(row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(dashboard.action(DownloadsDashboard::Action::Pause)->isEnabled());
        dashboard.action(DownloadsDashboard::Action::Pause)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(row.data(DownloadsModel::StateRole).toInt(), int(TaskState::Paused), 5000);
        const qint64 pausedAt = pool.task(big).bytesDone;
        QTest::qWait(700);
        QVERIFY(pool.task(big).bytesDone <= pausedAt + 4 * 1024 * 1024);  // at most a buffered chunk lands

        QVERIFY(m_hub.reset());  // full speed again
        dashboard.action(DownloadsDashboard::Action::Resume)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(row.data(DownloadsModel::StateRole).toInt(), int(TaskState::Completed), 60000);
        // Resumed, not restarted: the storage origin saw a Range request for the big file.
        bool sawRange = false;
        for (const QJsonValue &request : m_hub.requests(QStringLiteral("storage")))
            sawRange |= !request.toObject().value(QLatin1String("headers")).toObject().value(QLatin1String("range")).toString().isEmpty();
        QVERIFY(sawRange);
    }
};

QTEST_MAIN(TestDownloadsDashboard)
#include "tst_downloadsdashboard.moc"
