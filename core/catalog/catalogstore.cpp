#include "catalogstore.h"

#include "catalogdatabase.h"
#include "localstates.h"
#include "modelcodec.h"
#include "querysql.h"
#include "syncwriter.h"
#include "treecodec.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace Catalog {

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

QList<ModelRecord> CatalogStore::searchPopular(const Query &query, const QString &match, QList<qint64> *ids) const
{
    QList<ModelRecord> out;
    const int limit = qBound(1, query.limit, 10000);
    const int offset = qMax(0, query.offset);
    // A word that matches much of the catalog ("gguf", "mod") would make SQLite rank or sort
    // every match. Such queries are answered from the index of the most downloaded models,
    // read in rank order: the first matches there are the most popular ones.
    const bool popularityOrder =
        query.sort == Sort::Relevance || (query.sort == Sort::Downloads && query.order == Qt::DescendingOrder);
    if (match.isEmpty() || !popularityOrder || QuerySql::filtered(query) || offset + limit > kBroadMatches)
        return out;
    QSqlDatabase db = m_database->connection();
    QSqlQuery probe(db);
    probe.setForwardOnly(true);
    probe.prepare(
        QStringLiteral("SELECT count(*) FROM (SELECT rowid FROM models_fts WHERE models_fts MATCH ? LIMIT ?)"));
    probe.addBindValue(match);
    probe.addBindValue(kBroadMatches);
    if (!probe.exec() || !probe.next() || probe.value(0).toInt() < kBroadMatches)
        return out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + QuerySql::columns() +
              QStringLiteral(" FROM (SELECT model_id, rowid AS popularity FROM popular_fts"
                             " WHERE popular_fts MATCH ? ORDER BY rowid LIMIT ? OFFSET ?) p"
                             " JOIN models m ON m.id = p.model_id ORDER BY p.popularity"));
    q.addBindValue(match);
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (q.exec()) {
        while (q.next()) {
            *ids << q.value(0).toLongLong();
            out << QuerySql::modelFromRow(q);
        }
    }
    if (out.size() < limit) {  // the matches are not among the popular ones after all
        out.clear();
        ids->clear();
    }
    return out;
}

QList<ModelRecord> CatalogStore::search(const Query &query, QString *error) const
{
    const QString match = matchExpression(query.text);
    QList<qint64> ids;
    QList<ModelRecord> out = searchPopular(query, match, &ids);
    if (out.isEmpty()) {
        QSqlQuery q(m_database->connection());
        q.setForwardOnly(true);
        if (!QuerySql::prepareSelect(q, query, match) || !q.exec()) {
            if (error)
                *error =
                    QCoreApplication::translate("Catalog::CatalogStore", "The search failed: ") + q.lastError().text();
            return out;
        }
        while (q.next()) {
            ids << q.value(0).toLongLong();
            out << QuerySql::modelFromRow(q);
        }
    }
    const QHash<qint64, LocalState> states = LocalStates::ofModels(m_database->connection(), ids);
    for (int i = 0; i < out.size(); ++i)
        out[i].state = states.value(ids.at(i), LocalState::None);
    return out;
}

int CatalogStore::count(const Query &query, QString *error) const
{
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    if (!QuerySql::prepareCount(q, query, matchExpression(query.text)) || !q.exec() || !q.next()) {
        if (error)
            *error = QCoreApplication::translate("Catalog::CatalogStore", "The count failed: ") + q.lastError().text();
        return 0;
    }
    return q.value(0).toInt();
}

QList<QPair<QString, int>> CatalogStore::baseModels(const QString &hub) const
{
    QList<QPair<QString, int>> out;
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT b.base, count(*) AS n FROM model_bases b JOIN models m ON m.id = b.model_id"
                             " WHERE (? = '' OR m.hub = ?) GROUP BY b.base ORDER BY n DESC, b.base"));
    const QString h = hub.isNull() ? QStringLiteral("") : hub;
    q.addBindValue(h);
    q.addBindValue(h);
    if (q.exec()) {
        while (q.next())
            out << qMakePair(q.value(0).toString(), q.value(1).toInt());
    }
    return out;
}

GroupState CatalogStore::sourceState(qint64 sourceId) const
{
    return LocalStates::ofGroup(m_database->connection(), sourceId);
}

std::optional<ModelRecord> CatalogStore::model(const QString &key) const
{
    QSqlDatabase db = m_database->connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT ") + QuerySql::columns() + QStringLiteral(" FROM models m WHERE m.key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return std::nullopt;
    ModelRecord m = QuerySql::modelFromRow(q);
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

    QSqlQuery b(db);
    b.prepare(QStringLiteral("SELECT base FROM model_bases WHERE model_id = ? ORDER BY base"));
    b.addBindValue(id);
    if (b.exec()) {
        while (b.next())
            m.baseModels << b.value(0).toString();
    }

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
    QSqlDatabase db = m_database->connection();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT key, fingerprint, details_commit, details FROM models WHERE hub = ?"));
    q.addBindValue(hub);
    if (!q.exec())
        return out;
    while (q.next())
        out.insert(q.value(0).toString(),
                   Known{q.value(1).toString(), q.value(2).toString(), DetailLevel(q.value(3).toInt()), false});
    QSqlQuery touched(db);
    touched.setForwardOnly(true);
    touched.prepare(QStringLiteral("SELECT DISTINCT m.key FROM files f JOIN variants v ON v.id = f.variant_id"
                                   " JOIN models m ON m.id = v.model_id WHERE f.local_state != 0 AND m.hub = ?"));
    touched.addBindValue(hub);
    if (touched.exec()) {
        while (touched.next()) {
            const auto it = out.find(touched.value(0).toString());
            if (it != out.end())
                it->downloaded = true;
        }
    }
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

bool CatalogStore::setFileState(const QString &modelKey, const QString &variant, const QString &path, LocalState state,
                                QString *error)
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

}  // namespace Catalog
