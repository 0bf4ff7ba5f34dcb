// Util::Sqlite, the one way every SQLite file is opened and migrated: the pragmas, numbered
// migrations each in one transaction, a failed step rolled back alone, a newer file refused,
// and two connections (the app and a CLI command) migrating the same file only once.
#include "util/sqlitedb.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Util;

namespace {
QVariant scalar(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement) || !query.next())
        return {};
    return query.value(0);
}

int tableCount(const QSqlDatabase &db, const QString &name)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"));
    query.addBindValue(name);
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

const Sqlite::Migrations kTwoSteps = {
    {"CREATE TABLE a (id INTEGER PRIMARY KEY)"},
    {"CREATE TABLE b (id INTEGER PRIMARY KEY, a INTEGER REFERENCES a(id))", "INSERT INTO a (id) VALUES (1)"},
};
}  // namespace

class TestSqliteDb : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_connections = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QSqlDatabase open(const QString &file)
    {
        QString error;
        QSqlDatabase db = Sqlite::open(QStringLiteral("test-%1").arg(++m_connections), path(file), &error, 2000);
        [&] { QVERIFY2(db.isOpen(), qPrintable(error)); }();
        return db;
    }

private Q_SLOTS:
    void cleanup()
    {
        for (const QString &name : QSqlDatabase::connectionNames()) {
            QSqlDatabase::database(name, false).close();
            QSqlDatabase::removeDatabase(name);
        }
    }

    void openingSetsWalForeignKeysAndABusyTimeout()
    {
        QSqlDatabase db = open(QStringLiteral("pragmas.sqlite"));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")).toInt(), 1);  // NORMAL
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA busy_timeout")).toInt(), 2000);
    }

    void migrationsRunInOrderAndRecordTheVersion()
    {
        QSqlDatabase db = open(QStringLiteral("order.sqlite"));
        QCOMPARE(Sqlite::schemaVersion(db), 0);
        QString error;
        QVERIFY2(Sqlite::migrate(db, kTwoSteps, 1, QStringLiteral("the test file"), &error), qPrintable(error));
        QCOMPARE(Sqlite::schemaVersion(db), 1);
        QCOMPARE(tableCount(db, QStringLiteral("b")), 0);
        QVERIFY2(Sqlite::migrate(db, kTwoSteps, -1, QStringLiteral("the test file"), &error), qPrintable(error));
        QCOMPARE(Sqlite::schemaVersion(db), 2);
        QCOMPARE(tableCount(db, QStringLiteral("b")), 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM a")).toInt(), 1);
        // Foreign keys hold: a row of b pointing nowhere is refused.
        QSqlQuery orphan(db);
        QVERIFY(!orphan.exec(QStringLiteral("INSERT INTO b (id, a) VALUES (1, 99)")));
    }

    void aFailingStepIsRolledBackAloneAndSaid()
    {
        QSqlDatabase db = open(QStringLiteral("failing.sqlite"));
        const Sqlite::Migrations broken = {
            {"CREATE TABLE a (id INTEGER PRIMARY KEY)"},
            {"CREATE TABLE c (id INTEGER)", "INSERT INTO no_such_table VALUES (1)"},
        };
        QString error;
        QVERIFY(!Sqlite::migrate(db, broken, -1, QStringLiteral("the test file"), &error));
        QVERIFY2(error.contains(QStringLiteral("the test file")) && error.contains(QStringLiteral("schema 2")),
                 qPrintable(error));
        QCOMPARE(Sqlite::schemaVersion(db), 1);            // the first step stays
        QCOMPARE(tableCount(db, QStringLiteral("c")), 0);  // the second left nothing
    }

    void aFileFromANewerModelDockIsRefused()
    {
        QSqlDatabase db = open(QStringLiteral("newer.sqlite"));
        QString error;
        QVERIFY(Sqlite::migrate(db, kTwoSteps, -1, QStringLiteral("the test file"), &error));
        const Sqlite::Migrations older = {kTwoSteps.first()};
        QVERIFY(!Sqlite::migrate(db, older, -1, QStringLiteral("the test file"), &error));
        QVERIFY2(error.contains(QStringLiteral("newer ModelDock")), qPrintable(error));
    }

    void twoConnectionsMigrateTheSameFileOnce()
    {
        QSqlDatabase first = open(QStringLiteral("shared.sqlite"));
        QSqlDatabase second = open(QStringLiteral("shared.sqlite"));
        // Both were opened on a new file; the first migrates, the second then finds every step
        // done and runs none again (the INSERT of step 2 would otherwise fail on its key).
        QCOMPARE(Sqlite::schemaVersion(second), 0);
        QString error;
        QVERIFY2(Sqlite::migrate(first, kTwoSteps, -1, QStringLiteral("the shared file"), &error), qPrintable(error));
        QVERIFY2(Sqlite::migrate(second, kTwoSteps, -1, QStringLiteral("the shared file"), &error), qPrintable(error));
        QCOMPARE(Sqlite::schemaVersion(second), 2);
        QCOMPARE(scalar(second, QStringLiteral("SELECT count(*) FROM a")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSqliteDb)
#include "tst_sqlitedb.moc"
