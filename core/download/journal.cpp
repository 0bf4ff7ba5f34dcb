#include "download/journal.h"

#include "util/logging.h"
#include "util/sqlitedb.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Download {

namespace {

QAtomicInt s_connectionCounter;

// Numbered migrations; index + 1 is the schema version each one produces.
const Util::Sqlite::Migrations kMigrations = {
    {"CREATE TABLE groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"},
    {"CREATE TABLE tasks (id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, queue_order INTEGER NOT NULL,"
     " request TEXT NOT NULL, state TEXT NOT NULL, segments TEXT NOT NULL DEFAULT '[]',"
     " validator TEXT NOT NULL DEFAULT '', total INTEGER NOT NULL DEFAULT -1,"
     " attempts INTEGER NOT NULL DEFAULT 0, hash_retries INTEGER NOT NULL DEFAULT 0,"
     " error_kind TEXT NOT NULL DEFAULT '', error_text TEXT NOT NULL DEFAULT '',"
     " final_path TEXT NOT NULL DEFAULT '')"},
    // A task joined by a second group (same destination added twice) belongs to both.
    {"CREATE TABLE group_members (group_id INTEGER NOT NULL, task_id INTEGER NOT NULL,"
     " PRIMARY KEY (group_id, task_id))"},
    // Snapshots of other commits that share a task's blob, linked once it is committed.
    {"ALTER TABLE tasks ADD COLUMN links TEXT NOT NULL DEFAULT '[]'"},
};

// A null QString binds as SQL NULL; the text columns are NOT NULL with '' meaning "none".
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

Net::ErrorKind errorKindFromName(const QString &name)
{
    for (int k = int(Net::ErrorKind::None); k <= int(Net::ErrorKind::Cancelled); ++k) {
        if (Net::errorKindName(Net::ErrorKind(k)) == name)
            return Net::ErrorKind(k);
    }
    return name.isEmpty() ? Net::ErrorKind::None : Net::ErrorKind::DiskError;
}

}  // namespace

Journal::Journal(const QString &databasePath)
    : m_path(databasePath)
    , m_connection(QStringLiteral("modeldock-journal-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1)))
{
}

Journal::~Journal()
{
    m_saveTask.reset();  // statements go before their connection
    m_saveProgress.reset();
    if (QSqlDatabase::contains(m_connection)) {
        database().close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QSqlDatabase Journal::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool Journal::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && database().isOpen();
}

bool Journal::exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    m_error = query.lastError().text();
    qCWarning(lcDb) << "journal query failed:" << m_error;
    return false;
}

bool Journal::open()
{
    QSqlDatabase db = Util::Sqlite::open(m_connection, m_path, &m_error);
    if (!db.isOpen()) {
        m_error = QCoreApplication::translate("Download::Journal", "Could not open the download journal %1: %2")
                      .arg(m_path, m_error);
        return false;
    }
    return Util::Sqlite::migrate(
        db, kMigrations, -1, QCoreApplication::translate("Download::Journal", "The download journal %1").arg(m_path),
        &m_error);
}

int Journal::schemaVersion() const
{
    return Util::Sqlite::schemaVersion(database());
}

bool Journal::addGroup(GroupId id, const QString &name)
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO groups (id, name) VALUES (?, ?)"));
    query.addBindValue(id);
    query.addBindValue(text(name));
    return exec(query);
}

bool Journal::addMember(GroupId group, TaskId task)
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral("INSERT OR IGNORE INTO group_members (group_id, task_id) VALUES (?, ?)"));
    query.addBindValue(group);
    query.addBindValue(task);
    return exec(query);
}

QSqlQuery &Journal::prepared(std::unique_ptr<QSqlQuery> &slot, const char *sql)
{
    // Prepared once per connection: a pack of 500 rows would otherwise parse the same
    // statement 500 times.
    if (!slot) {
        slot = std::make_unique<QSqlQuery>(database());
        slot->prepare(QLatin1String(sql));
    }
    return *slot;
}

