#include "desktopapp.h"

#include "activity/activitylog.h"
#include "config/foldermigration.h"
#include "config/runtimeconfig.h"
#include "guicomposition.h"
#include "keyringsecretstore.h"
#include "mainwindow.h"
#include "settings/bindings.h"
#include "settings/runtimesettings.h"
#include "settings/settingscenter.h"
#include "settings/settingsfilewatcher.h"
#include "singleinstance.h"
#include "terminationsignals.h"
#include "util/allocator.h"
#include "util/logging.h"
#include "util/translations.h"
#include "util/version.h"
#include "windowhost.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QMessageBox>
#include <QTextStream>
#include <QThreadPool>

#include <optional>
#include <vector>

namespace App {

namespace {
// --help and --version answer on stdout and exit 0 without a window, and so without a display
// (help2man runs them at build time). Other arguments are left to Qt (-platform, -style…).
std::optional<int> answerInformationalOptions(int argc, char *argv[])
{
    bool asked = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        asked = asked || arg == "-h" || arg == "--help" || arg == "-V" || arg == "--version";
    }
    if (!asked)
        return std::nullopt;
    // "Usage: modeldock", not the path it was started by (the man page shows it).
    std::vector<char *> arguments(argv, argv + argc);
    char name[] = "modeldock";
    arguments[0] = name;
    int count = argc;
    QCoreApplication app(count, arguments.data());
    QCoreApplication::setApplicationName(QStringLiteral("modeldock"));
    QCoreApplication::setApplicationVersion(Util::applicationVersion());
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QObject::tr("Browse AI model hubs (Hugging Face, Civitai) and download models.\n\n"
                    "Settings live in $XDG_CONFIG_HOME/modeldock (~/.config/modeldock), the catalog and the\n"
                    "download journal in $XDG_DATA_HOME/modeldock, previews in $XDG_CACHE_HOME/modeldock.\n"
                    "Environment: MODELDOCK_DATA_DIR (one folder for all of them), HF_ENDPOINT, HF_HUB_CACHE,\n"
                    "HF_HOME, HF_TOKEN, CIVITAI_API_TOKEN, MODELDOCK_CIVITAI_ENDPOINT, MODELDOCK_LIBRARY and\n"
                    "MODELDOCK_LIBRARY_LAYOUT apply to this run and win over the stored settings.\n"
                    "modeldock-cli drives the same catalog and downloads from the command line."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QObject::tr("Show these options and exit."));
    const QCommandLineOption version({QStringLiteral("V"), QStringLiteral("version")},
                                     QObject::tr("Show the version and exit."));
    parser.addOption(help);
    parser.addOption(version);
    // Unknown options are Qt's own (-platform, -style, -reverse…): not an error here.
    parser.parse(QCoreApplication::arguments());
    QTextStream out(stdout);
    if (parser.isSet(version))
        out << "modeldock " << Util::applicationVersion() << '\n';
    else
        out << parser.helpText();
    return 0;
}
}  // namespace

int runDesktop(int argc, char *argv[], const WindowShown &shown)
{
    if (const std::optional<int> code = answerInformationalOptions(argc, argv))
        return *code;
    Util::tuneAllocatorForStreaming();
    QApplication app(argc, argv);
    // The locale's language from the start (what is said before the settings are open), then
    // the language setting once they are.
    Util::Translations translations;
    translations.apply(QStringLiteral("system"));
    QApplication::setApplicationName(QStringLiteral("ModelDock"));
    QApplication::setOrganizationName(QStringLiteral("ModelDock"));
    QApplication::setApplicationVersion(Util::applicationVersion());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/modeldock-256.png")));
    // Wayland compositors match the window to the installed desktop entry by this name.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.modeldock.ModelDock"));
    // SIGTERM/SIGINT (session logout, `kill`) end the event loop, so everything shuts down
    // through the normal destructors instead of dying mid-write.
    handleTerminationSignals(&app, [](int) { QApplication::quit(); });

    // Flag > environment > stored setting > default: what the environment sets (HF_ENDPOINT,
    // HF_HUB_CACHE, HF_TOKEN…) is pinned for this run and never stored.
    const Config::RuntimeConfig runtime = Config::RuntimeConfig::fromEnvironment();
    // Before anything opens a file there: what 0.1 kept in ~/.local/share/ModelDock/ModelDock
    // moves to the XDG folders (once; nothing to do later).
    const QStringList moved = Config::FolderMigration::run(Config::FolderMigration::pathsFor(runtime));
    // One ModelDock per data folder: a second launch shows the first one's window and exits.
    Ui::SingleInstance instance(runtime.dataDir);
    if (instance.claim() != Ui::SingleInstance::Role::Primary) {
        if (instance.exitCode() != 0)
            qCCritical(lcApp).noquote() << instance.errorString();
        return instance.exitCode();
    }
    Settings::SettingsCenter settings(Settings::SettingsSchema::standard(Config::RuntimeConfig::defaults()),
                                      QDir(runtime.configDir).filePath(QStringLiteral("settings.sqlite")));
    settings.setSecretStore(makeSecretStore(runtime.configDir));
    QString error;
    if (!settings.open(&error)) {
        QMessageBox::critical(nullptr, QObject::tr("ModelDock"), QObject::tr("ModelDock cannot start: %1").arg(error));
        return 1;
    }
    const QStringList unpinned = Settings::pinRuntime(&settings, runtime);
    // Before anything says a word: the language setting's language (the window follows later
    // changes: WindowHost).
    translations.apply(settings.string(Settings::Keys::Language));
    // A CLI run or another window may change the settings while this one runs.
    settings.watchForOutsideChanges();

    std::unique_ptr<GuiComposition> services = GuiComposition::create(runtime, &settings, &error);
    if (!services) {
        QMessageBox::critical(nullptr, QObject::tr("ModelDock"), QObject::tr("ModelDock cannot start: %1").arg(error));
        return 1;
    }
    Activity::ActivityLog *activity = services->activityLog();
    for (const QString &note : moved)
        activity->add(QObject::tr("folders"), note);
    for (const QString &why : unpinned)
        activity->add(QObject::tr("settings"), QObject::tr("Ignored for this run: %1").arg(why),
                      Activity::Event::Level::Warning);
    // Optional hand-edited settings, applied live; a refused edit goes to the activity log.
    Settings::SettingsFileWatcher settingsFile(&settings,
                                               QDir(runtime.configDir).filePath(QStringLiteral("modeldock.json")));
    if (!settingsFile.lastRefusal().isEmpty())
        activity->add(QObject::tr("settings file"), settingsFile.lastRefusal(), Activity::Event::Level::Warning);
    Settings::bindActivityLog(&settingsFile, activity);

    // The window, in the language setting's language; built again when it changes.
    WindowHost host(services.get(), &settings, &translations);
    host.window()->show();
    QObject::connect(&instance, &Ui::SingleInstance::activationRequested, &host,
                     [&host] { host.window()->bringToFront(); });
    if (shown)
        shown(host.window(), services.get());
    const int code = QApplication::exec();
    // Worker threads end now, while everything they touch still exists: a pool thread that ended
    // during static destruction removed its SQLite connection from an already destroyed
    // registry (a crash after "Done").
    QThreadPool::globalInstance()->waitForDone();
    return code;
}

}  // namespace App
