#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Util {

// The one way ModelDock opens and migrates its SQLite files (catalog, download journal,
// settings): the same pragmas everywhere, numbered migrations, each with its version bump in
// one transaction, and a clear refusal of a file written by a newer ModelDock.
namespace Sqlite {

// Entry N holds the statements that take the schema from version N to N + 1. Never edit a
// shipped entry: append one.
using Migrations = QList<QList<const char *>>;

// Adds `connection` for `path` and opens it with WAL, synchronous=NORMAL, foreign_keys=ON and
// a busy timeout of `busyTimeoutMs` (another connection writing makes this one wait, not fail).
// On failure the returned database is not open and *error says why.
QSqlDatabase open(const QString &connection, const QString &path, QString *error, int busyTimeoutMs = 5000);

// The calling thread's own connection to `path`, named "<prefix>:<path>:<thread>", opened as
// open() does on first use. Stores used from several threads (the catalog, the Xet term ledger)
// take one per thread. It is removed when the thread ends, by QThreadStorage, which runs while
// the thread is still a QThread (a thread_local ran after QThread::wait(), so a pool thread
// joined at exit removed its connection from QtSql's registry while the process was destroying
// it); a new thread that reuses a dead one's id never meets that one's connection.
QSqlDatabase threadConnection(const QString &prefix, const QString &path, QString *error, int busyTimeoutMs = 5000);
// Closes and removes the calling thread's connection to `path` (the store is going away).
void dropThreadConnection(const QString &prefix, const QString &path);

// The version in schema_version; 0 for a new file.
int schemaVersion(const QSqlDatabase &db);

// Brings the schema to `target` (-1: every migration). `what` names the file in sentences
// ("the download journal %1"). False with *error when a migration fails (that migration is
// rolled back; earlier ones stay) or the file is newer than `migrations` knows.
bool migrate(QSqlDatabase &db, const Migrations &migrations, int target, const QString &what, QString *error);

}  // namespace Sqlite

}  // namespace Util
