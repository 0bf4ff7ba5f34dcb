#include "syncwriter.h"

#include "catalogdatabase.h"
#include "modelwriter.h"
#include "treecodec.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Catalog {

namespace {
QString text(const QString &value)
{
    return ModelWriter::text(value);
}

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}
}  // namespace

ApplyResult SyncWriter::apply(const QString &databasePath, const SyncBatch &batch, const std::atomic_bool *cancelled)
{
    ApplyResult result;
    QSqlDatabase db = CatalogDatabase::connectionFor(databasePath, &result.error);
    if (!db.isOpen())
        return result;
    if (!beginWrite(db, &result.error))
        return result;
    auto fail = [&](const QString &error) {
        db.rollback();
        result.ok = false;
        result.error = QCoreApplication::translate("Catalog::SyncWriter", "The catalog was left unchanged: ") + error;
        qCWarning(lcDb) << "sync batch rolled back:" << error;
        return result;
    };
    QString error;

    // Old membership, to count what the source no longer lists.
    QSet<QString> before;
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT m.key FROM source_models s JOIN models m ON m.id = s.model_id"
                                 " WHERE s.source_id = ?"));
        q.addBindValue(batch.sourceId);
        if (!run(q, &error))
            return fail(error);
        while (q.next())
            before.insert(q.value(0).toString());
    }

    int statsChanged = 0;
    ModelWriter writer(db);
    for (const ModelRecord &m : batch.upserts) {
        const ModelWriter::Outcome written = writer.write(m, &error);
        if (written.id < 0)
            return fail(QStringLiteral("%1: %2").arg(m.key, error));
        if (before.contains(m.key) && !batch.treeOnly.contains(m.key))
            ++result.changed;
        if (written.updateAvailable)
            ++result.updatesAvailable;
    }
    if (!batch.stats.isEmpty()) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE models SET downloads = ?, likes = ? WHERE key = ?"
                                 " AND (downloads != ? OR likes != ?)"));
        for (const SyncBatch::Stats &s : batch.stats) {
            q.addBindValue(s.downloads);
            q.addBindValue(s.likes);
            q.addBindValue(text(s.key));
            q.addBindValue(s.downloads);
            q.addBindValue(s.likes);
            if (!run(q, &error))
                return fail(error);
            statsChanged += q.numRowsAffected() > 0 ? 1 : 0;
        }
    }
    for (const TreeRecord &t : batch.trees) {
        if (!writer.writeTree(t, &error))
            return fail(error);
    }

    if (batch.membersKnown) {
        QSqlQuery clear(db);
        clear.prepare(QStringLiteral("DELETE FROM source_models WHERE source_id = ?"));
        clear.addBindValue(batch.sourceId);
        if (!run(clear, &error))
            return fail(error);
        QSqlQuery add(db);
        add.prepare(QStringLiteral("INSERT OR IGNORE INTO source_models(source_id, model_id, rank)"
                                   " SELECT ?, id, ? FROM models WHERE key = ?"));
        int rank = 0;
        QSet<QString> after;
        for (const QString &key : batch.members) {
            add.addBindValue(batch.sourceId);
            add.addBindValue(rank++);
            add.addBindValue(key);
            if (!run(add, &error))
                return fail(error);
            after.insert(key);
        }
        for (const QString &key : after)
            result.added += before.contains(key) ? 0 : 1;
        for (const QString &key : before)
            result.removed += after.contains(key) ? 0 : 1;

        QSqlQuery pages(db);
        pages.prepare(QStringLiteral("DELETE FROM sync_pages WHERE source_id = ?"));
        pages.addBindValue(batch.sourceId);
        if (!run(pages, &error))
            return fail(error);
        QSqlQuery page(db);
        page.prepare(QStringLiteral("INSERT INTO sync_pages(source_id, page_index, url, etag, body_sha256,"
                                    " next_url, model_keys) VALUES (?,?,?,?,?,?,?)"));
        for (const PageRecord &p : batch.pages) {
            page.addBindValue(batch.sourceId);
            page.addBindValue(p.index);
            page.addBindValue(text(p.url.toString(QUrl::FullyEncoded)));
            page.addBindValue(text(QString::fromLatin1(p.etag)));
            page.addBindValue(text(p.bodySha256));
            page.addBindValue(text(p.next.toString(QUrl::FullyEncoded)));
            page.addBindValue(QJsonDocument(QJsonArray::fromStringList(p.modelKeys)).toJson(QJsonDocument::Compact));
            if (!run(page, &error))
                return fail(error);
        }
        if (result.removed > 0 && !removeOrphans(db))
            return fail(db.lastError().text());
    }

    if ((!batch.upserts.isEmpty() || statsChanged > 0 || result.removed > 0) && !refreshPopularIndex(db, &error))
        return fail(error);

    SyncState outcome = batch.outcome;
    outcome.phase = SyncState::Phase::Synced;
    outcome.at = batch.at;
    outcome.reason.clear();
    outcome.counts.added = result.added;
    outcome.counts.changed = result.changed;
    outcome.counts.removed = result.removed;
    QSqlQuery stamp(db);
    // The first successful sync sets the source's "seen" baseline after every model it wrote:
    // what a source listed from the start is not news; what later syncs add is.
    stamp.prepare(QStringLiteral("UPDATE sources SET last_sync_at = ?, last_result = ?, seen_at = coalesce(seen_at, ?)"
                                 " WHERE id = ?"));
    stamp.addBindValue(batch.at.toMSecsSinceEpoch());
    stamp.addBindValue(QString::fromUtf8(QJsonDocument(outcome.toJson()).toJson(QJsonDocument::Compact)));
    stamp.addBindValue(QDateTime::currentMSecsSinceEpoch());
    stamp.addBindValue(batch.sourceId);
    if (!run(stamp, &error))
        return fail(error);
    if (stamp.numRowsAffected() != 1)
        return fail(QCoreApplication::translate("Catalog::SyncWriter", "the source is gone"));
    if (cancelled && cancelled->load())
        return fail(QCoreApplication::translate("Catalog::SyncWriter", "the source changed while it was syncing"));
    if (!db.commit())
        return fail(db.lastError().text());
    result.ok = true;
    return result;
}

