#include "mainwindow.h"

#include "activitymodel.h"
#include "catalogfilterbar.h"
#include "detailspane.h"
#include "downloadsdashboard.h"
#include "settingsdialog.h"
#include "traycontroller.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Ui {

namespace {
// Tool buttons are what screen readers reach; name them after their action.
void nameToolButtons(QToolBar *toolBar)
{
    for (QAction *action : toolBar->actions()) {
        if (auto *button = qobject_cast<QToolButton *>(toolBar->widgetForAction(action))) {
            button->setAccessibleName(action->iconText());
            button->setAccessibleDescription(action->statusTip());
        }
    }
}
}  // namespace

namespace {
MainWindow::Services settingsOnly(Settings::SettingsCenter *settings)
{
    MainWindow::Services services;
    services.settings = settings;
    return services;
}
}  // namespace

MainWindow::MainWindow(Settings::SettingsCenter *settings, QWidget *parent)
    : MainWindow(settingsOnly(settings), parent)
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
    m_syncStatus->setAccessibleDescription(tr("Sync state"));  // the name is its text
    statusBar()->addPermanentWidget(m_syncStatus);
    m_tray = new TrayController(m_services.pool, this, m_quitAction, this);
    resize(1280, 800);
    connectServices();
    createMenus();
    restoreViewState();
}

QTextBrowser *MainWindow::detailsView() const
{
    return m_detailsPane->browser();
}

void MainWindow::createActions()
{
    m_addSourceAction = new QAction(tr("Add &source…"), this);
    m_addSourceAction->setObjectName(QStringLiteral("addSourceAction"));
    m_addSourceAction->setStatusTip(
        tr("Add a Hugging Face author, search or collection, or a Civitai search, as a source"));
    m_addSourceAction->setEnabled(false);
    connect(m_addSourceAction, &QAction::triggered, this, &MainWindow::showAddSource);
    m_editSourceAction = new QAction(tr("&Edit source…"), this);
    m_editSourceAction->setObjectName(QStringLiteral("editSourceAction"));
    m_editSourceAction->setStatusTip(tr("Change what the selected source asks its hub for"));
    m_editSourceAction->setEnabled(false);
    connect(m_editSourceAction, &QAction::triggered, this, &MainWindow::showEditSource);
    m_removeSourceAction = new QAction(tr("&Remove source…"), this);
    m_removeSourceAction->setObjectName(QStringLiteral("removeSourceAction"));
    m_removeSourceAction->setStatusTip(
        tr("Remove the selected source; its models leave the catalog, files on disk stay"));
    m_removeSourceAction->setEnabled(false);
    connect(m_removeSourceAction, &QAction::triggered, this, &MainWindow::removeSelectedSource);
    m_openLinkAction = new QAction(tr("Open &link…"), this);
    m_openLinkAction->setObjectName(QStringLiteral("openLinkAction"));
    m_openLinkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_openLinkAction->setStatusTip(tr("Open the model a Hugging Face or Civitai link (in the clipboard) points at"));
    m_openLinkAction->setEnabled(false);
    connect(m_openLinkAction, &QAction::triggered, this, &MainWindow::openLinkFromClipboard);
    // The search field filters the catalog at once; this asks the hubs themselves.
    m_searchHubsAction = new QAction(tr("Search the &hubs"), this);
    m_searchHubsAction->setObjectName(QStringLiteral("searchHubsAction"));
    m_searchHubsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_searchHubsAction->setShortcutContext(Qt::WindowShortcut);
    m_searchHubsAction->setStatusTip(tr("Ask Hugging Face and Civitai for the words in the search field; what they "
                                        "find joins the catalog"));
    m_searchHubsAction->setEnabled(false);
    connect(m_searchHubsAction, &QAction::triggered, this, &MainWindow::searchHubs);
    m_refreshAction = new QAction(tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setStatusTip(tr("Sync the catalog with the hubs now"));
    m_refreshAction->setToolTip(tr("Sync the catalog with the hubs now (F5)"));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshRequested);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    // Explicit: the platform's Quit binding is empty on some (Windows-style) key schemes.
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setStatusTip(tr("End ModelDock; unfinished downloads continue at the next start"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &MainWindow::quit);

    m_settingsAction = new QAction(tr("&Settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setStatusTip(tr("Change folders, limits, endpoints and tokens"));
    m_settingsAction->setEnabled(m_settings != nullptr);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);

    m_downloadAction = new QAction(tr("&Download"), this);
    m_downloadAction->setObjectName(QStringLiteral("downloadAction"));
    m_downloadAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_downloadAction->setStatusTip(tr("Download the selected and checked models, variants and files"));
    m_downloadAction->setToolTip(tr("Download the selected and checked models, variants and files (Ctrl+D)"));
    m_downloadAction->setEnabled(false);
    connect(m_downloadAction, &QAction::triggered, this, &MainWindow::downloadSelection);
    m_downloadAllVersionsAction = new QAction(tr("Download &all versions"), this);
    m_downloadAllVersionsAction->setObjectName(QStringLiteral("downloadAllVersionsAction"));
    m_downloadAllVersionsAction->setStatusTip(tr("Download every version of the selected Civitai models as one pack"));
    m_downloadAllVersionsAction->setEnabled(false);
    connect(m_downloadAllVersionsAction, &QAction::triggered, this, &MainWindow::downloadAllVersions);

    m_findAction = new QAction(tr("&Find in catalog"), this);
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setStatusTip(tr("Move to the search box of the catalog"));
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setAccessibleName(tr("Main toolbar"));
    toolBar->addAction(m_refreshAction);
    toolBar->addAction(m_downloadAction);
    toolBar->addAction(m_settingsAction);
    nameToolButtons(toolBar);
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_refreshAction);
    fileMenu->addAction(m_addSourceAction);
    fileMenu->addAction(m_editSourceAction);
    fileMenu->addAction(m_removeSourceAction);
    fileMenu->addAction(m_openLinkAction);
    fileMenu->addAction(m_searchHubsAction);
    fileMenu->addAction(m_downloadAction);
    createIdentifyAction(fileMenu);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);
    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(m_findAction);
    editMenu->addSeparator();
    editMenu->addAction(m_settingsAction);
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : {m_sourcesDock, m_downloadsDock, m_activityDock}) {
        if (!dock)
            continue;  // no activity log (tests of the bare shell)
        // A closed panel comes back from here.
        QAction *toggle = dock->toggleViewAction();
        toggle->setStatusTip(tr("Show or hide the %1 panel").arg(dock->windowTitle()));
        viewMenu->addAction(toggle);
    }
    viewMenu->addSeparator();
    viewMenu->addAction(m_gridAction);
    // File, Edit, View, Model, Downloads: the Model menu was made with the services, earlier.
    if (m_modelMenu)
        menuBar()->addAction(m_modelMenu->menuAction());
    m_downloadsMenu = menuBar()->addMenu(tr("D&ownloads"));
    m_downloadsMenu->setObjectName(QStringLiteral("downloadsMenu"));
    if (m_dashboard) {
        for (QAction *action : m_dashboard->menuActions()) {
            if (action)
                m_downloadsMenu->addAction(action);
            else
                m_downloadsMenu->addSeparator();
        }
    }
    m_downloadsMenu->setEnabled(m_dashboard != nullptr);
}

