#include "mainwindow.h"

#include "activitymodel.h"
#include "downloadsdashboard.h"
#include "settingsdialog.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace Ui {

MainWindow::MainWindow(Settings::SettingsCenter *settings, QWidget *parent)
    : MainWindow(Services{settings, nullptr, nullptr, nullptr, nullptr, nullptr, {}}, parent)
{
}

MainWindow::~MainWindow() = default;

MainWindow::MainWindow(const Services &services, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(services.settings)
    , m_services(services)
{
    setWindowTitle(tr("ModelDock"));
    setObjectName(QStringLiteral("MainWindow"));
    createActions();
    createCentralArea();
    createDocks();

    m_syncStatus = new QLabel(tr("Catalog not synced yet"), this);
    m_syncStatus->setObjectName(QStringLiteral("syncStatus"));
    m_syncStatus->setAccessibleName(tr("Sync state"));
    statusBar()->addPermanentWidget(m_syncStatus);
    resize(1280, 800);
    connectServices();
    restoreLayout();
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

    m_settingsAction = new QAction(tr("&Settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setEnabled(m_settings != nullptr);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_refreshAction);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction);
    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(m_settingsAction);

    m_downloadAction = new QAction(tr("&Download"), this);
    m_downloadAction->setObjectName(QStringLiteral("downloadAction"));
    m_downloadAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_downloadAction->setToolTip(tr("Download the selected and checked models, variants and files (Ctrl+D)"));
    m_downloadAction->setEnabled(false);
    connect(m_downloadAction, &QAction::triggered, this, &MainWindow::downloadSelection);
    fileMenu->insertAction(quitAction, m_downloadAction);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->addAction(m_refreshAction);
    toolBar->addAction(m_downloadAction);
    toolBar->addAction(m_settingsAction);
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
    auto *sourcesDock = new QDockWidget(tr("Sources"), this);
    sourcesDock->setObjectName(QStringLiteral("sourcesDock"));
    m_sourcesView = new QListView(sourcesDock);
    m_sourcesView->setObjectName(QStringLiteral("sourcesView"));
    m_sourcesView->setAccessibleName(tr("Catalog sources"));
    sourcesDock->setWidget(m_sourcesView);
    addDockWidget(Qt::LeftDockWidgetArea, sourcesDock);

    m_downloadsDock = new QDockWidget(tr("Downloads"), this);
    m_downloadsDock->setObjectName(QStringLiteral("downloadsDock"));
    if (m_services.pool) {
        m_dashboard = new DownloadsDashboard(m_services.pool, m_downloadsDock);
        m_dashboard->setObjectName(QStringLiteral("downloadsDashboard"));
        m_downloadsView = m_dashboard->view();
        m_downloadsDock->setWidget(m_dashboard);
    } else {
        m_downloadsView = new QTreeView(m_downloadsDock);
        m_downloadsView->setObjectName(QStringLiteral("downloadsView"));
        m_downloadsView->setAccessibleName(tr("Downloads"));
        m_downloadsDock->setWidget(m_downloadsView);
    }
    addDockWidget(Qt::BottomDockWidgetArea, m_downloadsDock);

    // What the user should know happened: settings changes and who made them, refused edits
    // of the settings file, updates and rollbacks.
    if (m_services.activity) {
        auto *activityDock = new QDockWidget(tr("Activity"), this);
        activityDock->setObjectName(QStringLiteral("activityDock"));
        m_activityView = new QTreeView(activityDock);
        m_activityView->setObjectName(QStringLiteral("activityView"));
        m_activityView->setAccessibleName(tr("Activity log"));
        m_activityView->setRootIsDecorated(false);
        m_activityView->setWordWrap(true);
        m_activityView->setModel(new ActivityModel(m_services.activity, m_activityView));
        m_activityView->header()->setStretchLastSection(true);
        connect(m_activityView->model(), &QAbstractItemModel::rowsInserted, m_activityView, &QTreeView::scrollToBottom);
        activityDock->setWidget(m_activityView);
        addDockWidget(Qt::BottomDockWidgetArea, activityDock);
        tabifyDockWidget(m_downloadsDock, activityDock);
        m_downloadsDock->raise();
    }
}

void MainWindow::showSettings()
{
    if (!m_settings)
        return;
    // One dialog at a time; it stays in sync with changes made elsewhere while open.
    auto *dialog = findChild<SettingsDialog *>();
    if (!dialog) {
        dialog = new SettingsDialog(m_settings, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

} // namespace Ui
