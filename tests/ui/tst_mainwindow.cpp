// The desktop shell on its own: actions, menus and shortcuts, closing to the tray and quitting,
// the saved view state, the palette, and coming to the front for a second launch.
#include "config/runtimeconfig.h"
#include "detailspane.h"
#include "download/downloadpool.h"
#include "downloadsdashboard.h"
#include "mainwindow.h"
#include "net/session.h"
#include "progressdelegate.h"
#include "settings/settingscenter.h"
#include "speedgraph.h"
#include "traycontroller.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

using namespace Settings;

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<SettingsCenter> m_settings;
    Net::Session m_session;
    std::unique_ptr<Download::DownloadPool> m_pool;

    Ui::MainWindow::Services services()
    {
        Ui::MainWindow::Services s;
        s.settings = m_settings.get();
        s.session = &m_session;
        s.pool = m_pool.get();
        return s;
    }

    static QList<QAction *> menuBarActions(QMainWindow &window)
    {
        QList<QAction *> actions;
        for (QAction *menuAction : window.menuBar()->actions()) {
            for (QAction *action : menuAction->menu()->actions()) {
                if (!action->isSeparator())
                    actions << action;
            }
        }
        return actions;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("ModelDockTests"));
        QApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    }

    void init()
    {
        QSettings().clear();
        QFile::remove(m_dir.filePath(QStringLiteral("s.sqlite")));
        Config::RuntimeConfig runtime;
        runtime.hfEndpoint = QUrl(QStringLiteral("https://huggingface.co"));
        runtime.civitaiEndpoint = QUrl(QStringLiteral("https://civitai.com"));
        runtime.hfCacheDir = m_dir.filePath(QStringLiteral("hub"));
        runtime.libraryDir = m_dir.filePath(QStringLiteral("lib"));
        m_settings = std::make_unique<SettingsCenter>(SettingsSchema::standard(runtime),
                                                      m_dir.filePath(QStringLiteral("s.sqlite")));
        QString error;
        QVERIFY2(m_settings->open(&error), qPrintable(error));
        m_pool = std::make_unique<Download::DownloadPool>(&m_session, Download::PoolOptions{}, nullptr);
    }

    void cleanup()
    {
        m_pool.reset();
        m_settings.reset();
    }

    void showsCatalogDetailsDownloadsAndStatusBar()
    {
        Ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("ModelDock"));
        QVERIFY(window.findChild<QTreeView *>(QStringLiteral("catalogView"))->isVisible());
        QVERIFY(window.findChild<QTextBrowser *>(QStringLiteral("detailsView"))->isVisible());
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("downloadsDock"));
        QVERIFY(dock && dock->isVisible());
        QVERIFY(window.statusBar()->isVisible());
        QVERIFY(!window.syncStatusLabel()->text().isEmpty());
    }

    void f5AsksForARefresh()
    {
        Ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy spy(&window, &Ui::MainWindow::refreshRequested);
        QTest::keyClick(&window, Qt::Key_F5);
        QCOMPARE(spy.count(), 1);
    }

    void modelCardsNeverOpenLinksInside()
    {
        Ui::MainWindow window;
        QVERIFY(!window.detailsView()->openLinks());
    }

    void everyActionIsInAMenuNamedAndWithoutShortcutClashes()
    {
        Ui::MainWindow window(services());
        const QList<QAction *> actions = menuBarActions(window);
        // The dashboard's actions are reachable from the menu bar too.
        QVERIFY(window.downloadsMenu());
        for (const char *name : {"pause", "resume", "cancel", "retry", "moveUp", "moveDown", "downloadNext",
                                 "openFolder", "copyPath", "clearFinished"}) {
            QAction *action = window.dashboard()->findChild<QAction *>(QLatin1String(name));
            QVERIFY2(action && window.downloadsMenu()->actions().contains(action), name);
        }
        QHash<QKeySequence, QString> owners;
        for (QAction *action : actions) {
            QVERIFY2(!action->text().isEmpty(), qPrintable(action->objectName()));
            QVERIFY2(!action->statusTip().isEmpty(), qPrintable(action->text()));
            for (const QKeySequence &shortcut : action->shortcuts()) {
                QVERIFY2(!owners.contains(shortcut),
                         qPrintable(QStringLiteral("%1 is used by %2 and %3")
                                        .arg(shortcut.toString(), owners.value(shortcut), action->text())));
                owners.insert(shortcut, action->text());
            }
        }
        QVERIFY(owners.contains(QKeySequence(Qt::Key_F5)));
        QVERIFY(owners.contains(QKeySequence(Qt::CTRL | Qt::Key_Q)));
        for (QToolBar *toolBar : window.findChildren<QToolBar *>()) {
            for (QAction *action : toolBar->actions()) {
                auto *button = qobject_cast<QToolButton *>(toolBar->widgetForAction(action));
                QVERIFY2(button && !button->accessibleName().isEmpty(), qPrintable(action->text()));
            }
        }
    }

    void closingHidesToTheTrayWhenSetAndATrayExists_data()
    {
        QTest::addColumn<bool>("setting");
        QTest::addColumn<bool>("tray");
        QTest::addColumn<bool>("hides");
        QTest::newRow("close to tray on, with a tray: the window hides") << true << true << true;
        QTest::newRow("close to tray on, no tray: the window closes") << true << false << false;
        QTest::newRow("close to tray off: the window closes") << false << true << false;
    }

    void closingHidesToTheTrayWhenSetAndATrayExists()
    {
        QFETCH(bool, setting);
        QFETCH(bool, tray);
        QFETCH(bool, hides);
        QVERIFY(m_settings->apply({{QString::fromLatin1(Keys::CloseToTray), setting}}, ChangeSource::Gui).ok);
        Ui::MainWindow window(services());
        window.trayController()->setTrayAvailable(tray);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const bool closed = window.close();
        QCOMPARE(closed, !hides);
        QVERIFY(!window.isVisible());
        QCOMPARE(window.trayController()->notificationCount(), hides ? 1 : 0);
        if (hides) {
            QCOMPARE(window.trayController()->lastNotification().title, QStringLiteral("ModelDock is still running"));
            // Back from the tray (or from a second launch).
            window.bringToFront();
            QVERIFY(window.isVisible());
        }
    }

    void quitEndsTheApplicationEvenWhenClosingWouldHide()
    {
        QVERIFY(m_settings->apply({{QString::fromLatin1(Keys::CloseToTray), true}}, ChangeSource::Gui).ok);
        Ui::MainWindow window(services());
        window.trayController()->setTrayAvailable(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.trayController()->menu()->actions().contains(window.quitAction()));
        QSignalSpy aboutToQuit(qApp, &QCoreApplication::aboutToQuit);
        QTimer::singleShot(0, window.quitAction(), &QAction::trigger);
        QTimer watchdog;
        watchdog.setSingleShot(true);
        connect(&watchdog, &QTimer::timeout, qApp, [] { QCoreApplication::exit(3); });
        watchdog.start(10000);
        const int code = QApplication::exec();
        watchdog.stop();
        QCOMPARE(code, 0);
        QCOMPARE(aboutToQuit.count(), 1);
        QVERIFY(!window.isVisible());
    }

    void splittersAndColumnsComeBackInTheNextWindow()
    {
        QList<int> sizes;
        QByteArray dashboardColumns;
        {
            Ui::MainWindow window(services());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.mainSplitter()->setSizes({700, 300});
            sizes = window.mainSplitter()->sizes();
            window.detailsPane()->splitter()->setSizes({100, 500});
            QTreeView *downloads = window.dashboard()->view();
            downloads->header()->hideSection(3);
            downloads->header()->moveSection(5, 1);
            dashboardColumns = downloads->header()->saveState();
            window.close();
        }
        Ui::MainWindow again(services());
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.mainSplitter()->sizes(), sizes);
        const QList<int> details = again.detailsPane()->splitter()->sizes();
        QVERIFY2(details.first() < details.last(), qPrintable(QString::number(details.first())));
        QVERIFY(again.dashboard()->view()->header()->isSectionHidden(3));
        QCOMPARE(again.dashboard()->view()->header()->visualIndex(5), 1);
    }

    void customPaintingFollowsTheSystemPalette()
    {
        Ui::MainWindow window(services());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Ui::SpeedGraph *graph = window.dashboard()->speedGraph();
        const QPalette light = QApplication::palette();
        QPalette dark = light;
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        dark.setColor(QPalette::Window, QColor(45, 45, 45));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        QApplication::setPalette(dark);
        QTRY_VERIFY(graph->grab().toImage().pixelColor(graph->width() / 2, graph->height() / 2).lightnessF() < 0.3);
        // State icons keep their contrast: a light tick on a dark base, a dark one on a light base.
        QCOMPARE(Ui::ProgressDelegate::toneFor(130, dark).lightnessF() > 0.5, true);
        QCOMPARE(Ui::ProgressDelegate::toneFor(130, light).lightnessF() < 0.5, true);
        QApplication::setPalette(light);
        QTRY_VERIFY(graph->grab().toImage().pixelColor(graph->width() / 2, graph->height() / 2).lightnessF() > 0.7);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
