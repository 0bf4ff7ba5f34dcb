#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("ModelDock"));
    setObjectName(QStringLiteral("MainWindow"));
    createActions();
    createCentralArea();
    createDocks();

    m_syncStatus = new QLabel(tr("Catalog not synced yet"), this);
    m_syncStatus->setObjectName(QStringLiteral("syncStatus"));
    statusBar()->addPermanentWidget(m_syncStatus);
    resize(1280, 800);
}

void MainWindow::createActions()
{
    m_refreshAction = new QAction(tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(tr("Sync the catalog with the hubs now (F5)"));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshRequested);

    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, qApp, &QApplication::quit);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_refreshAction);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->addAction(m_refreshAction);
}

void MainWindow::createCentralArea()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));

    auto *catalogPane = new QWidget(splitter);
    auto *catalogLayout = new QVBoxLayout(catalogPane);
    catalogLayout->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(catalogPane);
    m_search->setObjectName(QStringLiteral("catalogSearch"));
    m_search->setPlaceholderText(tr("Search the catalog"));
    m_search->setAccessibleName(tr("Search the catalog"));
    m_search->setClearButtonEnabled(true);
    m_catalogView = new QTreeView(catalogPane);
    m_catalogView->setObjectName(QStringLiteral("catalogView"));
    m_catalogView->setAccessibleName(tr("Catalog"));
    m_catalogView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_catalogView->setSortingEnabled(true);
    catalogLayout->addWidget(m_search);
    catalogLayout->addWidget(m_catalogView);

    m_details = new QTextBrowser(splitter);
    m_details->setObjectName(QStringLiteral("detailsView"));
    m_details->setAccessibleName(tr("Model details"));
    // Model cards come from the network: never follow links inside the widget or load
    // remote resources from it.
    m_details->setOpenLinks(false);
    m_details->setPlaceholderText(tr("Select a model to see its card, variants and files."));

    splitter->addWidget(catalogPane);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    setCentralWidget(splitter);
}

void MainWindow::createDocks()
{
    m_downloadsDock = new QDockWidget(tr("Downloads"), this);
    m_downloadsDock->setObjectName(QStringLiteral("downloadsDock"));
    m_downloadsView = new QTreeView(m_downloadsDock);
    m_downloadsView->setObjectName(QStringLiteral("downloadsView"));
    m_downloadsView->setAccessibleName(tr("Downloads"));
    m_downloadsDock->setWidget(m_downloadsView);
    addDockWidget(Qt::BottomDockWidgetArea, m_downloadsDock);
}

} // namespace Ui
