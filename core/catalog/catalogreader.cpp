#include "catalogreader.h"

#include "util/futurewatch.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Catalog {

CatalogReader::CatalogReader(CatalogStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_thread.setMaxThreadCount(1);
    m_thread.setExpiryTimeout(-1);
}

CatalogReader::~CatalogReader()
{
    m_thread.waitForDone();
}

void CatalogReader::query(const CatalogStore::Query &query)
{
    m_query = query;
    // What the old query wanted is moot now: its pages and its rows' refreshes.
    m_page.reset();
    m_refresh.clear();
    next();
}

void CatalogReader::page(const CatalogStore::Query &query)
{
    m_page = query;
    next();
}

void CatalogReader::refresh(const QStringList &keys)
{
    for (const QString &key : keys) {
        if (!m_refresh.contains(key))
            m_refresh << key;
    }
    next();
}

CatalogReader::Page CatalogReader::read(CatalogStore *store, const CatalogStore::Query &query, bool count)
{
    Page result;
    result.models = store->search(query, &result.error);
    if (count && result.error.isEmpty()) {
        result.total = result.models.size() < query.limit ? int(result.models.size()) + query.offset
                                                          : store->count(query, &result.error);
    }
    for (ModelRecord &model : result.models) {
        std::optional<ModelRecord> full = store->model(model.key);
        if (!full)
            continue;
        if (full->sources.isEmpty())
            full->sources = model.sources;
        model = std::move(*full);
    }
    return result;
}

void CatalogReader::next()
{
    if (m_running)
        return;
    CatalogStore *store = m_store;
    if (m_query) {
        const CatalogStore::Query query = *std::exchange(m_query, std::nullopt);
        m_running = m_queryRunning = true;
        Util::whenFinished(this, QtConcurrent::run(&m_thread, [store, query] { return read(store, query, true); }),
                           [this](const Page &page) {
                               m_running = m_queryRunning = false;
                               if (!m_query)  // a newer query waits: this answer is already out of date
                                   Q_EMIT queryRead(page);
                               next();
                           });
        return;
    }
    if (m_page) {
        const CatalogStore::Query query = *std::exchange(m_page, std::nullopt);
        m_running = true;
        Util::whenFinished(this, QtConcurrent::run(&m_thread, [store, query] { return read(store, query, false); }),
                           [this, offset = query.offset](const Page &page) {
                               m_running = false;
                               if (!m_query)
                                   Q_EMIT pageRead(offset, page);
                               next();
                           });
        return;
    }
    if (!m_refresh.isEmpty()) {
        const QStringList keys = std::exchange(m_refresh, {});
        m_running = true;
        Util::whenFinished(this,
                           QtConcurrent::run(&m_thread,
                                             [store, keys] {
                                                 QList<ModelRecord> records;
                                                 for (const QString &key : keys) {
                                                     if (std::optional<ModelRecord> full = store->model(key))
                                                         records << *full;
                                                 }
                                                 return records;
                                             }),
                           [this](const QList<ModelRecord> &records) {
                               m_running = false;
                               if (!m_query)
                                   Q_EMIT recordsRead(records);
                               next();
                           });
    }
}

}  // namespace Catalog
