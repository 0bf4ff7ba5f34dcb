#pragma once

#include "source.h"
#include "syncstate.h"

#include <QDateTime>
#include <QList>
#include <QUrl>

#include <optional>

namespace Catalog {

class CatalogDatabase;

// What a source's listing looked like last time, page by page, so the next sync can send
// If-None-Match and, for an unchanged page, reuse its model keys without parsing.
struct PageRecord
{
    int index = 0;
    QUrl url;
    QByteArray etag;
    QString bodySha256;
    QUrl next;
    QStringList modelKeys;
};

// The sources table: add, edit, remove, list, and each source's stored listing pages.
class SourceStore
{
public:
    explicit SourceStore(CatalogDatabase *database);

    QList<Source> sources() const;
    std::optional<Source> source(qint64 id) const;
    std::optional<Source> sourceByName(const QString &name) const;

    bool add(Source *source, QString *error);           // sets source->id
    bool update(const Source &source, QString *error);  // forgets its stored pages
    bool remove(qint64 id, QString *error);             // and models no source lists any more
    // Adds Source::defaults() the first time a catalog is created, never again (a user who
    // removed them meant it).
    bool seedDefaultsOnce(QString *error);

    QList<PageRecord> pages(qint64 sourceId) const;
    QStringList members(qint64 sourceId) const;  // model keys in rank order
    int memberCount(qint64 sourceId) const;

    // What the user has not seen of a source: models the catalog first stored, and models
    // whose content changed on the hub, after the user last looked at the source. The first
    // successful sync sets the baseline, so what a source listed from the start is not news.
    struct Unseen
    {
        int added = 0;
        int changed = 0;
    };
    Unseen unseen(qint64 sourceId) const;
    QDateTime seenAt(qint64 sourceId) const;  // invalid until the first sync
    // The user looked at the source now (kept in the catalog, so it survives a restart).
    // Before the source's first sync there is nothing to mark.
    bool markSeen(qint64 sourceId, QString *error);
    QDateTime lastSyncAt(qint64 sourceId) const;
    // What the last syncs ended with, as stored: the last success (Synced, with counts), the
    // last failure (Offline, Throttled or Failed, with the reason), and the newer of the two.
    // Idle when there is none.
    SyncState lastSuccess(qint64 sourceId) const;
    SyncState lastFailure(qint64 sourceId) const;
    SyncState lastOutcome(qint64 sourceId) const;
    bool recordFailure(qint64 sourceId, const SyncState &state, QString *error);

private:
    CatalogDatabase *m_database;
};

}  // namespace Catalog
