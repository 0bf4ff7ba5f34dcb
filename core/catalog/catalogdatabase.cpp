#include "catalogdatabase.h"

#include "util/logging.h"
#include "util/sqlitedb.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace Catalog {

namespace {

// Numbered migrations; entry N takes the schema from version N to N+1. Never edit a shipped
// entry: append a new one.
const char *const kMigrations[][24] = {
    // rows are null-padded
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
    {
        // 3: a sync's outcome survives a restart (last_result holds JSON from now on, and a
        // failure is kept next to the last success); columns, a table and indexes for the
        // catalog view's filters and sorts.
        "ALTER TABLE sources ADD COLUMN last_failure_at INTEGER",
        "ALTER TABLE sources ADD COLUMN last_failure TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE models ADD COLUMN model_type TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE models ADD COLUMN size INTEGER NOT NULL DEFAULT -1",
        "CREATE TABLE model_bases(base TEXT NOT NULL,"
        " model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE, PRIMARY KEY(base, model_id)) WITHOUT "
        "ROWID",
        "CREATE INDEX model_bases_by_model ON model_bases(model_id)",
        // One index per sortable column, carrying the hub and type: a filtered page is read
        // by walking the index and testing those two in it, without visiting skipped rows.
        "DROP INDEX models_by_downloads", "DROP INDEX models_by_likes", "DROP INDEX models_by_last_modified",
        "CREATE INDEX models_by_downloads ON models(downloads DESC, hub, model_type)",
        "CREATE INDEX models_by_likes ON models(likes DESC, hub, model_type)",
        "CREATE INDEX models_by_last_modified ON models(last_modified DESC, hub, model_type)",
        "CREATE INDEX models_by_name ON models(name COLLATE NOCASE, hub, model_type)",
        "CREATE INDEX models_by_size ON models(size, hub, model_type)",
        // Few files are ever downloaded: states are read through this small index only.
        "CREATE INDEX files_touched ON files(variant_id) WHERE local_state != 0",
        "UPDATE models SET size = coalesce((SELECT sum(f.size) FROM variants v JOIN files f ON f.variant_id = v.id"
        " WHERE v.model_id = models.id AND f.size >= 0), -1)",
        // Until a model changes on its hub (and its adapter classifies it), its type and base
        // models come from what the catalog already holds.
        "UPDATE models SET model_type = CASE"
        " WHEN hub = 'civitai' AND kind = 'Checkpoint' THEN 'checkpoint'"
        " WHEN hub = 'civitai' AND kind IN ('LORA', 'LoCon', 'DoRA') THEN 'lora'"
        " WHEN hub = 'hf' AND ' ' || tags || ' ' LIKE '% gguf %' THEN 'gguf'"
        " WHEN hub = 'hf' AND (' ' || tags || ' ' LIKE '% lora %' OR ' ' || tags || ' ' LIKE '% peft %') THEN 'lora'"
        " WHEN hub = 'hf' AND (' ' || tags || ' ' LIKE '% diffusers %' OR ' ' || tags || ' ' LIKE '% stable-diffusion "
        "%')"
        " THEN 'checkpoint'"
        " ELSE '' END",
        "INSERT OR IGNORE INTO model_bases(base, model_id)"
        " WITH RECURSIVE split(id, rest, tag) AS (SELECT id, tags || ' ', '' FROM models WHERE hub = 'hf'"
        " UNION ALL SELECT id, substr(rest, instr(rest, ' ') + 1), substr(rest, 1, instr(rest, ' ') - 1)"
        " FROM split WHERE rest != ''),"
        " named(id, base) AS (SELECT id, substr(tag, 12) FROM split WHERE tag LIKE 'base_model:%')"
        " SELECT CASE WHEN base LIKE 'quantized:%' OR base LIKE 'finetune:%' OR base LIKE 'adapter:%'"
        " OR base LIKE 'merge:%' THEN substr(base, instr(base, ':') + 1) ELSE base END, id FROM named",
        "INSERT OR IGNORE INTO model_bases(base, model_id)"
        " SELECT json_extract(extra, '$.baseModel'), model_id FROM variants"
        " WHERE json_valid(extra) AND coalesce(json_extract(extra, '$.baseModel'), '') != ''",
        // Hugging Face fingerprints now end in "|<sha>": the first sync reads every model once
        // more, which also repairs trees that earlier releases stored with branches missing.
    },
    {
        // 4: what the user has not seen yet. changed_at moves only when a model's content on
        // its hub changed (not on every write, as updated_at does); seen_at is when the user
        // last looked at a source, NULL until its first sync (which sets the baseline, so a
        // first sync does not mark the whole source as new).
        "ALTER TABLE models ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sources ADD COLUMN seen_at INTEGER",
        "UPDATE sources SET seen_at = last_sync_at WHERE last_sync_at IS NOT NULL",
    },
    {
        // 5: what a model file's header says (Insight::FileInsight as JSON), per SHA-256: the
        // same content has the same header, whichever repo, branch or version lists it.
        "CREATE TABLE file_insight(sha256 TEXT PRIMARY KEY, json TEXT NOT NULL, read_at INTEGER NOT NULL)",
    },
};

// Each thread uses its own connection (Util::Sqlite::threadConnection).
const QString kConnectionPrefix = QStringLiteral("modeldock-catalog");

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

}  // namespace

