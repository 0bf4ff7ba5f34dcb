#include "settingscenter.h"

#include "filesecretstore.h"
#include "settingsstorage.h"
#include "util/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>

namespace Settings {

QString sourceName(ChangeSource source)
{
    switch (source) {
    case ChangeSource::Gui:
        return QStringLiteral("gui");
    case ChangeSource::Cli:
        return QStringLiteral("cli");
    case ChangeSource::File:
        return QStringLiteral("file");
    case ChangeSource::Import:
        return QStringLiteral("import");
    case ChangeSource::Rollback:
        return QStringLiteral("rollback");
    }
    return QStringLiteral("unknown");
}

SettingsCenter::SettingsCenter(SettingsSchema schema, QString databasePath, QObject *parent)
    : QObject(parent)
    , m_schema(std::move(schema))
    , m_storage(std::make_unique<SettingsStorage>(databasePath))
    , m_secrets(std::make_unique<FileSecretStore>(
          QDir(QFileInfo(databasePath).absolutePath()).filePath(QStringLiteral("tokens"))))
{
    qRegisterMetaType<Settings::ChangeRecord>();
    connect(&m_watch, &QTimer::timeout, this, &SettingsCenter::reloadIfChanged);
}

SettingsCenter::~SettingsCenter() = default;

void SettingsCenter::setSecretStore(std::unique_ptr<SecretStore> store)
{
    if (store)
        m_secrets = std::move(store);
}

QString SettingsCenter::secretLocation() const
{
    return m_secrets->location();
}

QStringList SettingsCenter::secretKeys() const
{
    QStringList keys;
    for (const SettingDefinition &definition : m_schema.definitions()) {
        if (definition.secret)
            keys << definition.key;
    }
    return keys;
}

QVariantMap SettingsCenter::withoutSecrets(QVariantMap values) const
{
    for (const QString &key : secretKeys())
        values.remove(key);
    return values;
}

QVariantMap SettingsCenter::withSecrets(QVariantMap values) const
{
    values = withoutSecrets(std::move(values));
    for (auto it = m_secretValues.cbegin(); it != m_secretValues.cend(); ++it)
        values.insert(it.key(), it.value());
    return values;
}

void SettingsCenter::loadSecrets(const QVariantMap &stored)
{
    const QStringList keys = secretKeys();
    QHash<QString, QString> secrets;
    QString error;
    if (!m_secrets->load(keys, &secrets, &error)) {
        qCWarning(lcSettings).noquote() << error;
        if (!m_problems.contains(error)) {
            m_problems << error;
            Q_EMIT problemFound(error);
        }
        m_secretValues = secrets;
        return;
    }
    // Tokens an earlier version kept in the database move to the store (unless it has newer
    // ones), and only once they are safe there are they erased from the database.
    QHash<QString, QString> moving;
    for (const QString &key : keys) {
        const QString old = stored.value(key).toString();
        if (!old.isEmpty() && !secrets.contains(key))
            moving.insert(key, old);
    }
    bool safe = moving.isEmpty() || m_secrets->save(moving, &error);
    if (safe) {
        secrets.insert(moving);
        if (!moving.isEmpty())
            qCInfo(lcSettings) << "moved" << moving.keys() << "out of the settings database into"
                               << m_secrets->location();
        safe = m_storage->purgeKeys(keys, &error);
    }
    if (!safe) {
        const QString message = tr("The tokens could not be moved out of the settings database: %1").arg(error);
        qCWarning(lcSettings).noquote() << message;
        m_problems << message;
        for (auto it = moving.cbegin(); it != moving.cend(); ++it)
            secrets.insert(it.key(), it.value());
    }
    m_secretValues = secrets;
}

bool SettingsCenter::open(QString *errorString)
{
    if (!m_storage->open(errorString))
        return false;
    const qint64 dataVersion = m_storage->dataVersion();
    bool ok = false;
    const qint64 latest = m_storage->latestVersion(&ok);
    const QVariantMap stored = ok ? m_storage->overridesAt(latest, &ok) : QVariantMap();
    if (!ok) {
        *errorString = tr("Cannot read the settings database %1").arg(m_storage->path());
        return false;
    }
    loadSecrets(stored);
    m_overrides = withSecrets(sanitized(withoutSecrets(stored)));
    m_version = latest;
    m_dataVersion = dataVersion;
    return true;
}

QVariantMap SettingsCenter::sanitized(const QVariantMap &stored)
{
    // A stored value that no longer validates falls back to its default rather than leaving
    // the app unusable, and the user is told which one and why.
    QVariantMap clean;
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        const SettingDefinition *definition = m_schema.find(it.key());
        QString why;
        const QVariant normalized = definition ? definition->normalize(it.value(), &why) : QVariant();
        if (normalized.isValid()) {
            clean.insert(it.key(), normalized);
            continue;
        }
        const QString message =
            definition
                ? tr("The stored setting %1 is no longer valid, so its default is used: %2").arg(it.key(), why)
                : tr("The stored setting %1 is not known to this version of ModelDock and is ignored.").arg(it.key());
        qCWarning(lcSettings).noquote() << message;
        if (!m_problems.contains(message)) {
            m_problems << message;
            Q_EMIT problemFound(message);
        }
    }
    return clean;
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
    const auto pinned = m_pinned.constFind(key);
    return pinned != m_pinned.cend() ? *pinned : effective(m_overrides, key);
}