bool Journal::saveTask(const TaskRecord &r)
{
    QSqlQuery &query = prepared(
        m_saveTask, "INSERT OR REPLACE INTO tasks (id, group_id, queue_order, request, state, segments, validator,"
                    " total, attempts, hash_retries, error_kind, error_text, final_path, links)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    query.addBindValue(r.id);
    query.addBindValue(r.group);
    query.addBindValue(r.order);
    query.addBindValue(QString::fromUtf8(QJsonDocument(r.request.toJson()).toJson(QJsonDocument::Compact)));
    query.addBindValue(taskStateName(r.state));
    query.addBindValue(QString::fromLatin1(segmentsToJson(r.segments)));
    query.addBindValue(text(r.validator));
    query.addBindValue(r.total);
    query.addBindValue(r.attempts);
    query.addBindValue(r.hashRetries);
    query.addBindValue(text(r.errorKind == Net::ErrorKind::None ? QString() : Net::errorKindName(r.errorKind)));
    query.addBindValue(text(r.errorText));
    query.addBindValue(text(r.finalPath));
    query.addBindValue(QString::fromUtf8(destinationsToJson(r.links)));
    return exec(query);
}

bool Journal::removeTask(TaskId id)
{
    QSqlDatabase db = database();
    begin();
    for (const char *statement : {"DELETE FROM tasks WHERE id = ?", "DELETE FROM group_members WHERE task_id = ?"}) {
        QSqlQuery query(db);
        query.prepare(QLatin1String(statement));
        query.addBindValue(id);
        if (!exec(query))
            return finish(false);
    }
    return finish(true);
}

bool Journal::saveProgress(TaskId id, const QList<Segment> &segments, const QString &validator, qint64 total)
{
    QSqlQuery &query = prepared(m_saveProgress, "UPDATE tasks SET segments = ?, validator = ?, total = ? WHERE id = ?");
    query.addBindValue(QString::fromLatin1(segmentsToJson(segments)));
    query.addBindValue(text(validator));
    query.addBindValue(total);
    query.addBindValue(id);
    return exec(query);
}

bool Journal::saveOrder(const QList<TaskId> &queueOrder)
{
    begin();
    QSqlQuery query(database());
    query.prepare(QStringLiteral("UPDATE tasks SET queue_order = ? WHERE id = ?"));
    for (qsizetype i = 0; i < queueOrder.size(); ++i) {
        query.addBindValue(qint64(i));
        query.addBindValue(queueOrder.at(i));
        if (!exec(query))
            return finish(false);
    }
    return finish(true);
}

bool Journal::pruneHistory(int keepFinishedGroups)
{
    // A group is history once none of its members (primary or joined) is unfinished. The newest
    // keepFinishedGroups of those stay; finished tasks left in no group go with the rest.
    static const char *const statements[] = {
        "WITH members(group_id, task_id) AS (SELECT group_id, id FROM tasks"
        "   UNION SELECT group_id, task_id FROM group_members),"
        " busy(group_id) AS (SELECT m.group_id FROM members m JOIN tasks t ON t.id = m.task_id"
        "   WHERE t.state NOT IN ('completed', 'failed', 'cancelled'))"
        " DELETE FROM groups WHERE id NOT IN (SELECT group_id FROM busy)"
        "   AND id NOT IN (SELECT id FROM groups WHERE id NOT IN (SELECT group_id FROM busy)"
        "                  ORDER BY id DESC LIMIT ?)",
        "DELETE FROM group_members WHERE group_id NOT IN (SELECT id FROM groups)",
        "DELETE FROM tasks WHERE state IN ('completed', 'failed', 'cancelled')"
        " AND group_id NOT IN (SELECT id FROM groups)"
        " AND id NOT IN (SELECT task_id FROM group_members)",
        "DELETE FROM group_members WHERE task_id NOT IN (SELECT id FROM tasks)",
    };
    QSqlDatabase db = database();
    begin();
    for (const char *statement : statements) {
        QSqlQuery query(db);
        query.prepare(QLatin1String(statement));
        if (QByteArray(statement).contains('?'))
            query.addBindValue(qMax(0, keepFinishedGroups));
        if (!exec(query))
            return finish(false);
    }
    return finish(true);
}

bool Journal::highestIds(TaskId *task, GroupId *group)
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral("SELECT (SELECT IFNULL(MAX(id), 0) FROM tasks),"
                                 " MAX((SELECT IFNULL(MAX(id), 0) FROM groups),"
                                 "     (SELECT IFNULL(MAX(group_id), 0) FROM group_members),"
                                 "     (SELECT IFNULL(MAX(group_id), 0) FROM tasks))"));
    if (!exec(query) || !query.next())
        return false;
    *task = query.value(0).toLongLong();
    *group = query.value(1).toLongLong();
    return true;
}

