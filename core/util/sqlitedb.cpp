#include "util/sqlitedb.h"

#include "util/logging.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadStorage>

namespace Util::Sqlite {

namespace {

bool run(QSqlDatabase &db, const QString &statement, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(statement))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

// The names of the connections the thread opened, removed when the thread ends.
struct ThreadConnections
{
    ThreadConnections() = default;
    Q_DISABLE_COPY_MOVE(ThreadConnections)
    QStringList names;
    ~ThreadConnections()
    {
        for (const QString &name : std::as_const(names))
            QSqlDatabase::removeDatabase(name);
    }
};
QThreadStorage<ThreadConnections> t_connections;

QString threadConnectionName(const QString &prefix, const QString &path)
{
    return QStringLiteral("%1:%2:%3").arg(prefix, path).arg(quintptr(QThread::currentThreadId()), 0, 16);
}

}  // namespace

QSqlDatabase threadConnection(const QString &prefix, const QString &path, QString *error, int busyTimeoutMs)
{
    const QString name = threadConnectionName(prefix, path);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
        // A thread id can be reused by a new thread; start that name over.
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    if (!t_connections.localData().names.contains(name))
        t_connections.localData().names << name;
    return open(name, path, error, busyTimeoutMs);
}

void dropThreadConnection(const QString &prefix, const QString &path)
{
    const QString name = threadConnectionName(prefix, path);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
    if (t_connections.hasLocalData())
        t_connections.localData().names.removeAll(name);
}

QSqlDatabase open(const QString &connection, const QString &path, QString *error, int busyTimeoutMs)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
    if (!db.open()) {
        if (error)
            *error = db.lastError().text();
        return db;
    }
    // WAL: readers never wait for a writer; NORMAL sync is crash-safe with WAL (a power cut
    // may lose the last commits, never corrupt the file).
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
        QString ignored;
        if (!run(db, QLatin1String(pragma), &ignored))
            qCWarning(lcDb) << pragma << "failed on" << path << ignored;
    }
    return db;
}

int schemaVersion(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SELECT version FROM schema_version")) && query.next())
        return query.value(0).toInt();
    return 0;
}

bool migrate(QSqlDatabase &db, const Migrations &migrations, int target, const QString &what, QString *error)
{
    const int newest = int(migrations.size());
    target = target < 0 ? newest : qMin(target, newest);
    QString problem;
    if (!run(db, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"), &problem)) {
        if (error)
            *error =
                QCoreApplication::translate("Util::Sqlite", "Cannot prepare the schema of %1: %2").arg(what, problem);
        return false;
    }
    int version = schemaVersion(db);
    if (version > newest) {
        if (error)
            *error = QCoreApplication::translate("Util::Sqlite",
                                                 "%1 was written by a newer ModelDock (schema %2); update ModelDock.")
                         .arg(what)
                         .arg(version);
        return false;
    }
    while (version < target) {
        // BEGIN IMMEDIATE takes the write lock first, so two processes opening the same file
        // (the app and a CLI command) never run one migration twice: the second one waits,
        // reads the version again under the lock and finds the step done.
        if (!run(db, QStringLiteral("BEGIN IMMEDIATE"), &problem)) {
            if (error)
                *error = QCoreApplication::translate("Util::Sqlite", "Cannot migrate %1 to schema %2: %3")
                             .arg(what)
                             .arg(version + 1)
                             .arg(problem);
            return false;
        }
        const int now = schemaVersion(db);
        if (now > version) {
            run(db, QStringLiteral("COMMIT"), &problem);
            version = now;
            continue;
        }
        bool ok = true;
        for (const char *statement : migrations.at(version)) {
            if (!run(db, QLatin1String(statement), &problem)) {
                ok = false;
                break;
            }
        }
        ok = ok && run(db, QStringLiteral("DELETE FROM schema_version"), &problem);
        if (ok) {
            QSqlQuery bump(db);
            bump.prepare(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"));
            bump.addBindValue(version + 1);
            ok = bump.exec();
            if (!ok)
                problem = bump.lastError().text();
        }
        ok = ok && run(db, QStringLiteral("COMMIT"), &problem);
        if (!ok) {
            QString ignored;
            run(db, QStringLiteral("ROLLBACK"), &ignored);
            if (error)
                *error = QCoreApplication::translate("Util::Sqlite", "Cannot migrate %1 to schema %2: %3")
                             .arg(what)
                             .arg(version + 1)
                             .arg(problem);
            return false;
        }
        ++version;
        qCDebug(lcDb) << what << "schema now at version" << version;
    }
    return true;
}

}  // namespace Util::Sqlite
