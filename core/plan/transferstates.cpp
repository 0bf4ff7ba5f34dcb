#include "plan/transferstates.h"

#include "catalog/catalogdatabase.h"
#include "download/downloadpool.h"
#include "util/logging.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Plan {

namespace {

// The catalog rows a task writes. Hugging Face: the repo (hub id) and the path in it. Other
// hubs: the model key the planner wrote as the repo ("civitai:<id>") and the file's SHA-256, or
// its name when the hub gave none.
constexpr auto kTaskRows =
    " variant_id IN (SELECT v.id FROM variants v JOIN models m ON m.id = v.model_id"
    " WHERE (m.hub = 'hf' AND m.hub_id = :hfrepo) OR (m.hub != 'hf' AND m.key = :key))"
    " AND ((:hf = 1 AND path = :path) OR (:other = 1 AND ((:sha != '' AND lower(sha256) = :sha2) OR path = :name)))";

QString updateSql()
{
    return QStringLiteral("UPDATE files SET local_state = :state WHERE local_state != :was"
                          " AND (:restore = 0 OR local_state IN (1, 2, 4)) AND") +
           QLatin1String(kTaskRows);
}

QString beforeSql()
{
    return QStringLiteral("SELECT local_state FROM files WHERE") + QLatin1String(kTaskRows) + QLatin1String(" LIMIT 1");
}

constexpr auto kModelKey =
    "SELECT key FROM models WHERE (hub = 'hf' AND hub_id = :hfrepo) OR (hub != 'hf' AND key = :key)";

void bindRows(QSqlQuery &q, const Download::FileRequest &request)
{
    const Library::Destination &d = request.destination;
    const bool hf = d.kind == Library::Destination::Kind::HfCache;
    q.bindValue(QStringLiteral(":hfrepo"), d.repoId);
    q.bindValue(QStringLiteral(":key"), d.repoId);
    q.bindValue(QStringLiteral(":hf"), hf ? 1 : 0);
    q.bindValue(QStringLiteral(":other"), hf ? 0 : 1);
    q.bindValue(QStringLiteral(":path"), d.relativePath);
    q.bindValue(QStringLiteral(":sha"), request.expectedSha256.toLower());
    q.bindValue(QStringLiteral(":sha2"), request.expectedSha256.toLower());
    q.bindValue(QStringLiteral(":name"), d.relativePath.section(QLatin1Char('/'), -1));
}

}  // namespace

TransferStates::TransferStates(Download::DownloadPool *pool, Catalog::CatalogDatabase *database, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_database(database)
{
    connect(m_pool, &Download::DownloadPool::tasksChanged, this, &TransferStates::write);
    connect(m_pool, &Download::DownloadPool::taskFinished, this, [this](Download::TaskId id) { write({id}); });
}

void TransferStates::refreshAll()
{
    // Finished and cancelled tasks restored from the history say nothing the disk does not
    // say better (a file verified then may have been deleted since, or downloaded again).
    QList<Download::TaskId> ids;
    for (Download::GroupId group : m_pool->groups()) {
        for (Download::TaskId id : m_pool->tasks(group)) {
            const Download::TaskState state = m_pool->task(id).state;
            if (state != Download::TaskState::Completed && state != Download::TaskState::Cancelled)
                ids << id;
        }
    }
    write(ids);
}

Catalog::LocalState TransferStates::stateFor(Download::TaskState state)
{
    using Download::TaskState;
    switch (state) {
    case TaskState::Queued:
    case TaskState::Paused:
        return Catalog::LocalState::Queued;
    case TaskState::Connecting:
    case TaskState::Downloading:
    case TaskState::Verifying:
        return Catalog::LocalState::Downloading;
    case TaskState::Completed:
        return Catalog::LocalState::Verified;
    case TaskState::Failed:
        return Catalog::LocalState::Failed;
    case TaskState::Cancelled:
        break;
    }
    return Catalog::LocalState::None;
}

void TransferStates::write(const QList<Download::TaskId> &ids)
{
    QSqlDatabase db = m_database->connection();
    std::optional<QSqlQuery> update;
    QSet<QString> changed;
    bool transaction = false;
    for (Download::TaskId id : ids) {
        const Download::TaskSnapshot task = m_pool->task(id);
        if (task.id == 0)
            continue;
        Catalog::LocalState state = stateFor(task.state);
        const auto last = m_written.constFind(id);
        if (last != m_written.cend() && last->state == state)
            continue;
        const Download::FileRequest request = m_pool->request(id);
        const Library::Destination &d = request.destination;
        if (d.repoId.isEmpty() || (d.relativePath.isEmpty() && request.expectedSha256.isEmpty()))
            continue;
        if (!update) {
            transaction = db.transaction();
            update.emplace(db);
            update->prepare(updateSql());
        }
        // A cancelled task asked for again starts a new transfer over the file as it is now.
        const bool first = last == m_written.cend() || last->cancelled;
        Written &written = m_written[id];
        if (first) {
            // What the file was before this task: a cancel puts it back (a verified file
            // asked for again stays verified when the new transfer is cancelled).
            QSqlQuery before(db);
            before.prepare(beforeSql());
            bindRows(before, request);
            if (before.exec() && before.next())
                written.before = Catalog::LocalState(before.value(0).toInt());
        }
        written.state = state;
        const bool restore = task.state == Download::TaskState::Cancelled;
        written.cancelled = restore;
        if (restore)
            state = written.before == Catalog::LocalState::Verified ? Catalog::LocalState::Verified
                                                                    : Catalog::LocalState::None;
        update->bindValue(QStringLiteral(":state"), int(state));
        update->bindValue(QStringLiteral(":was"), int(state));
        update->bindValue(QStringLiteral(":restore"), restore ? 1 : 0);
        bindRows(*update, request);
        if (!update->exec()) {
            qCWarning(lcDb) << "catalog state of a download:" << update->lastError().text();
            continue;
        }
        if (update->numRowsAffected() > 0)
            changed.insert(d.repoId);
    }
    if (transaction && !db.commit())
        qCWarning(lcDb) << "catalog states of downloads:" << db.lastError().text();
    if (changed.isEmpty())
        return;
    QStringList keys;
    QSqlQuery q(db);
    q.prepare(QLatin1String(kModelKey));
    for (const QString &repo : std::as_const(changed)) {
        q.bindValue(QStringLiteral(":hfrepo"), repo);
        q.bindValue(QStringLiteral(":key"), repo);
        if (q.exec() && q.next())
            keys << q.value(0).toString();
    }
    Q_EMIT statesChanged(keys);
}

}  // namespace Plan