void MainWindow::createCentralArea()
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));

    auto *catalogPane = new QWidget(m_splitter);
    auto *catalogLayout = new QVBoxLayout(catalogPane);
    catalogLayout->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(catalogPane);
    m_search->setObjectName(QStringLiteral("catalogSearch"));
    m_search->setPlaceholderText(tr("Search the catalog"));
    m_search->setAccessibleName(tr("Search the catalog"));
    m_search->setClearButtonEnabled(true);
    m_filterBar = new CatalogFilterBar(catalogPane);
    m_catalogView = new QTreeView(catalogPane);
    m_catalogView->setObjectName(QStringLiteral("catalogView"));
    m_catalogView->setAccessibleName(tr("Catalog"));
    m_catalogView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_catalogView->setSortingEnabled(true);
    // Tree or grid: the same rows, the same selection; the choice is kept with the view state.
    m_gridAction = new QAction(tr("&Grid of pictures"), this);
    m_gridAction->setObjectName(QStringLiteral("gridAction"));
    m_gridAction->setCheckable(true);
    m_gridAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    m_gridAction->setStatusTip(tr("Show the catalog as cards with pictures instead of a tree"));
    m_gridAction->setToolTip(tr("Show the catalog as cards with pictures (Ctrl+G)"));
    m_gridAction->setEnabled(false);
    connect(m_gridAction, &QAction::toggled, this, &MainWindow::showGrid);
    m_gridButton = new QToolButton(catalogPane);
    m_gridButton->setObjectName(QStringLiteral("gridButton"));
    m_gridButton->setDefaultAction(m_gridAction);
    m_gridButton->setText(tr("Grid"));
    m_gridButton->setAccessibleName(tr("Show as a grid of pictures"));
    auto *searchRow = new QHBoxLayout;
    searchRow->setContentsMargins(0, 0, 0, 0);
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_gridButton);
    m_catalogStack = new QStackedWidget(catalogPane);
    m_catalogStack->addWidget(m_catalogView);
    catalogLayout->addLayout(searchRow);
    catalogLayout->addWidget(m_filterBar);
    catalogLayout->addWidget(m_catalogStack);

    m_detailsPane = new DetailsPane(m_splitter);
    m_splitter->addWidget(catalogPane);
    m_splitter->addWidget(m_detailsPane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    // The details keep room for a variant's name, size and button at 1024 pixels.
    m_detailsPane->setMinimumWidth(fontMetrics().averageCharWidth() * 38);
    m_splitter->setCollapsible(1, false);
    setCentralWidget(m_splitter);
}

void MainWindow::createDocks()
{
    m_sourcesDock = new QDockWidget(tr("Sources"), this);
    m_sourcesDock->setObjectName(QStringLiteral("sourcesDock"));
    m_sourcesView = new QListView(m_sourcesDock);
    m_sourcesView->setObjectName(QStringLiteral("sourcesView"));
    m_sourcesView->setAccessibleName(tr("Catalog sources"));
    m_sourcesDock->setWidget(m_sourcesView);
    addDockWidget(Qt::LeftDockWidgetArea, m_sourcesDock);

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
        auto *activityDock = m_activityDock = new QDockWidget(tr("Activity"), this);
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

}  // namespace Ui
