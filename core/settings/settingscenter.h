#pragma once

#include "settingsschema.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QVariantMap>

#include <chrono>
#include <functional>
#include <memory>

namespace Settings {

class SettingsStorage;
class SecretStore;

enum class ChangeSource
{
    Gui,
    Cli,
    File,
    Import,
    Rollback
};
QString sourceName(ChangeSource source);

struct ValueChange
{
    QString key;
    QString before;  // display form: secrets redacted
    QString after;
};

struct ChangeRecord
{
    qint64 version = 0;
    QDateTime time;
    QString source;  // "gui", "cli", "file", "cli (file import)", "gui (rollback to version 3)"
    QList<ValueChange> changes;
};

struct ApplyResult
{
    bool ok = false;
    qint64 version = 0;       // the version now in force
    QStringList changedKeys;  // empty when the change set changed nothing
    QStringList errors;       // one sentence per refused key, naming the key and rule
    QString errorString() const { return errors.join(QLatin1Char('\n')); }
};

// The only class that reads or writes settings storage. A change is a set of keys validated
// as a whole and applied atomically: all or nothing. Every applied change gets a version
// number and is recorded (time, source, before/after with secrets redacted); any earlier
// version can be restored as a new change. Subscribers listen to changed() and read the
// values they care about; nothing polls.
//
// Several processes share the file (the desktop app and CLI runs): a change takes the write
// lock and numbers itself from the newest stored version, so versions never collide; and
// watchForOutsideChanges() makes a long-running process notice what others stored, apply it
// and announce it like its own changes.
//
// Secret settings (tokens) are not in the database: their values live in a SecretStore (by
// default a private file "tokens" beside the database; the composition roots hand in the
// desktop keyring when one runs), their changes are recorded redacted, and rollback leaves
// them as they are. A token an earlier version stored in the database moves to the store
// when the settings open, and is then erased from the database.
//
// Effective value of a key: a pinned value (command line or environment, this run only),
// else the stored value, else the schema default.
class SettingsCenter : public QObject
{
    Q_OBJECT
public:
    SettingsCenter(SettingsSchema schema, QString databasePath, QObject *parent = nullptr);
    ~SettingsCenter() override;

    // Before open(): where secret settings are kept instead of the default file.
    void setSecretStore(std::unique_ptr<SecretStore> store);
    QString secretLocation() const;
    bool open(QString *errorString);
    // Stored values that no longer validated when they were loaded (a folder that went away,
    // a range that tightened): their default is in force instead. One sentence each.
    QStringList problems() const { return m_problems; }

    const SettingsSchema &schema() const { return m_schema; }
    QVariant value(const QString &key) const;
    qint64 integer(const char *key) const { return value(QLatin1String(key)).toLongLong(); }
    bool boolean(const char *key) const { return value(QLatin1String(key)).toBool(); }
    QString string(const char *key) const { return value(QLatin1String(key)).toString(); }
    QVariantMap values() const;
    qint64 version() const { return m_version; }

    // The stored (or default) value, ignoring pins: what `settings get` and export show.
    QVariant storedValue(const QString &key) const;
    // Overrides `key` for the life of this object without storing anything; `by` names what
    // asked for it ("HF_ENDPOINT", "--hf-cache"). false + *error when the value is invalid.
    bool pin(const QString &key, const QVariant &value, const QString &by, QString *error);
    QString pinnedBy(const QString &key) const { return m_pinnedBy.value(key); }

    ApplyResult apply(const QVariantMap &changes, ChangeSource source);
    ApplyResult rollbackTo(qint64 version, ChangeSource source = ChangeSource::Rollback);
    QList<ChangeRecord> history(int limit = 200) const;

    // {"format": "modeldock-settings", "version": N, "values": {key: value}}; secrets (and
    // passwords inside URLs) are left out unless asked for.
    QByteArray exportJson(bool includeSecrets = false) const;
    ApplyResult importJson(const QByteArray &json, ChangeSource source = ChangeSource::Import);

    // Checks for versions other processes stored every `interval` (SQLite's data_version,
    // so an idle check costs one tiny query).
    void watchForOutsideChanges(std::chrono::milliseconds interval = std::chrono::milliseconds(500));
    // Loads what other processes stored since we last looked; true when something was new.
    bool reloadIfChanged();

Q_SIGNALS:
    // The effective value of `keys` changed (here or in another process); `version` is now in force.
    void changed(const QStringList &keys, qint64 version);
    // A version was stored: by this object, or by another process (seen on reload).
    void recorded(const Settings::ChangeRecord &record);
    // A stored value was set aside because it no longer validates (see problems()).
    void problemFound(const QString &message);

private:
    // Builds the new stored values from the latest stored ones (read under the write lock).
    using Build = std::function<QVariantMap(const QVariantMap &latest)>;
    ApplyResult applyLabelled(const QVariantMap &changes, const QString &source);
    ApplyResult store(const Build &build, const QString &source);
    QVariantMap sanitized(const QVariantMap &stored);
    void adopt(qint64 version, const QVariantMap &overrides, QList<ChangeRecord> records, qint64 dataVersion);
    QVariant effective(const QVariantMap &overrides, const QString &key) const;
    QStringList secretKeys() const;
    QVariantMap withoutSecrets(QVariantMap values) const;
    QVariantMap withSecrets(QVariantMap values) const;
    void loadSecrets(const QVariantMap &stored);

    SettingsSchema m_schema;
    std::unique_ptr<SettingsStorage> m_storage;
    std::unique_ptr<SecretStore> m_secrets;
    QHash<QString, QString> m_secretValues;
    QVariantMap m_overrides;
    QHash<QString, QVariant> m_pinned;
    QHash<QString, QString> m_pinnedBy;
    qint64 m_version = 0;
    qint64 m_dataVersion = -1;
    QStringList m_problems;
    QTimer m_watch;
};

}  // namespace Settings

Q_DECLARE_METATYPE(Settings::ChangeRecord)
