#include "settingscommand.h"

#include "commandline.h"
#include "settings/settingscenter.h"

#include <QCoreApplication>
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
            *context.err << "modeldock-cli: " << QCoreApplication::translate("modeldock-cli", "nothing was changed:\n");
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
        *context.out << QCoreApplication::translate("modeldock-cli",
                                                    "No change: the settings already had these values (version %1).")
                            .arg(result.version)
                     << '\n';
    } else {
        *context.out << QCoreApplication::translate("modeldock-cli", "Settings version %1: changed %2")
                            .arg(result.version)
                            .arg(result.changedKeys.join(QStringLiteral(", ")))
                     << '\n';
    }
    return ExitOk;
}

}  // namespace

QString SettingsCommand::summary() const
{
    return QCoreApplication::translate("modeldock-cli", "show, change, export or roll back settings");
}

QString SettingsCommand::usage() const
{
    return QCoreApplication::translate(
        "modeldock-cli", "Usage: modeldock-cli settings get [KEY]\n"
                         "       modeldock-cli settings set KEY=VALUE [KEY=VALUE…]\n"
                         "       modeldock-cli settings history\n"
                         "       modeldock-cli settings rollback VERSION\n"
                         "       modeldock-cli settings export [--include-secrets] FILE\n"
                         "       modeldock-cli settings import FILE\n\n"
                         "A set of changes is validated as a whole and applied atomically: if any value is\n"
                         "refused, nothing changes. Every applied change gets a version number; rollback\n"
                         "restores an earlier version as a new change. Tokens are never printed.\n"
                         "The desktop app shares these settings and applies a change at once, while it runs.\n"
                         "Options such as --hf-endpoint and variables such as HF_ENDPOINT, HF_HUB_CACHE and\n"
                         "HF_TOKEN win over a stored setting for the run they are given to; `get` shows both.\n");
}

