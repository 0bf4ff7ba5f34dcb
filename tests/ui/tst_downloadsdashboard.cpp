// The downloads dashboard over a real pool downloading from the local test hub.
#include "download/downloadpool.h"
#include "download/journal.h"
#include "download/taskrecord.h"
#include "downloaderrorpanel.h"
#include "downloadsdashboard.h"
#include "downloadsmodel.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "net/session.h"
#include "plan/downloadplanner.h"
#include "speedgraph.h"
#include "testhub.h"
#include "waits.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace std::chrono_literals;
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

    Plan::DownloadPlan plan(Net::Session &session, const QString &targetText,
                            const QString &cache = QStringLiteral("hub"))
    {
        Hub::HuggingFaceClient hf(&session, m_hub.hfUrl());
        Hub::CivitaiClient civitai(&session, m_hub.civitaiUrl());
        Plan::DownloadPlanner planner(&hf, &civitai);
        Plan::DownloadTarget target;
        QString error;
        if (!Plan::DownloadTarget::parse(targetText, &target, &error))
            qFatal("bad target");
        Plan::DownloadPlanner::Options planOptions;
        planOptions.hfCacheDir = m_dir.filePath(cache);
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

    // A request that never reaches the network while paused: for order and removal tests.
    FileRequest parkedRequest(const QString &name) const
    {
        FileRequest request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:9/") + name);
        request.displayName = name;
        request.destination.kind = Destination::Kind::Library;
        request.destination.root = m_dir.filePath(QStringLiteral("parked"));
        request.destination.relativePath = QStringLiteral("Lora/") + name;
        return request;
    }

    static QList<GroupId> rowGroups(const DownloadsModel *model)
    {
        QList<GroupId> ids;
        for (int row = 0; row < model->rowCount(); ++row)
            ids << model->index(row, 0).data(DownloadsModel::GroupIdRole).toLongLong();
        return ids;
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
        Net::Session session;
        DownloadPool pool(&session, options(), nullptr);
        DownloadsDashboard dashboard(&pool);
        QAbstractItemModelTester tester(dashboard.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        dashboard.resize(1000, 600);
        dashboard.show();

        // One LoRA of the pack is gone from the hub: it fails with a sentence, the rest finish.
        QVERIFY(m_hub.addScenario({{QStringLiteral("origin"), QStringLiteral("hf")},
                                   {QStringLiteral("path"), QStringLiteral("/style-lora-007.safetensors")},
                                   {QStringLiteral("fault"), QStringLiteral("status")},
                                   {QStringLiteral("status"), 410}}) >= 0);
        const TestHub::Response listing =
            m_hub.get(QUrl(m_hub.hfUrl().toString() + QStringLiteral("/api/collections?owner=lora-pack")));
        const QString slug =
            QJsonDocument::fromJson(listing.body).array().first().toObject().value(QLatin1String("slug")).toString();
        QVERIFY2(slug.startsWith(QLatin1String("lora-pack/sixty-style-loras-")), qPrintable(slug));
        const Plan::DownloadPlan pack = plan(session, QStringLiteral("collection:") + slug);
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
            QVERIFY2(sentence.contains(QLatin1String("style-lora-007")) ||
                         item.data().toString().contains(QLatin1String("style-lora-007")),
                     qPrintable(sentence));
            QVERIFY2(sentence.contains(QLatin1String("archived")), qPrintable(sentence));
        }
        // The group row aggregates its children.
        const QString summary =
            dashboard.model()->index(groupIndex.row(), DownloadsModel::StateColumn).data().toString();
        QVERIFY2(summary.contains(QStringLiteral("%1/%2").arg(pack.files.size() - 1).arg(pack.files.size())),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("1 failed")), qPrintable(summary));
        // The totals follow on the dashboard's own refresh tick.
        QTRY_VERIFY2(dashboard.totalsLabel()->text().contains(QLatin1String("1 failed")),
                     qPrintable(dashboard.totalsLabel()->text()));
        QVERIFY(dashboard.speedGraph()->sampleCount() > 0);

        // Retry failed from the group row, with the hub healed: everything verifies.
        QVERIFY(m_hub.reset());
        dashboard.view()->selectionModel()->select(groupIndex,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        dashboard.trigger(DownloadsDashboard::Action::Retry);
        QTRY_COMPARE_WITH_TIMEOUT(countInState(dashboard.model(), groupIndex, TaskState::Completed),
                                  int(pack.files.size()), 30000);
    }

    void pauseAndResumeOneItemFromTheDashboard()
    {
        Net::Session session;
        DownloadPool pool(&session, options(), nullptr);
        DownloadsDashboard dashboard(&pool);
        QAbstractItemModelTester tester(dashboard.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        // Slow storage so there is time to pause mid-file.
        QVERIFY(m_hub.addScenario({{QStringLiteral("origin"), QStringLiteral("storage")},
                                   {QStringLiteral("fault"), QStringLiteral("slow")},
                                   {QStringLiteral("rate"), 2 * 1024 * 1024}}) >= 0);
        const Plan::DownloadPlan repo = plan(session, QStringLiteral("modeldock-demo/TinyStories-GGUF"));
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
        dashboard.view()->selectionModel()->select(row,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(dashboard.action(DownloadsDashboard::Action::Pause)->isEnabled());
        dashboard.action(DownloadsDashboard::Action::Pause)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(row.data(DownloadsModel::StateRole).toInt(), int(TaskState::Paused), 5000);
        const qint64 pausedAt = pool.task(big).bytesDone;
        // At most a buffered chunk lands.
        QVERIFY(TestWait::holdsFor(700ms, [&] { return pool.task(big).bytesDone <= pausedAt + 4 * 1024 * 1024; }));

        QVERIFY(m_hub.reset());  // full speed again
        dashboard.action(DownloadsDashboard::Action::Resume)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(row.data(DownloadsModel::StateRole).toInt(), int(TaskState::Completed), 60000);
        // Resumed, not restarted: the storage origin saw a Range request for the big file.
        bool sawRange = false;
        for (const QJsonValue &request : m_hub.requests(QStringLiteral("storage")))
            sawRange |= !request.toObject()
                             .value(QLatin1String("headers"))
                             .toObject()
                             .value(QLatin1String("range"))
                             .toString()
                             .isEmpty();
        QVERIFY(sawRange);
    }

    void itemActionsWorkFromTheKeyboardWithNamedActions()
    {
        PoolOptions o = options();
        o.maxAttempts = 1;  // the parked URL refuses connections: fail at once
        Net::Session session;
        DownloadPool pool(&session, o, nullptr);
        DownloadsDashboard dashboard(&pool);
        QAbstractItemModelTester tester(dashboard.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        dashboard.show();
        dashboard.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dashboard));
        const GroupId group = pool.createGroup(QStringLiteral("keyboard"));
        QList<TaskId> ids;
        for (const QString &name :
             {QStringLiteral("a.safetensors"), QStringLiteral("b.safetensors"), QStringLiteral("c.safetensors")})
            ids << pool.addTask(group, parkedRequest(name));
        pool.pauseGroup(group);
        QTRY_VERIFY(dashboard.model()->indexForTask(ids.at(2)).isValid());
        QTreeView *view = dashboard.view();
        const auto selectTask = [&](TaskId id) {
            const QModelIndex row = dashboard.model()->indexForTask(id);
            view->setCurrentIndex(row);
            view->selectionModel()->select(row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            view->setFocus();
        };
        for (auto which : {DownloadsDashboard::Action::Pause, DownloadsDashboard::Action::Resume,
                           DownloadsDashboard::Action::Cancel, DownloadsDashboard::Action::Retry,
                           DownloadsDashboard::Action::MoveUp, DownloadsDashboard::Action::MoveDown,
                           DownloadsDashboard::Action::OpenFolder, DownloadsDashboard::Action::CopyPath}) {
            QAction *action = dashboard.action(which);
            QVERIFY(!action->text().isEmpty() && !action->shortcut().isEmpty() && !action->statusTip().isEmpty());
            QVERIFY(view->actions().contains(action));  // the context menu
        }

        // Copy path (Ctrl+Shift+C) of one item.
        selectTask(ids.at(1));
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY2(QApplication::clipboard()->text().endsWith(QStringLiteral("Lora/b.safetensors")),
                     qPrintable(QApplication::clipboard()->text()));
        // Resume (Ctrl+Shift+E): it runs, and fails with its sentence (nothing listens there).
        QTest::keyClick(view, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(ids.at(1)).state, TaskState::Failed, 20000);
        QVERIFY(!pool.task(ids.at(1)).errorText.isEmpty());
        QTRY_VERIFY(!dashboard.model()
                         ->indexForTask(ids.at(1))
                         .siblingAtColumn(DownloadsModel::ErrorColumn)
                         .data()
                         .toString()
                         .isEmpty());
        QCOMPARE(pool.task(ids.at(0)).state, TaskState::Paused);  // its siblings stay as they were
        // Retry failed (Ctrl+Shift+T) queues it again; Delete cancels it.
        selectTask(ids.at(1));
        QTest::keyClick(view, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(pool.task(ids.at(1)).state != TaskState::Failed || pool.task(ids.at(1)).attempts == 0);
        selectTask(ids.at(2));
        QTest::keyClick(view, Qt::Key_Delete);
        QTRY_COMPARE(pool.task(ids.at(2)).state, TaskState::Cancelled);
        // Pause (Ctrl+Shift+P) of a single resumed item.
        selectTask(ids.at(0));
        QTest::keyClick(view, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(pool.task(ids.at(0)).state != TaskState::Paused);
        QTest::keyClick(view, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(pool.task(ids.at(0)).state == TaskState::Paused || pool.task(ids.at(0)).state == TaskState::Failed);
    }

    void theFilterShowsOneKindAndThePanelSaysWhyAnItemFailed()
    {
        PoolOptions o = options();
        o.maxAttempts = 1;  // the parked URL refuses connections: fail at once
        Net::Session session;
        DownloadPool pool(&session, o, nullptr);
        DownloadsDashboard dashboard(&pool);
        dashboard.show();
        const GroupId group = pool.createGroup(QStringLiteral("filtered"));
        QList<TaskId> ids;
        for (const QString &name :
             {QStringLiteral("a.safetensors"), QStringLiteral("b.safetensors"), QStringLiteral("c.safetensors")})
            ids << pool.addTask(group, parkedRequest(name));
        pool.pauseGroup(group);
        pool.resumeTask(ids.at(1));
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(ids.at(1)).state, TaskState::Failed, 20000);
        DownloadsModel *model = dashboard.model();
        QTRY_COMPARE(model->indexForTask(ids.at(1)).data(DownloadsModel::StateRole).toInt(), int(TaskState::Failed));
        QTreeView *view = dashboard.view();
        const QModelIndex groupRow = model->indexForGroup(group);
        const auto shown = [&](TaskId id) { return !view->isRowHidden(model->indexForTask(id).row(), groupRow); };
        QComboBox *filter = dashboard.filterBox();
        const auto choose = [&](const QString &name) {
            filter->setFocus();
            filter->setCurrentIndex(filter->findText(name));
        };
        choose(QStringLiteral("Failed"));
        QVERIFY(!view->isRowHidden(groupRow.row(), {}));
        QVERIFY(!shown(ids.at(0)) && shown(ids.at(1)) && !shown(ids.at(2)));
        choose(QStringLiteral("Queued"));  // paused items wait too
        QVERIFY(shown(ids.at(0)) && !shown(ids.at(1)) && shown(ids.at(2)));
        choose(QStringLiteral("Done"));
        QVERIFY(view->isRowHidden(groupRow.row(), {}));
        choose(QStringLiteral("All"));
        QVERIFY(!view->isRowHidden(groupRow.row(), {}));
        QVERIFY(shown(ids.at(0)) && shown(ids.at(1)) && shown(ids.at(2)));

        // The failure's whole sentence and what to do, in a panel under the list.
        QVERIFY(!dashboard.errorPanel()->isVisible());
        view->setCurrentIndex(model->indexForTask(ids.at(1)));
        QTRY_VERIFY(dashboard.errorPanel()->isVisible());
        const QString text = dashboard.errorPanel()->text();
        QVERIFY2(text.contains(pool.task(ids.at(1)).errorText) && text.contains(QStringLiteral("Retry")),
                 qPrintable(text));
        view->setCurrentIndex(groupRow);
        QVERIFY2(dashboard.errorPanel()->text().startsWith(QStringLiteral("1 item")),
                 qPrintable(dashboard.errorPanel()->text()));
        view->setCurrentIndex(model->indexForTask(ids.at(0)));
        QVERIFY(!dashboard.errorPanel()->isVisible());
    }

    void aHeaderClickSortsGroupsAndItemsAndIndexesFollow()
    {
        Net::Session session;
        DownloadPool pool(&session, options(), nullptr);
        DownloadsDashboard dashboard(&pool);
        QAbstractItemModelTester tester(dashboard.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        dashboard.show();
        const GroupId b = pool.createGroup(QStringLiteral("b pack"));
        const TaskId zeta = pool.addTask(b, parkedRequest(QStringLiteral("zeta.safetensors")));
        const TaskId alpha = pool.addTask(b, parkedRequest(QStringLiteral("alpha.safetensors")));
        pool.pauseGroup(b);
        const GroupId a = pool.createGroup(QStringLiteral("a pack"));
        pool.addTask(a, parkedRequest(QStringLiteral("mid.safetensors")));
        pool.pauseGroup(a);
        DownloadsModel *model = dashboard.model();
        QTRY_VERIFY(model->indexForTask(alpha).isValid() && model->rowCount() == 2 &&
                    model->rowCount(model->indexForGroup(a)) == 1);
        QCOMPARE(model->indexForGroup(b).row(), 0);  // the queue order
        const QPersistentModelIndex alphaRow = model->indexForTask(alpha);
        QHeaderView *header = dashboard.view()->header();
        const auto clickName = [&] {
            QTest::mouseClick(
                header->viewport(), Qt::LeftButton, {},
                QPoint(header->sectionViewportPosition(DownloadsModel::NameColumn) + 10, header->height() / 2));
        };
        clickName();  // ascending by name
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("a pack"));
        QCOMPARE(model->indexForGroup(a).row(), 0);
        QCOMPARE(model->indexForTask(alpha).row(), 0);
        QCOMPARE(model->indexForTask(zeta).row(), 1);
        QVERIFY(alphaRow.isValid());
        QCOMPARE(alphaRow.data(DownloadsModel::TaskIdRole).toLongLong(), alpha);  // persistent indexes follow
        clickName();                                                              // descending
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("b pack"));
        QCOMPARE(model->indexForTask(zeta).row(), 0);
        clickName();  // no sort: the queue order again
        QCOMPARE(header->sortIndicatorSection(), -1);
        QCOMPARE(model->indexForGroup(b).row(), 0);
        QCOMPARE(model->indexForTask(zeta).row(), 0);
        QCOMPARE(alphaRow.data(DownloadsModel::TaskIdRole).toLongLong(), alpha);
    }

    void groupsMoveUpAndDownAndTheirWaitingTasksWithThem()
    {
        PoolOptions o = options();
        o.maxActive = 1;
        Net::Session session;
        DownloadPool pool(&session, o, nullptr);
        DownloadsDashboard dashboard(&pool);
        QAbstractItemModelTester tester(dashboard.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QList<GroupId> groups;
        QHash<GroupId, QList<TaskId>> tasks;
        for (const QString &name : {QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("third")}) {
            const GroupId g = pool.createGroup(name);
            groups << g;
            for (int i = 0; i < 3; ++i)
                tasks[g] << pool.addTask(g, parkedRequest(QStringLiteral("%1-%2.safetensors").arg(name).arg(i)));
            pool.pauseGroup(g);
        }
        QTRY_COMPARE(rowGroups(dashboard.model()), groups);
        for (GroupId g : groups)
            pool.resumeGroup(g);
        pool.pauseGroup(groups.first());  // leaves the rest queued; one slot for the parked ones

        const QModelIndex third = dashboard.model()->indexForGroup(groups.at(2));
        dashboard.view()->selectionModel()->select(third,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        dashboard.action(DownloadsDashboard::Action::MoveUp)->trigger();
        QCOMPARE(pool.groups(), (QList<GroupId>{groups.at(0), groups.at(2), groups.at(1)}));
        QTRY_COMPARE(rowGroups(dashboard.model()), (QList<GroupId>{groups.at(0), groups.at(2), groups.at(1)}));
        // The third group's waiting tasks now wait before the second group's.
        QTRY_VERIFY(pool.task(tasks[groups.at(2)].last()).queuePosition >= 0);
        for (TaskId t : tasks[groups.at(2)]) {
            if (pool.task(t).state == TaskState::Queued &&
                pool.task(tasks[groups.at(1)].first()).state == TaskState::Queued)
                QVERIFY(pool.task(t).queuePosition < pool.task(tasks[groups.at(1)].first()).queuePosition);
        }
        const QModelIndex first = dashboard.model()->indexForGroup(groups.at(0));
        dashboard.view()->selectionModel()->select(first,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        dashboard.action(DownloadsDashboard::Action::MoveDown)->trigger();
        QTRY_COMPARE(rowGroups(dashboard.model()), (QList<GroupId>{groups.at(2), groups.at(0), groups.at(1)}));
        // Task rows still hang under their own group after the moves.
        const QModelIndex moved = dashboard.model()->indexForGroup(groups.at(0));
        QCOMPARE(dashboard.model()->rowCount(moved), 3);
        QCOMPARE(dashboard.model()->index(0, 0, moved).data(DownloadsModel::GroupIdRole).toLongLong(), groups.at(0));
        for (GroupId g : groups)
            pool.cancelGroup(g);
    }

    void groupRowsHaveAFolderThatOpenFolderAndCopyPathUse()
    {
        Net::Session session;
        DownloadPool pool(&session, options(), nullptr);
        DownloadsDashboard dashboard(&pool);
        const GroupId g = pool.createGroup(QStringLiteral("pack"));
        for (int i = 0; i < 3; ++i)
            pool.addTask(g, parkedRequest(QStringLiteral("style-%1.safetensors").arg(i)));
        pool.pauseGroup(g);
        QTRY_COMPARE(dashboard.model()->rowCount(dashboard.model()->indexForGroup(g)), 3);
        const QModelIndex group = dashboard.model()->indexForGroup(g);
        const QString folder = group.data(DownloadsModel::FinalPathRole).toString();
        QCOMPARE(folder, QDir(m_dir.filePath(QStringLiteral("parked"))).filePath(QStringLiteral("Lora")));
        const QString file = dashboard.model()->index(1, 0, group).data(DownloadsModel::FinalPathRole).toString();
        QCOMPARE(QFileInfo(file).absolutePath(), folder);
        dashboard.view()->selectionModel()->select(group,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(dashboard.action(DownloadsDashboard::Action::CopyPath)->isEnabled());
        dashboard.action(DownloadsDashboard::Action::CopyPath)->trigger();
        QCOMPARE(QApplication::clipboard()->text(), folder);
        QCOMPARE(DownloadsModel::commonFolder({QStringLiteral("/a/b/c/x"), QStringLiteral("/a/b/d/y")}),
                 QStringLiteral("/a/b"));
        pool.cancelGroup(g);
    }

    void clearFinishedForgetsFinishedGroupsInThePoolAndTheJournal()
    {
        const QString journalPath = m_dir.filePath(QStringLiteral("clear.sqlite"));
        Journal journal(journalPath);
        QVERIFY2(journal.open(), qPrintable(journal.errorString()));
        Net::Session session;
        DownloadPool pool(&session, options(), &journal);
        DownloadsDashboard dashboard(&pool);
        QAbstractItemModelTester tester(dashboard.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        const Plan::DownloadPlan repo = plan(session, QStringLiteral("lora-pack/style-lora-001"));
        QVERIFY2(repo.ok(), qPrintable(repo.error.message));
        const GroupId done = pool.createGroup(QStringLiteral("done"));
        for (const FileRequest &file : repo.files)
            pool.addTask(done, file);
        const GroupId waiting = pool.createGroup(QStringLiteral("waiting"));
        pool.addTask(waiting, parkedRequest(QStringLiteral("later.safetensors")));
        pool.pauseGroup(waiting);
        QTRY_VERIFY_WITH_TIMEOUT(pool.group(done).isFinished(), 30000);
        QCOMPARE(pool.group(done).completed, int(repo.files.size()));
        QTRY_COMPARE(dashboard.model()->rowCount(), 2);
        QTRY_VERIFY(dashboard.totalsLabel()->text().startsWith(
            QStringLiteral("%1 of %2 files verified").arg(repo.files.size()).arg(repo.files.size() + 1)));

        QSignalSpy removed(&pool, &DownloadPool::groupsRemoved);
        dashboard.action(DownloadsDashboard::Action::ClearFinished)->trigger();
        QCOMPARE(removed.count(), 1);
        QCOMPARE(pool.groups(), QList<GroupId>{waiting});
        QCOMPARE(rowGroups(dashboard.model()), QList<GroupId>{waiting});
        QTRY_VERIFY(dashboard.totalsLabel()->text().startsWith(QStringLiteral("0 of 1 files verified")));
        // The journal forgot them too: a restart does not bring them back.
        QList<GroupRecord> groups;
        QList<TaskRecord> tasks;
        Journal reread(journalPath);
        QVERIFY(reread.open());
        QVERIFY(reread.load(&groups, &tasks));
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups.first().id, waiting);
        QCOMPARE(tasks.size(), 1);
        // A file downloaded again joins nothing stale: it is a new task.
        const GroupId again = pool.createGroup(QStringLiteral("again"));
        const TaskId task = pool.addTask(again, repo.files.first());
        QVERIFY(task > 0);
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(task).state, TaskState::Completed, 20000);
        pool.cancelGroup(waiting);
    }

    void theSpeedGraphFallsToZeroWhenNothingMoves()
    {
        Net::Session session;
        DownloadPool pool(&session, options(), nullptr);
        DownloadsDashboard dashboard(&pool);
        QVERIFY(m_hub.addScenario({{QStringLiteral("origin"), QStringLiteral("storage")},
                                   {QStringLiteral("fault"), QStringLiteral("slow")},
                                   {QStringLiteral("rate"), 4 * 1024 * 1024}}) >= 0);
        // A cache of its own: another test already has these files.
        const Plan::DownloadPlan repo =
            plan(session, QStringLiteral("modeldock-demo/TinyStories-GGUF"), QStringLiteral("speed-hub"));
        QVERIFY2(repo.ok(), qPrintable(repo.error.message));
        const GroupId group = pool.createGroup(repo.name);
        for (const FileRequest &file : repo.files)
            pool.addTask(group, file);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.speedGraph()->peak() > 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(pool.group(group).isFinished(), 60000);
        // No pool notification comes when nothing moves; the graph's own clock brings it down.
        QTRY_COMPARE_WITH_TIMEOUT(dashboard.speedGraph()->lastSample(), 0.0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard.isSampling(), 5000);
    }

    void shortcutsAvoidTheCommonOnesAndActionsAreNamed()
    {
        Net::Session session;
        DownloadPool pool(&session, options(), nullptr);
        DownloadsDashboard dashboard(&pool);
        QSet<QKeySequence> seen;
        const QList<QKeySequence> reserved = {QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::CTRL | Qt::Key_O),
                                              QKeySequence(Qt::CTRL | Qt::Key_P), QKeySequence(Qt::CTRL | Qt::Key_Up),
                                              QKeySequence(Qt::CTRL | Qt::Key_Down)};
        for (QAction *action : dashboard.menuActions()) {
            if (!action)
                continue;
            QVERIFY2(!action->text().isEmpty() && !action->statusTip().isEmpty(), qPrintable(action->objectName()));
            QVERIFY2(!reserved.contains(action->shortcut()), qPrintable(action->objectName()));
            QVERIFY2(!seen.contains(action->shortcut()), qPrintable(action->objectName()));
            seen.insert(action->shortcut());
        }
        QCOMPARE(seen.size(), 10);
        for (QToolButton *button : dashboard.findChildren<QToolButton *>()) {
            if (button->defaultAction())
                QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->defaultAction()->objectName()));
        }
    }

    void fiveHundredItemsArriveInOneInsertionPerGroup()
    {
        Net::Session session;
        DownloadPool pool(&session, options(), nullptr);
        DownloadsDashboard dashboard(&pool);
        dashboard.resize(900, 500);
        dashboard.show();
        QAbstractItemModelTester tester(dashboard.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy inserted(dashboard.model(), &QAbstractItemModel::rowsInserted);
        const GroupId g = pool.createGroup(QStringLiteral("five hundred"));
        for (int i = 0; i < 500; ++i)
            pool.addTask(g, parkedRequest(QStringLiteral("item-%1.safetensors").arg(i)));
        pool.pauseGroup(g);
        QTRY_COMPARE(dashboard.model()->rowCount(dashboard.model()->indexForGroup(g)), 500);
        QCOMPARE(inserted.count(), 2);  // the group, then its 500 items at once
        QTRY_COMPARE(countInState(dashboard.model(), dashboard.model()->indexForGroup(g), TaskState::Paused), 500);
        pool.cancelGroup(g);
    }

    void pausingAGroupWritesEveryItemToTheJournalAtOnce()
    {
        const QString journalPath = m_dir.filePath(QStringLiteral("pause.sqlite"));
        QList<TaskId> ids;
        {
            Journal journal(journalPath);
            QVERIFY(journal.open());
            Net::Session session;
            DownloadPool pool(&session, options(), &journal);
            DownloadsDashboard dashboard(&pool);
            const GroupId g = pool.createGroup(QStringLiteral("many"));
            for (int i = 0; i < 60; ++i)
                ids << pool.addTask(g, parkedRequest(QStringLiteral("pause-%1.safetensors").arg(i)));
            QTRY_COMPARE(dashboard.model()->rowCount(dashboard.model()->indexForGroup(g)), 60);
            // The group and some of its items selected: each item is paused once, with its group.
            const QModelIndex group = dashboard.model()->indexForGroup(g);
            dashboard.view()->selectionModel()->select(group,
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            dashboard.view()->selectionModel()->select(dashboard.model()->index(3, 0, group),
                                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
            dashboard.action(DownloadsDashboard::Action::Pause)->trigger();
            for (TaskId id : std::as_const(ids))
                QCOMPARE(pool.task(id).state, TaskState::Paused);
        }
        Journal reread(journalPath);
        QVERIFY(reread.open());
        QList<GroupRecord> groups;
        QList<TaskRecord> tasks;
        QVERIFY(reread.load(&groups, &tasks));
        QCOMPARE(tasks.size(), 60);
        for (const TaskRecord &task : std::as_const(tasks))
            QCOMPARE(task.state, TaskState::Paused);
    }
};

QTEST_MAIN(TestDownloadsDashboard)
#include "tst_downloadsdashboard.moc"
