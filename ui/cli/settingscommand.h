#pragma once

#include "clicommand.h"

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
    int run(CliContext &context, Settings::SettingsCenter &center, const QStringList &arguments);
};

}  // namespace Cli
