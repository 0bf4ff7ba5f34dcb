#include "catalogdatabase.h"
#include "catalogstore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Catalog {

QHash<QString, CatalogStore::HashedFile> CatalogStore::filesWithHashes(const QSet<QString> &sha256,
                                                                       const QString &hub) const
{
    QHash<QString, HashedFile> found;
    if (sha256.isEmpty())
        return found;
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT f.sha256, m.key, m.name, v.name, v.revision, f.path FROM files f"
                             " JOIN variants v ON v.id = f.variant_id JOIN models m ON m.id = v.model_id"
                             " WHERE f.sha256 != '' AND (? = '' OR m.hub = ?)"));
    q.addBindValue(hub);
    q.addBindValue(hub);
    if (!q.exec())
        return found;
    while (q.next()) {
        const QString hash = q.value(0).toString().toLower();
        if (sha256.contains(hash) && !found.contains(hash))
            found.insert(hash, HashedFile{q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                                          q.value(4).toString(), q.value(5).toString()});
    }
    return found;
}

std::optional<QJsonObject> CatalogStore::fileInsight(const QString &sha256) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT json FROM file_insight WHERE sha256 = ?"));
    q.addBindValue(sha256.toLower());
    if (!q.exec() || !q.next())
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(q.value(0).toByteArray());
    if (!doc.isObject())
        return std::nullopt;
    return doc.object();
}

bool CatalogStore::storeFileInsight(const QString &sha256, const QJsonObject &insight)
{
    if (sha256.isEmpty())
        return false;
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO file_insight(sha256, json, read_at) VALUES (?, ?, ?)"));
    q.addBindValue(sha256.toLower());
    q.addBindValue(QString::fromUtf8(QJsonDocument(insight).toJson(QJsonDocument::Compact)));
    q.addBindValue(QDateTime::currentSecsSinceEpoch());
    return q.exec();
}

}  // namespace Catalog
