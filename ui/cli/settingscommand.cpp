#include "settingscommand.h"

#include "settings/settingscenter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace Cli {

namespace {

void printJson(CliContext &context, const QJsonObject &object)
{
    *context.out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
}

int reportResult(CliContext &context, const Settings::ApplyResult &result)
{
    if (!result.ok) {
        if (context.json) {
            printJson(context, {{QStringLiteral("ok"), false},
                                {QStringLiteral("errors"), QJsonArray::fromStringList(result.errors)}});
        } else {
            *context.err << "modeldock-cli: nothing was changed:\n";
            for (const QString &error : result.errors)
                *context.err << "  " << error << '\n';
        }
        return ExitFailed;
    }
    if (context.json) {
        printJson(context, {{QStringLiteral("ok"), true},
                            {QStringLiteral("version"), result.version},
                            {QStringLiteral("changed"), QJsonArray::fromStringList(result.changedKeys)}});
    } else if (result.changedKeys.isEmpty()) {
        *context.out << "No change: the settings already had these values (version " << result.version << ").\n";
    } else {
        *context.out << "Settings version " << result.version << ": changed "
                     << result.changedKeys.join(QStringLiteral(", ")) << '\n';
    }
    return ExitOk;
}

} // namespace

QString SettingsCommand::summary() const
{
    return QStringLiteral("show, change, export or roll back settings");
}

QString SettingsCommand::usage() const
{
    return QStringLiteral(
        "Usage: modeldock-cli settings get [KEY]\n"
        "       modeldock-cli settings set KEY=VALUE [KEY=VALUE…]\n"
        "       modeldock-cli settings history\n"
        "       modeldock-cli settings rollback VERSION\n"
        "       modeldock-cli settings export FILE [--include-secrets]\n"
        "       modeldock-cli settings import FILE\n\n"
        "A set of changes is validated as a whole and applied atomically: if any value is\n"
        "refused, nothing changes. Every applied change gets a version number; rollback\n"
        "restores an earlier version as a new change. Tokens are never printed.\n");
}

void SettingsCommand::start(CliContext &context, const QStringList &arguments)
{
    const Settings::SettingsSchema schema = Settings::SettingsSchema::standard(context.config);
    Settings::SettingsCenter center(schema, QDir(context.config.dataDir).filePath(QStringLiteral("settings.sqlite")));
    QString error;
    if (!center.open(&error)) {
        *context.err << "modeldock-cli: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    context.finish(run(context, center, arguments));
}

int SettingsCommand::run(CliContext &context, Settings::SettingsCenter &center, const QStringList &arguments)
{
    const QString action = arguments.value(0);
    const QStringList rest = arguments.mid(1);

    if (action == QLatin1String("get")) {
        if (rest.size() > 1) {
            *context.err << usage();
            return ExitUsage;
        }
        QJsonObject values;
        for (const Settings::SettingDefinition &definition : center.schema().definitions()) {
            if (!rest.isEmpty() && definition.key != rest.first())
                continue;
            const QString shown = definition.display(center.value(definition.key));
            if (context.json)
                values.insert(definition.key, definition.secret ? QJsonValue(shown)
                                                                : QJsonValue::fromVariant(center.value(definition.key)));
            else
                *context.out << definition.key << " = " << shown << "    # " << definition.description << '\n';
        }
        if (!rest.isEmpty() && !center.schema().find(rest.first())) {
            *context.err << "modeldock-cli: there is no setting named \"" << rest.first() << "\"\n";
            return ExitUsage;
        }
        if (context.json)
            printJson(context, {{QStringLiteral("version"), center.version()}, {QStringLiteral("values"), values}});
        return ExitOk;
    }
    if (action == QLatin1String("set")) {
        if (rest.isEmpty()) {
            *context.err << usage();
            return ExitUsage;
        }
        QVariantMap changes;
        for (const QString &assignment : rest) {
            const qsizetype equals = assignment.indexOf(QLatin1Char('='));
            if (equals <= 0) {
                *context.err << "modeldock-cli: expected KEY=VALUE, got \"" << assignment << "\"\n";
                return ExitUsage;
            }
            changes.insert(assignment.left(equals), assignment.mid(equals + 1));
        }
        return reportResult(context, center.apply(changes, Settings::ChangeSource::Cli));
    }
    if (action == QLatin1String("history")) {
        const QList<Settings::ChangeRecord> records = center.history();
        for (const Settings::ChangeRecord &record : records) {
            if (context.json) {
                QJsonArray changes;
                for (const Settings::ValueChange &change : record.changes)
                    changes.append(QJsonObject{{QStringLiteral("key"), change.key},
                                               {QStringLiteral("before"), change.before},
                                               {QStringLiteral("after"), change.after}});
                printJson(context, {{QStringLiteral("version"), record.version},
                                    {QStringLiteral("time"), record.time.toString(Qt::ISODate)},
                                    {QStringLiteral("source"), record.source},
                                    {QStringLiteral("changes"), changes}});
                continue;
            }
            *context.out << "version " << record.version << "  " << record.time.toLocalTime().toString(Qt::ISODate)
                         << "  from " << record.source << '\n';
            for (const Settings::ValueChange &change : record.changes)
                *context.out << "    " << change.key << ": " << change.before << " -> " << change.after << '\n';
        }
        if (records.isEmpty() && !context.json)
            *context.out << "No changes yet: every setting has its default value.\n";
        return ExitOk;
    }
    if (action == QLatin1String("rollback")) {
        bool ok = false;
        const qint64 version = rest.value(0).toLongLong(&ok);
        if (rest.size() != 1 || !ok) {
            *context.err << "modeldock-cli: rollback needs a version number (see `settings history`)\n";
            return ExitUsage;
        }
        return reportResult(context, center.rollbackTo(version, Settings::ChangeSource::Cli));
    }
    if (action == QLatin1String("export")) {
        if (rest.isEmpty()) {
            *context.err << usage();
            return ExitUsage;
        }
        QSaveFile file(rest.first());
        if (!file.open(QIODevice::WriteOnly) || file.write(center.exportJson(rest.contains(QLatin1String("--include-secrets")))) < 0
            || !file.commit()) {
            *context.err << "modeldock-cli: cannot write " << rest.first() << ": " << file.errorString() << '\n';
            return ExitFailed;
        }
        if (!context.json)
            *context.out << "Exported settings version " << center.version() << " to " << rest.first() << '\n';
        else
            printJson(context, {{QStringLiteral("ok"), true}, {QStringLiteral("file"), rest.first()}});
        return ExitOk;
    }
    if (action == QLatin1String("import")) {
        if (rest.size() != 1) {
            *context.err << usage();
            return ExitUsage;
        }
        QFile file(rest.first());
        if (!file.open(QIODevice::ReadOnly)) {
            *context.err << "modeldock-cli: cannot read " << rest.first() << ": " << file.errorString() << '\n';
            return ExitFailed;
        }
        return reportResult(context, center.importJson(file.readAll(), Settings::ChangeSource::Import));
    }
    *context.err << usage();
    return ExitUsage;
}

} // namespace Cli
