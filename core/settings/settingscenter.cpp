#include "settingscenter.h"

#include "util/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Settings {

QString sourceName(ChangeSource source)
{
    switch (source) {
    case ChangeSource::Gui: return QStringLiteral("gui");
    case ChangeSource::Cli: return QStringLiteral("cli");
    case ChangeSource::File: return QStringLiteral("file");
    case ChangeSource::Import: return QStringLiteral("import");
    case ChangeSource::Rollback: return QStringLiteral("rollback");
    }
    return QStringLiteral("unknown");
}

namespace {

// Values are stored as JSON so their type survives the round trip.
QString encode(const QVariant &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("v"), QJsonValue::fromVariant(value)}})
                                 .toJson(QJsonDocument::Compact));
}

QVariant decode(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object().value(QLatin1String("v")).toVariant();
}

// Migrations run in order inside one transaction; the index + 1 is the schema version.
const char *const kMigrations[] = {
    "CREATE TABLE versions (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, "
    "source TEXT NOT NULL, changes TEXT NOT NULL)",
    "CREATE TABLE overrides (version INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
    "PRIMARY KEY (version, key))",
};

} // namespace

SettingsCenter::SettingsCenter(SettingsSchema schema, QString databasePath, QObject *parent)
    : QObject(parent)
    , m_schema(std::move(schema))
    , m_databasePath(std::move(databasePath))
    , m_connectionName(QStringLiteral("modeldock-settings-%1").arg(reinterpret_cast<quintptr>(this)))
{
}

