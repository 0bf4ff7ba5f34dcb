#include "civitaiclient.h"

#include "civitaiparser.h"
#include "jsonfetcher.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <memory>

namespace Hub {

namespace {
constexpr int kMaxPages = 20000;
}

CivitaiClient::CivitaiClient(Net::Session *session, const QUrl &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_fetcher(new JsonFetcher(session, this))
{
    m_fetcher->setHub(Net::HubKind::Civitai);
}

CivitaiClient::~CivitaiClient() = default;

QUrl CivitaiClient::apiUrl(const QString &path) const
{
    QUrl url = m_endpoint;
    QString base = m_endpoint.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path, QUrl::StrictMode);
    return url;
}

QUrl CivitaiClient::modelsUrl(const CivitaiModelQuery &query, const QString &cursor) const
{
    QUrl url = apiUrl(QStringLiteral("/api/v1/models"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QString::number(qBound(1, qMin(query.limit, query.pageSize), 100)));
    for (const QString &type : query.types)
        q.addQueryItem(QStringLiteral("types"), type);
    for (const QString &base : query.baseModels)
        q.addQueryItem(QStringLiteral("baseModels"), base);
    if (!query.sort.isEmpty())
        q.addQueryItem(QStringLiteral("sort"), query.sort);
    if (!query.period.isEmpty())
        q.addQueryItem(QStringLiteral("period"), query.period);
    if (!query.query.isEmpty())
        q.addQueryItem(QStringLiteral("query"), query.query);
    if (!query.username.isEmpty())
        q.addQueryItem(QStringLiteral("username"), query.username);
    if (!query.tag.isEmpty())
        q.addQueryItem(QStringLiteral("tag"), query.tag);
    q.addQueryItem(QStringLiteral("nsfw"), query.nsfw ? QStringLiteral("true") : QStringLiteral("false"));
    if (!cursor.isEmpty())
        q.addQueryItem(QStringLiteral("cursor"), cursor);
    url.setQuery(q);
    return url;
}

namespace {

Page<CivitaiModel> modelListPage(const QUrl &pageUrl, const QString &subject, const ApiResponse &response)
{
    Page<CivitaiModel> page = pageOf<CivitaiModel>(pageUrl, response);
    if (!page.bodySha256.isEmpty()) {
        Result<CivitaiModelPage> parsed = CivitaiParser::modelList(response.body, subject);
        page.error = parsed.error;
        page.items = std::move(parsed.value.models);
        page.rejected = std::move(parsed.rejected);
        if (parsed.ok() && !parsed.value.nextCursor.isEmpty()) {
            QUrl next = pageUrl;
            QUrlQuery q(next);
            q.removeAllQueryItems(QStringLiteral("cursor"));
            q.addQueryItem(QStringLiteral("cursor"), parsed.value.nextCursor);
            next.setQuery(q);
            page.next = next;
        }
    }
    return page;
}

}  // namespace

void CivitaiClient::listModelsPage(const QUrl &pageUrl, const QByteArray &ifNoneMatch, QObject *context,
                                   Callback<Page<CivitaiModel>> callback)
{
    const QString subject = QCoreApplication::translate("Hub::CivitaiClient", "the Civitai model list");
    m_fetcher->get(
        pageUrl, subject, ifNoneMatch, context,
        parsedOnWorker(
            context,
            [pageUrl, subject](const ApiResponse &response) { return modelListPage(pageUrl, subject, response); },
            callback));
}

void CivitaiClient::listModels(const CivitaiModelQuery &query, QObject *context,
                               Callback<Result<QList<CivitaiModel>>> callback)
{
    struct State
    {
        Result<QList<CivitaiModel>> result;
        int pages = 0;
        std::function<void(const QUrl &)> fetch;
    };
    auto state = std::make_shared<State>();
    const int limit = query.limit;
    std::weak_ptr<State> weak = state;
    state->fetch = [this, weak, limit, context, callback](const QUrl &url) {
        const std::shared_ptr<State> state = weak.lock();
        if (!state)
            return;
        listModelsPage(url, {}, context, [state, limit, callback](const Page<CivitaiModel> &page) {
            Result<QList<CivitaiModel>> &r = state->result;
            r.rejected << page.rejected;
            r.quotaResetIn = page.quotaResetIn;
            if (!page.ok())
                r.error = page.error;
            else
                r.value << page.items;
            if (!r.ok() || r.value.size() >= limit || page.next.isEmpty() || ++state->pages >= kMaxPages) {
                if (r.value.size() > limit)
                    r.value.resize(limit);
                callback(r);
                return;
            }
            state->fetch(page.next);
        });
    };
    state->fetch(modelsUrl(query));
}

void CivitaiClient::model(qint64 modelId, QObject *context, Callback<Result<CivitaiModel>> callback)
{
    const QUrl url = apiUrl(QStringLiteral("/api/v1/models/") + QString::number(modelId));
    const QString subject = QStringLiteral("civitai:%1").arg(modelId);
    m_fetcher->get(url, subject, {}, context, [subject, callback](const ApiResponse &response) {
        Result<CivitaiModel> result;
        if (!response.ok())
            result.error = response.error;
        else
            result = CivitaiParser::model(response.body, subject);
        result.quotaResetIn = response.quotaResetIn;
        callback(result);
    });
}

void CivitaiClient::modelVersion(qint64 versionId, QObject *context, Callback<Result<CivitaiVersion>> callback)
{
    const QUrl url = apiUrl(QStringLiteral("/api/v1/model-versions/") + QString::number(versionId));
    const QString subject = QCoreApplication::translate("Hub::CivitaiClient", "Civitai version %1").arg(versionId);
    m_fetcher->get(url, subject, {}, context, [subject, callback](const ApiResponse &response) {
        Result<CivitaiVersion> result;
        if (!response.ok())
            result.error = response.error;
        else
            result = CivitaiParser::version(response.body, subject);
        result.quotaResetIn = response.quotaResetIn;
        callback(result);
    });
}

void CivitaiClient::versionsByHash(const QStringList &sha256, QObject *context,
                                   Callback<Result<QList<CivitaiVersion>>> callback)
{
    const QUrl url = apiUrl(QStringLiteral("/api/v1/model-versions/by-hash"));
    const QString subject =
        sha256.size() == 1
            ? QCoreApplication::translate("Hub::CivitaiClient", "a lookup of 1 file hash")
            : QCoreApplication::translate("Hub::CivitaiClient", "a lookup of %1 file hashes").arg(sha256.size());
    const QByteArray body = QJsonDocument(QJsonArray::fromStringList(sha256)).toJson(QJsonDocument::Compact);
    m_fetcher->post(url, body, subject, context,
                    parsedOnWorker(
                        context,
                        [subject](const ApiResponse &response) {
                            Result<QList<CivitaiVersion>> result;
                            if (!response.ok())
                                result.error = response.error;
                            else
                                result = CivitaiParser::versionList(response.body, subject);
                            result.quotaResetIn = response.quotaResetIn;
                            return result;
                        },
                        callback));
}

QUrl CivitaiClient::downloadUrl(qint64 versionId) const
{
    return apiUrl(QStringLiteral("/api/download/models/") + QString::number(versionId));
}

}  // namespace Hub
