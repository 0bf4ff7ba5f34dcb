// modeldock-screenshots: the desktop app exactly as `modeldock` runs it (App::runDesktop), with
// ScreenshotDriver attached to its window. Built with the tests, never installed.
#include "desktopapp.h"
#include "guicomposition.h"
#include "mainwindow.h"
#include "screenshotdriver.h"

#include <QTextStream>

int main(int argc, char *argv[])
{
    const QString directory = qEnvironmentVariable("MODELDOCK_SCREENSHOT_DIR");
    if (directory.isEmpty()) {
        QTextStream(stderr) << "modeldock-screenshots: set MODELDOCK_SCREENSHOT_DIR (where the images go) and "
                               "MODELDOCK_SCREENSHOT_PACK (the source to download); see scripts/screenshots.sh\n";
        return 2;
    }
    const QString pack = qEnvironmentVariable("MODELDOCK_SCREENSHOT_PACK");
    return App::runDesktop(argc, argv, [directory, pack](Ui::MainWindow *window, App::GuiComposition *composition) {
        window->resize(1560, 960);  // every column and the details pane readable
        new Tools::ScreenshotDriver(window, composition->engine(), directory, pack);
    });
}