CatalogDatabase::CatalogDatabase(const QString &path)
    : m_path(QFileInfo(path).absoluteFilePath())
{
}

CatalogDatabase::~CatalogDatabase()
{
    Util::Sqlite::dropThreadConnection(kConnectionPrefix, m_path);
}

// The padded rows above as the shared helper takes them.
static const Util::Sqlite::Migrations &migrations()
{
    static const Util::Sqlite::Migrations list = [] {
        Util::Sqlite::Migrations out;
        for (const auto &row : kMigrations) {
            QList<const char *> statements;
            for (const char *statement : row) {
                if (statement)
                    statements.append(statement);
            }
            out.append(statements);
        }
        return out;
    }();
    return list;
}

int CatalogDatabase::currentSchemaVersion()
{
    return int(std::size(kMigrations));
}

QSqlDatabase CatalogDatabase::connectionFor(const QString &path, QString *error)
{
    QString problem;
    QSqlDatabase db = Util::Sqlite::threadConnection(kConnectionPrefix, path, &problem, 10000);
    if (!db.isOpen()) {
        if (error)
            *error = problem;
        return db;
    }
    QString ignored;
    exec(db, QStringLiteral("PRAGMA temp_store=MEMORY"), &ignored);
    return db;
}

QSqlDatabase CatalogDatabase::connection() const
{
    return connectionFor(m_path);
}

bool CatalogDatabase::open(int schemaVersion)
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        m_error =
            QCoreApplication::translate("Catalog::CatalogDatabase", "Cannot create the folder for the catalog %1.")
                .arg(m_path);
        return false;
    }
    QString error;
    QSqlDatabase db = connectionFor(m_path, &error);
    if (!db.isOpen()) {
        m_error = QCoreApplication::translate("Catalog::CatalogDatabase", "Cannot open the catalog %1: %2")
                      .arg(m_path, error);
        return false;
    }
    return migrate(db, schemaVersion < 0 ? currentSchemaVersion() : qMin(schemaVersion, currentSchemaVersion()));
}

int CatalogDatabase::schemaVersion() const
{
    return Util::Sqlite::schemaVersion(connection());
}

bool CatalogDatabase::migrate(QSqlDatabase &db, int target)
{
    return Util::Sqlite::migrate(db, migrations(), target,
                                 QCoreApplication::translate("Catalog::CatalogDatabase", "The catalog %1").arg(m_path),
                                 &m_error);
}

}  // namespace Catalog