QVariant SettingsCenter::storedValue(const QString &key) const
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

bool SettingsCenter::pin(const QString &key, const QVariant &value, const QString &by, QString *error)
{
    const SettingDefinition *definition = m_schema.find(key);
    if (!definition) {
        *error = tr("%1: there is no such setting").arg(key);
        return false;
    }
    QString why;
    const QVariant normalized = definition->normalize(value, &why);
    if (!normalized.isValid()) {
        *error = tr("%1 (set by %2)").arg(why, by);
        return false;
    }
    const QVariant before = this->value(key);
    m_pinned.insert(key, normalized);
    m_pinnedBy.insert(key, by);
    if (before != normalized)
        Q_EMIT changed({key}, m_version);
    return true;
}

ApplyResult SettingsCenter::apply(const QVariantMap &changes, ChangeSource source)
{
    return applyLabelled(changes, sourceName(source));
}

ApplyResult SettingsCenter::applyLabelled(const QVariantMap &changes, const QString &source)
{
    ApplyResult result;
    result.version = m_version;
    QVariantMap normalized;
    // Validate everything first: one bad key refuses the whole change set.
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        const SettingDefinition *definition = m_schema.find(it.key());
        if (!definition) {
            result.errors << tr("%1: there is no such setting").arg(it.key());
            continue;
        }
        QString why;
        const QVariant value = definition->normalize(it.value(), &why);
        if (!value.isValid())
            result.errors << why;
        else
            normalized.insert(it.key(), value);
    }
    if (!result.errors.isEmpty()) {
        qCInfo(lcSettings) << "refused a change from" << source << ":" << result.errors;
        return result;
    }
    return store(
        [normalized](const QVariantMap &latest) {
            QVariantMap target = latest;
            target.insert(normalized);
            return target;
        },
        source);
}

