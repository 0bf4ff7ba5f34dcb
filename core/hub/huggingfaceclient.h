#pragma once

#include "hftypes.h"
#include "hubresult.h"

#include <QObject>
#include <QUrl>

#include <functional>

namespace Net {
class Session;
}

namespace Hub {

class JsonFetcher;

// The Hugging Face Hub API as ModelDock uses it: listing and searching models, model info at
// a revision, recursive file trees, refs and collections. Asynchronous; every callback runs
// once on the caller's thread unless `context` is destroyed first. Knows URLs and JSON,
// nothing about the catalog. Works against any endpoint (huggingface.co, a mirror, the test
// hub).
class HuggingFaceClient : public QObject
{
    Q_OBJECT
public:
    template <typename T> using Callback = std::function<void(const T &)>;

    // Requests go through `session` (network, tokens, User-Agent, proxy).
    HuggingFaceClient(Net::Session *session, const QUrl &endpoint, QObject *parent = nullptr);
    ~HuggingFaceClient() override;

    QUrl endpoint() const { return m_endpoint; }
    // Requests built from now on go to `endpoint` (a live settings change); requests already
    // sent finish where they went.
    void setEndpoint(const QUrl &endpoint) { m_endpoint = endpoint; }

    // First page of a model listing; later pages come from Page::next (the Link header).
    QUrl modelsUrl(const HfModelQuery &query) const;
    // One listing page. With a stored ETag the hub may answer 304 (Page::notModified).
    void listModelsPage(const QUrl &pageUrl, const QByteArray &ifNoneMatch, QObject *context,
                        Callback<Page<HfModel>> callback);
    // Every page until query.limit models are collected.
    void listModels(const HfModelQuery &query, QObject *context, Callback<Result<QList<HfModel>>> callback);

    // Model info at a revision (branch, tag or commit) with file sizes and LFS hashes
    // (blobs=true). HfModel::sha is the commit the revision resolved to.
    void modelInfo(const QString &repoId, const QString &revision, QObject *context,
                   Callback<Result<HfModel>> callback);
    // Every file under the revision, following Link pagination. Pass a commit to get a
    // listing that can be cached forever.
    void tree(const QString &repoId, const QString &revision, QObject *context,
              Callback<Result<QList<HfTreeEntry>>> callback);
    void refs(const QString &repoId, QObject *context, Callback<Result<HfRefs>> callback);
    void collection(const QString &slug, QObject *context, Callback<Result<HfCollection>> callback);

    // The model card: README.md at the revision as Markdown, its YAML front matter removed and
    // at most 256 KiB read. A repo without a README answers an empty text, not an error.
    void modelCard(const QString &repoId, const QString &revision, QObject *context,
                   Callback<Result<QString>> callback);
    static QString cardText(const QByteArray &readme);

    // {endpoint}/{repo}/resolve/{revision}/{path}, each part percent-encoded.
    QUrl resolveUrl(const QString &repoId, const QString &revision, const QString &path) const;

    JsonFetcher *fetcher() const { return m_fetcher; }

private:
    QUrl apiUrl(const QString &encodedPath) const;
    static Net::HttpError invalidArgument(const QString &what);

    QUrl m_endpoint;
    JsonFetcher *m_fetcher;
};

}  // namespace Hub
