#pragma once

#include "download/types.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace Download {
class DownloadPool;
}

namespace Ui {

// The tray side of the desktop app: a tray icon (when the session has a tray) with Show and
// Quit, a notification when a download group finishes or fails, and the decision whether
// closing the window hides it to the tray. The decisions are plain logic over "is there a tray"
// and the setting, so they work (and are tested) where no tray exists, e.g. offscreen.
class TrayController : public QObject
{
    Q_OBJECT
public:
    TrayController(Download::DownloadPool *pool /*may be null*/, QWidget *window, QAction *quitAction,
                   QObject *parent = nullptr);
    ~TrayController() override;

    // Detected from the platform at construction; a session may gain or lose its tray.
    bool isTrayAvailable() const { return m_available; }
    void setTrayAvailable(bool available);
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    QMenu *menu() const { return m_menu; }
    QAction *showAction() const { return m_showAction; }

    // Closing the window hides it instead of quitting only when there is a tray to come back
    // from and the user wants it (ui.closeToTray).
    bool hidesOnClose(bool closeToTraySetting) const { return m_available && closeToTraySetting; }

    struct Notification
    {
        QString title;
        QString message;
        bool failure = false;
    };
    static Notification notificationFor(const Download::GroupSnapshot &group);
    Notification lastNotification() const { return m_last; }
    int notificationCount() const { return m_count; }

    // Tells the user once that downloads go on with the window hidden.
    void noteHiddenToTray();

Q_SIGNALS:
    void notified(const QString &title, const QString &message, bool failure);

private:
    void onGroupFinished(Download::GroupId id);
    void notify(const Notification &notification);

    Download::DownloadPool *m_pool;
    QPointer<QWidget> m_window;
    bool m_available;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu;
    QAction *m_showAction;
    Notification m_last;
    int m_count = 0;
    bool m_hiddenNoted = false;
};

}  // namespace Ui
