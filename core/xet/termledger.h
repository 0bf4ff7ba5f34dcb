#pragma once

#include "xet/reconstruction.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Xet {

// Where a term's decoded bytes already are on disk: `length` bytes at `offset` of `path`.
struct LocalTerm
{
    QString path;
    qint64 offset = -1;
    qint64 length = 0;
    bool isValid() const { return offset >= 0; }
    friend bool operator==(const LocalTerm &, const LocalTerm &) = default;
};

// Which Xet terms ModelDock already holds, so a new revision of a model fetches only the
// chunks that changed: per downloaded Xet file (its SHA-256 and local path) the terms it was
// built from and where each landed. Deduplication on the Hub keeps unchanged regions in the
// same xorbs and chunk ranges, so a new file's term that equals (or, with per-chunk sizes,
// lies inside) a recorded one can be copied from the old file.
//
// Its own SQLite file (a cache: deleting it only costs reuse), one named connection per
// thread, prepared statements, schema_version and WAL as ModelDock's other stores. Usable from
// any thread; each call uses the calling thread's connection.
class TermLedger
{
public:
    explicit TermLedger(const QString &databasePath);
    ~TermLedger();
    TermLedger(const TermLedger &) = delete;
    TermLedger &operator=(const TermLedger &) = delete;

    // Creates the file if needed and migrates it.
    bool open();
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }
    static int currentSchemaVersion();

    // Records the file at `localPath` (complete and in place) as built from `reconstruction`,
    // replacing what was recorded for that path. Its size and modification time are read now;
    // a later change of either makes the entry stale. Only terms wholly inside the file are
    // kept (a range answer's first term may start before it).
    bool record(const QString &sha256, const QString &localPath, const Reconstruction &reconstruction);

    // For each term: where its bytes are on disk, or an invalid LocalTerm. An exact match
    // (same xorb, chunk range and length) is used first; a recorded term with per-chunk sizes
    // that covers the chunks serves a sub-range. Files that are gone or changed are forgotten.
    QList<LocalTerm> findLocal(const QList<Term> &terms);

    bool forget(const QString &localPath);
    // Forgets every file that no longer exists with its recorded size and time; how many.
    int forgetMissing();
    int fileCount();

private:
    QSqlDatabase connection();
    bool fileIsIntact(const QString &path, qint64 size, qint64 mtimeMs);

    QString m_path;
    QString m_error;
};

}  // namespace Xet
