// The parts of MainWindow about the window itself: saved view state, closing to the tray,
// quitting and coming to the front for a second launch.
#include "detailspane.h"
#include "download/downloadpool.h"
#include "downloadsdashboard.h"
#include "mainwindow.h"
#include "settings/settingscenter.h"
#include "traycontroller.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTreeView>

#include <memory>

namespace Ui {

namespace {
// View state is not a setting (nothing validates or records it), so it lives in QSettings.
constexpr auto kGeometry = "geometry";
constexpr auto kState = "state";
constexpr auto kSplitter = "splitter";
constexpr auto kDetailsSplitter = "detailsSplitter";
constexpr auto kCatalogHeader = "catalogHeader";
constexpr auto kDownloadsHeader = "downloadsHeader";
constexpr auto kCatalogGrid = "catalogGrid";

std::unique_ptr<QSettings> openViewState(const QString &file)
{
    return file.isEmpty() ? std::make_unique<QSettings>() : std::make_unique<QSettings>(file, QSettings::IniFormat);
}
}  // namespace

void MainWindow::restoreViewState()
{
    const std::unique_ptr<QSettings> stored = openViewState(m_services.viewStateFile);
    QSettings &state = *stored;
    state.beginGroup(viewStateGroup());
    const auto bytes = [&state](const char *key) { return state.value(QLatin1String(key)).toByteArray(); };
    restoreGeometry(bytes(kGeometry));
    if (!restoreState(bytes(kState))) {
        // A first start: the sources list as wide as its names need, the downloads a third of
        // a 700 pixel high window, so the catalog and the details keep the room.
        const QFontMetrics metrics = fontMetrics();
        resizeDocks({m_sourcesDock}, {metrics.averageCharWidth() * 22}, Qt::Horizontal);
        resizeDocks({m_downloadsDock}, {metrics.height() * 16}, Qt::Vertical);
    }
    if (!m_splitter->restoreState(bytes(kSplitter)))
        m_splitter->setSizes({600, 400});  // a first start: the catalog and the details share 3:2
    m_detailsPane->splitter()->restoreState(bytes(kDetailsSplitter));
    const QByteArray catalogHeader = bytes(kCatalogHeader);
    if (!catalogHeader.isEmpty())
        m_catalogView->header()->restoreState(catalogHeader);
    if (m_dashboard)
        m_dashboard->restoreViewState(bytes(kDownloadsHeader));
    if (m_catalogGrid)
        m_gridAction->setChecked(state.value(QLatin1String(kCatalogGrid), false).toBool());
}

void MainWindow::saveViewState()
{
    const std::unique_ptr<QSettings> stored = openViewState(m_services.viewStateFile);
    QSettings &state = *stored;
    state.beginGroup(viewStateGroup());
    state.setValue(QLatin1String(kGeometry), saveGeometry());
    state.setValue(QLatin1String(kState), saveState());
    state.setValue(QLatin1String(kSplitter), m_splitter->saveState());
    state.setValue(QLatin1String(kDetailsSplitter), m_detailsPane->splitter()->saveState());
    state.setValue(QLatin1String(kCatalogHeader), m_catalogView->header()->saveState());
    if (m_dashboard)
        state.setValue(QLatin1String(kDownloadsHeader), m_dashboard->saveViewState());
    if (m_catalogGrid)
        state.setValue(QLatin1String(kCatalogGrid), m_gridAction->isChecked());
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
    const int running = unfinishedDownloads();
    if (running == 0) {
        quitNow();
        return;
    }
    // Quitting stops transfers mid-file; the journal resumes them at the next start, but the
    // person may rather keep them going in the tray.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Quit ModelDock"),
                                tr("%n download(s) are not finished.", nullptr, running), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmQuit"));
    box->setInformativeText(tr("Quit now and they resume at the next start, or keep them running in the tray."));
    QPushButton *quitButton = box->addButton(tr("&Quit, resume next time"), QMessageBox::AcceptRole);
    quitButton->setObjectName(QStringLiteral("quitResumeLater"));
    QPushButton *trayButton = nullptr;
    if (m_tray && m_tray->isTrayAvailable()) {
        trayButton = box->addButton(tr("Keep running in the &tray"), QMessageBox::ActionRole);
        trayButton->setObjectName(QStringLiteral("keepInTray"));
    }
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelQuit"));
    box->setDefaultButton(cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, quitButton, trayButton] {
        if (box->clickedButton() == quitButton) {
            quitNow();
        } else if (trayButton && box->clickedButton() == trayButton) {
            saveViewState();
            hide();
            m_tray->noteHiddenToTray();
        }
    });
    box->open();
}

int MainWindow::unfinishedDownloads() const
{
    if (!m_services.pool)
        return 0;
    int count = 0;
    for (Download::GroupId id : m_services.pool->groups()) {
        const Download::GroupSnapshot group = m_services.pool->group(id);
        count += group.active + group.queued;
    }
    return count;
}

void MainWindow::quitNow()
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

}  // namespace Ui
