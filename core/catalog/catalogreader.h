#pragma once

#include "catalogstore.h"

#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <optional>

namespace Catalog {

// Reads the catalog for a view, off the caller's thread: the first page of a query with its
// count, further pages, and fresh records of models already shown. One reader thread that
// stays (it keeps its SQLite connection), one job at a time, so answers never overtake each
// other; a new query makes everything still waiting moot, and an answer that arrives after a
// newer query was asked is dropped rather than shown.
class CatalogReader : public QObject
{
    Q_OBJECT
public:
    explicit CatalogReader(CatalogStore *store, QObject *parent = nullptr);
    ~CatalogReader() override;  // waits for the running job

    // The first page of `query` (query.offset, query.limit) and how many models match in all.
    void query(const CatalogStore::Query &query);
    // The page of the current query at query.offset; answered unless a new query comes first.
    void page(const CatalogStore::Query &query);
    // Fresh records of these models (their download states move); several asks in a row are
    // read in one job.
    void refresh(const QStringList &keys);

    // A query asked and not yet answered.
    bool isQueryPending() const { return m_queryRunning || m_query.has_value(); }

    // What one job reads, on the reader thread: the page's models with their whole tree and,
    // with `count`, the total (a first page shorter than a page is the whole answer).
    struct Page
    {
        QList<ModelRecord> models;
        int total = -1;  // -1: not counted
        QString error;
    };
    static Page read(CatalogStore *store, const CatalogStore::Query &query, bool count);

Q_SIGNALS:
    void queryRead(const Catalog::CatalogReader::Page &page);
    void pageRead(int offset, const Catalog::CatalogReader::Page &page);
    void recordsRead(const QList<Catalog::ModelRecord> &records);

private:
    void next();

    CatalogStore *m_store;
    QThreadPool m_thread;
    bool m_running = false;
    bool m_queryRunning = false;
    std::optional<CatalogStore::Query> m_query;
    std::optional<CatalogStore::Query> m_page;
    QStringList m_refresh;
};

}  // namespace Catalog

Q_DECLARE_METATYPE(Catalog::CatalogReader::Page)
