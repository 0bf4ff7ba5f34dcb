#pragma once

#include "settingscenter.h"

namespace Settings {

// The SQL behind SettingsCenter, and used by nothing else. One SQLite file (WAL) shared by
// every process: the desktop app, CLI runs and other app instances each hold a connection.
//
//   versions  (version PK, applied_at, source, changes JSON)   one row per applied change
//   overrides (version, key, value JSON)                       the stored values of each version
//
// A writer takes the write lock with BEGIN IMMEDIATE before it reads the latest version, so
// two processes can never hand out the same version number.
class SettingsStorage
{
public:
    explicit SettingsStorage(QString path);
    ~SettingsStorage();
    SettingsStorage(const SettingsStorage &) = delete;
    SettingsStorage &operator=(const SettingsStorage &) = delete;

    bool open(QString *errorString);
    QString path() const { return m_path; }

    qint64 latestVersion(bool *ok) const;
    QVariantMap overridesAt(qint64 version, bool *ok) const;
    // Newest first; only versions above `after` when it is not negative.
    QList<ChangeRecord> history(int limit, qint64 after = -1) const;
    // SQLite's counter of commits made by OTHER connections (PRAGMA data_version).
    qint64 dataVersion() const;

    bool begin(QString *errorString);  // BEGIN IMMEDIATE: waits up to the busy timeout
    bool insert(const ChangeRecord &record, const QVariantMap &overrides, QString *errorString);
    bool commit(QString *errorString);
    void rollback();
    // Deletes every stored value of `keys` in every version, overwriting the bytes (SQLite's
    // secure_delete) and emptying the WAL: tokens 0.1 stored here must leave no trace. Does
    // nothing (and writes nothing) when no such value is stored.
    bool purgeKeys(const QStringList &keys, QString *errorString);

private:
    bool restrictToOwner(QString *errorString) const;  // 0600 for the file and its WAL/SHM
    bool exec(const QString &statement, QString *errorString);

    QString m_path;
    QString m_connectionName;
};

}  // namespace Settings
