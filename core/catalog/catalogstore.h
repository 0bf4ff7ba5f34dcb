#pragma once

#include "catalogtypes.h"

#include <QHash>

#include <optional>

namespace Catalog {

class CatalogDatabase;

// Reads the catalog for the front ends: full-text search, one model's whole tree with local
// states, cached trees and live-search results; and the one write the download side needs,
// a file's local state. Runs on the caller's thread with that thread's connection.
class CatalogStore
{
public:
    enum class Sort { Relevance, Downloads, Likes, Updated };
    struct Query
    {
        QString text;            // words; each must match name, author, tags or description
        int limit = 20;
        Sort sort = Sort::Relevance;
        qint64 sourceId = 0;     // 0: the whole catalog
    };

    // What a sync needs to know about a model already stored.
    struct Known
    {
        QString fingerprint;
        QString detailsCommit;
        DetailLevel details = DetailLevel::None;
    };

    explicit CatalogStore(CatalogDatabase *database);

    // Models without variants, newest state aggregated; ordered as asked.
    QList<ModelRecord> search(const Query &query, QString *error = nullptr) const;
    std::optional<ModelRecord> model(const QString &key) const;
    int modelCount() const;

    QHash<QString, Known> known(const QString &hub) const;
    std::optional<TreeRecord> tree(const QString &repo, const QString &commit) const;

    bool setFileState(const QString &modelKey, const QString &variant, const QString &path,
                      LocalState state, QString *error);
    LocalState modelState(const QString &modelKey) const;
    LocalState variantState(const QString &modelKey, const QString &variant) const;

    // Live hub searches, reused while younger than maxAgeSeconds.
    std::optional<QList<ModelRecord>> cachedLiveSearch(const QString &hub, const QString &text,
                                                       qint64 maxAgeSeconds) const;
    bool storeLiveSearch(const QString &hub, const QString &text, const QList<ModelRecord> &models);

    // FTS5 query text for user words: each word a quoted prefix phrase, so punctuation in a
    // word ("llama3.2", "Q4_K_M") can never be read as query syntax.
    static QString matchExpression(const QString &text);

    // A query with at least this many matches counts as broad (see search()).
    static constexpr int kBroadMatches = 1000;

private:
    LocalState stateOfModelId(qint64 modelId) const;

    CatalogDatabase *m_database;
};

} // namespace Catalog
