#include "catalogstore.h"

#include "catalogdatabase.h"
#include "modelcodec.h"
#include "syncwriter.h"
#include "treecodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace Catalog {

namespace {
const QString kColumns = QStringLiteral(
    "m.id, m.key, m.hub, m.hub_id, m.name, m.author, m.description, m.tags, m.kind, m.downloads,"
    " m.likes, m.last_modified, m.fingerprint, m.head_commit, m.gated, m.nsfw, m.web_url, m.details,"
    " m.details_commit, m.extra");

ModelRecord modelFromRow(const QSqlQuery &q)
{
    ModelRecord m;
    m.key = q.value(1).toString();
    m.hub = q.value(2).toString();
    m.hubId = q.value(3).toString();
    m.name = q.value(4).toString();
    m.author = q.value(5).toString();
    m.description = q.value(6).toString();
    m.tags = q.value(7).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m.kind = q.value(8).toString();
    m.downloads = q.value(9).toLongLong();
    m.likes = q.value(10).toLongLong();
    if (const qint64 t = q.value(11).toLongLong(); t > 0)
        m.lastModified = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    m.fingerprint = q.value(12).toString();
    m.headCommit = q.value(13).toString();
    m.gated = q.value(14).toString();
    m.nsfw = q.value(15).toBool();
    m.webUrl = QUrl(q.value(16).toString(), QUrl::StrictMode);
    m.details = DetailLevel(q.value(17).toInt());
    m.detailsCommit = q.value(18).toString();
    m.extra = QJsonDocument::fromJson(q.value(19).toByteArray()).object();
    return m;
}

// Fixed statements per sort order: ORDER BY cannot be bound, and is never built from input.
// Relevance ranks inside the FTS index first and joins only the best candidates, so a word
// that matches half the catalog ("gguf") does not join half the catalog.
QString searchSql(CatalogStore::Sort sort, bool fts)
{
    const QString source = QStringLiteral(
        "(:source1 = 0 OR m.id IN (SELECT model_id FROM source_models WHERE source_id = :source2))");
    if (fts && sort == CatalogStore::Sort::Relevance) {
        return QStringLiteral("SELECT ") + kColumns
               + QStringLiteral(" FROM (SELECT rowid, bm25(models_fts, 10.0, 4.0, 2.0, 1.0) AS score FROM models_fts"
                                " WHERE models_fts MATCH :match ORDER BY score LIMIT :candidates) f"
                                " JOIN models m ON m.id = f.rowid WHERE ")
               + source + QStringLiteral(" ORDER BY f.score, m.downloads DESC LIMIT :limit");
    }
    QString order;
    switch (sort) {
    case CatalogStore::Sort::Relevance:
    case CatalogStore::Sort::Downloads: order = QStringLiteral("m.downloads DESC"); break;
    case CatalogStore::Sort::Likes: order = QStringLiteral("m.likes DESC"); break;
    case CatalogStore::Sort::Updated: order = QStringLiteral("m.last_modified DESC"); break;
    }
    const QString filter = fts ? QStringLiteral("m.id IN (SELECT rowid FROM models_fts WHERE models_fts MATCH :match)")
                               : QStringLiteral(":match = ''");
    return QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM models m WHERE ") + filter
           + QStringLiteral(" AND ") + source + QStringLiteral(" ORDER BY ") + order + QStringLiteral(" LIMIT :limit");
}
} // namespace

CatalogStore::CatalogStore(CatalogDatabase *database)
    : m_database(database)
{
}

QString CatalogStore::matchExpression(const QString &text)
{
    QStringList terms;
    for (QString word : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        word.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        terms << QLatin1Char('"') + word + QStringLiteral("\"*");
    }
    return terms.join(QLatin1Char(' '));
}

