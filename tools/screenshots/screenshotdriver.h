#pragma once

#include <QObject>
#include <QString>

namespace Catalog {
class SyncEngine;
}
namespace Ui {
class MainWindow;
}

namespace Tools {

// Documentation screenshots (scripts/screenshots.sh runs modeldock-screenshots): in the real
// app, syncs, selects a model, grabs main-window.png, starts a download of every model of the
// source named `packSource`, grabs dashboard.png mid-download, opens Settings, grabs
// settings.png and quits. Not a user feature, so not in the product binary.
class ScreenshotDriver : public QObject
{
    Q_OBJECT
public:
    // Starts driving once the event loop runs; the window is its parent.
    ScreenshotDriver(Ui::MainWindow *window, Catalog::SyncEngine *engine, QString directory, QString packSource);

private:
    void afterSync();
    void startPack();
    void grabDashboard();
    void grabSettings();
    bool save(QWidget *widget, const QString &name);
    void waitUntilIdle(void (ScreenshotDriver::*next)());

    Ui::MainWindow *m_window;
    Catalog::SyncEngine *m_engine;
    QString m_directory;
    QString m_packSource;
};

}  // namespace Tools
