#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
