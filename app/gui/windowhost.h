#pragma once

#include <QObject>

#include <memory>

namespace Settings {
class SettingsCenter;
}
namespace Ui {
class MainWindow;
}
namespace Util {
class Translations;
}

namespace App {

class GuiComposition;

// The desktop app's main window, built in the language the settings name and built again, in
// place, when that setting changes: widgets take their texts when they are built, so a new
// window is what makes every menu, view and dialog speak the new language at once, with no
// restart. What the window shows lives in the composition (downloads, catalog, sync) and goes
// on untouched; the window's geometry and view state carry over (saved by the old window, read
// by the new one), it stays hidden if it was (in the tray), and the Settings dialog, where the
// language is usually changed, opens again in the new window.
class WindowHost : public QObject
{
    Q_OBJECT
public:
    WindowHost(GuiComposition *composition, Settings::SettingsCenter *settings, Util::Translations *translations,
               QObject *parent = nullptr);
    ~WindowHost() override;

    Ui::MainWindow *window() const { return m_window.get(); }

Q_SIGNALS:
    // A window in the new language took the old one's place (which is gone once this returns).
    void windowReplaced(Ui::MainWindow *window);

private:
    std::unique_ptr<Ui::MainWindow> build();
    void rebuild();

    GuiComposition *m_composition;
    Settings::SettingsCenter *m_settings;
    Util::Translations *m_translations;
    std::unique_ptr<Ui::MainWindow> m_window;
    bool m_rebuildQueued = false;
};

}  // namespace App