ApplyResult SettingsCenter::store(const Build &build, const QString &source)
{
    ApplyResult result;
    result.version = m_version;
    QString error;
    if (!m_storage->begin(&error)) {
        result.errors << tr("Cannot save settings: %1").arg(error);
        return result;
    }
    // Under the write lock: the newest stored version is the base, whoever wrote it.
    const qint64 dataVersion = m_storage->dataVersion();
    bool ok = false;
    const qint64 latest = m_storage->latestVersion(&ok);
    QVariantMap base = m_overrides;
    QList<ChangeRecord> outside;
    if (ok && latest != m_version) {
        base = withSecrets(sanitized(withoutSecrets(m_storage->overridesAt(latest, &ok))));
        outside = m_storage->history(1000, m_version);
        std::reverse(outside.begin(), outside.end());  // oldest first, as they happened
    }
    if (!ok) {
        m_storage->rollback();
        result.errors << tr("Cannot save settings: the settings database %1 cannot be read").arg(m_storage->path());
        return result;
    }
    auto refuse = [&](const QStringList &errors) {
        m_storage->rollback();
        adopt(latest, base, outside, dataVersion);
        result.version = m_version;
        result.errors = errors;
        qCInfo(lcSettings) << "refused a change from" << source << ":" << errors;
        return result;
    };

    const QVariantMap target = build(base);
    const QStringList broken =
        SettingsSchema::checkCombination([&](const char *key) { return effective(target, QLatin1String(key)); });
    if (!broken.isEmpty())
        return refuse(broken);

    ChangeRecord record;
    record.version = latest + 1;
    record.time = QDateTime::currentDateTimeUtc();
    record.source = source;
    QStringList changedKeys;
    for (const SettingDefinition &definition : m_schema.definitions()) {
        const QVariant before = effective(base, definition.key);
        const QVariant after = effective(target, definition.key);
        if (before == after)
            continue;
        record.changes.append({definition.key, definition.display(before), definition.display(after)});
        changedKeys << definition.key;
        // Folders are created only now that the whole change is accepted, so a refused
        // change leaves nothing behind.
        if (definition.type == SettingDefinition::Type::Folder && !after.toString().isEmpty() &&
            !QDir().mkpath(after.toString()))
            return refuse({tr("%1: the folder \"%2\" cannot be created").arg(definition.key, after.toString())});
    }
    if (record.changes.isEmpty()) {
        m_storage->rollback();
        adopt(latest, base, outside, dataVersion);
        result.ok = true;  // nothing to do is not an error, and not a new version
        result.version = m_version;
        return result;
    }
    // Tokens go to the secret store, never into the database (nor its history: redacted).
    QHash<QString, QString> secretChanges;
    for (const QString &key : secretKeys()) {
        const QString after = target.value(key).toString();
        if (after != m_secretValues.value(key))
            secretChanges.insert(key, after);
    }
    if (!secretChanges.isEmpty() && !m_secrets->save(secretChanges, &error))
        return refuse({tr("Cannot save the token: %1").arg(error)});
    for (auto it = secretChanges.cbegin(); it != secretChanges.cend(); ++it) {
        if (it.value().isEmpty())
            m_secretValues.remove(it.key());
        else
            m_secretValues.insert(it.key(), it.value());
    }
    if (!m_storage->insert(record, withoutSecrets(target), &error) || !m_storage->commit(&error))
        return refuse({tr("Cannot save settings: %1").arg(error)});

    outside.append(record);
    adopt(record.version, target, outside, dataVersion);
    result.ok = true;
    result.version = m_version;
    result.changedKeys = changedKeys;
    qCInfo(lcSettings) << "settings version" << m_version << "from" << source << "changed" << changedKeys;
    return result;
}

void SettingsCenter::adopt(qint64 version, const QVariantMap &overrides, QList<ChangeRecord> records,
                           qint64 dataVersion)
{
    m_dataVersion = dataVersion;
    if (version == m_version && overrides == m_overrides)
        return;
    QStringList keys;
    for (const SettingDefinition &definition : m_schema.definitions()) {
        // A pinned key keeps its pinned value whatever is stored.
        if (!m_pinned.contains(definition.key) &&
            effective(m_overrides, definition.key) != effective(overrides, definition.key))
            keys << definition.key;
    }
    m_overrides = overrides;
    m_version = version;
    for (const ChangeRecord &record : std::as_const(records))
        Q_EMIT recorded(record);
    if (!keys.isEmpty())
        Q_EMIT changed(keys, m_version);
}

void SettingsCenter::watchForOutsideChanges(std::chrono::milliseconds interval)
{
    m_watch.start(interval);
}

