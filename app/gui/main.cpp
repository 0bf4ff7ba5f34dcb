#include "config/runtimeconfig.h"
#include "guicomposition.h"
#include "mainwindow.h"
#include "screenshotdriver.h"
#include "settings/settingscenter.h"
#include "settings/settingsfilewatcher.h"
#include "util/logging.h"
#include "util/version.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QMessageBox>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int g_signalPipe[2] = {-1, -1};

void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[0], &byte, 1);
}

// SIGTERM/SIGINT (session logout, `kill`) end the event loop so everything shuts down
// through the normal destructors instead of dying mid-write.
void quitOnTerminationSignals(QApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QApplication::quit(); });
    struct sigaction action = {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ModelDock"));
    QApplication::setOrganizationName(QStringLiteral("ModelDock"));
    QApplication::setApplicationVersion(Util::applicationVersion());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/modeldock-256.png")));
    quitOnTerminationSignals(app);

    const Config::RuntimeConfig runtime = Config::RuntimeConfig::fromEnvironment();
    Settings::SettingsCenter settings(Settings::SettingsSchema::standard(runtime),
                                      QDir(runtime.dataDir).filePath(QStringLiteral("settings.sqlite")));
    QString error;
    if (!settings.open(&error)) {
        QMessageBox::critical(nullptr, QObject::tr("ModelDock"),
                              QObject::tr("ModelDock cannot start: %1").arg(error));
        return 1;
    }
    // Optional hand-edited settings, applied live.
    Settings::SettingsFileWatcher settingsFile(&settings, QDir(runtime.dataDir).filePath(QStringLiteral("modeldock.json")));
    QObject::connect(&settingsFile, &Settings::SettingsFileWatcher::refused, &settingsFile,
                     [](const QString &message) { qCWarning(lcSettings).noquote() << message; });

    std::unique_ptr<App::GuiComposition> services = App::GuiComposition::create(runtime, &settings, &error);
    if (!services) {
        QMessageBox::critical(nullptr, QObject::tr("ModelDock"),
                              QObject::tr("ModelDock cannot start: %1").arg(error));
        return 1;
    }
    Ui::MainWindow window(services->services());
    window.show();
    App::ScreenshotDriver::startFromEnvironment(&window, services->engine());
    return QApplication::exec();
}
