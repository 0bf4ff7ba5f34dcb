#pragma once

#include "catalogtypes.h"
#include "hub/hubresult.h"
#include "source.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <optional>

namespace Catalog {

// One page of a source's listing, already in catalog terms.
struct ListingPage
{
    QList<ModelRecord> models;
    QStringList rejected;  // one sentence per item the hub sent that could not be used
    QUrl url;
    QUrl next;
    QByteArray etag;
    QString bodySha256;  // empty when the adapter cannot tell (then: treat as changed)
    bool notModified = false;
    Net::HttpError error;
    std::chrono::milliseconds quotaResetIn{-1};  // the hub's quota is used up: wait before asking again
};

// A model's full tree (variants with sizes and hashes) and the trees fetched for it.
struct DetailsResult
{
    ModelRecord model;
    QList<TreeRecord> trees;  // new trees to cache by commit
    QStringList problems;
    Net::HttpError error;  // retryable errors here mean: ask again later, nothing is stored
    std::chrono::milliseconds quotaResetIn{-1};
};

using TreeLookup = std::function<std::optional<TreeRecord>(const QString &repo, const QString &commit)>;

// What the sync engine needs from a hub, and nothing about how the hub shapes its API. A
// mirror or another hub is one more implementation of this class: it names the source
// kinds it syncs, checks and describes them, reads its own model keys, and turns the hub's
// answers into catalog records.
class HubAdapter : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~HubAdapter() override = default;

    template <typename T> using Callback = std::function<void(const T &)>;

    virtual QString hub() const = 0;  // "hf", "civitai"

    // Sources: the kinds this adapter syncs, what is wrong with one (empty when usable), and
    // one line for a person ("Hugging Face models by cortexso, top 50").
    virtual QStringList sourceKinds() const = 0;
    virtual QString sourceProblem(const Source &source) const = 0;
    virtual QString describe(const Source &source) const = 0;

    // Model keys: how this hub's keys look ("namespace/name", "civitai:<id>"), and a record
    // holding what a key alone tells (key, hub, hub id) when the key is one of this hub's.
    virtual QString keyFormat() const = 0;
    virtual std::optional<ModelRecord> modelForKey(const QString &key) const = 0;

    virtual QUrl firstPage(const Source &source) const = 0;
    // Fetches one listing page (conditionally when etag is given).
    virtual void fetchPage(const Source &source, const QUrl &url, const QByteArray &etag, QObject *context,
                           Callback<ListingPage> callback) = 0;
    // Whether listings lack sizes/hashes so details must be fetched per model.
    virtual bool listingsNeedDetails() const = 0;
    // The model's whole tree at its current head; trees already cached come from `trees`.
    // A tree that could only partly be read comes back with an empty detailsCommit.
    virtual void fetchDetails(const ModelRecord &model, const TreeLookup &trees, QObject *context,
                              Callback<DetailsResult> callback) = 0;
    // A live search on the hub beyond the synced sources.
    virtual void search(const QString &text, int limit, QObject *context,
                        Callback<Hub::Result<QList<ModelRecord>>> callback) = 0;
};

}  // namespace Catalog
