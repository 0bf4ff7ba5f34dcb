#pragma once

#include "catalogtypes.h"
#include "sourcestore.h"
#include "syncstate.h"

#include <QDateTime>
#include <QSet>
#include <QSqlDatabase>

#include <atomic>

namespace Catalog {

// Everything one sync of one source found, applied in a single transaction so a failed or
// interrupted sync leaves the previous catalog exactly as it was.
struct SyncBatch
{
    qint64 sourceId = 0;
    bool membersKnown = true;    // false: membership and pages are as stored (every page unchanged)
    QStringList members;         // model keys in rank order
    QList<ModelRecord> upserts;  // new and changed models (with variants when known)
    QSet<QString> treeOnly;      // upserts that only complete a tree read partly before: not "changed"
    struct Stats
    {
        QString key;
        qint64 downloads = 0;
        qint64 likes = 0;
    };
    QList<Stats> stats;  // unchanged models seen on changed pages: fresh counters
    QList<PageRecord> pages;
    QList<TreeRecord> trees;
    QDateTime at;
    SyncState outcome;  // the job's counts; apply adds added/changed/removed and stores it
};

struct ApplyResult
{
    bool ok = false;
    QString error;
    int added = 0;  // keys newly listed by the source
    int changed = 0;
    int removed = 0;           // keys the source no longer lists
    int updatesAvailable = 0;  // downloaded models whose hub content changed
};

// All catalog writes. Stateless: each call takes the connection of its own thread, so a
// sync can apply its batch on a worker thread.
class SyncWriter
{
public:
    // `cancelled`, when set by the time the batch is written, rolls it back: the source was
    // edited or removed while the sync ran.
    static ApplyResult apply(const QString &databasePath, const SyncBatch &batch,
                             const std::atomic_bool *cancelled = nullptr);
    // Replaces one model's tree after an on-demand detail fetch.
    static bool applyDetails(const QString &databasePath, const ModelRecord &model, const QList<TreeRecord> &trees,
                             QString *error);
    // Starts a write transaction that holds the write lock from the start (BEGIN IMMEDIATE).
    static bool beginWrite(QSqlDatabase &db, QString *error);
    // Rebuilds the index of the most downloaded models (rowid = rank) that answers searches
    // matching a large part of the catalog. Call inside a write transaction after changes.
    static bool refreshPopularIndex(QSqlDatabase &db, QString *error);
    static constexpr int kPopularModels = 5000;
    // Models no source lists and nothing was downloaded from.
    static bool removeOrphans(QSqlDatabase &db);
    static bool setFileState(QSqlDatabase &db, const QString &modelKey, const QString &variant, const QString &path,
                             LocalState state, QString *error);
};

}  // namespace Catalog
