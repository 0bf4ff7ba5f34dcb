#pragma once

#include "settingsschema.h"

#include <QDateTime>
#include <QObject>
#include <QVariantMap>

namespace Settings {

enum class ChangeSource { Gui, Cli, File, Import, Rollback };
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
    QString source;
    QList<ValueChange> changes;
};

struct ApplyResult
{
    bool ok = false;
    qint64 version = 0;          // the version now in force
    QStringList changedKeys;     // empty when the change set changed nothing
    QStringList errors;          // one sentence per refused key, naming the key and rule
    QString errorString() const { return errors.join(QLatin1Char('\n')); }
};

// The only class that reads or writes settings storage. A change is a set of keys validated
// as a whole and applied atomically: all or nothing. Every applied change gets a version
// number and is recorded (time, source, before/after with secrets redacted); any earlier
// version can be restored as a new change. Subscribers listen to changed() and read the
// values they care about; nothing polls.
//
// Storage: SQLite (WAL). `overrides` holds, per version, the values the user set; the
// effective value of a key is its override, else the schema default.
class SettingsCenter : public QObject
{
    Q_OBJECT
public:
    SettingsCenter(SettingsSchema schema, QString databasePath, QObject *parent = nullptr);
    ~SettingsCenter() override;

    bool open(QString *errorString);

    const SettingsSchema &schema() const { return m_schema; }
    QVariant value(const QString &key) const;
    qint64 integer(const char *key) const { return value(QLatin1String(key)).toLongLong(); }
    bool boolean(const char *key) const { return value(QLatin1String(key)).toBool(); }
    QString string(const char *key) const { return value(QLatin1String(key)).toString(); }
    QVariantMap values() const;
    qint64 version() const { return m_version; }

    ApplyResult apply(const QVariantMap &changes, ChangeSource source);
    ApplyResult rollbackTo(qint64 version, ChangeSource source = ChangeSource::Rollback);
    QList<ChangeRecord> history(int limit = 200) const;

    // {"format": "modeldock-settings", "version": N, "values": {key: value}}; secrets are left
    // out unless asked for.
    QByteArray exportJson(bool includeSecrets = false) const;
    ApplyResult importJson(const QByteArray &json, ChangeSource source = ChangeSource::Import);

Q_SIGNALS:
    void changed(const QStringList &keys, qint64 version);

private:
    bool migrate(QString *errorString);
    QVariantMap overridesAt(qint64 version, bool *ok) const;
    bool record(qint64 version, ChangeSource source, const QList<ValueChange> &changes,
                const QVariantMap &overrides, QString *errorString);
    ApplyResult applyOverrides(const QVariantMap &newOverrides, ChangeSource source);
    QVariant effective(const QVariantMap &overrides, const QString &key) const;

    SettingsSchema m_schema;
    QString m_databasePath;
    QString m_connectionName;
    QVariantMap m_overrides;
    qint64 m_version = 0;
};

} // namespace Settings
