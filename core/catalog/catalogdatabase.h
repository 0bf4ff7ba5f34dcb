#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Catalog {

// The catalog's SQLite file: opens it, migrates the schema and hands out one named
// connection per thread (a QSqlDatabase may only be used on the thread that opened it).
// Readers run on the caller's thread; a sync applies its batch on a worker thread through its
// own connection, and WAL lets both proceed.
class CatalogDatabase
{
public:
    explicit CatalogDatabase(const QString &path);
    ~CatalogDatabase();
    CatalogDatabase(const CatalogDatabase &) = delete;
    CatalogDatabase &operator=(const CatalogDatabase &) = delete;

    // Creates the file if needed and migrates it to the current schema. Tests build the
    // catalog of an older release by naming its schema version.
    bool open(int schemaVersion = -1);
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }

    // The connection for the calling thread, opened and configured on first use.
    QSqlDatabase connection() const;
    // Same, usable without a CatalogDatabase object (worker threads get only the path).
    static QSqlDatabase connectionFor(const QString &path, QString *error = nullptr);

    static int currentSchemaVersion();
    int schemaVersion() const;

private:
    bool migrate(QSqlDatabase &db, int target);

    QString m_path;
    QString m_error;
};

}  // namespace Catalog