QList<ModelRecord> CatalogStore::search(const Query &query, QString *error) const
{
    QList<ModelRecord> out;
    const QString match = matchExpression(query.text);
    const int limit = qBound(1, query.limit, 10000);
    QSqlDatabase db = m_database->connection();
    QList<qint64> ids;

    // A word that matches much of the catalog ("gguf", "mod") would make SQLite rank or
    // sort every match. Such queries are answered from the index of the most downloaded
    // models, read in rank order: the first `limit` matches are the most popular ones.
    const bool popularityOrder = query.sort == Sort::Relevance || query.sort == Sort::Downloads;
    if (!match.isEmpty() && popularityOrder && query.sourceId == 0 && limit <= kBroadMatches) {
        QSqlQuery probe(db);
        probe.setForwardOnly(true);
        probe.prepare(QStringLiteral("SELECT rowid FROM models_fts WHERE models_fts MATCH ? LIMIT ?"));
        probe.addBindValue(match);
        probe.addBindValue(kBroadMatches);
        int matches = 0;
        if (probe.exec()) {
            while (probe.next())
                ++matches;
        }
        if (matches >= kBroadMatches) {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT ") + kColumns
                      + QStringLiteral(" FROM (SELECT model_id, rowid AS popularity FROM popular_fts"
                                       " WHERE popular_fts MATCH ? ORDER BY rowid LIMIT ?) p"
                                       " JOIN models m ON m.id = p.model_id ORDER BY p.popularity"));
            q.addBindValue(match);
            q.addBindValue(limit);
            if (q.exec()) {
                while (q.next()) {
                    ids << q.value(0).toLongLong();
                    out << modelFromRow(q);
                }
            }
            if (out.size() < limit) {  // the matches are not among the popular ones after all
                out.clear();
                ids.clear();
            }
        }
    }

    if (out.isEmpty()) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(searchSql(query.sort, !match.isEmpty()));
        q.bindValue(QStringLiteral(":source1"), query.sourceId);
        q.bindValue(QStringLiteral(":source2"), query.sourceId);
        q.bindValue(QStringLiteral(":match"), match.isNull() ? QStringLiteral("") : match);
        q.bindValue(QStringLiteral(":limit"), limit);
        if (!match.isEmpty() && query.sort == Sort::Relevance)
            q.bindValue(QStringLiteral(":candidates"), query.sourceId ? 100000 : qMax(limit * 4, kBroadMatches));
        if (!q.exec()) {
            if (error)
                *error = QStringLiteral("The search failed: ") + q.lastError().text();
            return out;
        }
        while (q.next()) {
            ids << q.value(0).toLongLong();
            out << modelFromRow(q);
        }
    }
    for (int i = 0; i < out.size(); ++i)
        out[i].state = stateOfModelId(ids.at(i));
    return out;
}

LocalState CatalogStore::stateOfModelId(qint64 modelId) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT f.variant_id, f.local_state FROM files f JOIN variants v ON v.id = f.variant_id"
                             " WHERE v.model_id = ? AND f.local_state != 0"));
    q.addBindValue(modelId);
    if (!q.exec())
        return LocalState::None;
    // Only touched files are read; a variant is verified only if all its files are.
    QMap<qint64, QList<LocalState>> byVariant;
    while (q.next())
        byVariant[q.value(0).toLongLong()] << LocalState(q.value(1).toInt());
    if (byVariant.isEmpty())
        return LocalState::None;
    QList<LocalState> variantStates;
    for (auto it = byVariant.cbegin(); it != byVariant.cend(); ++it) {
        QSqlQuery count(m_database->connection());
        count.prepare(QStringLiteral("SELECT count(*) FROM files WHERE variant_id = ?"));
        count.addBindValue(it.key());
        QList<LocalState> states = it.value();
        if (count.exec() && count.next()) {
            for (int n = int(states.size()); n < count.value(0).toInt(); ++n)
                states << LocalState::None;
        }
        variantStates << aggregate(states);
    }
    return aggregate(variantStates, false);
}

