#pragma once

#include "plan/downloadplanner.h"

#include <QMainWindow>
#include <QPointer>

class QTreeView;
class QTextBrowser;
class QDockWidget;
class QLabel;
class QLineEdit;
class QAction;
class QListView;
class QMenu;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace Settings {
class SettingsCenter;
}
namespace Catalog {
class CatalogStore;
class DiskStateSync;
class SourceStore;
class HubBrowser;
class SyncEngine;
struct Source;
}  // namespace Catalog
namespace Download {
class DownloadPool;
}
namespace Plan {
class TransferStates;
}
namespace Hub {
class CivitaiClient;
class HuggingFaceClient;
}  // namespace Hub
namespace Identify {
class IdentityStore;
}
namespace Library {
class LibraryIndex;
}
namespace Net {
class Session;
}
namespace Activity {
class ActivityLog;
}
namespace Updates {
class ModelUpdater;
class RefSwitcher;
}  // namespace Updates

namespace Ui {

class CatalogFilterBar;
class CatalogGrid;
class FreeSpaceDialog;
class CatalogPane;
class CatalogProgress;
class SyncStatus;
class DetailsPane;
class DownloadsDashboard;
class DownloadRequester;
class ImageCache;
class TrayController;
class ModelUpdateActions;

// The desktop shell: catalog tree in the centre, details on the right, downloads dashboard
// docked at the bottom, sync state in the status bar, a tray icon when the session has a tray.
// It presents core objects handed in by the composition root; it owns no domain state.
//
// Closing the window hides it to the tray when ui.closeToTray is on and a tray exists; the
// downloads go on. Quit (File menu, tray menu, Ctrl+Q) always ends the application.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // The core objects the window presents, built by the composition root. Any may be null
    // (tests of the bare shell); what needs a missing one is then disabled.
    struct Services
    {
        Settings::SettingsCenter *settings = nullptr;
        Net::Session *session = nullptr;  // the process's network: previews
        QString previewsDir;              // where previews are cached; empty: the Qt cache location
        QString viewStateFile;            // geometry, splitters, columns (INI); empty: QSettings()
        Download::DownloadPool *pool = nullptr;
        Catalog::CatalogStore *store = nullptr;
        Catalog::SourceStore *sources = nullptr;
        Catalog::SyncEngine *engine = nullptr;
        Catalog::HubBrowser *browser = nullptr;  // a model asked for by link, fetched from its hub
        Plan::DownloadPlanner *planner = nullptr;
        Plan::DownloadPlanner::Options planOptions;
        Activity::ActivityLog *activity = nullptr;
        Updates::ModelUpdater *updater = nullptr;
        Updates::RefSwitcher *refs = nullptr;
        Hub::HuggingFaceClient *huggingFace = nullptr;   // model cards
        Catalog::DiskStateSync *diskStates = nullptr;    // catalog states follow the files on disk
        Plan::TransferStates *transferStates = nullptr;  // …and the downloads in the pool
        QString snapshotHistory;                         // the commits refs pointed at before (Free space, as `prune`)
        Library::LibraryIndex *index = nullptr;          // Find my models: what is on disk
        Hub::CivitaiClient *civitai = nullptr;           // Find my models: lookups by hash
        Identify::IdentityStore *identities = nullptr;   // Find my models: what Civitai said before
    };

    explicit MainWindow(Settings::SettingsCenter *settings = nullptr, QWidget *parent = nullptr);
    explicit MainWindow(const Services &services, QWidget *parent = nullptr);
    ~MainWindow() override;

    QListView *sourcesView() const { return m_sourcesView; }
    QLineEdit *searchField() const { return m_search; }
    CatalogFilterBar *filterBar() const { return m_filterBar; }
    SyncStatus *syncStatus() const { return m_syncText; }
    QAction *downloadAction() const { return m_downloadAction; }
    QAction *downloadAllVersionsAction() const { return m_downloadAllVersionsAction; }
    QAction *freeSpaceAction() const { return m_freeSpaceAction; }
    QAction *shareLmStudioAction() const { return m_shareLmStudioAction; }
    FreeSpaceDialog *freeSpaceDialog() const;
    QAction *addSourceAction() const { return m_addSourceAction; }
    QAction *editSourceAction() const { return m_editSourceAction; }
    QAction *removeSourceAction() const { return m_removeSourceAction; }
    QAction *openLinkAction() const { return m_openLinkAction; }
    QAction *searchHubsAction() const { return m_searchHubsAction; }
    CatalogPane *catalogPane() const { return m_catalogPane; }
    DownloadsDashboard *dashboard() const { return m_dashboard; }
    DownloadRequester *requester() const { return m_requester; }
    DetailsPane *detailsPane() const { return m_detailsPane; }
    CatalogProgress *catalogProgress() const { return m_progress; }
    ImageCache *imageCache() const { return m_images; }
    TrayController *trayController() const { return m_tray; }
    QSplitter *mainSplitter() const { return m_splitter; }
    ModelUpdateActions *updateActions() const { return m_updateActions; }
    QTreeView *activityView() const { return m_activityView; }
    QDockWidget *activityDock() const { return m_activityDock; }

