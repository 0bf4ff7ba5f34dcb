#pragma once

#include "catalogtypes.h"

#include <QHash>
#include <QPair>
#include <QSet>

#include <optional>

namespace Catalog {

class CatalogDatabase;

// How far a group of models (a source, a collection, the whole catalog) is downloaded, for a
// parent row in a view: "37/80 done, 2 failed".
struct GroupState
{
    int models = 0;    // members
    int verified = 0;  // members in each state (a model counts once, by its own state)
    int downloading = 0;
    int queued = 0;
    int failed = 0;
    int updates = 0;
    LocalState state = LocalState::None;  // verified only when every member is
    QString describe() const;
};

// Reads the catalog for the front ends: search with filters, sorts and pages, one model's
// whole tree with local states, download progress of sources, cached trees and live-search
// results; and the one write the download side needs, a file's local state. Runs on the
// caller's thread with that thread's connection.
class CatalogStore
{
public:
    // State: models with files in any download state (queued … verified, failed) first, then
    // by downloads.
    enum class Sort
    {
        Relevance,
        Downloads,
        Likes,
        Updated,
        Name,
        Size,
        State
    };
    enum class Downloaded
    {
        Any,
        Only,
        Not
    };  // Only: a file is verified (or has an update)
    struct Query
    {
        QString text;  // words; each must match name, author, tags or description
        int limit = 20;
        Sort sort = Sort::Relevance;
        qint64 sourceId = 0;  // 0: the whole catalog
        // Relevance ignores the order; a view passes its header's (Name A→Z is ascending).
        Qt::SortOrder order = Qt::DescendingOrder;
        int offset = 0;     // rows to skip: pages of `limit`
        QString hub;        // "hf", "civitai"; empty: every hub
        QString type;       // ModelType::Gguf, Checkpoint or Lora; empty: every type
        QString baseModel;  // as baseModels() names it; empty: any
        Downloaded downloaded = Downloaded::Any;
    };

    // What a sync needs to know about a model already stored.
    struct Known
    {
        QString fingerprint;
        QString detailsCommit;  // empty: the tree is missing or partial
        DetailLevel details = DetailLevel::None;
        bool downloaded = false;  // some file of it was queued, downloaded or failed
    };

    explicit CatalogStore(CatalogDatabase *database);

    // Models without variants, state aggregated; filtered, ordered and paged as asked.
    QList<ModelRecord> search(const Query &query, QString *error = nullptr) const;
    // How many models the query matches in all (limit and offset ignored): the view's pages.
    int count(const Query &query, QString *error = nullptr) const;
    // Base models with the number of models built on each, most used first (a filter list).
    QList<QPair<QString, int>> baseModels(const QString &hub = {}) const;
    std::optional<ModelRecord> model(const QString &key) const;
    int modelCount() const;

    QHash<QString, Known> known(const QString &hub) const;

    // A file of the catalog found by its content (catalogstorehashes.cpp).
    struct HashedFile
    {
        QString modelKey;
        QString modelName;
        QString variant;   // branch, quantization or Civitai version name
        QString revision;  // HF: the branch; Civitai: the version id
        QString path;
    };
    // The catalog's files of `hub` ("hf", "civitai"; empty: any) whose SHA-256 (lowercase
    // hex; the LFS hash for Hugging Face) is one of `sha256`, one per hash. No index on the
    // hash exists, so this reads the files table once: call it with the whole list.
    QHash<QString, HashedFile> filesWithHashes(const QSet<QString> &sha256, const QString &hub = {}) const;
    std::optional<TreeRecord> tree(const QString &repo, const QString &commit) const;
    // What a file's header said (Insight::FileInsight::toJson), kept per lowercase SHA-256.
    std::optional<QJsonObject> fileInsight(const QString &sha256) const;
    bool storeFileInsight(const QString &sha256, const QJsonObject &insight);

    bool setFileState(const QString &modelKey, const QString &variant, const QString &path, LocalState state,
                      QString *error);
    LocalState modelState(const QString &modelKey) const;
    LocalState variantState(const QString &modelKey, const QString &variant) const;
    // The download state of a source's (or collection's) member models; 0: the whole catalog.
    GroupState sourceState(qint64 sourceId) const;

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
    QList<ModelRecord> searchPopular(const Query &query, const QString &match, QList<qint64> *ids) const;

    CatalogDatabase *m_database;
};

}  // namespace Catalog
