#include "cliapplication.h"
#include "clicomposition.h"
#include "config/runtimeconfig.h"
#include "downloadcommand.h"
#include "librarycommand.h"
#include "modelcompletion.h"
#include "searchcommand.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "settingscommand.h"
#include "showcommand.h"
#include "sourcescommand.h"
#include "synccommand.h"
#include "terminationsignals.h"
#include "updatecommand.h"
#include "util/allocator.h"
#include "util/translations.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QThreadPool>

int main(int argc, char *argv[])
{
    Util::tuneAllocatorForStreaming();
    QCoreApplication app(argc, argv);
    // The locale's language from the start (help, usage errors), then the language setting
    // once a command has opened the settings.
    Util::Translations translations;
    translations.apply(QStringLiteral("system"));
    QCoreApplication::setApplicationName(QStringLiteral("ModelDock"));
    QCoreApplication::setOrganizationName(QStringLiteral("ModelDock"));

    // Hidden helper of the shell completions: answered before anything else is built.
    if (argc >= 2 && qstrcmp(argv[1], "__complete-models") == 0) {
        const QStringList arguments = QCoreApplication::arguments();
        QTextStream out(stdout);
        for (const QString &id : App::completeModels(Config::RuntimeConfig::defaults().dataDir, arguments.value(2)))
            out << id << '\n';
        return 0;
    }

    // One composition, and in it one network session, for whichever command runs; it outlives
    // the commands and what they build.
    App::CliComposition composition;
    Cli::CliApplication cli;
    cli.setPreparer([&composition, &translations](Cli::CliContext &context) {
        const int code = composition.prepare(context);
        if (context.settings)
            translations.apply(context.settings->string(Settings::Keys::Language));
        return code;
    });
    cli.addCommand(std::make_unique<Cli::SettingsCommand>());
    cli.addCommand(std::make_unique<Cli::SyncCommand>(composition.catalogFactory()));
    cli.addCommand(std::make_unique<Cli::SearchCommand>(composition.catalogFactory()));
    cli.addCommand(std::make_unique<Cli::ShowCommand>(composition.catalogFactory()));
    cli.addCommand(std::make_unique<Cli::SourcesCommand>(composition.catalogFactory()));
    cli.addCommand(std::make_unique<Cli::DownloadCommand>(composition.downloadFactory()));
    cli.addCommand(std::make_unique<Cli::UpdateCommand>(composition.downloadFactory()));
    cli.addCommand(std::make_unique<Cli::RollbackCommand>());
    cli.addCommand(std::make_unique<Cli::PruneCommand>());
    cli.addCommand(std::make_unique<Cli::LibraryCommand>(composition.catalogFactory(), composition.downloadFactory()));
    // Queued: a command may finish before the event loop has started.
    QObject::connect(&cli, &Cli::CliApplication::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    // Ctrl+C or SIGTERM: the event loop ends (the pool stops its transfers and the journal is
    // written) with 128 + signal, and within a second whatever phase the command was in; the
    // next run of the same command resumes from what is on disk.
    App::handleTerminationSignals(
        &app,
        [](int signal) {
            QTextStream(stderr) << QCoreApplication::translate("modeldock-cli",
                                                               "Interrupted. Run the same command again to resume.\n")
                                << Qt::flush;
            QCoreApplication::exit(128 + signal);
        },
        std::chrono::milliseconds(800));
    int code = cli.start(QCoreApplication::arguments());
    if (code < 0)
        code = QCoreApplication::exec();
    // Worker threads end now, while everything they touch still exists: a pool thread that ended
    // during static destruction removed its SQLite connection from an already destroyed
    // registry (a crash after "Done").
    QThreadPool::globalInstance()->waitForDone();
    return code;
}
