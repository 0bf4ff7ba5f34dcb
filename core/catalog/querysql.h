#pragma once

#include "catalogstore.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace Catalog {

// The SELECT behind CatalogStore::search and count. The statement is put together from
// fixed pieces only (which filters are on, which of a fixed set of orders); every value the
// user typed is bound. Each order has an index SQLite can walk in either direction, and the
// filters are tested on what that index holds (hub, type, row id), so a page deep into a
// filtered, sorted 100,000-model catalog is read without sorting or visiting skipped rows.
class QuerySql
{
public:
    // The columns modelFromRow() reads, "m.id" first.
    static const QString &columns();
    static ModelRecord modelFromRow(const QSqlQuery &q);

    // Prepares (and binds) the query on `q`. `match` is the FTS expression, empty for none.
    static bool prepareSelect(QSqlQuery &q, const CatalogStore::Query &query, const QString &match);
    static bool prepareCount(QSqlQuery &q, const CatalogStore::Query &query, const QString &match);
    // Whether any filter besides the words is on.
    static bool filtered(const CatalogStore::Query &query);

private:
    static QString conditions(const CatalogStore::Query &query, bool fts);
    static void bindFilters(QSqlQuery &q, const CatalogStore::Query &query, const QString &match, bool fts);
};

}  // namespace Catalog
