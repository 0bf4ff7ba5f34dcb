#include "desktopapp.h"

#include "activity/activitylog.h"
#include "config/runtimeconfig.h"
#include "guicomposition.h"
#include "mainwindow.h"
#include "settings/bindings.h"
#include "settings/runtimesettings.h"
#include "settings/settingscenter.h"
#include "settings/settingsfilewatcher.h"
#include "singleinstance.h"
#include "terminationsignals.h"
#include "util/allocator.h"
#include "util/englishplurals.h"
#include "util/logging.h"
#include "util/version.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QMessageBox>
#include <QThreadPool>

namespace App {

int runDesktop(int argc, char *argv[], const WindowShown &shown)
{
    Util::tuneAllocatorForStreaming();
    QApplication app(argc, argv);
    Util::EnglishPlurals plurals;
    QApplication::installTranslator(&plurals);
    QApplication::setApplicationName(QStringLiteral("ModelDock"));
    QApplication::setOrganizationName(QStringLiteral("ModelDock"));
    QApplication::setApplicationVersion(Util::applicationVersion());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/modeldock-256.png")));
    // SIGTERM/SIGINT (session logout, `kill`) end the event loop, so everything shuts down
    // through the normal destructors instead of dying mid-write.
    handleTerminationSignals(&app, [](int) { QApplication::quit(); });

    // Flag > environment > stored setting > default: what the environment sets (HF_ENDPOINT,
    // HF_HUB_CACHE, HF_TOKEN…) is pinned for this run and never stored.
    const Config::RuntimeConfig runtime = Config::RuntimeConfig::fromEnvironment();
    // One ModelDock per data folder: a second launch shows the first one's window and exits.
    Ui::SingleInstance instance(runtime.dataDir);
    if (instance.claim() != Ui::SingleInstance::Role::Primary) {
        if (instance.exitCode() != 0)
            qCCritical(lcApp).noquote() << instance.errorString();
        return instance.exitCode();
    }
    Settings::SettingsCenter settings(Settings::SettingsSchema::standard(Config::RuntimeConfig::defaults()),
                                      QDir(runtime.dataDir).filePath(QStringLiteral("settings.sqlite")));
    QString error;
    if (!settings.open(&error)) {
        QMessageBox::critical(nullptr, QObject::tr("ModelDock"), QObject::tr("ModelDock cannot start: %1").arg(error));
        return 1;
    }
    const QStringList unpinned = Settings::pinRuntime(&settings, runtime);
    // A CLI run or another window may change the settings while this one runs.
    settings.watchForOutsideChanges();

    std::unique_ptr<GuiComposition> services = GuiComposition::create(runtime, &settings, &error);
    if (!services) {
        QMessageBox::critical(nullptr, QObject::tr("ModelDock"), QObject::tr("ModelDock cannot start: %1").arg(error));
        return 1;
    }
    Activity::ActivityLog *activity = services->activityLog();
    for (const QString &why : unpinned)
        activity->add(QObject::tr("settings"), QObject::tr("Ignored for this run: %1").arg(why),
                      Activity::Event::Level::Warning);
    // Optional hand-edited settings, applied live; a refused edit goes to the activity log.
    Settings::SettingsFileWatcher settingsFile(&settings,
                                               QDir(runtime.dataDir).filePath(QStringLiteral("modeldock.json")));
    if (!settingsFile.lastRefusal().isEmpty())
        activity->add(QObject::tr("settings file"), settingsFile.lastRefusal(), Activity::Event::Level::Warning);
    Settings::bindActivityLog(&settingsFile, activity);

    Ui::MainWindow window(services->services());
    services->attach(&window);
    window.show();
    QObject::connect(&instance, &Ui::SingleInstance::activationRequested, &window, &Ui::MainWindow::bringToFront);
    if (shown)
        shown(&window, services.get());
    const int code = QApplication::exec();
    // Worker threads end now, while everything they touch still exists: a pool thread that ended
    // during static destruction removed its SQLite connection from an already destroyed
    // registry (a crash after "Done").
    QThreadPool::globalInstance()->waitForDone();
    return code;
}

}  // namespace App
