#include "xet/termledger.h"

#include "util/sqlitedb.h"
#include "xet/xetlogging.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QtEndian>

namespace Xet {

namespace {

const Util::Sqlite::Migrations kMigrations = {
    {
        "CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,"
        " size INTEGER NOT NULL, mtime_ms INTEGER NOT NULL, recorded_at INTEGER NOT NULL)",
        // chunk_sizes: the decoded size of each chunk as u32 LE, when the server sent them.
        "CREATE TABLE terms(file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,"
        " xorb_hash TEXT NOT NULL, chunk_start INTEGER NOT NULL, chunk_end INTEGER NOT NULL,"
        " unpacked_length INTEGER NOT NULL, file_offset INTEGER NOT NULL, chunk_sizes BLOB)",
        "CREATE INDEX terms_by_xorb ON terms(xorb_hash, chunk_start)",
        "CREATE INDEX terms_by_file ON terms(file_id)",
    },
};

// One connection per thread (Util::Sqlite::threadConnection), as the catalog.
const QString kConnectionPrefix = QStringLiteral("modeldock-xet-ledger");

QByteArray packSizes(const QList<quint32> &sizes)
{
    QByteArray out(sizes.size() * 4, '\0');
    for (qsizetype i = 0; i < sizes.size(); ++i)
        qToLittleEndian<quint32>(sizes[i], out.data() + 4 * i);
    return out;
}

QList<quint32> unpackSizes(const QByteArray &blob)
{
    QList<quint32> sizes;
    sizes.reserve(blob.size() / 4);
    for (qsizetype i = 0; i + 4 <= blob.size(); i += 4)
        sizes << qFromLittleEndian<quint32>(blob.constData() + i);
    return sizes;
}

qint64 mtimeOf(const QFileInfo &info)
{
    return info.lastModified().toMSecsSinceEpoch();  // milliseconds since the epoch: no time zone involved
}

}  // namespace

TermLedger::TermLedger(const QString &databasePath)
    : m_path(QFileInfo(databasePath).absoluteFilePath())
{
}

TermLedger::~TermLedger()
{
    Util::Sqlite::dropThreadConnection(kConnectionPrefix, m_path);
}

int TermLedger::currentSchemaVersion()
{
    return int(kMigrations.size());
}

QSqlDatabase TermLedger::connection()
{
    QString problem;
    QSqlDatabase db = Util::Sqlite::threadConnection(kConnectionPrefix, m_path, &problem);
    if (!db.isOpen())
        m_error = QStringLiteral("Cannot open the Xet term ledger %1: %2").arg(m_path, problem);
    return db;
}

bool TermLedger::open()
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        m_error = QStringLiteral("Cannot create the folder for the Xet term ledger %1.").arg(m_path);
        return false;
    }
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return false;
    return Util::Sqlite::migrate(db, kMigrations, -1, QStringLiteral("The Xet term ledger %1").arg(m_path), &m_error);
}

