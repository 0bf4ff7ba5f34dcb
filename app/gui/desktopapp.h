#pragma once

#include <functional>

namespace Ui {
class MainWindow;
}

namespace App {

class GuiComposition;

// Called once the window shows, with the window and the graph behind it.
using WindowShown = std::function<void(Ui::MainWindow *window, GuiComposition *composition)>;

// Everything the desktop app's main() does: the QApplication, its name, icon and plural rules;
// one instance per data folder; the settings with this run's pins; the GuiComposition; the
// settings file watcher; the window; and an orderly end on quit, SIGINT or SIGTERM. Returns the
// exit code. The product passes no `shown`; the screenshot tool (tools/screenshots) drives the
// very same app from there, so it never needs a hook inside the product binary.
int runDesktop(int argc, char *argv[], const WindowShown &shown = {});

}  // namespace App
