#pragma once

#include "civitaitypes.h"
#include "hubresult.h"

#include <QObject>
#include <QUrl>

#include <functional>

namespace Net {
class Session;
}

namespace Hub {

class JsonFetcher;

// The Civitai REST API (v1) as ModelDock uses it: cursor-paged model listings, a model with
// its versions and files, a single version. Same threading and lifetime contract as
// Hub::HuggingFaceClient.
class CivitaiClient : public QObject
{
    Q_OBJECT
public:
    template <typename T> using Callback = std::function<void(const T &)>;

    // Requests go through `session` (network, tokens, User-Agent, proxy).
    CivitaiClient(Net::Session *session, const QUrl &endpoint, QObject *parent = nullptr);
    ~CivitaiClient() override;

    QUrl endpoint() const { return m_endpoint; }
    // Requests built from now on go to `endpoint` (a live settings change); requests already
    // sent finish where they went.
    void setEndpoint(const QUrl &endpoint) { m_endpoint = endpoint; }

    // A listing page URL; an empty cursor asks for the first page.
    QUrl modelsUrl(const CivitaiModelQuery &query, const QString &cursor = {}) const;
    // One page; Page::next is this URL with the hub's next cursor (we build it ourselves:
    // metadata.nextPage names the hub's public host, which a mirror or test hub is not).
    void listModelsPage(const QUrl &pageUrl, const QByteArray &ifNoneMatch, QObject *context,
                        Callback<Page<CivitaiModel>> callback);
    void listModels(const CivitaiModelQuery &query, QObject *context, Callback<Result<QList<CivitaiModel>>> callback);

    void model(qint64 modelId, QObject *context, Callback<Result<CivitaiModel>> callback);
    void modelVersion(qint64 versionId, QObject *context, Callback<Result<CivitaiVersion>> callback);

    // POST /api/v1/model-versions/by-hash: the versions holding files with these SHA-256
    // hashes (at most kMaxHashesPerLookup; the caller splits longer lists). Hashes nothing
    // matches are simply absent from the answer; a version's files carry their hashes.
    void versionsByHash(const QStringList &sha256, QObject *context, Callback<Result<QList<CivitaiVersion>>> callback);
    static constexpr int kMaxHashesPerLookup = 100;

    // {endpoint}/api/download/models/{versionId}: the primary file of a version.
    QUrl downloadUrl(qint64 versionId) const;

private:
    QUrl apiUrl(const QString &path) const;

    QUrl m_endpoint;
    JsonFetcher *m_fetcher;
};

}  // namespace Hub
