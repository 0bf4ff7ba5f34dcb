#include "syncwriter.h"

#include "catalogdatabase.h"
#include "treecodec.h"
#include "util/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Catalog {

namespace {
// Qt binds a null QString as SQL NULL; the schema wants empty text instead.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}
} // namespace

qint64 SyncWriter::upsertModel(QSqlDatabase &db, const ModelRecord &m, bool *wasNew,
                               bool *updateAvailable, QString *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery find(db);
    find.prepare(QStringLiteral("SELECT id, head_commit FROM models WHERE key = ?"));
    find.addBindValue(text(m.key));
    if (!run(find, error))
        return -1;
    qint64 id = -1;
    QString oldCommit;
    if (find.next()) {
        id = find.value(0).toLongLong();
        oldCommit = find.value(1).toString();
    }
    *wasNew = id < 0;
    *updateAvailable = false;

    QSqlQuery q(db);
    if (id < 0) {
        q.prepare(QStringLiteral(
            "INSERT INTO models(key, hub, hub_id, name, author, description, tags, kind, downloads, likes,"
            " last_modified, fingerprint, head_commit, gated, nsfw, web_url, details, details_commit, extra,"
            " first_seen, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    } else {
        q.prepare(QStringLiteral(
            "UPDATE models SET key = ?, hub = ?, hub_id = ?, name = ?, author = ?, description = ?, tags = ?,"
            " kind = ?, downloads = ?, likes = ?, last_modified = ?, fingerprint = ?, head_commit = ?,"
            " gated = ?, nsfw = ?, web_url = ?, details = ?, details_commit = ?, extra = ?,"
            " updated_at = ? WHERE id = ?"));
    }
    q.addBindValue(text(m.key));
    q.addBindValue(text(m.hub));
    q.addBindValue(text(m.hubId));
    q.addBindValue(text(m.name));
    q.addBindValue(text(m.author));
    q.addBindValue(text(m.description));
    q.addBindValue(text(m.tags.join(QLatin1Char(' '))));
    q.addBindValue(text(m.kind));
    q.addBindValue(m.downloads);
    q.addBindValue(m.likes);
    q.addBindValue(m.lastModified.isValid() ? m.lastModified.toMSecsSinceEpoch() : 0);
    q.addBindValue(text(m.fingerprint));
    q.addBindValue(text(m.headCommit));
    q.addBindValue(text(m.gated));
    q.addBindValue(m.nsfw ? 1 : 0);
    q.addBindValue(text(m.webUrl.toString(QUrl::FullyEncoded)));
    q.addBindValue(int(m.details));
    q.addBindValue(text(m.detailsCommit));
    q.addBindValue(QJsonDocument(m.extra).toJson(QJsonDocument::Compact));
    if (id < 0)
        q.addBindValue(now);  // first_seen
    q.addBindValue(now);
    if (id >= 0)
        q.addBindValue(id);
    if (!run(q, error))
        return -1;
    if (id < 0)
        return q.lastInsertId().toLongLong();

    if (!oldCommit.isEmpty() && oldCommit != m.headCommit) {
        // The hub has something newer than what was downloaded: say so on every verified file.
        QSqlQuery mark(db);
        mark.prepare(QStringLiteral("UPDATE files SET local_state = ? WHERE local_state = ? AND variant_id IN"
                                    " (SELECT id FROM variants WHERE model_id = ?)"));
        mark.addBindValue(int(LocalState::UpdateAvailable));
        mark.addBindValue(int(LocalState::Verified));
        mark.addBindValue(id);
        if (!run(mark, error))
            return -1;
        *updateAvailable = mark.numRowsAffected() > 0;
    }
    return id;
}

bool SyncWriter::writeVariants(QSqlDatabase &db, qint64 modelId, const ModelRecord &m, QString *error)
{
    if (m.details == DetailLevel::None)
        return true;  // nothing known about files: keep what is stored
    QSqlQuery variant(db);
    variant.prepare(QStringLiteral(
        "INSERT INTO variants(model_id, name, kind, revision, commit_sha, position, extra) VALUES (?,?,?,?,?,?,?)"
        " ON CONFLICT(model_id, name) DO UPDATE SET kind = excluded.kind, revision = excluded.revision,"
        " commit_sha = excluded.commit_sha, position = excluded.position, extra = excluded.extra RETURNING id"));
    QSqlQuery file(db);
    // Upsert keeps local_state: a re-synced file the user downloaded stays downloaded.
    file.prepare(QStringLiteral(
        "INSERT INTO files(variant_id, path, size, sha256, oid, url, is_primary) VALUES (?,?,?,?,?,?,?)"
        " ON CONFLICT(variant_id, path) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256,"
        " oid = excluded.oid, url = excluded.url, is_primary = excluded.is_primary RETURNING id"));
    QList<qint64> variantIds;
    int position = 0;
    for (const VariantRecord &v : m.variants) {
        variant.addBindValue(modelId);
        variant.addBindValue(text(v.name));
        variant.addBindValue(text(v.kind));
        variant.addBindValue(text(v.revision));
        variant.addBindValue(text(v.commit));
        variant.addBindValue(position++);
        variant.addBindValue(QJsonDocument(v.extra).toJson(QJsonDocument::Compact));
        if (!run(variant, error) || !variant.next()) {
            *error = QStringLiteral("variant not stored: ") + *error;
            return false;
        }
        const qint64 variantId = variant.value(0).toLongLong();
        variant.finish();
        variantIds << variantId;
        QList<qint64> fileIds;
        for (const FileRecord &f : v.files) {
            file.addBindValue(variantId);
            file.addBindValue(text(f.path));
            file.addBindValue(f.size);
            file.addBindValue(text(f.sha256));
            file.addBindValue(text(f.oid));
            file.addBindValue(text(f.url.toString(QUrl::FullyEncoded)));
            file.addBindValue(f.primary ? 1 : 0);
            if (!run(file, error) || !file.next())
                return false;
            fileIds << file.value(0).toLongLong();
            file.finish();
        }
        // Files the hub no longer lists in this variant.
        QSqlQuery prune(db);
        prune.prepare(QStringLiteral("SELECT id FROM files WHERE variant_id = ?"));
        prune.addBindValue(variantId);
        if (!run(prune, error))
            return false;
        const QSet<qint64> keep(fileIds.cbegin(), fileIds.cend());
        QList<qint64> drop;
        while (prune.next()) {
            if (!keep.contains(prune.value(0).toLongLong()))
                drop << prune.value(0).toLongLong();
        }
        for (qint64 id : drop) {
            QSqlQuery del(db);
            del.prepare(QStringLiteral("DELETE FROM files WHERE id = ?"));
            del.addBindValue(id);
            if (!run(del, error))
                return false;
        }
    }
    QSqlQuery old(db);
    old.prepare(QStringLiteral("SELECT id FROM variants WHERE model_id = ?"));
    old.addBindValue(modelId);
    if (!run(old, error))
        return false;
    const QSet<qint64> keep(variantIds.cbegin(), variantIds.cend());
    QList<qint64> drop;
    while (old.next()) {
        if (!keep.contains(old.value(0).toLongLong()))
            drop << old.value(0).toLongLong();
    }
    for (qint64 id : drop) {
        QSqlQuery del(db);
        del.prepare(QStringLiteral("DELETE FROM variants WHERE id = ?"));
        del.addBindValue(id);
        if (!run(del, error))
            return false;
    }
    return true;
}

bool SyncWriter::writeTree(QSqlDatabase &db, const TreeRecord &tree, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO trees(repo, commit_sha, files, fetched_at) VALUES (?,?,?,?)"));
    q.addBindValue(text(tree.repo));
    q.addBindValue(text(tree.commit));
    q.addBindValue(TreeCodec::encode(tree.files));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return run(q, error);
}

ApplyResult SyncWriter::apply(const QString &databasePath, const SyncBatch &batch)
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
        result.error = QStringLiteral("The catalog was left unchanged: ") + error;
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

    for (const ModelRecord &m : batch.upserts) {
        bool wasNew = false, update = false;
        const qint64 id = upsertModel(db, m, &wasNew, &update, &error);
        if (id < 0 || !writeVariants(db, id, m, &error))
            return fail(QStringLiteral("%1: %2").arg(m.key, error));
        if (before.contains(m.key))
            ++result.changed;
        if (update)
            ++result.updatesAvailable;
    }
    if (!batch.stats.isEmpty()) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE models SET downloads = ?, likes = ? WHERE key = ?"
                                 " AND (downloads != ? OR likes != ?)"));
        for (const SyncBatch::Stats &s : batch.stats) {
            q.addBindValue(s.downloads);
            q.addBindValue(s.likes);
            q.addBindValue(s.key);
            q.addBindValue(s.downloads);
            q.addBindValue(s.likes);
            if (!run(q, &error))
                return fail(error);
        }
    }
    for (const TreeRecord &t : batch.trees) {
        if (!writeTree(db, t, &error))
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

    QSqlQuery stamp(db);
    stamp.prepare(QStringLiteral("UPDATE sources SET last_sync_at = ?, last_result = ? WHERE id = ?"));
    stamp.addBindValue(batch.at.toMSecsSinceEpoch());
    stamp.addBindValue(text(batch.result));
    stamp.addBindValue(batch.sourceId);
    if (!run(stamp, &error))
        return fail(error);
    if (!db.commit())
        return fail(db.lastError().text());
    result.ok = true;
    return result;
}

