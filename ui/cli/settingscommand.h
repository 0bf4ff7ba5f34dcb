#pragma once

#include "clicommand.h"

#include <QStringList>

namespace Settings {
class SettingsCenter;
}

namespace Cli {

// `modeldock-cli settings get [KEY] | set KEY=VALUE… | history | rollback VERSION |
//  export FILE | import FILE` over the same settings center the desktop app uses.
class SettingsCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("settings"); }
    QString summary() const override;
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;

private:
    // What the command line asked for, read by CommandLine before anything is opened.
    struct Request
    {
        QString action;
        QStringList operands;  // what follows the action, options taken out
        bool includeSecrets = false;
    };
    int run(CliContext &context, Settings::SettingsCenter &center, const Request &request);
};

}  // namespace Cli
