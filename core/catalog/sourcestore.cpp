#include "sourcestore.h"

#include "catalogdatabase.h"
#include "syncwriter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Catalog {

namespace {
Source fromRow(const QSqlQuery &q)
{
    Source s = Source::fromJson(QJsonDocument::fromJson(q.value(1).toByteArray()).object());
    s.id = q.value(0).toLongLong();
    s.name = q.value(2).toString();
    return s;
}
}  // namespace

SourceStore::SourceStore(CatalogDatabase *database)
    : m_database(database)
{
}

QList<Source> SourceStore::sources() const
{
    QList<Source> out;
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT id, config, name FROM sources ORDER BY id"));
    if (q.exec()) {
        while (q.next())
            out << fromRow(q);
    }
    return out;
}

std::optional<Source> SourceStore::source(qint64 id) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT id, config, name FROM sources WHERE id = ?"));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return fromRow(q);
    return std::nullopt;
}

std::optional<Source> SourceStore::sourceByName(const QString &name) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT id, config, name FROM sources WHERE name = ?"));
    q.addBindValue(name);
    if (q.exec() && q.next())
        return fromRow(q);
    return std::nullopt;
}

bool SourceStore::add(Source *source, QString *error)
{
    if (const QString why = source->validationError(); !why.isEmpty()) {
        *error = why;
        return false;
    }
    if (sourceByName(source->name)) {
        *error = QCoreApplication::translate("Catalog::SourceStore", "A source named \"%1\" exists already.")
                     .arg(source->name);
        return false;
    }
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("INSERT INTO sources(name, config, created_at) VALUES (?, ?, ?)"));
    q.addBindValue(source->name);
    q.addBindValue(QJsonDocument(source->toJson()).toJson(QJsonDocument::Compact));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec()) {
        *error =
            QCoreApplication::translate("Catalog::SourceStore", "Cannot store the source: ") + q.lastError().text();
        return false;
    }
    source->id = q.lastInsertId().toLongLong();
    return true;
}

bool SourceStore::update(const Source &source, QString *error)
{
    if (const QString why = source.validationError(); !why.isEmpty()) {
        *error = why;
        return false;
    }
    QSqlDatabase db = m_database->connection();
    if (!SyncWriter::beginWrite(db, error))
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE sources SET name = ?, config = ? WHERE id = ?"));
    q.addBindValue(source.name);
    q.addBindValue(QJsonDocument(source.toJson()).toJson(QJsonDocument::Compact));
    q.addBindValue(source.id);
    bool ok = q.exec() && q.numRowsAffected() == 1;
    // The query changed: stored pages describe another listing.
    QSqlQuery pages(db);
    pages.prepare(QStringLiteral("DELETE FROM sync_pages WHERE source_id = ?"));
    pages.addBindValue(source.id);
    ok = ok && pages.exec();
    if (!ok) {
        *error = QCoreApplication::translate("Catalog::SourceStore", "Cannot update the source \"%1\": %2")
                     .arg(source.name, q.lastError().text());
        db.rollback();
        return false;
    }
    return db.commit();
}

bool SourceStore::remove(qint64 id, QString *error)
{
    QSqlDatabase db = m_database->connection();
    if (!SyncWriter::beginWrite(db, error))
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM sources WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || q.numRowsAffected() != 1) {
        *error = QCoreApplication::translate("Catalog::SourceStore", "There is no source with id %1.").arg(id);
        db.rollback();
        return false;
    }
    if (!SyncWriter::removeOrphans(db) || !SyncWriter::refreshPopularIndex(db, error)) {
        db.rollback();
        return false;
    }
    return db.commit();
}

bool SourceStore::seedDefaultsOnce(QString *error)
{
    QSqlDatabase db = m_database->connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'defaults_seeded'"));
    if (q.exec() && q.next())
        return true;
    for (Source s : Source::defaults()) {
        if (!sourceByName(s.name) && !add(&s, error))
            return false;
    }
    QSqlQuery mark(db);
    mark.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES ('defaults_seeded', '1')"));
    return mark.exec();
}