bool SettingsCenter::reloadIfChanged()
{
    // Read before the versions: a commit landing in between changes it again, so the next
    // check looks once more rather than missing it.
    const qint64 dataVersion = m_storage->dataVersion();
    if (dataVersion < 0 || dataVersion == m_dataVersion)
        return false;
    bool ok = false;
    const qint64 latest = m_storage->latestVersion(&ok);
    if (!ok)
        return false;
    if (latest == m_version) {
        m_dataVersion = dataVersion;
        return false;
    }
    const QVariantMap stored = m_storage->overridesAt(latest, &ok);
    if (!ok)
        return false;
    QList<ChangeRecord> records = latest > m_version ? m_storage->history(1000, m_version) : QList<ChangeRecord>();
    std::reverse(records.begin(), records.end());
    qCInfo(lcSettings) << "settings version" << latest << "was stored by another process";
    // The other process may have changed a token: read the store again.
    QHash<QString, QString> secrets;
    QString error;
    if (m_secrets->load(secretKeys(), &secrets, &error))
        m_secretValues = secrets;
    adopt(latest, withSecrets(sanitized(withoutSecrets(stored))), records, dataVersion);
    return true;
}

ApplyResult SettingsCenter::rollbackTo(qint64 version, ChangeSource source)
{
    reloadIfChanged();
    ApplyResult result;
    result.version = m_version;
    if (version < 0 || version > m_version) {
        result.errors << tr("There is no settings version %1 (the latest is %2)").arg(version).arg(m_version);
        return result;
    }
    bool ok = false;
    QVariantMap target = m_storage->overridesAt(version, &ok);
    if (!ok) {
        result.errors << tr("Cannot read settings version %1").arg(version);
        return result;
    }
    // Earlier values are re-validated: a folder that is gone now cannot be restored.
    for (auto it = target.begin(); it != target.end();) {
        const SettingDefinition *definition = m_schema.find(it.key());
        if (!definition) {
            it = target.erase(it);
            continue;
        }
        QString why;
        const QVariant normalized = definition->normalize(it.value(), &why);
        if (!normalized.isValid())
            result.errors << why;
        else
            it.value() = normalized;
        ++it;
    }
    if (!result.errors.isEmpty())
        return result;
    const QString label = source == ChangeSource::Rollback
                              ? tr("rollback to version %1").arg(version)
                              : tr("%1 (rollback to version %2)").arg(sourceName(source)).arg(version);
    // Tokens are not versioned: a rollback keeps the ones in force.
    const QStringList secrets = secretKeys();
    return store(
        [target, secrets](const QVariantMap &latest) {
            QVariantMap restored = target;
            for (const QString &key : secrets) {
                restored.remove(key);
                if (latest.contains(key))
                    restored.insert(key, latest.value(key));
            }
            return restored;
        },
        label);
}

QList<ChangeRecord> SettingsCenter::history(int limit) const
{
    return m_storage->history(limit);
}

QByteArray SettingsCenter::exportJson(bool includeSecrets) const
{
    QJsonObject values;
    for (const SettingDefinition &definition : m_schema.definitions()) {
        if (definition.secret && !includeSecrets)
            continue;
        QVariant value = storedValue(definition.key);
        if (definition.type == SettingDefinition::Type::Url && !includeSecrets)
            value = QUrl(value.toString()).toString(QUrl::RemovePassword);
        values.insert(definition.key, QJsonValue::fromVariant(value));
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
                             .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                               : tr("not a JSON object"))
                             .arg(parseError.offset);
        return result;
    }
    const QJsonObject root = document.object();
    // Accept both an exported document and a plain {key: value} object.
    const QJsonObject values =
        root.contains(QLatin1String("values")) ? root.value(QLatin1String("values")).toObject() : root;
    // The front end that imported says so; "file" (the watched file) and "import" say it already.
    const QString label = source == ChangeSource::File || source == ChangeSource::Import
                              ? sourceName(source)
                              : tr("%1 (file import)").arg(sourceName(source));
    return applyLabelled(values.toVariantMap(), label);
}

}  // namespace Settings