std::optional<ModelRecord> CatalogStore::model(const QString &key) const
{
    QSqlDatabase db = m_database->connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM models m WHERE m.key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return std::nullopt;
    ModelRecord m = modelFromRow(q);
    const qint64 id = q.value(0).toLongLong();

    QSqlQuery v(db);
    v.prepare(QStringLiteral("SELECT id, name, kind, revision, commit_sha, extra FROM variants WHERE model_id = ?"
                             " ORDER BY position"));
    v.addBindValue(id);
    QSqlQuery f(db);
    f.prepare(QStringLiteral("SELECT path, size, sha256, oid, url, is_primary, local_state FROM files"
                             " WHERE variant_id = ? ORDER BY path"));
    if (v.exec()) {
        while (v.next()) {
            VariantRecord variant;
            variant.name = v.value(1).toString();
            variant.kind = v.value(2).toString();
            variant.revision = v.value(3).toString();
            variant.commit = v.value(4).toString();
            variant.extra = QJsonDocument::fromJson(v.value(5).toByteArray()).object();
            f.addBindValue(v.value(0).toLongLong());
            QList<LocalState> states;
            if (f.exec()) {
                while (f.next()) {
                    FileRecord file;
                    file.path = f.value(0).toString();
                    file.size = f.value(1).toLongLong();
                    file.sha256 = f.value(2).toString();
                    file.oid = f.value(3).toString();
                    file.url = QUrl(f.value(4).toString(), QUrl::StrictMode);
                    file.primary = f.value(5).toBool();
                    file.state = LocalState(f.value(6).toInt());
                    states << file.state;
                    variant.files << file;
                }
            }
            variant.state = aggregate(states);
            m.variants << variant;
        }
    }
    QList<LocalState> variantStates;
    for (const VariantRecord &variant : std::as_const(m.variants))
        variantStates << variant.state;
    m.state = aggregate(variantStates, false);

    QSqlQuery s(db);
    s.prepare(QStringLiteral("SELECT s.name FROM source_models sm JOIN sources s ON s.id = sm.source_id"
                             " WHERE sm.model_id = ? ORDER BY s.name"));
    s.addBindValue(id);
    if (s.exec()) {
        while (s.next())
            m.sources << s.value(0).toString();
    }
    return m;
}

int CatalogStore::modelCount() const
{
    QSqlQuery q(m_database->connection());
    if (q.exec(QStringLiteral("SELECT count(*) FROM models")) && q.next())
        return q.value(0).toInt();
    return 0;
}

QHash<QString, CatalogStore::Known> CatalogStore::known(const QString &hub) const
{
    QHash<QString, Known> out;
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT key, fingerprint, details_commit, details FROM models WHERE hub = ?"));
    q.addBindValue(hub);
    if (!q.exec())
        return out;
    while (q.next())
        out.insert(q.value(0).toString(),
                   Known{q.value(1).toString(), q.value(2).toString(), DetailLevel(q.value(3).toInt())});
    return out;
}

std::optional<TreeRecord> CatalogStore::tree(const QString &repo, const QString &commit) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT files FROM trees WHERE repo = ? AND commit_sha = ?"));
    q.addBindValue(repo);
    q.addBindValue(commit);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return TreeRecord{repo, commit, TreeCodec::decode(q.value(0).toByteArray())};
}

bool CatalogStore::setFileState(const QString &modelKey, const QString &variant, const QString &path,
                                LocalState state, QString *error)
{
    QSqlDatabase db = m_database->connection();
    return SyncWriter::setFileState(db, modelKey, variant, path, state, error);
}

LocalState CatalogStore::modelState(const QString &modelKey) const
{
    const std::optional<ModelRecord> m = model(modelKey);
    return m ? m->state : LocalState::None;
}

LocalState CatalogStore::variantState(const QString &modelKey, const QString &variant) const
{
    const std::optional<ModelRecord> m = model(modelKey);
    if (m) {
        for (const VariantRecord &v : m->variants) {
            if (v.name == variant)
                return v.state;
        }
    }
    return LocalState::None;
}

std::optional<QList<ModelRecord>> CatalogStore::cachedLiveSearch(const QString &hub, const QString &text,
                                                                  qint64 maxAgeSeconds) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT fetched_at, results FROM live_search WHERE hub = ? AND query = ?"));
    q.addBindValue(hub);
    q.addBindValue(text.trimmed().toLower());
    if (!q.exec() || !q.next())
        return std::nullopt;
    const qint64 age = QDateTime::currentMSecsSinceEpoch() - q.value(0).toLongLong();
    if (age < 0 || age > maxAgeSeconds * 1000)
        return std::nullopt;
    QList<ModelRecord> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(1).toByteArray()).array())
        out << ModelCodec::fromJson(v.toObject());
    return out;
}

bool CatalogStore::storeLiveSearch(const QString &hub, const QString &text, const QList<ModelRecord> &models)
{
    QJsonArray array;
    for (const ModelRecord &m : models)
        array.append(ModelCodec::toJson(m));
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO live_search(hub, query, fetched_at, results) VALUES (?,?,?,?)"));
    q.addBindValue(hub);
    q.addBindValue(text.trimmed().toLower());
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(QJsonDocument(array).toJson(QJsonDocument::Compact));
    return q.exec();
}

} // namespace Catalog
