// Tray decisions and notifications over a real pool downloading from the test hub. The
// offscreen platform has no tray; the decisions do not need one.
#include "download/downloadpool.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "net/session.h"
#include "plan/downloadplanner.h"
#include "testhub.h"
#include "traycontroller.h"
#include "waits.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

using namespace std::chrono_literals;
using namespace Download;
using Ui::TrayController;

class TestTrayController : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    QTemporaryDir m_dir;

    bool download(Net::Session &session, DownloadPool &pool, const QString &repo, GroupId *group)
    {
        Hub::HuggingFaceClient hf(&session, m_hub.hfUrl());
        Hub::CivitaiClient civitai(&session, m_hub.civitaiUrl());
        Plan::DownloadPlanner planner(&hf, &civitai);
        Plan::DownloadTarget target;
        QString error;
        if (!Plan::DownloadTarget::parse(repo, &target, &error))
            return false;
        Plan::DownloadPlanner::Options options;
        options.hfCacheDir = m_dir.filePath(QStringLiteral("hub"));
        options.libraryDir = m_dir.filePath(QStringLiteral("library"));
        Plan::DownloadPlan plan;
        bool done = false;
        planner.plan(target, options, this, [&](const Plan::DownloadPlan &p) {
            plan = p;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000) || !plan.ok())
            return false;
        *group = pool.createGroup(plan.name);
        for (const FileRequest &file : plan.files)
            pool.addTask(*group, file);
        return true;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString())); }
    void init() { QVERIFY(m_hub.reset()); }

    void closingHidesOnlyWithATrayAndTheSetting_data()
    {
        QTest::addColumn<bool>("tray");
        QTest::addColumn<bool>("setting");
        QTest::addColumn<bool>("hides");
        QTest::newRow("a tray and the setting on hide the window") << true << true << true;
        QTest::newRow("without a tray the window closes") << false << true << false;
        QTest::newRow("with the setting off the window closes") << true << false << false;
    }

    void closingHidesOnlyWithATrayAndTheSetting()
    {
        QFETCH(bool, tray);
        QFETCH(bool, setting);
        QFETCH(bool, hides);
        QWidget window;
        QAction quit(QStringLiteral("Quit"));
        TrayController controller(nullptr, &window, &quit);
        controller.setTrayAvailable(tray);
        QCOMPARE(controller.hidesOnClose(setting), hides);
        QCOMPARE(controller.trayIcon() != nullptr, tray);
        QVERIFY(controller.menu()->actions().contains(&quit));
        QVERIFY(controller.menu()->actions().contains(controller.showAction()));
    }

    void theShowActionBringsTheHiddenWindowBack()
    {
        QWidget window;
        TrayController controller(nullptr, &window, nullptr);
        QVERIFY(!window.isVisible());
        controller.showAction()->trigger();
        QVERIFY(window.isVisible());
    }

    void aFinishedGroupAndAFailedGroupEachNotifyOnce()
    {
        PoolOptions options;
        options.maxAttempts = 1;
        Net::Session session;
        DownloadPool pool(&session, options, nullptr);
        QWidget window;
        TrayController controller(&pool, &window, nullptr);
        QSignalSpy notified(&controller, &TrayController::notified);

        GroupId good = 0;
        QVERIFY(download(session, pool, QStringLiteral("lora-pack/style-lora-002"), &good));
        QVERIFY(notified.wait(30000));
        QCOMPARE(notified.count(), 1);
        QCOMPARE(notified.first().at(0).toString(), QStringLiteral("Download finished"));
        QVERIFY2(notified.first().at(1).toString().contains(QStringLiteral("2 file")),
                 qPrintable(notified.first().at(1).toString()));
        QCOMPARE(notified.first().at(2).toBool(), false);

        QVERIFY(m_hub.addScenario({{QStringLiteral("origin"), QStringLiteral("hf")},
                                   {QStringLiteral("path"), QStringLiteral("/style-lora-003.safetensors")},
                                   {QStringLiteral("fault"), QStringLiteral("status")},
                                   {QStringLiteral("status"), 410}}) >= 0);
        GroupId bad = 0;
        QVERIFY(download(session, pool, QStringLiteral("lora-pack/style-lora-003"), &bad));
        QVERIFY(notified.wait(30000));
        QCOMPARE(notified.count(), 2);
        QCOMPARE(controller.lastNotification().title, QStringLiteral("Download finished with problems"));
        QVERIFY2(controller.lastNotification().message.contains(QStringLiteral("1 of 2 file")),
                 qPrintable(controller.lastNotification().message));
        QVERIFY(controller.lastNotification().failure);
        QVERIFY(TestWait::holdsFor(600ms, [&] { return notified.count() == 2; }));
    }

    void notificationTextsSayWhatHappened_data()
    {
        QTest::addColumn<int>("completed");
        QTest::addColumn<int>("failed");
        QTest::addColumn<int>("cancelled");
        QTest::addColumn<QString>("title");
        QTest::newRow("all verified is a finished download") << 3 << 0 << 0 << QStringLiteral("Download finished");
        QTest::newRow("any failure is a download with problems")
            << 2 << 1 << 0 << QStringLiteral("Download finished with problems");
        QTest::newRow("nothing verified and nothing failed is a cancelled one")
            << 0 << 0 << 3 << QStringLiteral("Download cancelled");
    }

    void notificationTextsSayWhatHappened()
    {
        QFETCH(int, completed);
        QFETCH(int, failed);
        QFETCH(int, cancelled);
        QFETCH(QString, title);
        GroupSnapshot group;
        group.id = 1;
        group.name = QStringLiteral("pack");
        group.completed = completed;
        group.failed = failed;
        group.cancelled = cancelled;
        group.total = completed + failed + cancelled;
        const TrayController::Notification n = TrayController::notificationFor(group);
        QCOMPARE(n.title, title);
        QVERIFY(n.message.startsWith(QStringLiteral("pack")));
        QCOMPARE(n.failure, failed > 0);
    }
};

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"