bool TermLedger::record(const QString &sha256, const QString &localPath, const Reconstruction &reconstruction)
{
    const QFileInfo info(localPath);
    if (!info.isFile()) {
        m_error = QStringLiteral("Cannot record the Xet terms of %1: the file does not exist.").arg(localPath);
        return false;
    }
    const QString path = info.absoluteFilePath();
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return false;
    const auto failed = [&](const QSqlQuery &query) {
        m_error = QStringLiteral("Cannot record the Xet terms of %1: %2").arg(path, query.lastError().text());
        db.rollback();
        return false;
    };
    if (!db.transaction()) {
        m_error = QStringLiteral("Cannot record the Xet terms of %1: %2").arg(path, db.lastError().text());
        return false;
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM files WHERE path = ?"));
    query.addBindValue(path);
    if (!query.exec())
        return failed(query);
    query.prepare(
        QStringLiteral("INSERT INTO files(path, sha256, size, mtime_ms, recorded_at) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(path);
    query.addBindValue(sha256.toLower());
    query.addBindValue(info.size());
    query.addBindValue(mtimeOf(info));
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    if (!query.exec())
        return failed(query);
    const qint64 fileId = query.lastInsertId().toLongLong();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO terms(file_id, xorb_hash, chunk_start, chunk_end, unpacked_length,"
                                  " file_offset, chunk_sizes) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    int kept = 0;
    for (const Term &term : reconstruction.terms) {
        // A term trimmed at the front, or running past the end, is not whole in this file.
        if (term.skip != 0 || term.fileOffset < 0 || term.fileOffset + term.unpackedLength > info.size())
            continue;
        insert.addBindValue(fileId);
        insert.addBindValue(term.xorbHash);
        insert.addBindValue(term.chunks.start);
        insert.addBindValue(term.chunks.end);
        insert.addBindValue(term.unpackedLength);
        insert.addBindValue(term.fileOffset);
        insert.addBindValue(term.chunkByteSizes.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                                          : QVariant(packSizes(term.chunkByteSizes)));
        if (!insert.exec())
            return failed(insert);
        ++kept;
    }
    if (!db.commit()) {
        m_error = QStringLiteral("Cannot record the Xet terms of %1: %2").arg(path, db.lastError().text());
        db.rollback();
        return false;
    }
    qCDebug(lcXet) << "ledger: recorded" << kept << "terms of" << path;
    return true;
}

bool TermLedger::fileIsIntact(const QString &path, qint64 size, qint64 mtimeMs)
{
    const QFileInfo info(path);
    return info.isFile() && info.size() == size && mtimeOf(info) == mtimeMs;
}

QList<LocalTerm> TermLedger::findLocal(const QList<Term> &terms)
{
    QList<LocalTerm> found(terms.size());
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return found;
    QHash<QString, bool> intact;  // per path, stat once
    QStringList gone;
    const auto usable = [&](const QSqlQuery &row) {
        const QString path = row.value(0).toString();
        auto it = intact.constFind(path);
        if (it == intact.cend()) {
            it = intact.insert(path, fileIsIntact(path, row.value(1).toLongLong(), row.value(2).toLongLong()));
            if (!it.value())
                gone << path;
        }
        return it.value();
    };
    QSqlQuery exact(db);
    exact.prepare(QStringLiteral("SELECT f.path, f.size, f.mtime_ms, t.file_offset FROM terms t"
                                 " JOIN files f ON f.id = t.file_id WHERE t.xorb_hash = ? AND t.chunk_start = ?"
                                 " AND t.chunk_end = ? AND t.unpacked_length = ?"));
    QSqlQuery covering(db);
    covering.prepare(QStringLiteral("SELECT f.path, f.size, f.mtime_ms, t.file_offset, t.chunk_start, t.chunk_sizes"
                                    " FROM terms t JOIN files f ON f.id = t.file_id WHERE t.xorb_hash = ?"
                                    " AND t.chunk_start <= ? AND t.chunk_end >= ? AND t.chunk_sizes IS NOT NULL"));
    for (qsizetype i = 0; i < terms.size(); ++i) {
        const Term &term = terms[i];
        exact.addBindValue(term.xorbHash);
        exact.addBindValue(term.chunks.start);
        exact.addBindValue(term.chunks.end);
        exact.addBindValue(term.unpackedLength);
        if (exact.exec()) {
            while (exact.next()) {
                if (usable(exact)) {
                    found[i] = {exact.value(0).toString(), exact.value(3).toLongLong(), term.unpackedLength};
                    break;
                }
            }
        }
        exact.finish();
        if (found[i].isValid())
            continue;
        covering.addBindValue(term.xorbHash);
        covering.addBindValue(term.chunks.start);
        covering.addBindValue(term.chunks.end);
        if (covering.exec()) {
            while (covering.next()) {
                const QList<quint32> sizes = unpackSizes(covering.value(5).toByteArray());
                const qint64 first = qint64(term.chunks.start) - covering.value(4).toLongLong();
                if (first < 0 || first + term.chunks.count() > sizes.size() || !usable(covering))
                    continue;
                qint64 offset = covering.value(3).toLongLong();
                for (qint64 c = 0; c < first; ++c)
                    offset += sizes[c];
                qint64 length = 0;
                for (qint64 c = first; c < first + term.chunks.count(); ++c)
                    length += sizes[c];
                if (length != term.unpackedLength)
                    continue;  // the same chunks cannot decode to another length: a wrong record
                found[i] = {covering.value(0).toString(), offset, length};
                break;
            }
        }
        covering.finish();
    }
    for (const QString &path : std::as_const(gone))
        forget(path);
    return found;
}

bool TermLedger::forget(const QString &localPath)
{
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return false;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM files WHERE path = ?"));
    query.addBindValue(QFileInfo(localPath).absoluteFilePath());
    if (!query.exec()) {
        m_error = QStringLiteral("Cannot forget the Xet terms of %1: %2").arg(localPath, query.lastError().text());
        return false;
    }
    if (query.numRowsAffected() > 0)
        qCDebug(lcXet) << "ledger: forgot" << localPath;
    return true;
}

int TermLedger::forgetMissing()
{
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return 0;
    QStringList gone;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT path, size, mtime_ms FROM files")))
        return 0;
    while (query.next()) {
        if (!fileIsIntact(query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong()))
            gone << query.value(0).toString();
    }
    query.finish();
    int forgotten = 0;
    for (const QString &path : std::as_const(gone))
        forgotten += forget(path) ? 1 : 0;
    return forgotten;
}

int TermLedger::fileCount()
{
    QSqlDatabase db = connection();
    QSqlQuery query(db);
    if (db.isOpen() && query.exec(QStringLiteral("SELECT count(*) FROM files")) && query.next())
        return query.value(0).toInt();
    return 0;
}

}  // namespace Xet