bool Journal::load(QList<GroupRecord> *groups, QList<TaskRecord> *tasks)
{
    QSqlDatabase db = database();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, name FROM groups ORDER BY id"));
    if (!exec(query))
        return false;
    QHash<GroupId, qsizetype> groupIndex;
    while (query.next()) {
        groupIndex.insert(query.value(0).toLongLong(), groups->size());
        groups->append(GroupRecord{query.value(0).toLongLong(), query.value(1).toString(), {}});
    }

    query.prepare(
        QStringLiteral("SELECT id, group_id, queue_order, request, state, segments, validator, total, attempts,"
                       " hash_retries, error_kind, error_text, final_path, links FROM tasks ORDER BY queue_order, id"));
    if (!exec(query))
        return false;
    while (query.next()) {
        TaskRecord r;
        r.id = query.value(0).toLongLong();
        r.group = query.value(1).toLongLong();
        r.order = query.value(2).toLongLong();
        r.request = FileRequest::fromJson(QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object());
        r.state = taskStateFromName(query.value(4).toString());
        r.segments = segmentsFromJson(query.value(5).toString().toLatin1());
        r.validator = query.value(6).toString();
        r.total = query.value(7).toLongLong();
        r.attempts = query.value(8).toInt();
        r.hashRetries = query.value(9).toInt();
        r.errorKind = errorKindFromName(query.value(10).toString());
        r.errorText = query.value(11).toString();
        r.finalPath = query.value(12).toString();
        r.links = destinationsFromJson(query.value(13).toString().toUtf8());
        if (groupIndex.contains(r.group))
            (*groups)[groupIndex.value(r.group)].members.append(r.id);
        tasks->append(r);
    }

    query.prepare(QStringLiteral("SELECT group_id, task_id FROM group_members ORDER BY rowid"));
    if (!exec(query))
        return false;
    while (query.next()) {
        const GroupId group = query.value(0).toLongLong();
        const TaskId task = query.value(1).toLongLong();
        if (groupIndex.contains(group) && !(*groups)[groupIndex.value(group)].members.contains(task))
            (*groups)[groupIndex.value(group)].members.append(task);
    }
    return true;
}

bool Journal::removeGroups(const QList<GroupId> &groups, const QList<TaskId> &tasks)
{
    QSqlDatabase db = database();
    begin();
    const auto removeAll = [&](const QString &sql, const auto &ids) {
        QSqlQuery query(db);
        query.prepare(sql);
        for (const qint64 id : ids) {
            query.addBindValue(id);
            if (!exec(query))
                return false;
        }
        return true;
    };
    if (!removeAll(QStringLiteral("DELETE FROM group_members WHERE group_id = ?"), groups) ||
        !removeAll(QStringLiteral("DELETE FROM groups WHERE id = ?"), groups) ||
        !removeAll(QStringLiteral("DELETE FROM tasks WHERE id = ?"), tasks))
        return finish(false);
    return finish(true);
}

void Journal::begin()
{
    if (!m_inBatch)
        database().transaction();
}

bool Journal::finish(bool ok)
{
    if (m_inBatch) {
        m_batchFailed = m_batchFailed || !ok;
        return ok;
    }
    if (!ok) {
        database().rollback();
        return false;
    }
    return commit();
}

bool Journal::commit()
{
    QSqlDatabase db = database();
    if (db.commit())
        return true;
    m_error = db.lastError().text();
    qCWarning(lcDb) << "journal commit failed:" << m_error;
    db.rollback();
    return false;
}

bool Journal::beginBatch()
{
    if (m_inBatch)
        return false;
    if (!database().transaction()) {
        m_error = database().lastError().text();
        return false;
    }
    m_inBatch = true;
    m_batchFailed = false;
    return true;
}

bool Journal::endBatch()
{
    if (!m_inBatch)
        return false;
    m_inBatch = false;
    if (m_batchFailed) {
        database().rollback();
        return false;
    }
    return commit();
}

void Journal::abortBatch()
{
    if (!m_inBatch)
        return;
    m_inBatch = false;
    database().rollback();
}

}  // namespace Download
