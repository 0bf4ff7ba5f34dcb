#include "cliapplication.h"
#include "clisettings.h"
#include "downloadcommand.h"
#include "downloadcomposition.h"
#include "searchcommand.h"
#include "settingscommand.h"
#include "showcommand.h"
#include "sourcescommand.h"
#include "synccommand.h"
#include "updatecommand.h"
#include "util/allocator.h"
#include "util/englishplurals.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    Util::tuneAllocatorForStreaming();
    QCoreApplication app(argc, argv);
    Util::EnglishPlurals plurals;
    QCoreApplication::installTranslator(&plurals);
    QCoreApplication::setApplicationName(QStringLiteral("ModelDock"));
    QCoreApplication::setOrganizationName(QStringLiteral("ModelDock"));

    App::CliSettings settings;
    Cli::CliApplication cli;
    cli.setPreparer([&settings](Cli::CliContext &context) { return settings.prepare(context); });
    cli.addCommand(std::make_unique<Cli::SettingsCommand>());
    cli.addCommand(std::make_unique<Cli::SyncCommand>());
    cli.addCommand(std::make_unique<Cli::SearchCommand>());
    cli.addCommand(std::make_unique<Cli::ShowCommand>());
    cli.addCommand(std::make_unique<Cli::SourcesCommand>());
    cli.addCommand(std::make_unique<Cli::DownloadCommand>(&App::DownloadComposition::create));
    cli.addCommand(std::make_unique<Cli::UpdateCommand>(&App::DownloadComposition::create));
    cli.addCommand(std::make_unique<Cli::RollbackCommand>());
    cli.addCommand(std::make_unique<Cli::PruneCommand>());
    // Queued: a command may finish before the event loop has started.
    QObject::connect(&cli, &Cli::CliApplication::finished, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    const int immediate = cli.start(QCoreApplication::arguments());
    if (immediate >= 0)
        return immediate;
    return QCoreApplication::exec();
}
