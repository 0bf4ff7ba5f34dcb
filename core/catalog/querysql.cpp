#include "querysql.h"

#include <QJsonDocument>

namespace Catalog {

namespace {
using Sort = CatalogStore::Sort;

// Fixed orders: ORDER BY cannot be bound, and is never built from input. Each is the
// leading column of an index that also holds hub and type, walked forwards or backwards;
// rows with equal values come in index order, the same on every page.
QString orderBy(Sort sort, Qt::SortOrder order)
{
    const bool up = order == Qt::AscendingOrder;
    switch (sort) {
    case Sort::Relevance:
    case Sort::Downloads:
        return up ? QStringLiteral("m.downloads ASC") : QStringLiteral("m.downloads DESC");
    case Sort::Likes:
        return up ? QStringLiteral("m.likes ASC") : QStringLiteral("m.likes DESC");
    case Sort::Updated:
        return up ? QStringLiteral("m.last_modified ASC") : QStringLiteral("m.last_modified DESC");
    case Sort::Name:
        return up ? QStringLiteral("m.name COLLATE NOCASE ASC") : QStringLiteral("m.name COLLATE NOCASE DESC");
    case Sort::Size:
        return up ? QStringLiteral("m.size ASC") : QStringLiteral("m.size DESC");
    case Sort::State: {
        // The few touched files come from their partial index; the IN list is built once.
        static const QString touched =
            QStringLiteral("(m.id IN (SELECT v.model_id FROM files f JOIN variants v ON v.id = f.variant_id"
                           " WHERE f.local_state != 0))");
        return touched + (up ? QStringLiteral(" ASC, m.downloads DESC") : QStringLiteral(" DESC, m.downloads DESC"));
    }
    }
    return QStringLiteral("m.id");
}

// A file counts as downloaded when verified, or verified with an update waiting; the
// repeated "!= 0" lets SQLite read the partial index of touched files only.
const QString kDownloadedModels =
    QStringLiteral("(SELECT v.model_id FROM files f JOIN variants v ON v.id = f.variant_id"
                   " WHERE f.local_state != 0 AND f.local_state IN (3, 5))");
}  // namespace

const QString &QuerySql::columns()
{
    static const QString columns =
        QStringLiteral("m.id, m.key, m.hub, m.hub_id, m.name, m.author, m.description, m.tags, m.kind, m.downloads,"
                       " m.likes, m.last_modified, m.fingerprint, m.head_commit, m.gated, m.nsfw, m.web_url, m.details,"
                       " m.details_commit, m.extra, m.model_type, m.first_seen, m.changed_at");
    return columns;
}

ModelRecord QuerySql::modelFromRow(const QSqlQuery &q)
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
    m.modelType = q.value(20).toString();
    if (const qint64 t = q.value(21).toLongLong(); t > 0)
        m.firstSeen = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    if (const qint64 t = q.value(22).toLongLong(); t > 0)
        m.changedAt = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    return m;
}

bool QuerySql::filtered(const CatalogStore::Query &query)
{
    return query.sourceId != 0 || !query.hub.isEmpty() || !query.type.isEmpty() || !query.baseModel.isEmpty() ||
           query.downloaded != CatalogStore::Downloaded::Any;
}

QString QuerySql::conditions(const CatalogStore::Query &query, bool fts)
{
    QStringList where;
    if (fts)
        where << QStringLiteral("m.id IN (SELECT rowid FROM models_fts WHERE models_fts MATCH :match)");
    if (query.sourceId != 0)
        where << QStringLiteral("m.id IN (SELECT model_id FROM source_models WHERE source_id = :source)");
    if (!query.hub.isEmpty())
        where << QStringLiteral("m.hub = :hub");
    if (!query.type.isEmpty())
        where << QStringLiteral("m.model_type = :type");
    if (!query.baseModel.isEmpty())
        where << QStringLiteral("m.id IN (SELECT model_id FROM model_bases WHERE base = :base)");
    if (query.downloaded == CatalogStore::Downloaded::Only)
        where << QStringLiteral("m.id IN ") + kDownloadedModels;
    else if (query.downloaded == CatalogStore::Downloaded::Not)
        where << QStringLiteral("m.id NOT IN ") + kDownloadedModels;
    return where.isEmpty() ? QStringLiteral("1") : where.join(QStringLiteral(" AND "));
}

void QuerySql::bindFilters(QSqlQuery &q, const CatalogStore::Query &query, const QString &match, bool fts)
{
    if (fts)
        q.bindValue(QStringLiteral(":match"), match);
    if (query.sourceId != 0)
        q.bindValue(QStringLiteral(":source"), query.sourceId);
    if (!query.hub.isEmpty())
        q.bindValue(QStringLiteral(":hub"), query.hub);
    if (!query.type.isEmpty())
        q.bindValue(QStringLiteral(":type"), query.type);
    if (!query.baseModel.isEmpty())
        q.bindValue(QStringLiteral(":base"), query.baseModel);
}

bool QuerySql::prepareSelect(QSqlQuery &q, const CatalogStore::Query &query, const QString &match)
{
    const int limit = qBound(1, query.limit, 10000);
    const int offset = qMax(0, query.offset);
    const bool fts = !match.isEmpty();
    QString sql;
    if (fts && query.sort == Sort::Relevance) {
        // Ranks inside the FTS index first and joins only the best candidates, so a word
        // that matches half the catalog does not join half the catalog. With other filters
        // the candidates must be all matches: the best ones may all be filtered out.
        CatalogStore::Query others = query;
        others.text.clear();
        sql = QStringLiteral("SELECT ") + columns() +
              QStringLiteral(" FROM (SELECT rowid, bm25(models_fts, 10.0, 4.0, 2.0, 1.0) AS score FROM models_fts"
                             " WHERE models_fts MATCH :match ORDER BY score LIMIT :candidates) f"
                             " JOIN models m ON m.id = f.rowid WHERE ") +
              conditions(others, false) +
              QStringLiteral(" ORDER BY f.score, m.downloads DESC LIMIT :limit OFFSET :offset");
        if (!q.prepare(sql))
            return false;
        bindFilters(q, others, match, false);
        q.bindValue(QStringLiteral(":match"), match);
        q.bindValue(QStringLiteral(":candidates"),
                    filtered(query) ? 1000000 : qMax((offset + limit) * 4, CatalogStore::kBroadMatches));
    } else {
        sql = QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM models m WHERE ") + conditions(query, fts) +
              QStringLiteral(" ORDER BY ") + orderBy(query.sort, query.order) +
              QStringLiteral(" LIMIT :limit OFFSET :offset");
        if (!q.prepare(sql))
            return false;
        bindFilters(q, query, match, fts);
    }
    q.bindValue(QStringLiteral(":limit"), limit);
    q.bindValue(QStringLiteral(":offset"), offset);
    return true;
}

bool QuerySql::prepareCount(QSqlQuery &q, const CatalogStore::Query &query, const QString &match)
{
    const bool fts = !match.isEmpty();
    if (!q.prepare(QStringLiteral("SELECT count(*) FROM models m WHERE ") + conditions(query, fts)))
        return false;
    bindFilters(q, query, match, fts);
    return true;
}

}  // namespace Catalog