bool SyncWriter::applyDetails(const QString &databasePath, const ModelRecord &model,
                              const QList<TreeRecord> &trees, QString *error)
{
    QSqlDatabase db = CatalogDatabase::connectionFor(databasePath, error);
    if (!db.isOpen() || !beginWrite(db, error))
        return false;
    bool wasNew = false, update = false;
    const qint64 id = upsertModel(db, model, &wasNew, &update, error);
    bool ok = id >= 0 && writeVariants(db, id, model, error);
    for (const TreeRecord &t : trees)
        ok = ok && writeTree(db, t, error);
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

bool SyncWriter::removeOrphans(QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "DELETE FROM models WHERE id NOT IN (SELECT model_id FROM source_models)"
        " AND id NOT IN (SELECT v.model_id FROM variants v JOIN files f ON f.variant_id = v.id"
        " WHERE f.local_state != 0)"));
    return q.exec();
}

bool SyncWriter::setFileState(QSqlDatabase &db, const QString &modelKey, const QString &variant,
                              const QString &path, LocalState state, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "UPDATE files SET local_state = ? WHERE path = ? AND variant_id IN (SELECT v.id FROM variants v"
        " JOIN models m ON m.id = v.model_id WHERE m.key = ? AND (? = '' OR v.name = ?))"));
    q.addBindValue(int(state));
    q.addBindValue(text(path));
    q.addBindValue(text(modelKey));
    q.addBindValue(text(variant));
    q.addBindValue(text(variant));
    if (!run(q, error))
        return false;
    if (q.numRowsAffected() == 0) {
        *error = QStringLiteral("The catalog has no file %1 in %2.").arg(path, modelKey);
        return false;
    }
    return true;
}

} // namespace Catalog