    QTreeView *catalogView() const { return m_catalogView; }
    // The catalog as cards with pictures, toggled beside the tree (remembered in the view state).
    CatalogGrid *catalogGrid() const { return m_catalogGrid; }
    QAction *gridAction() const { return m_gridAction; }
    QToolButton *gridButton() const { return m_gridButton; }
    QTextBrowser *detailsView() const;
    QTreeView *downloadsView() const { return m_downloadsView; }
    QLabel *syncStatusLabel() const { return m_syncStatus; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *settingsAction() const { return m_settingsAction; }
    QAction *quitAction() const { return m_quitAction; }
    QMenu *downloadsMenu() const { return m_downloadsMenu; }
    // File → Find my models…: IdentifyDialog over the library index (mainwindowidentify.cpp).
    QAction *findMyModelsAction() const { return m_findMyModelsAction; }

    // Where the view state (geometry, splitters, columns) is kept: QSettings under this group,
    // in Services::viewStateFile.
    static QString viewStateGroup() { return QStringLiteral("mainWindow"); }
    void saveViewState();

public Q_SLOTS:
    void showSettings();
    void showFreeSpace();
    void shareWithLmStudio();
    void downloadSelection();
    // The selected Civitai models with every version, as one pack.
    void downloadAllVersions();
    // The source dialog; an added source syncs at once.
    void showAddSource();
    void showEditSource();
    void removeSelectedSource();
    // A pasted link (clipboard, else asked for) opens the model with its branch, version or
    // file selected; openLink takes the text itself.
    void openLinkFromClipboard();
    void openLink(const QString &text);
    // The words in the search field asked of Hugging Face and Civitai; what they find is kept
    // in the catalog and listed with the local results.
    void searchHubs();
    void downloadWholeResult();
    void updateSyncStatus();
    // A second launch asked for the window: show it, un-minimise it and bring it up.
    void bringToFront();
    // Ends the application (unlike closing the window, which may hide it to the tray). With
    // downloads running it asks first: quit (they resume at the next start), keep running in
    // the tray, or stay.
    void quit();
    // Opens the Find my models dialog, which starts scanning at once.
    void showFindMyModels();

protected:
    void closeEvent(QCloseEvent *event) override;

Q_SIGNALS:
    void refreshRequested();

private:
    qint64 selectedSourceId() const;
    void openSourceDialog(const Catalog::Source *edited);  // null: a new source
    void createActions();
    void createCentralArea();
    void createDocks();
    void createMenus();
    void connectServices();
    void restoreViewState();
    bool closeToTraySetting() const;
    void connectUpdates();
    void createIdentifyAction(QMenu *menu);
    void connectActivity();
    void restoreLayout();
    void requestSelection(bool allVersions);
    void connectGrid();
    void showGrid(bool grid);
    void openCard(const QModelIndex &index);
    void downloadCard(const QModelIndex &index);
    int unfinishedDownloads() const;  // running or waiting transfers
    void quitNow();

    QTreeView *m_catalogView = nullptr;
    CatalogGrid *m_catalogGrid = nullptr;
    QStackedWidget *m_catalogStack = nullptr;
    QAction *m_gridAction = nullptr;
    QToolButton *m_gridButton = nullptr;
    DetailsPane *m_detailsPane = nullptr;
    QSplitter *m_splitter = nullptr;
    QTreeView *m_downloadsView = nullptr;
    QDockWidget *m_sourcesDock = nullptr;
    QDockWidget *m_downloadsDock = nullptr;
    QLineEdit *m_search = nullptr;
    CatalogFilterBar *m_filterBar = nullptr;
    SyncStatus *m_syncText = nullptr;
    QLabel *m_syncStatus = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_downloadAction = nullptr;
    QAction *m_downloadAllVersionsAction = nullptr;
    QAction *m_freeSpaceAction = nullptr;
    QAction *m_shareLmStudioAction = nullptr;
    QMenu *m_modelMenu = nullptr;
    QPointer<FreeSpaceDialog> m_freeSpaceDialog;
    QAction *m_addSourceAction = nullptr;
    QAction *m_editSourceAction = nullptr;
    QAction *m_removeSourceAction = nullptr;
    QAction *m_openLinkAction = nullptr;
    QAction *m_searchHubsAction = nullptr;
    int m_hubSearchesRunning = 0;
    QAction *m_quitAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_findMyModelsAction = nullptr;
    QMenu *m_downloadsMenu = nullptr;
    QListView *m_sourcesView = nullptr;
    Settings::SettingsCenter *m_settings = nullptr;
    Services m_services;
    CatalogPane *m_catalogPane = nullptr;
    CatalogProgress *m_progress = nullptr;
    ImageCache *m_images = nullptr;
    DownloadsDashboard *m_dashboard = nullptr;
    DownloadRequester *m_requester = nullptr;
    TrayController *m_tray = nullptr;
    bool m_quitting = false;
    ModelUpdateActions *m_updateActions = nullptr;
    QTreeView *m_activityView = nullptr;
    QDockWidget *m_activityDock = nullptr;
};

}  // namespace Ui
