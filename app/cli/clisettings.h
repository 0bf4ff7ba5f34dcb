#pragma once

#include "clicommand.h"

#include <memory>

namespace Settings {
class SettingsCenter;
}

namespace App {

// Opens, for one CLI run, the settings the desktop app shares (<config-dir>/settings.sqlite)
// and resolves the run's configuration from them: what the command line and the environment
// set is pinned for this run only (flag > environment > stored setting > default), and
// endpoints, folders, tokens, download tunables, proxy and User-Agent come from the result
// (CliComposition hands the network ones to the process's session). Stored values that no
// longer validate are named on stderr.
class CliSettings
{
public:
    CliSettings();
    ~CliSettings();

    // A Cli::CliApplication::Preparer: -1 to go on, or the exit code.
    int prepare(Cli::CliContext &context);

private:
    std::unique_ptr<Settings::SettingsCenter> m_center;
};

}  // namespace App