SettingsCenter::~SettingsCenter()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool SettingsCenter::open(QString *errorString)
{
    QDir().mkpath(QFileInfo(m_databasePath).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_databasePath);
    if (!db.open()) {
        *errorString = tr("Cannot open the settings database %1: %2").arg(m_databasePath, db.lastError().text());
        return false;
    }
    QSqlQuery pragma(db);
    pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    if (!migrate(errorString))
        return false;

    QSqlQuery latest(db);
    latest.prepare(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM versions"));
    if (!latest.exec() || !latest.next()) {
        *errorString = tr("Cannot read the settings database: %1").arg(latest.lastError().text());
        return false;
    }
    m_version = latest.value(0).toLongLong();
    bool ok = false;
    m_overrides = overridesAt(m_version, &ok);
    if (!ok) {
        *errorString = tr("Cannot read the settings database %1").arg(m_databasePath);
        return false;
    }
    // A stored value that no longer validates (a folder that went away, a range that
    // tightened) falls back to its default rather than leaving the app unusable.
    for (auto it = m_overrides.begin(); it != m_overrides.end();) {
        const SettingDefinition *definition = m_schema.find(it.key());
        QString why;
        if (!definition || !definition->normalize(it.value(), &why).isValid()) {
            qCWarning(lcSettings) << "ignoring stored setting" << it.key() << why;
            it = m_overrides.erase(it);
        } else {
            ++it;
        }
    }
    return true;
}

bool SettingsCenter::migrate(QString *errorString)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
    int current = 0;
    if (query.exec(QStringLiteral("SELECT version FROM schema_version")) && query.next())
        current = query.value(0).toInt();
    const int target = int(std::size(kMigrations));
    if (current >= target)
        return true;
    db.transaction();
    for (int i = current; i < target; ++i) {
        if (!query.exec(QLatin1String(kMigrations[i]))) {
            db.rollback();
            *errorString = tr("Cannot upgrade the settings database: %1").arg(query.lastError().text());
            return false;
        }
    }
    query.exec(QStringLiteral("DELETE FROM schema_version"));
    query.prepare(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"));
    query.addBindValue(target);
    if (!query.exec() || !db.commit()) {
        db.rollback();
        *errorString = tr("Cannot upgrade the settings database: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

QVariantMap SettingsCenter::overridesAt(qint64 version, bool *ok) const
{
    QVariantMap overrides;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT key, value FROM overrides WHERE version = ?"));
    query.addBindValue(version);
    *ok = query.exec();
    while (*ok && query.next())
        overrides.insert(query.value(0).toString(), decode(query.value(1).toString()));
    return overrides;
}

QVariant SettingsCenter::effective(const QVariantMap &overrides, const QString &key) const
{
    const auto it = overrides.constFind(key);
    if (it != overrides.cend())
        return *it;
    const SettingDefinition *definition = m_schema.find(key);
    return definition ? definition->defaultValue : QVariant();
}

QVariant SettingsCenter::value(const QString &key) const
{
    return effective(m_overrides, key);
}

QVariantMap SettingsCenter::values() const
{
    QVariantMap all;
    for (const SettingDefinition &definition : m_schema.definitions())
        all.insert(definition.key, value(definition.key));
    return all;
}

ApplyResult SettingsCenter::apply(const QVariantMap &changes, ChangeSource source)
{
    ApplyResult result;
    result.version = m_version;
    QVariantMap newOverrides = m_overrides;
    // Validate everything first: one bad key refuses the whole change set.
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        const SettingDefinition *definition = m_schema.find(it.key());
        if (!definition) {
            result.errors << tr("%1: there is no such setting").arg(it.key());
            continue;
        }
        QString why;
        const QVariant normalized = definition->normalize(it.value(), &why);
        if (!normalized.isValid()) {
            result.errors << why;
            continue;
        }
        newOverrides.insert(it.key(), normalized);
    }
    if (!result.errors.isEmpty()) {
        qCInfo(lcSettings) << "refused a change from" << sourceName(source) << ":" << result.errors;
        return result;
    }
    return applyOverrides(newOverrides, source);
}

ApplyResult SettingsCenter::applyOverrides(const QVariantMap &newOverrides, ChangeSource source)
{
    ApplyResult result;
    result.version = m_version;
    QList<ValueChange> changes;
    for (const SettingDefinition &definition : m_schema.definitions()) {
        const QVariant before = effective(m_overrides, definition.key);
        const QVariant after = effective(newOverrides, definition.key);
        if (before != after) {
            changes.append({definition.key, definition.display(before), definition.display(after)});
            result.changedKeys << definition.key;
        }
    }
    if (changes.isEmpty()) {
        result.ok = true;  // nothing to do is not an error, and not a new version
        return result;
    }
    QString error;
    if (!record(m_version + 1, source, changes, newOverrides, &error)) {
        result.changedKeys.clear();
        result.errors << error;
        return result;
    }
    m_overrides = newOverrides;
    m_version += 1;
    result.ok = true;
    result.version = m_version;
    qCInfo(lcSettings) << "settings version" << m_version << "from" << sourceName(source) << "changed"
                       << result.changedKeys;
    Q_EMIT changed(result.changedKeys, m_version);
    return result;
}

bool SettingsCenter::record(qint64 version, ChangeSource source, const QList<ValueChange> &changes,
                            const QVariantMap &overrides, QString *errorString)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QJsonArray changeList;
    for (const ValueChange &change : changes)
        changeList.append(QJsonObject{{QStringLiteral("key"), change.key},
                                      {QStringLiteral("before"), change.before},
                                      {QStringLiteral("after"), change.after}});
    if (!db.transaction()) {
        *errorString = tr("Cannot save settings: %1").arg(db.lastError().text());
        return false;
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO versions (version, applied_at, source, changes) VALUES (?, ?, ?, ?)"));
    query.addBindValue(version);
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    query.addBindValue(sourceName(source));
    query.addBindValue(QString::fromUtf8(QJsonDocument(changeList).toJson(QJsonDocument::Compact)));
    bool ok = query.exec();
    query.prepare(QStringLiteral("INSERT INTO overrides (version, key, value) VALUES (?, ?, ?)"));
    for (auto it = overrides.cbegin(); ok && it != overrides.cend(); ++it) {
        query.addBindValue(version);
        query.addBindValue(it.key());
        query.addBindValue(encode(it.value()));
        ok = query.exec();
    }
    if (!ok || !db.commit()) {
        const QString why = query.lastError().text();
        db.rollback();
        *errorString = tr("Cannot save settings: %1").arg(why.isEmpty() ? db.lastError().text() : why);
        return false;
    }
    return true;
}

ApplyResult SettingsCenter::rollbackTo(qint64 version, ChangeSource source)
{
    ApplyResult result;
    result.version = m_version;
    if (version < 0 || version > m_version) {
        result.errors << tr("There is no settings version %1 (the latest is %2)").arg(version).arg(m_version);
        return result;
    }
    bool ok = false;
    QVariantMap target = overridesAt(version, &ok);
    if (!ok) {
        result.errors << tr("Cannot read settings version %1").arg(version);
        return result;
    }
    // Earlier values are re-validated: a folder that is gone now cannot be restored.
    for (auto it = target.begin(); it != target.end(); ++it) {
        const SettingDefinition *definition = m_schema.find(it.key());
        QString why;
        if (!definition) {
            continue;
        }
        const QVariant normalized = definition->normalize(it.value(), &why);
        if (!normalized.isValid())
            result.errors << why;
        else
            it.value() = normalized;
    }
    if (!result.errors.isEmpty())
        return result;
    return applyOverrides(target, source);
}

QList<ChangeRecord> SettingsCenter::history(int limit) const
{
    QList<ChangeRecord> records;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT version, applied_at, source, changes FROM versions ORDER BY version DESC LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec())
        return records;
    while (query.next()) {
        ChangeRecord record;
        record.version = query.value(0).toLongLong();
        record.time = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
        record.source = query.value(2).toString();
        const QJsonArray changes = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).array();
        for (const QJsonValue &change : changes) {
            const QJsonObject object = change.toObject();
            record.changes.append({object.value(QLatin1String("key")).toString(),
                                   object.value(QLatin1String("before")).toString(),
                                   object.value(QLatin1String("after")).toString()});
        }
        records.append(record);
    }
    return records;
}

QByteArray SettingsCenter::exportJson(bool includeSecrets) const
{
    QJsonObject values;
    for (const SettingDefinition &definition : m_schema.definitions()) {
        if (definition.secret && !includeSecrets)
            continue;
        values.insert(definition.key, QJsonValue::fromVariant(value(definition.key)));
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), QStringLiteral("modeldock-settings")},
                                     {QStringLiteral("version"), m_version},
                                     {QStringLiteral("values"), values}})
        .toJson(QJsonDocument::Indented);
}

ApplyResult SettingsCenter::importJson(const QByteArray &json, ChangeSource source)
{
    ApplyResult result;
    result.version = m_version;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        result.errors << tr("The settings file is not valid JSON: %1 (at byte %2)")
                             .arg(parseError.errorString())
                             .arg(parseError.offset);
        return result;
    }
    const QJsonObject root = document.object();
    // Accept both an exported document and a plain {key: value} object.
    const QJsonObject values = root.contains(QLatin1String("values")) ? root.value(QLatin1String("values")).toObject() : root;
    return apply(values.toVariantMap(), source);
}

} // namespace Settings
