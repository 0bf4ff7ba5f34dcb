#include "modelwriter.h"

#include "treecodec.h"

#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>

namespace Catalog {

ModelWriter::ModelWriter(QSqlDatabase db)
    : m_db(db)
    , m_find(db)
    , m_insert(db)
    , m_update(db)
    , m_markHeadVariants(db)
    , m_markVariant(db)
    , m_commitsOfModel(db)
    , m_size(db)
    , m_clearBases(db)
    , m_addBase(db)
    , m_variant(db)
    , m_file(db)
    , m_filesOfVariant(db)
    , m_deleteFile(db)
    , m_variantsOfModel(db)
    , m_deleteVariant(db)
    , m_tree(db)
    , m_markChanged(db)
{
    m_find.prepare(QStringLiteral("SELECT id, head_commit, fingerprint FROM models WHERE key = ?"));
    m_markChanged.prepare(QStringLiteral("UPDATE models SET changed_at = ? WHERE id = ?"));
    m_insert.prepare(
        QStringLiteral("INSERT INTO models(key, hub, hub_id, name, author, description, tags, kind, downloads, likes,"
                       " last_modified, fingerprint, head_commit, gated, nsfw, web_url, details, details_commit, extra,"
                       " model_type, updated_at, first_seen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    m_update.prepare(QStringLiteral(
        "UPDATE models SET key = ?, hub = ?, hub_id = ?, name = ?, author = ?, description = ?, tags = ?,"
        " kind = ?, downloads = ?, likes = ?, last_modified = ?, fingerprint = ?, head_commit = ?,"
        " gated = ?, nsfw = ?, web_url = ?, details = ?, details_commit = ?, extra = ?, model_type = ?,"
        " updated_at = ? WHERE id = ?"));
    // "local_state != 0" repeats what the WHERE implies so SQLite reads the small partial
    // index of touched files instead of every file of the model.
    m_markHeadVariants.prepare(
        QStringLiteral("UPDATE files SET local_state = ? WHERE local_state = ? AND local_state != 0 AND variant_id IN"
                       " (SELECT id FROM variants WHERE model_id = ? AND commit_sha = ?)"));
    m_markVariant.prepare(QStringLiteral(
        "UPDATE files SET local_state = ? WHERE variant_id = ? AND local_state = ? AND local_state != 0"));
    m_commitsOfModel.prepare(QStringLiteral("SELECT name, commit_sha FROM variants WHERE model_id = ?"));
    m_size.prepare(QStringLiteral(
        "UPDATE models SET size = coalesce((SELECT sum(f.size) FROM variants v JOIN files f ON f.variant_id = v.id"
        " WHERE v.model_id = ? AND f.size >= 0), -1) WHERE id = ?"));
    m_clearBases.prepare(QStringLiteral("DELETE FROM model_bases WHERE model_id = ?"));
    m_addBase.prepare(QStringLiteral("INSERT OR IGNORE INTO model_bases(base, model_id) VALUES (?, ?)"));
    m_variant.prepare(QStringLiteral(
        "INSERT INTO variants(model_id, name, kind, revision, commit_sha, position, extra) VALUES (?,?,?,?,?,?,?)"
        " ON CONFLICT(model_id, name) DO UPDATE SET kind = excluded.kind, revision = excluded.revision,"
        " commit_sha = excluded.commit_sha, position = excluded.position, extra = excluded.extra RETURNING id"));
    // The upsert keeps local_state: a re-synced file the user downloaded stays downloaded,
    // unless the hub now has other bytes under its name (a hash both sides know differs).
    m_file.prepare(QStringLiteral(
        "INSERT INTO files(variant_id, path, size, sha256, oid, url, is_primary) VALUES (?,?,?,?,?,?,?)"
        " ON CONFLICT(variant_id, path) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256,"
        " oid = excluded.oid, url = excluded.url, is_primary = excluded.is_primary,"
        " local_state = CASE WHEN files.local_state = 3 AND ((files.sha256 != '' AND excluded.sha256 != ''"
        " AND files.sha256 != excluded.sha256) OR (files.oid != '' AND excluded.oid != '' AND files.oid != "
        "excluded.oid))"
        " THEN 5 ELSE files.local_state END RETURNING id"));
    m_filesOfVariant.prepare(QStringLiteral("SELECT id FROM files WHERE variant_id = ?"));
    m_deleteFile.prepare(QStringLiteral("DELETE FROM files WHERE id = ?"));
    m_variantsOfModel.prepare(QStringLiteral("SELECT id FROM variants WHERE model_id = ?"));
    m_deleteVariant.prepare(QStringLiteral("DELETE FROM variants WHERE id = ?"));
    m_tree.prepare(
        QStringLiteral("INSERT OR REPLACE INTO trees(repo, commit_sha, files, fetched_at) VALUES (?,?,?,?)"));
}

bool ModelWriter::run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

bool ModelWriter::markUpdates(QSqlQuery &q, bool *marked, QString *error)
{
    if (!run(q, error))
        return false;
    *marked = *marked || q.numRowsAffected() > 0;
    return true;
}

ModelWriter::Outcome ModelWriter::write(const ModelRecord &m, QString *error)
{
    Outcome outcome;
    m_find.addBindValue(text(m.key));
    if (!run(m_find, error))
        return outcome;
    qint64 id = -1;
    QString oldCommit;
    QString oldFingerprint;
    if (m_find.next()) {
        id = m_find.value(0).toLongLong();
        oldCommit = m_find.value(1).toString();
        oldFingerprint = m_find.value(2).toString();
    }
    m_find.finish();
    outcome.wasNew = id < 0;

    QSqlQuery &q = outcome.wasNew ? m_insert : m_update;
    const QVariantList values{text(m.key),
                              text(m.hub),
                              text(m.hubId),
                              text(m.name),
                              text(m.author),
                              text(m.description),
                              text(m.tags.join(QLatin1Char(' '))),
                              text(m.kind),
                              m.downloads,
                              m.likes,
                              m.lastModified.isValid() ? m.lastModified.toMSecsSinceEpoch() : 0,
                              text(m.fingerprint),
                              text(m.headCommit),
                              text(m.gated),
                              m.nsfw ? 1 : 0,
                              text(m.webUrl.toString(QUrl::FullyEncoded)),
                              int(m.details),
                              text(m.detailsCommit),
                              QString::fromUtf8(QJsonDocument(m.extra).toJson(QJsonDocument::Compact)),
                              text(m.modelType),
                              QDateTime::currentMSecsSinceEpoch()};
    for (const QVariant &v : values)
        q.addBindValue(v);
    q.addBindValue(outcome.wasNew ? QVariant(QDateTime::currentMSecsSinceEpoch()) : QVariant(id));
    if (!run(q, error))
        return outcome;
    if (outcome.wasNew)
        id = q.lastInsertId().toLongLong();
    if (!outcome.wasNew && !oldFingerprint.isEmpty() && oldFingerprint != m.fingerprint) {
        // The hub's content changed (not just a tree fetched or a count moved): the views
        // mark it as updated until the user has seen it.
        m_markChanged.addBindValue(QDateTime::currentMSecsSinceEpoch());
        m_markChanged.addBindValue(id);
        if (!run(m_markChanged, error))
            return outcome;
    }

    if (!outcome.wasNew && m.details == DetailLevel::None && !oldCommit.isEmpty() && oldCommit != m.headCommit) {
        // The listing moved the head but brought no tree: the variants that were at the old
        // head are behind. Variants at other commits (branches) wait for their own tree.
        m_markHeadVariants.addBindValue(int(LocalState::UpdateAvailable));
        m_markHeadVariants.addBindValue(int(LocalState::Verified));
        m_markHeadVariants.addBindValue(id);
        m_markHeadVariants.addBindValue(oldCommit);
        if (!markUpdates(m_markHeadVariants, &outcome.updateAvailable, error))
            return outcome;
    }
    if (!writeVariants(id, outcome.wasNew, m, &outcome, error))
        return outcome;
    if (!writeBaseModels(id, outcome.wasNew, m.baseModels, error))
        return outcome;
    outcome.id = id;
    return outcome;
}

bool ModelWriter::writeBaseModels(qint64 modelId, bool isNew, const QStringList &bases, QString *error)
{
    if (!isNew) {
        m_clearBases.addBindValue(modelId);
        if (!run(m_clearBases, error))
            return false;
    }
    for (const QString &base : bases) {
        m_addBase.addBindValue(base);
        m_addBase.addBindValue(modelId);
        if (!run(m_addBase, error))
            return false;
    }
    return true;
}

bool ModelWriter::writeVariants(qint64 modelId, bool isNew, const ModelRecord &m, Outcome *outcome, QString *error)
{
    if (m.details == DetailLevel::None)
        return true;                     // nothing known about files: keep what is stored
    QHash<QString, QString> oldCommits;  // variant name -> commit it was at
    if (!isNew) {
        m_commitsOfModel.addBindValue(modelId);
        if (!run(m_commitsOfModel, error))
            return false;
        while (m_commitsOfModel.next())
            oldCommits.insert(m_commitsOfModel.value(0).toString(), m_commitsOfModel.value(1).toString());
        m_commitsOfModel.finish();
    }
    // Only a whole tree says what is gone; a partial one cannot tell "removed" from "unread".
    const bool whole = m.details == DetailLevel::Complete && !m.detailsCommit.isEmpty();
    QSet<qint64> keepVariants;
    int position = 0;
    for (const VariantRecord &v : m.variants) {
        m_variant.addBindValue(modelId);
        m_variant.addBindValue(text(v.name));
        m_variant.addBindValue(text(v.kind));
        m_variant.addBindValue(text(v.revision));
        m_variant.addBindValue(text(v.commit));
        m_variant.addBindValue(position++);
        m_variant.addBindValue(QString::fromUtf8(QJsonDocument(v.extra).toJson(QJsonDocument::Compact)));
        if (!run(m_variant, error) || !m_variant.next())
            return false;
        const qint64 variantId = m_variant.value(0).toLongLong();
        m_variant.finish();
        keepVariants.insert(variantId);
        const QString oldCommit = oldCommits.value(v.name);
        if (!oldCommit.isEmpty() && !v.commit.isEmpty() && oldCommit != v.commit) {
            // This variant moved (a cortexso branch, or main for main's quantizations): its
            // verified files are behind. The other variants are not.
            m_markVariant.addBindValue(int(LocalState::UpdateAvailable));
            m_markVariant.addBindValue(variantId);
            m_markVariant.addBindValue(int(LocalState::Verified));
            if (!markUpdates(m_markVariant, &outcome->updateAvailable, error))
                return false;
        }
        QSet<qint64> keepFiles;
        for (const FileRecord &f : v.files) {
            m_file.addBindValue(variantId);
            m_file.addBindValue(text(f.path));
            m_file.addBindValue(f.size);
            m_file.addBindValue(text(f.sha256));
            m_file.addBindValue(text(f.oid));
            m_file.addBindValue(text(f.url.toString(QUrl::FullyEncoded)));
            m_file.addBindValue(f.primary ? 1 : 0);
            if (!run(m_file, error) || !m_file.next())
                return false;
            keepFiles.insert(m_file.value(0).toLongLong());
            m_file.finish();
        }
        if (isNew || !whole)
            continue;  // nothing stored to drop, or no way to know what is gone
        // Files the hub no longer lists in this variant.
        m_filesOfVariant.addBindValue(variantId);
        if (!run(m_filesOfVariant, error))
            return false;
        QList<qint64> drop;
        while (m_filesOfVariant.next()) {
            if (!keepFiles.contains(m_filesOfVariant.value(0).toLongLong()))
                drop << m_filesOfVariant.value(0).toLongLong();
        }
        m_filesOfVariant.finish();
        for (qint64 id : std::as_const(drop)) {
            m_deleteFile.addBindValue(id);
            if (!run(m_deleteFile, error))
                return false;
        }
    }
    if (!isNew && whole) {
        m_variantsOfModel.addBindValue(modelId);
        if (!run(m_variantsOfModel, error))
            return false;
        QList<qint64> drop;
        while (m_variantsOfModel.next()) {
            if (!keepVariants.contains(m_variantsOfModel.value(0).toLongLong()))
                drop << m_variantsOfModel.value(0).toLongLong();
        }
        m_variantsOfModel.finish();
        for (qint64 id : std::as_const(drop)) {
            m_deleteVariant.addBindValue(id);
            if (!run(m_deleteVariant, error))
                return false;
        }
    }
    m_size.addBindValue(modelId);
    m_size.addBindValue(modelId);
    return run(m_size, error);
}

bool ModelWriter::writeTree(const TreeRecord &tree, QString *error)
{
    m_tree.addBindValue(text(tree.repo));
    m_tree.addBindValue(text(tree.commit));
    m_tree.addBindValue(QString::fromUtf8(TreeCodec::encode(tree.files)));
    m_tree.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return run(m_tree, error);
}

}  // namespace Catalog
