// The parts of MainWindow about the window itself: saved view state, closing to the tray,
// quitting and coming to the front for a second launch.
#include "mainwindow.h"

#include "detailspane.h"
#include "downloadsdashboard.h"
#include "settings/settingscenter.h"
#include "traycontroller.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QTreeView>

namespace Ui {

namespace {
// View state is not a setting (nothing validates or records it), so it lives in QSettings.
constexpr auto kGeometry = "geometry";
constexpr auto kState = "state";
constexpr auto kSplitter = "splitter";
constexpr auto kDetailsSplitter = "detailsSplitter";
constexpr auto kCatalogHeader = "catalogHeader";
constexpr auto kDownloadsHeader = "downloadsHeader";
} // namespace

void MainWindow::restoreViewState()
{
    QSettings state;
    state.beginGroup(viewStateGroup());
    const auto bytes = [&state](const char *key) { return state.value(QLatin1String(key)).toByteArray(); };
    restoreGeometry(bytes(kGeometry));
    restoreState(bytes(kState));
    m_splitter->restoreState(bytes(kSplitter));
    m_detailsPane->splitter()->restoreState(bytes(kDetailsSplitter));
    const QByteArray catalogHeader = bytes(kCatalogHeader);
    if (!catalogHeader.isEmpty())
        m_catalogView->header()->restoreState(catalogHeader);
    if (m_dashboard)
        m_dashboard->restoreViewState(bytes(kDownloadsHeader));
}

void MainWindow::saveViewState()
{
    QSettings state;
    state.beginGroup(viewStateGroup());
    state.setValue(QLatin1String(kGeometry), saveGeometry());
    state.setValue(QLatin1String(kState), saveState());
    state.setValue(QLatin1String(kSplitter), m_splitter->saveState());
    state.setValue(QLatin1String(kDetailsSplitter), m_detailsPane->splitter()->saveState());
    state.setValue(QLatin1String(kCatalogHeader), m_catalogView->header()->saveState());
    if (m_dashboard)
        state.setValue(QLatin1String(kDownloadsHeader), m_dashboard->saveViewState());
}

bool MainWindow::closeToTraySetting() const
{
    return m_settings && m_settings->boolean(Settings::Keys::CloseToTray);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveViewState();
    if (!m_quitting && m_tray->hidesOnClose(closeToTraySetting())) {
        // The pool lives in the composition, not in the window: downloads go on.
        event->ignore();
        hide();
        m_tray->noteHiddenToTray();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::quit()
{
    m_quitting = true;
    close();
    // Also when the window was hidden in the tray, or a dialog keeps another window open.
    QCoreApplication::quit();
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

} // namespace Ui