QList<PageRecord> SourceStore::pages(qint64 sourceId) const
{
    QList<PageRecord> out;
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT page_index, url, etag, body_sha256, next_url, model_keys FROM sync_pages"
                             " WHERE source_id = ? ORDER BY page_index"));
    q.addBindValue(sourceId);
    if (!q.exec())
        return out;
    while (q.next()) {
        PageRecord p;
        p.index = q.value(0).toInt();
        p.url = QUrl(q.value(1).toString(), QUrl::StrictMode);
        p.etag = q.value(2).toByteArray();
        p.bodySha256 = q.value(3).toString();
        p.next = QUrl(q.value(4).toString(), QUrl::StrictMode);
        for (const QJsonValue &v : QJsonDocument::fromJson(q.value(5).toByteArray()).array())
            p.modelKeys << v.toString();
        out << p;
    }
    return out;
}

QStringList SourceStore::members(qint64 sourceId) const
{
    QStringList out;
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT m.key FROM source_models s JOIN models m ON m.id = s.model_id"
                             " WHERE s.source_id = ? ORDER BY s.rank"));
    q.addBindValue(sourceId);
    if (q.exec()) {
        while (q.next())
            out << q.value(0).toString();
    }
    return out;
}

int SourceStore::memberCount(qint64 sourceId) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM source_models WHERE source_id = ?"));
    q.addBindValue(sourceId);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

SourceStore::Unseen SourceStore::unseen(qint64 sourceId) const
{
    Unseen out;
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral(
        "SELECT coalesce(sum(m.first_seen > s.seen_at), 0),"
        " coalesce(sum(m.first_seen <= s.seen_at AND m.changed_at > s.seen_at), 0)"
        " FROM sources s JOIN source_models sm ON sm.source_id = s.id JOIN models m ON m.id = sm.model_id"
        " WHERE s.id = ? AND s.seen_at IS NOT NULL"));
    q.addBindValue(sourceId);
    if (q.exec() && q.next()) {
        out.added = q.value(0).toInt();
        out.changed = q.value(1).toInt();
    }
    return out;
}

QDateTime SourceStore::seenAt(qint64 sourceId) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT seen_at FROM sources WHERE id = ?"));
    q.addBindValue(sourceId);
    if (q.exec() && q.next() && !q.value(0).isNull())
        return QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
    return {};
}

bool SourceStore::markSeen(qint64 sourceId, QString *error)
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("UPDATE sources SET seen_at = ? WHERE id = ? AND seen_at IS NOT NULL"));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(sourceId);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

QDateTime SourceStore::lastSyncAt(qint64 sourceId) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT last_sync_at FROM sources WHERE id = ?"));
    q.addBindValue(sourceId);
    if (q.exec() && q.next() && !q.value(0).isNull())
        return QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
    return {};
}

SyncState SourceStore::lastSuccess(qint64 sourceId) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT last_sync_at, last_result FROM sources WHERE id = ?"));
    q.addBindValue(sourceId);
    if (!q.exec() || !q.next() || q.value(0).isNull())
        return {};
    // Catalogs before schema 3 kept only the time.
    SyncState s = SyncState::fromJson(QJsonDocument::fromJson(q.value(1).toByteArray()).object());
    s.phase = SyncState::Phase::Synced;
    s.at = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
    return s;
}

SyncState SourceStore::lastFailure(qint64 sourceId) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT last_failure_at, last_failure FROM sources WHERE id = ?"));
    q.addBindValue(sourceId);
    if (!q.exec() || !q.next() || q.value(0).isNull())
        return {};
    SyncState s = SyncState::fromJson(QJsonDocument::fromJson(q.value(1).toByteArray()).object());
    s.at = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
    return s;
}

SyncState SourceStore::lastOutcome(qint64 sourceId) const
{
    const SyncState success = lastSuccess(sourceId);
    const SyncState failure = lastFailure(sourceId);
    if (failure.phase != SyncState::Phase::Idle && (!success.at.isValid() || failure.at > success.at))
        return failure;
    return success;
}

bool SourceStore::recordFailure(qint64 sourceId, const SyncState &state, QString *error)
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("UPDATE sources SET last_failure_at = ?, last_failure = ? WHERE id = ?"));
    const QDateTime at = state.at.isValid() ? state.at : QDateTime::currentDateTimeUtc();
    q.addBindValue(at.toMSecsSinceEpoch());
    q.addBindValue(QString::fromUtf8(QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact)));
    q.addBindValue(sourceId);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

}  // namespace Catalog
