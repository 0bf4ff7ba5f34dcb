#pragma once

#include "catalog/catalogstore.h"
#include "fileidentity.h"
#include "hub/civitaitypes.h"
#include "hub/hubresult.h"
#include "identitystore.h"
#include "library/libraryindex.h"
#include "net/retrybudget.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>

namespace Hub {
class CivitaiClient;
}

namespace Identify {

// Says what the hashed files on disk are: files in the Hugging Face cache by their folder,
// any file whose SHA-256 the catalog lists for a Hugging Face repo without a request, and the
// rest by asking Civitai in bulk (POST /api/v1/model-versions/by-hash, at most 100 hashes a
// request, one request at a time, 429/503 asked again within the retry budget and after the
// hub's Retry-After). What Civitai answered is kept in the IdentityStore, so a rescan asks
// only for hashes it never asked about (or that were unknown a week ago). For each Civitai
// model found it takes the newest version from the catalog when the catalog lists the model,
// else reads the model's versions (kept a day), to say whether a newer one exists.
//
// Runs on the caller's thread (the catalog's query on a worker); finished() comes exactly once
// per identify().
class ModelIdentifier : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        Net::RetryPolicy retry;
        qint64 unknownRecheckSeconds = 7 * 24 * 3600;  // an unknown hash is asked again after this
        qint64 modelRecheckSeconds = 24 * 3600;        // a model's newest version is read again after this
        bool checkNewer = true;
    };

    // `catalog` may be null (no catalog matches); the others must outlive this object.
    ModelIdentifier(Hub::CivitaiClient *civitai, IdentityStore *store, const Catalog::CatalogStore *catalog,
                    QObject *parent = nullptr);
    ~ModelIdentifier() override;

    void setOptions(const Options &options) { m_options = options; }
    // Seconds since the epoch; tests move it to age the stored answers.
    void setNow(std::function<qint64()> now) { m_now = std::move(now); }

    // Files without a hash are left out. Never call again before finished().
    void identify(const QList<Library::IndexedFile> &files);

Q_SIGNALS:
    // done of total hashes asked so far (both 0 while nothing needs asking).
    void progress(int done, int total);
    // A lookup failed for a passing reason and will be asked again ("… Retrying in 2 s.").
    void retrying(const QString &sentence);
    void finished(const Identify::IdentifyReport &report);

private:
    struct Run;
    void matchCatalog(const QHash<QString, Catalog::CatalogStore::HashedFile> &known);
    void lookupNext();
    void onLookup(const QStringList &batch, const Hub::Result<QList<Hub::CivitaiVersion>> &result);
    void checkNextModel();
    void finish();
    // A Civitai model the catalog lists with its versions: its newest version without a request.
    std::optional<IdentityStore::Model> catalogModel(qint64 modelId) const;
    void fillCivitai(const QString &sha256, qint64 versionId, const QJsonObject &version);

    Hub::CivitaiClient *m_civitai;
    IdentityStore *m_store;
    const Catalog::CatalogStore *m_catalog;
    Options m_options;
    std::function<qint64()> m_now;
    std::unique_ptr<Run> m_run;
};

}  // namespace Identify
