#pragma once

#include "config/runtimeconfig.h"
#include "download/types.h"

#include <QStringList>
#include <QTextStream>

#include <functional>

namespace Settings {
class SettingsCenter;
}

namespace Cli {

// Exit codes shared by every command.
enum ExitCode : int
{
    ExitOk = 0,      // everything asked for was done (every file verified)
    ExitFailed = 1,  // the command ran but something failed (each failure was named)
    ExitUsage = 2,   // the command line was wrong
};

// What a command receives: resolved configuration, output streams and a way to finish.
struct CliContext
{
    // Resolved before a command starts: options > environment > stored settings > defaults.
    Config::RuntimeConfig config;
    Settings::SettingsCenter *settings = nullptr;  // the shared settings, with this run's pins
    Download::PoolOptions pool;                    // download tunables from the settings (options may override)
    bool json = false;                             // one JSON object per line instead of prose
    bool progress = false;  // stderr is a terminal and TERM is not "dumb": progress lines are redrawn there
    bool quiet = false;     // --quiet: only errors, warnings and the results on stdout
    bool verbose = false;   // --verbose: ModelDock's debug log on stderr too
    QTextStream *out = nullptr;
    QTextStream *err = nullptr;
    std::function<void(int)> finish;  // call exactly once, from the event loop
};

// One sub-command (`download`, `sync`, …). Commands are asynchronous: start() returns at
// once and the command calls context.finish(code) when it is done.
class CliCommand
{
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;  // one line for `--help`
    virtual QString usage() const = 0;    // full help for `modeldock-cli help NAME`
    virtual void start(CliContext &context, const QStringList &arguments) = 0;
};

}  // namespace Cli