bool SyncWriter::applyDetails(const QString &databasePath, const ModelRecord &model, const QList<TreeRecord> &trees,
                              QString *error)
{
    QSqlDatabase db = CatalogDatabase::connectionFor(databasePath, error);
    if (!db.isOpen() || !beginWrite(db, error))
        return false;
    ModelWriter writer(db);
    bool ok = writer.write(model, error).id >= 0;
    for (const TreeRecord &t : trees)
        ok = ok && writer.writeTree(t, error);
    if (!ok) {
        db.rollback();
        return false;
    }
    return db.commit();
}

// BEGIN IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout
// instead of one failing when it upgrades a read transaction.
bool SyncWriter::beginWrite(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return true;
    *error = q.lastError().text();
    return false;
}

bool SyncWriter::refreshPopularIndex(QSqlDatabase &db, QString *error)
{
    QSqlQuery clear(db);
    clear.prepare(QStringLiteral("DELETE FROM popular_fts"));
    if (!run(clear, error))
        return false;
    QSqlQuery fill(db);
    fill.prepare(
        QStringLiteral("INSERT INTO popular_fts(rowid, name, author, tags, description, model_id)"
                       " SELECT row_number() OVER (ORDER BY downloads DESC, id), name, author, tags, description, id"
                       " FROM models ORDER BY downloads DESC, id LIMIT ?"));
    fill.addBindValue(kPopularModels);
    return run(fill, error);
}

bool SyncWriter::removeOrphans(QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM models WHERE id NOT IN (SELECT model_id FROM source_models)"
                             " AND id NOT IN (SELECT v.model_id FROM variants v JOIN files f ON f.variant_id = v.id"
                             " WHERE f.local_state != 0)"));
    return q.exec();
}

bool SyncWriter::setFileState(QSqlDatabase &db, const QString &modelKey, const QString &variant, const QString &path,
                              LocalState state, QString *error)
{
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("UPDATE files SET local_state = ? WHERE path = ? AND variant_id IN (SELECT v.id FROM variants v"
                       " JOIN models m ON m.id = v.model_id WHERE m.key = ? AND (? = '' OR v.name = ?))"));
    q.addBindValue(int(state));
    q.addBindValue(text(path));
    q.addBindValue(text(modelKey));
    q.addBindValue(text(variant));
    q.addBindValue(text(variant));
    if (!run(q, error))
        return false;
    if (q.numRowsAffected() == 0) {
        *error =
            QCoreApplication::translate("Catalog::SyncWriter", "The catalog has no file %1 in %2.").arg(path, modelKey);
        return false;
    }
    return true;
}

}  // namespace Catalog
