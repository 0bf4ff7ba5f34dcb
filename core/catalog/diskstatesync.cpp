#include "catalog/diskstatesync.h"

#include "catalog/catalogdatabase.h"
#include "catalog/catalogtypes.h"
#include "library/libraryindex.h"
#include "util/logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Catalog {

namespace {

struct Row
{
    qint64 id = 0;
    QString sha256;
    QString oid;
    QString hub;
    QString hubId;
    QString modelKey;
    int state = 0;
};

bool onDisk(const Row &row, const DiskStateSync::OnDisk &disk)
{
    if (row.hub == QLatin1String("hf")) {
        const QSet<QString> blobs = disk.hfBlobs.value(row.hubId);
        return (!row.sha256.isEmpty() && blobs.contains(row.sha256)) || (!row.oid.isEmpty() && blobs.contains(row.oid));
    }
    return !row.sha256.isEmpty() && disk.hashes.contains(row.sha256);
}

constexpr auto kRowColumns = "SELECT f.id, lower(f.sha256), f.oid, m.hub, m.hub_id, m.key, f.local_state FROM files f"
                             " JOIN variants v ON v.id = f.variant_id JOIN models m ON m.id = v.model_id";

void readRows(QSqlQuery &q, QList<Row> *rows)
{
    while (q.next()) {
        *rows << Row{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                     q.value(4).toString(),   q.value(5).toString(), q.value(6).toInt()};
    }
}

}  // namespace

DiskStateSync::DiskStateSync(Library::LibraryIndex *index, CatalogDatabase *database, QObject *parent)
    : QObject(parent)
    , m_index(index)
    , m_database(database)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(100);
    connect(&m_settle, &QTimer::timeout, this, [this] {
        const QStringList keys = refresh();
        if (!keys.isEmpty())
            Q_EMIT statesChanged(keys);
    });
    connect(m_index, &Library::LibraryIndex::changed, &m_settle, qOverload<>(&QTimer::start));
    connect(m_index, &Library::LibraryIndex::scanFinished, &m_settle, qOverload<>(&QTimer::start));
}

QStringList DiskStateSync::refresh()
{
    QString error;
    const QStringList keys = apply(m_database->connection(), {m_index->hfBlobs(), m_index->knownHashes()}, &error);
    if (!error.isEmpty())
        qCWarning(lcDb) << "catalog states from the library index:" << error;
    qCDebug(lcDb) << "catalog states from the library index:" << keys.size() << "models changed";
    return keys;
}

QStringList DiskStateSync::apply(QSqlDatabase db, const OnDisk &disk, QString *error)
{
    const int none = int(LocalState::None);
    const int verified = int(LocalState::Verified);
    const int failed = int(LocalState::Failed);
    QList<Row> rows;
    // Files marked verified (few) and the files of every repo in the cache and every Civitai
    // file whose hash is on disk: nothing else can change.
    QSqlQuery q(db);
    if (q.exec(QLatin1String(kRowColumns) + QStringLiteral(" WHERE f.local_state = %1").arg(verified)))
        readRows(q, &rows);
    q.prepare(QLatin1String(kRowColumns) + QStringLiteral(" WHERE m.hub = 'hf' AND m.hub_id = ?"));
    for (auto it = disk.hfBlobs.cbegin(); it != disk.hfBlobs.cend(); ++it) {
        q.addBindValue(it.key());
        if (q.exec())
            readRows(q, &rows);
    }
    if (!disk.hashes.isEmpty() &&
        q.exec(QLatin1String(kRowColumns) + QStringLiteral(" WHERE m.hub != 'hf' AND f.sha256 != ''"))) {
        QList<Row> civitai;
        readRows(q, &civitai);
        for (const Row &row : std::as_const(civitai)) {
            if (disk.hashes.contains(row.sha256))
                rows << row;
        }
    }
    QSet<QString> changedModels;
    QSet<qint64> seen;
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE files SET local_state = ? WHERE id = ?"));
    const bool transaction = db.transaction();
    for (const Row &row : std::as_const(rows)) {
        if (seen.contains(row.id))
            continue;
        seen.insert(row.id);
        const bool present = onDisk(row, disk);
        int next = row.state;
        if (present && (row.state == none || row.state == failed))
            next = verified;
        else if (!present && row.state == verified && (!row.sha256.isEmpty() || !row.oid.isEmpty()))
            next = none;
        if (next == row.state)
            continue;
        update.addBindValue(next);
        update.addBindValue(row.id);
        if (!update.exec()) {
            *error = update.lastError().text();
            break;
        }
        changedModels.insert(row.modelKey);
    }
    if (transaction && !db.commit())
        *error = db.lastError().text();
    return QStringList(changedModels.cbegin(), changedModels.cend());
}

}  // namespace Catalog
