#include "settingsstorage.h"

#include "util/logging.h"
#include "util/sqlitedb.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace Settings {

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

// Entry N takes the schema from version N to N + 1 (Util::Sqlite::migrate). Append only.
const Util::Sqlite::Migrations kMigrations = {
    {"CREATE TABLE versions (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, "
     "source TEXT NOT NULL, changes TEXT NOT NULL)"},
    {"CREATE TABLE overrides (version INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
     "PRIMARY KEY (version, key))"},
};

QString describe(const QSqlError &error)
{
    const QString text = error.text().trimmed();
    return text.isEmpty() ? QObject::tr("unknown database error") : text;
}

}  // namespace

SettingsStorage::SettingsStorage(QString path)
    : m_path(std::move(path))
{
    static std::atomic<int> counter{0};
    m_connectionName = QStringLiteral("modeldock-settings-%1").arg(++counter);
}

SettingsStorage::~SettingsStorage()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool SettingsStorage::exec(const QString &statement, QString *errorString)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (query.exec(statement))
        return true;
    *errorString = describe(query.lastError());
    return false;
}

bool SettingsStorage::restrictToOwner(QString *errorString) const
{
    // Tokens are stored here. SQLite creates the -wal and -shm files with the database file's
    // permissions, so making (or tightening) the main file first covers all three.
    constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QFile database(m_path);
    if (!database.exists()) {
        if (!database.open(QIODevice::WriteOnly | QIODevice::NewOnly) && !database.exists()) {
            *errorString =
                QObject::tr("Cannot create the settings database %1: %2").arg(m_path, database.errorString());
            return false;
        }
        database.close();
    }
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile file(m_path + suffix);
        // A file this user cannot chmod (someone else's) still works as before; the log says so.
        if (file.exists() && (file.permissions() & ~(ownerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) &&
            !file.setPermissions(ownerOnly))
            qCWarning(lcSettings) << "cannot make" << file.fileName() << "private:" << file.errorString();
    }
    return true;
}

bool SettingsStorage::open(QString *errorString)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    if (!restrictToOwner(errorString))
        return false;
    // Another process may hold the write lock for a moment (a CLI `settings set` while the
    // app runs): Util::Sqlite waits for it rather than failing.
    QString why;
    QSqlDatabase db = Util::Sqlite::open(m_connectionName, m_path, &why);
    if (!db.isOpen()) {
        *errorString = QObject::tr("Cannot open the settings database %1: %2").arg(m_path, why);
        return false;
    }
    if (!Util::Sqlite::migrate(db, kMigrations, -1, QObject::tr("the settings database %1").arg(m_path), &why)) {
        *errorString = why;
        return false;
    }
    return true;
}

qint64 SettingsStorage::latestVersion(bool *ok) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    *ok = query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM versions")) && query.next();
    return *ok ? query.value(0).toLongLong() : 0;
}

QVariantMap SettingsStorage::overridesAt(qint64 version, bool *ok) const
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

qint64 SettingsStorage::dataVersion() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (!query.exec(QStringLiteral("PRAGMA data_version")) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QList<ChangeRecord> SettingsStorage::history(int limit, qint64 after) const
{
    QList<ChangeRecord> records;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT version, applied_at, source, changes FROM versions WHERE version > ? "
                                 "ORDER BY version DESC LIMIT ?"));
    query.addBindValue(after < 0 ? -1 : after);
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

bool SettingsStorage::begin(QString *errorString)
{
    return exec(QStringLiteral("BEGIN IMMEDIATE"), errorString);
}

bool SettingsStorage::insert(const ChangeRecord &record, const QVariantMap &overrides, QString *errorString)
{
    QJsonArray changeList;
    for (const ValueChange &change : record.changes)
        changeList.append(QJsonObject{{QStringLiteral("key"), change.key},
                                      {QStringLiteral("before"), change.before},
                                      {QStringLiteral("after"), change.after}});
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT INTO versions (version, applied_at, source, changes) VALUES (?, ?, ?, ?)"));
    query.addBindValue(record.version);
    query.addBindValue(record.time.toUTC().toString(Qt::ISODateWithMs));
    query.addBindValue(record.source);
    query.addBindValue(QString::fromUtf8(QJsonDocument(changeList).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        // Read the reason now: preparing the next statement would reset it.
        *errorString = describe(query.lastError());
        return false;
    }
    QSqlQuery row(QSqlDatabase::database(m_connectionName));
    row.prepare(QStringLiteral("INSERT INTO overrides (version, key, value) VALUES (?, ?, ?)"));
    for (auto it = overrides.cbegin(); it != overrides.cend(); ++it) {
        row.addBindValue(record.version);
        row.addBindValue(it.key());
        row.addBindValue(encode(it.value()));
        if (!row.exec()) {
            *errorString = describe(row.lastError());
            return false;
        }
    }
    return true;
}

bool SettingsStorage::commit(QString *errorString)
{
    return exec(QStringLiteral("COMMIT"), errorString);
}

bool SettingsStorage::purgeKeys(const QStringList &keys, QString *errorString)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery count(db);
    count.prepare(QStringLiteral("SELECT COUNT(*) FROM overrides WHERE key = ?"));
    qint64 found = 0;
    for (const QString &key : keys) {
        count.addBindValue(key);
        if (count.exec() && count.next())
            found += count.value(0).toLongLong();
    }
    count.finish();
    if (found == 0)
        return true;
    if (!exec(QStringLiteral("PRAGMA secure_delete = ON"), errorString) || !begin(errorString))
        return false;
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM overrides WHERE key = ?"));
    for (const QString &key : keys) {
        remove.addBindValue(key);
        if (!remove.exec()) {
            *errorString = describe(remove.lastError());
            rollback();
            return false;
        }
    }
    if (!commit(errorString))
        return false;
    // The WAL still holds the pages as they were; copy them back and empty it.
    QString ignored;
    exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), &ignored);
    return true;
}

void SettingsStorage::rollback()
{
    QString ignored;
    exec(QStringLiteral("ROLLBACK"), &ignored);
}

}  // namespace Settings
