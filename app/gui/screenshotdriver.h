#pragma once

#include <QObject>
#include <QString>

namespace Catalog {
class SyncEngine;
}
namespace Ui {
class MainWindow;
}

namespace App {

// Documentation screenshots, driven by the environment (scripts/screenshots.sh): with
// MODELDOCK_SCREENSHOT_DIR set, the app syncs, selects a model, grabs main-window.png, starts
// a download of every model of the source named MODELDOCK_SCREENSHOT_PACK, grabs
// dashboard.png mid-download, opens Settings, grabs settings.png and quits. Not a user feature.
class ScreenshotDriver : public QObject
{
    Q_OBJECT
public:
    ScreenshotDriver(Ui::MainWindow *window, Catalog::SyncEngine *engine, QString directory, QString packSource,
                     QObject *parent = nullptr);
    static void startFromEnvironment(Ui::MainWindow *window, Catalog::SyncEngine *engine);

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

} // namespace App
