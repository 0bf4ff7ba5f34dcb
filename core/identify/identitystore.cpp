#include "identitystore.h"

#include "util/sqlitedb.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace Identify {

namespace {

const Util::Sqlite::Migrations kMigrations = {
    {
        // version_id 0: Civitai answered without this hash (re-asked once checked_at is old).
        "CREATE TABLE hashes(sha256 TEXT PRIMARY KEY, version_id INTEGER NOT NULL, checked_at INTEGER NOT NULL)",
        "CREATE TABLE versions(id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL, json TEXT NOT NULL)",
        "CREATE TABLE models(id INTEGER PRIMARY KEY, fields TEXT NOT NULL, newest_version_id INTEGER NOT NULL,"
        " newest_version_name TEXT NOT NULL, checked_at INTEGER NOT NULL)",
    },
};

std::atomic<int> g_connections{0};

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

}  // namespace

IdentityStore::IdentityStore(QString path)
    : m_path(std::move(path))
    , m_connection(QStringLiteral("identities-%1").arg(g_connections.fetch_add(1)))
{
}

IdentityStore::~IdentityStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool IdentityStore::open(QString *error)
{
    QSqlDatabase db = Util::Sqlite::open(m_connection, m_path, error);
    if (!db.isOpen())
        return false;
    return Util::Sqlite::migrate(
        db, kMigrations, -1,
        QCoreApplication::translate("Identify::IdentityStore", "the identities file %1").arg(m_path), error);
}

QHash<QString, IdentityStore::Answer> IdentityStore::answers(const QSet<QString> &sha256) const
{
    QHash<QString, Answer> found;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT version_id, checked_at FROM hashes WHERE sha256 = ?"));
    for (const QString &hash : sha256) {
        q.addBindValue(hash);
        if (q.exec() && q.next())
            found.insert(hash, Answer{q.value(0).toLongLong(), q.value(1).toLongLong()});
    }
    return found;
}

QJsonObject IdentityStore::version(qint64 versionId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT json FROM versions WHERE id = ?"));
    q.addBindValue(versionId);
    if (!q.exec() || !q.next())
        return {};
    return QJsonDocument::fromJson(q.value(0).toByteArray()).object();
}

bool IdentityStore::remember(const QHash<QString, qint64> &answers, const QHash<qint64, QJsonObject> &versions,
                             qint64 now, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    bool ok = q.prepare(QStringLiteral("INSERT OR REPLACE INTO versions(id, model_id, json) VALUES (?, ?, ?)"));
    for (auto it = versions.cbegin(); ok && it != versions.cend(); ++it) {
        q.addBindValue(it.key());
        q.addBindValue(it.value().value(QLatin1String("modelId")).toInteger());
        q.addBindValue(compact(it.value()));
        ok = q.exec();
    }
    ok = ok &&
         q.prepare(QStringLiteral("INSERT OR REPLACE INTO hashes(sha256, version_id, checked_at) VALUES (?, ?, ?)"));
    for (auto it = answers.cbegin(); ok && it != answers.cend(); ++it) {
        q.addBindValue(it.key());
        q.addBindValue(it.value());
        q.addBindValue(now);
        ok = q.exec();
    }
    if (!ok) {
        if (error)
            *error = q.lastError().text();
        db.rollback();
        return false;
    }
    return db.commit();
}

std::optional<IdentityStore::Model> IdentityStore::model(qint64 modelId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT fields, newest_version_id, newest_version_name, checked_at FROM models"
                             " WHERE id = ?"));
    q.addBindValue(modelId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return Model{modelId, QJsonDocument::fromJson(q.value(0).toByteArray()).object(), q.value(1).toLongLong(),
                 q.value(2).toString(), q.value(3).toLongLong()};
}

bool IdentityStore::rememberModel(const Model &model, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO models(id, fields, newest_version_id, newest_version_name,"
                             " checked_at) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(model.id);
    q.addBindValue(compact(model.fields));
    q.addBindValue(model.newestVersionId);
    q.addBindValue(model.newestVersionName);
    q.addBindValue(model.checkedAt);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

}  // namespace Identify
