#include "traycontroller.h"

#include "download/downloadpool.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Ui {

TrayController::TrayController(Download::DownloadPool *pool, QWidget *window, QAction *quitAction, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_window(window)
    , m_available(QSystemTrayIcon::isSystemTrayAvailable())
    , m_menu(new QMenu)
    , m_showAction(new QAction(tr("&Show ModelDock"), this))
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_showAction->setObjectName(QStringLiteral("showWindowAction"));
    m_showAction->setStatusTip(tr("Show the ModelDock window"));
    connect(m_showAction, &QAction::triggered, this, [this] {
        if (m_window) {
            m_window->showNormal();
            m_window->raise();
            m_window->activateWindow();
        }
    });
    m_menu->addAction(m_showAction);
    m_menu->addSeparator();
    if (quitAction)
        m_menu->addAction(quitAction);
    if (pool)
        connect(pool, &Download::DownloadPool::groupFinished, this, &TrayController::onGroupFinished);
    setTrayAvailable(m_available);
}

TrayController::~TrayController()
{
    delete m_tray;
    delete m_menu;
}

void TrayController::setTrayAvailable(bool available)
{
    m_available = available;
    if (!available) {
        delete m_tray;
        m_tray = nullptr;
        return;
    }
    if (m_tray)
        return;
    m_tray = new QSystemTrayIcon(this);
    QIcon icon = QApplication::windowIcon();
    if (icon.isNull())
        icon = QApplication::style()->standardIcon(QStyle::SP_ArrowDown);
    m_tray->setIcon(icon);
    m_tray->setToolTip(tr("ModelDock"));
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason != QSystemTrayIcon::Trigger || !m_window)
            return;
        if (m_window->isVisible() && !m_window->isMinimized())
            m_window->hide();
        else
            m_showAction->trigger();
    });
    m_tray->show();
}

TrayController::Notification TrayController::notificationFor(const Download::GroupSnapshot &g)
{
    Notification n;
    n.failure = g.failed > 0;
    if (n.failure) {
        n.title = tr("Download finished with problems");
        n.message = tr("%1: %2 of %n file(s) failed. Open ModelDock to retry them.", nullptr, g.total)
                        .arg(g.name)
                        .arg(g.failed);
    } else if (g.completed == 0) {
        n.title = tr("Download cancelled");
        n.message = g.name;
    } else {
        n.title = tr("Download finished");
        n.message = tr("%1: %n file(s) verified.", nullptr, g.completed).arg(g.name);
    }
    return n;
}

void TrayController::onGroupFinished(Download::GroupId id)
{
    const Download::GroupSnapshot group = m_pool->group(id);
    if (group.isValid())
        notify(notificationFor(group));
}

void TrayController::notify(const Notification &notification)
{
    m_last = notification;
    ++m_count;
    if (m_tray && m_tray->isVisible()) {
        m_tray->showMessage(notification.title, notification.message,
                            notification.failure ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
    }
    Q_EMIT notified(notification.title, notification.message, notification.failure);
}

void TrayController::noteHiddenToTray()
{
    if (m_hiddenNoted)
        return;
    m_hiddenNoted = true;
    notify({tr("ModelDock is still running"),
            tr("Downloads continue in the background. Use Quit in the tray menu to end ModelDock."), false});
}

}  // namespace Ui