void SettingsCommand::start(CliContext &context, const QStringList &arguments)
{
    Request request;
    request.action = arguments.value(0);
    CommandLine line(QStringLiteral("settings ") + request.action);
    if (request.action == QLatin1String("export"))
        line.addFlag(QStringLiteral("include-secrets"),
                     QCoreApplication::translate("modeldock-cli", "write tokens too (the file is made private)"));
    if (!line.parse(context, arguments.mid(1)))
        return;
    request.operands = line.positional();
    request.includeSecrets = line.isSet(QStringLiteral("include-secrets"));

    if (context.settings) {
        context.finish(run(context, *context.settings, request));
        return;
    }
    // Without a composition root that opened them (tests of the bare command).
    const Settings::SettingsSchema schema = Settings::SettingsSchema::standard(context.config);
    Settings::SettingsCenter center(schema, QDir(context.config.configDir).filePath(QStringLiteral("settings.sqlite")));
    QString error;
    if (!center.open(&error)) {
        *context.err << "modeldock-cli: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    context.finish(run(context, center, request));
}

int SettingsCommand::run(CliContext &context, Settings::SettingsCenter &center, const Request &request)
{
    const QString &action = request.action;
    const QStringList &rest = request.operands;

    if (action == QLatin1String("get")) {
        if (rest.size() > 1) {
            *context.err << usage();
            return ExitUsage;
        }
        // The stored values; a value this run uses instead (an option or an environment
        // variable) is shown beside it.
        QJsonObject values;
        QJsonObject pinned;
        for (const Settings::SettingDefinition &definition : center.schema().definitions()) {
            if (!rest.isEmpty() && definition.key != rest.first())
                continue;
            const QVariant stored = center.storedValue(definition.key);
            const QString shown = definition.display(stored);
            const QString by = center.pinnedBy(definition.key);
            if (context.json) {
                // Secrets, and a password inside a proxy URL, only ever in their redacted form.
                const bool redact = definition.secret || definition.type == Settings::SettingDefinition::Type::Url;
                values.insert(definition.key, redact ? QJsonValue(shown) : QJsonValue::fromVariant(stored));
                if (!by.isEmpty())
                    pinned.insert(definition.key, QJsonObject{{QStringLiteral("value"),
                                                               definition.display(center.value(definition.key))},
                                                              {QStringLiteral("by"), by}});
                continue;
            }
            *context.out << definition.key << " = " << shown << "    # " << definition.shownDescription() << '\n';
            if (!by.isEmpty())
                *context.out << "    "
                             << QCoreApplication::translate("modeldock-cli", "this run uses %1 from %2")
                                    .arg(definition.display(center.value(definition.key)), by)
                             << '\n';
        }
        if (!rest.isEmpty() && !center.schema().find(rest.first())) {
            *context.err
                << "modeldock-cli: "
                << QCoreApplication::translate("modeldock-cli", "there is no setting named \"%1\"").arg(rest.first())
                << '\n';
            return ExitUsage;
        }
        if (context.json)
            printJson(context, {{QStringLiteral("version"), center.version()},
                                {QStringLiteral("values"), values},
                                {QStringLiteral("pinned"), pinned}});
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
                *context.err
                    << "modeldock-cli: "
                    << QCoreApplication::translate("modeldock-cli", "expected KEY=VALUE, got \"%1\"").arg(assignment)
                    << '\n';
                return ExitUsage;
            }
            changes.insert(assignment.left(equals), assignment.mid(equals + 1));
        }
        const int code = reportResult(context, center.apply(changes, Settings::ChangeSource::Cli));
        for (auto it = changes.cbegin(); code == ExitOk && it != changes.cend(); ++it) {
            if (const QString by = center.pinnedBy(it.key()); !by.isEmpty())
                *context.err << "modeldock-cli: "
                             << QCoreApplication::translate("modeldock-cli", "note: %1 overrides %2 for this run")
                                    .arg(by, it.key())
                             << '\n';
        }
        return code;
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
            *context.out << QCoreApplication::translate("modeldock-cli",
                                                        "No changes yet: every setting has its default value.\n");
        return ExitOk;
    }
    if (action == QLatin1String("rollback")) {
        bool ok = false;
        const qint64 version = rest.value(0).toLongLong(&ok);
        if (rest.size() != 1 || !ok) {
            *context.err << "modeldock-cli: "
                         << QCoreApplication::translate("modeldock-cli",
                                                        "rollback needs a version number (see `settings history`)\n");
            return ExitUsage;
        }
        return reportResult(context, center.rollbackTo(version, Settings::ChangeSource::Cli));
    }
    if (action == QLatin1String("export")) {
        const bool includeSecrets = request.includeSecrets;
        if (rest.size() != 1) {
            *context.err << usage();
            return ExitUsage;
        }
        const QString path = rest.first();
        QSaveFile file(path);
        // Tokens inside: only the owner may read the file, even when it replaces one that
        // others could read (QSaveFile would keep that file's permissions). Set before a byte
        // is written, on the temporary file the commit renames into place.
        const bool opened = file.open(QIODevice::WriteOnly) &&
                            (!includeSecrets || file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        if (!opened || file.write(center.exportJson(includeSecrets)) < 0 || !file.commit()) {
            *context.err
                << "modeldock-cli: "
                << QCoreApplication::translate("modeldock-cli", "cannot write %1: %2").arg(path, file.errorString())
                << '\n';
            return ExitFailed;
        }
        if (!context.json)
            *context.out << (includeSecrets
                                 ? QCoreApplication::translate(
                                       "modeldock-cli",
                                       "Exported settings version %1 to %2 (with tokens: keep the file private)")
                                 : QCoreApplication::translate("modeldock-cli", "Exported settings version %1 to %2"))
                                .arg(center.version())
                                .arg(path)
                         << '\n';
        else
            printJson(context, {{QStringLiteral("ok"), true},
                                {QStringLiteral("file"), path},
                                {QStringLiteral("secrets"), includeSecrets}});
        return ExitOk;
    }
    if (action == QLatin1String("import")) {
        if (rest.size() != 1) {
            *context.err << usage();
            return ExitUsage;
        }
        QFile file(rest.first());
        if (!file.open(QIODevice::ReadOnly)) {
            *context.err << "modeldock-cli: "
                         << QCoreApplication::translate("modeldock-cli", "cannot read %1: %2")
                                .arg(rest.first(), file.errorString())
                         << '\n';
            return ExitFailed;
        }
        return reportResult(context, center.importJson(file.readAll(), Settings::ChangeSource::Cli));
    }
    *context.err << usage();
    return ExitUsage;
}

}  // namespace Cli
