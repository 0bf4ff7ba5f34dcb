#include "catalogdatabase.h"

#include "util/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace Catalog {

namespace {

// Numbered migrations; entry N takes the schema from version N to N+1. Never edit a shipped
// entry: append a new one.
const char *const kMigrations[][17] = {  // rows are null-padded
    {
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE sources(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, config TEXT NOT NULL,"
        " created_at INTEGER NOT NULL, last_sync_at INTEGER, last_result TEXT NOT NULL DEFAULT '')",
        "CREATE TABLE models(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, hub TEXT NOT NULL,"
        " hub_id TEXT NOT NULL, name TEXT NOT NULL, author TEXT NOT NULL DEFAULT '',"
        " description TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL DEFAULT '',"
        " downloads INTEGER NOT NULL DEFAULT 0, likes INTEGER NOT NULL DEFAULT 0,"
        " last_modified INTEGER NOT NULL DEFAULT 0, fingerprint TEXT NOT NULL DEFAULT '',"
        " head_commit TEXT NOT NULL DEFAULT '', gated TEXT NOT NULL DEFAULT '', nsfw INTEGER NOT NULL DEFAULT 0,"
        " web_url TEXT NOT NULL DEFAULT '', details INTEGER NOT NULL DEFAULT 0,"
        " details_commit TEXT NOT NULL DEFAULT '', extra TEXT NOT NULL DEFAULT '{}',"
        " first_seen INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
        "CREATE INDEX models_by_downloads ON models(downloads DESC)",
        "CREATE INDEX models_by_likes ON models(likes DESC)",
        "CREATE INDEX models_by_last_modified ON models(last_modified DESC)",
        "CREATE TABLE source_models(source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
        " model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE, rank INTEGER NOT NULL,"
        " PRIMARY KEY(source_id, model_id)) WITHOUT ROWID",
        "CREATE INDEX source_models_by_model ON source_models(model_id)",
        "CREATE TABLE variants(id INTEGER PRIMARY KEY,"
        " model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE, name TEXT NOT NULL,"
        " kind TEXT NOT NULL, revision TEXT NOT NULL DEFAULT '', commit_sha TEXT NOT NULL DEFAULT '',"
        " position INTEGER NOT NULL DEFAULT 0, extra TEXT NOT NULL DEFAULT '{}', UNIQUE(model_id, name))",
        "CREATE TABLE files(id INTEGER PRIMARY KEY,"
        " variant_id INTEGER NOT NULL REFERENCES variants(id) ON DELETE CASCADE, path TEXT NOT NULL,"
        " size INTEGER NOT NULL DEFAULT -1, sha256 TEXT NOT NULL DEFAULT '', oid TEXT NOT NULL DEFAULT '',"
        " url TEXT NOT NULL DEFAULT '', is_primary INTEGER NOT NULL DEFAULT 0,"
        " local_state INTEGER NOT NULL DEFAULT 0, UNIQUE(variant_id, path))",
        "CREATE TABLE sync_pages(source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
        " page_index INTEGER NOT NULL, url TEXT NOT NULL, etag TEXT NOT NULL DEFAULT '',"
        " body_sha256 TEXT NOT NULL DEFAULT '', next_url TEXT NOT NULL DEFAULT '',"
        " model_keys TEXT NOT NULL, PRIMARY KEY(source_id, page_index))",
        "CREATE TABLE trees(repo TEXT NOT NULL, commit_sha TEXT NOT NULL, files TEXT NOT NULL,"
        " fetched_at INTEGER NOT NULL, PRIMARY KEY(repo, commit_sha))",
        "CREATE TABLE live_search(hub TEXT NOT NULL, query TEXT NOT NULL, fetched_at INTEGER NOT NULL,"
        " results TEXT NOT NULL, PRIMARY KEY(hub, query))",
        // External-content FTS5 index kept in step by triggers: search never scans models.
        "CREATE VIRTUAL TABLE models_fts USING fts5(name, author, tags, description,"
        " content='models', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        "CREATE TRIGGER models_fts_insert AFTER INSERT ON models BEGIN"
        " INSERT INTO models_fts(rowid, name, author, tags, description)"
        " VALUES (new.id, new.name, new.author, new.tags, new.description); END",
        "CREATE TRIGGER models_fts_delete AFTER DELETE ON models BEGIN"
        " INSERT INTO models_fts(models_fts, rowid, name, author, tags, description)"
        " VALUES ('delete', old.id, old.name, old.author, old.tags, old.description); END",
        "CREATE TRIGGER models_fts_update AFTER UPDATE OF name, author, tags, description ON models BEGIN"
        " INSERT INTO models_fts(models_fts, rowid, name, author, tags, description)"
        " VALUES ('delete', old.id, old.name, old.author, old.tags, old.description);"
        " INSERT INTO models_fts(rowid, name, author, tags, description)"
        " VALUES (new.id, new.name, new.author, new.tags, new.description); END",
    },
    {
        // 2: prefix indexes for the short prefixes people type ("ll", "q4"), and a small
        // index of the most downloaded models whose rowid is the popularity rank, so a word
        // that matches half the catalog is answered from the top of that index.
        "DROP TRIGGER models_fts_insert",
        "DROP TRIGGER models_fts_delete",
        "DROP TRIGGER models_fts_update",
        "DROP TABLE models_fts",
        "CREATE VIRTUAL TABLE models_fts USING fts5(name, author, tags, description,"
        " content='models', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
        "INSERT INTO models_fts(models_fts) VALUES ('rebuild')",
        "CREATE TRIGGER models_fts_insert AFTER INSERT ON models BEGIN"
        " INSERT INTO models_fts(rowid, name, author, tags, description)"
        " VALUES (new.id, new.name, new.author, new.tags, new.description); END",
        "CREATE TRIGGER models_fts_delete AFTER DELETE ON models BEGIN"
        " INSERT INTO models_fts(models_fts, rowid, name, author, tags, description)"
        " VALUES ('delete', old.id, old.name, old.author, old.tags, old.description); END",
        "CREATE TRIGGER models_fts_update AFTER UPDATE OF name, author, tags, description ON models BEGIN"
        " INSERT INTO models_fts(models_fts, rowid, name, author, tags, description)"
        " VALUES ('delete', old.id, old.name, old.author, old.tags, old.description);"
        " INSERT INTO models_fts(rowid, name, author, tags, description)"
        " VALUES (new.id, new.name, new.author, new.tags, new.description); END",
        "CREATE VIRTUAL TABLE popular_fts USING fts5(name, author, tags, description, model_id UNINDEXED,"
        " tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    },
};

QString connectionName(const QString &path)
{
    return QStringLiteral("modeldock-catalog:%1:%2")
        .arg(path)
        .arg(quintptr(QThread::currentThreadId()), 0, 16);
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace

CatalogDatabase::CatalogDatabase(const QString &path)
    : m_path(QFileInfo(path).absoluteFilePath())
{
}

CatalogDatabase::~CatalogDatabase()
{
    const QString name = connectionName(m_path);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
}

int CatalogDatabase::currentSchemaVersion()
{
    return int(std::size(kMigrations));
}

QSqlDatabase CatalogDatabase::connectionFor(const QString &path, QString *error)
{
    const QString name = connectionName(path);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
        // A thread id can be reused by a new thread; start that name over.
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        if (error)
            *error = db.lastError().text();
        return db;
    }
    QString ignored;
    // WAL: readers never wait for the sync writer. NORMAL sync is crash-safe with WAL.
    exec(db, QStringLiteral("PRAGMA journal_mode=WAL"), &ignored);
    exec(db, QStringLiteral("PRAGMA synchronous=NORMAL"), &ignored);
    exec(db, QStringLiteral("PRAGMA foreign_keys=ON"), &ignored);
    exec(db, QStringLiteral("PRAGMA temp_store=MEMORY"), &ignored);
    return db;
}

QSqlDatabase CatalogDatabase::connection() const
{
    return connectionFor(m_path);
}

bool CatalogDatabase::open()
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        m_error = QStringLiteral("Cannot create the folder for the catalog %1.").arg(m_path);
        return false;
    }
    QString error;
    QSqlDatabase db = connectionFor(m_path, &error);
    if (!db.isOpen()) {
        m_error = QStringLiteral("Cannot open the catalog %1: %2").arg(m_path, error);
        return false;
    }
    return migrate(db);
}

int CatalogDatabase::schemaVersion() const
{
    QSqlQuery q(connection());
    if (q.exec(QStringLiteral("SELECT version FROM schema_version")) && q.next())
        return q.value(0).toInt();
    return 0;
}

bool CatalogDatabase::migrate(QSqlDatabase &db)
{
    QString error;
    if (!exec(db, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)"), &error)) {
        m_error = QStringLiteral("Cannot prepare the catalog schema: ") + error;
        return false;
    }
    int version = schemaVersion();
    if (version > currentSchemaVersion()) {
        m_error = QStringLiteral("The catalog %1 was written by a newer ModelDock (schema %2).")
                      .arg(m_path)
                      .arg(version);
        return false;
    }
    while (version < currentSchemaVersion()) {
        // Each migration and its version bump commit together or not at all.
        db.transaction();
        bool ok = true;
        for (const char *statement : kMigrations[version]) {
            if (statement && !exec(db, QString::fromLatin1(statement), &error)) {
                ok = false;
                break;
            }
        }
        QSqlQuery bump(db);
        if (ok) {
            exec(db, QStringLiteral("DELETE FROM schema_version"), &error);
            bump.prepare(QStringLiteral("INSERT INTO schema_version(version) VALUES (?)"));
            bump.addBindValue(version + 1);
            ok = bump.exec();
            if (!ok)
                error = bump.lastError().text();
        }
        if (!ok) {
            db.rollback();
            m_error = QStringLiteral("Cannot migrate the catalog to schema %1: %2").arg(version + 1).arg(error);
            return false;
        }
        db.commit();
        ++version;
        qCDebug(lcDb) << "catalog schema now at version" << version;
    }
    return true;
}

} // namespace Catalog
