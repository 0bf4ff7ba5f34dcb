#include "clisettings.h"

#include "config/foldermigration.h"
#include "keyringsecretstore.h"
#include "settings/runtimesettings.h"
#include "settings/settingscenter.h"

#include <QDir>

namespace App {

CliSettings::CliSettings() = default;
CliSettings::~CliSettings() = default;

int CliSettings::prepare(Cli::CliContext &context)
{
    // What 0.1 kept in ~/.local/share/ModelDock/ModelDock moves to the XDG folders first (once).
    for (const QString &note : Config::FolderMigration::run(Config::FolderMigration::pathsFor(context.config)))
        *context.err << "modeldock-cli: " << note << '\n';
    const Settings::SettingsSchema schema = Settings::SettingsSchema::standard(Config::RuntimeConfig::defaults());
    m_center = std::make_unique<Settings::SettingsCenter>(
        schema, QDir(context.config.configDir).filePath(QStringLiteral("settings.sqlite")));
    m_center->setSecretStore(makeSecretStore(context.config.configDir));
    QString error;
    if (!m_center->open(&error)) {
        *context.err << "modeldock-cli: " << error << '\n';
        return Cli::ExitFailed;
    }
    for (const QString &problem : m_center->problems())
        *context.err << "modeldock-cli: " << problem << '\n';
    // A value given for this run that is unusable is a wrong command line, not a reason to
    // fall back silently to the stored setting.
    const QStringList refused = Settings::pinRuntime(m_center.get(), context.config);
    for (const QString &why : refused)
        *context.err << "modeldock-cli: " << why << '\n';
    if (!refused.isEmpty())
        return Cli::ExitUsage;
    context.config = Settings::resolvedRuntime(*m_center, context.config);
    context.pool = Settings::poolOptions(*m_center, context.pool);
    context.settings = m_center.get();
    return -1;
}

}  // namespace App
