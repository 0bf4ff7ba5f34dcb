#include "windowhost.h"

#include "guicomposition.h"
#include "mainwindow.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "settingsdialog.h"
#include "util/translations.h"

#include <QTabWidget>
#include <QTimer>

namespace App {

WindowHost::WindowHost(GuiComposition *composition, Settings::SettingsCenter *settings,
                       Util::Translations *translations, QObject *parent)
    : QObject(parent)
    , m_composition(composition)
    , m_settings(settings)
    , m_translations(translations)
{
    m_translations->apply(m_settings->string(Settings::Keys::Language));
    m_window = build();
    connect(m_settings, &Settings::SettingsCenter::changed, this, [this](const QStringList &keys) {
        if (!keys.contains(QLatin1String(Settings::Keys::Language)) || m_rebuildQueued)
            return;
        // Not inside the change: the Settings dialog that made it is the old window's child
        // and is still on the stack.
        m_rebuildQueued = true;
        QTimer::singleShot(0, this, &WindowHost::rebuild);
    });
}

WindowHost::~WindowHost() = default;

std::unique_ptr<Ui::MainWindow> WindowHost::build()
{
    auto window = std::make_unique<Ui::MainWindow>(m_composition->services());
    m_composition->attach(window.get());
    return window;
}

void WindowHost::rebuild()
{
    m_rebuildQueued = false;
    m_translations->apply(m_settings->string(Settings::Keys::Language));
    const bool visible = m_window->isVisible();
    // The Settings dialog is open again in the new window, on the same page, unless it was
    // just closed with OK.
    const auto *dialog = m_window->findChild<Ui::SettingsDialog *>();
    const bool settingsOpen = dialog && dialog->isVisible();
    const auto *pages = dialog ? dialog->findChild<QTabWidget *>() : nullptr;
    const int page = pages ? pages->currentIndex() : 0;
    m_window->saveViewState();
    std::unique_ptr<Ui::MainWindow> fresh = build();
    // Shown before the old one goes, so the app never has no window (it would quit).
    if (visible)
        fresh->show();
    std::swap(m_window, fresh);
    fresh.reset();
    if (visible && settingsOpen) {
        m_window->settingsAction()->trigger();
        if (auto *reopened = m_window->findChild<Ui::SettingsDialog *>()) {
            if (auto *tabs = reopened->findChild<QTabWidget *>())
                tabs->setCurrentIndex(page);
        }
    }
    Q_EMIT windowReplaced(m_window.get());
}

}  // namespace App
