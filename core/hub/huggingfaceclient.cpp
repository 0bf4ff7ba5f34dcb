#include "huggingfaceclient.h"

#include "hfparser.h"
#include "jsonfetcher.h"
#include "namerules.h"

#include <QCoreApplication>
#include <QUrlQuery>

#include <memory>

namespace Hub {

namespace {
QString encoded(const QString &part)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(part));
}

// Encodes each segment of a repo path but keeps the separators.
QString encodedPath(const QString &path)
{
    QStringList parts = path.split(QLatin1Char('/'));
    for (QString &p : parts)
        p = encoded(p);
    return parts.join(QLatin1Char('/'));
}

// No single listing is allowed to run forever, whatever the hub's Link headers say.
constexpr int kMaxPages = 20000;
}  // namespace

HuggingFaceClient::HuggingFaceClient(Net::Session *session, const QUrl &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_fetcher(new JsonFetcher(session, this))
{
    m_fetcher->setHub(Net::HubKind::HuggingFace);
}

HuggingFaceClient::~HuggingFaceClient() = default;

QUrl HuggingFaceClient::apiUrl(const QString &encodedPathPart) const
{
    QUrl url = m_endpoint;
    QString base = m_endpoint.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + encodedPathPart, QUrl::StrictMode);
    return url;
}

Net::HttpError HuggingFaceClient::invalidArgument(const QString &what)
{
    return Net::HttpError::make(
        Net::ErrorKind::UnsafeName,
        QCoreApplication::translate("Hub::HuggingFaceClient", "%1 is not a valid Hugging Face name.")
            .arg(NameRules::printable(what)));
}

QUrl HuggingFaceClient::modelsUrl(const HfModelQuery &query) const
{
    QUrl url = apiUrl(QStringLiteral("/api/models"));
    QUrlQuery q;
    if (!query.author.isEmpty())
        q.addQueryItem(QStringLiteral("author"), query.author);
    if (!query.search.isEmpty())
        q.addQueryItem(QStringLiteral("search"), query.search);
    for (const QString &tag : query.tags)
        q.addQueryItem(QStringLiteral("filter"), tag);
    if (!query.sort.isEmpty())
        q.addQueryItem(QStringLiteral("sort"), query.sort);
    if (query.full)
        q.addQueryItem(QStringLiteral("full"), QStringLiteral("true"));
    q.addQueryItem(QStringLiteral("limit"), QString::number(qBound(1, qMin(query.limit, query.pageSize), 1000)));
    url.setQuery(q);
    return url;
}

namespace {

Page<HfModel> modelListPage(const QUrl &pageUrl, const QString &subject, const ApiResponse &response)
{
    Page<HfModel> page = pageOf<HfModel>(pageUrl, response);
    if (!page.bodySha256.isEmpty()) {
        Result<QList<HfModel>> parsed = HfParser::modelList(response.body, subject);
        page.error = parsed.error;
        page.items = std::move(parsed.value);
        page.rejected = std::move(parsed.rejected);
    }
    return page;
}

}  // namespace

void HuggingFaceClient::listModelsPage(const QUrl &pageUrl, const QByteArray &ifNoneMatch, QObject *context,
                                       Callback<Page<HfModel>> callback)
{
    const QString subject = QCoreApplication::translate("Hub::HuggingFaceClient", "the model list");
    m_fetcher->get(
        pageUrl, subject, ifNoneMatch, context,
        parsedOnWorker(
            context,
            [pageUrl, subject](const ApiResponse &response) { return modelListPage(pageUrl, subject, response); },
            callback));
}

void HuggingFaceClient::listModels(const HfModelQuery &query, QObject *context,
                                   Callback<Result<QList<HfModel>>> callback)
{
    struct State
    {
        Result<QList<HfModel>> result;
        int pages = 0;
        std::function<void(const QUrl &)> fetch;
    };
    auto state = std::make_shared<State>();
    const int limit = query.limit;
    // The pending request keeps the state alive; the state only refers to itself weakly.
    std::weak_ptr<State> weak = state;
    state->fetch = [this, weak, limit, context, callback](const QUrl &url) {
        const std::shared_ptr<State> state = weak.lock();
        if (!state)
            return;
        listModelsPage(url, {}, context, [state, limit, callback](const Page<HfModel> &page) {
            Result<QList<HfModel>> &r = state->result;
            r.rejected << page.rejected;
            r.quotaResetIn = page.quotaResetIn;
            if (!page.ok()) {
                r.error = page.error;
                callback(r);
                state->fetch = nullptr;  // breaks the self-reference
                return;
            }
            r.value << page.items;
            if (r.value.size() >= limit || page.next.isEmpty() || ++state->pages >= kMaxPages) {
                if (r.value.size() > limit)
                    r.value.resize(limit);
                callback(r);
                state->fetch = nullptr;
                return;
            }
            state->fetch(page.next);
        });
    };
    state->fetch(modelsUrl(query));
}

void HuggingFaceClient::modelInfo(const QString &repoId, const QString &revision, QObject *context,
                                  Callback<Result<HfModel>> callback)
{
    if (!NameRules::isRepoId(repoId) || revision.isEmpty()) {
        callback(Result<HfModel>{{}, invalidArgument(repoId), {}});
        return;
    }
    QUrl url =
        apiUrl(QStringLiteral("/api/models/") + encodedPath(repoId) + QStringLiteral("/revision/") + encoded(revision));
    url.setQuery(QStringLiteral("blobs=true"));
    const QString &subject = repoId;
    m_fetcher->get(url, subject, {}, context, [subject, callback](const ApiResponse &response) {
        Result<HfModel> result;
        if (!response.ok())
            result.error = response.error;
        else
            result = HfParser::modelInfo(response.body, subject);
        result.quotaResetIn = response.quotaResetIn;
        callback(result);
    });
}

void HuggingFaceClient::modelCard(const QString &repoId, const QString &revision, QObject *context,
                                  Callback<Result<QString>> callback)
{
    if (!NameRules::isRepoId(repoId) || revision.isEmpty()) {
        callback(Result<QString>{{}, invalidArgument(repoId), {}});
        return;
    }
    const QString subject = QCoreApplication::translate("Hub::HuggingFaceClient", "the card of %1").arg(repoId);
    m_fetcher->get(resolveUrl(repoId, revision, QStringLiteral("README.md")), subject, {}, context,
                   [callback](const ApiResponse &response) {
                       Result<QString> result;
                       result.quotaResetIn = response.quotaResetIn;
                       if (response.ok())
                           result.value = cardText(response.body);
                       else if (response.httpStatus != 404)
                           result.error = response.error;  // no README is simply no card
                       callback(result);
                   });
}

QString HuggingFaceClient::cardText(const QByteArray &readme)
{
    constexpr qsizetype kMaxCardBytes = 256 * 1024;
    QString text = QString::fromUtf8(readme.left(kMaxCardBytes));
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    // YAML front matter (license, tags, widget data) is metadata the catalog already shows.
    if (text.startsWith(QLatin1String("---\n"))) {
        const qsizetype end = text.indexOf(QLatin1String("\n---"), 3);
        if (end >= 0) {
            const qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), end + 4);
            text = lineEnd < 0 ? QString() : text.mid(lineEnd + 1);
        }
    }
    return text.trimmed();
}

void HuggingFaceClient::tree(const QString &repoId, const QString &revision, QObject *context,
                             Callback<Result<QList<HfTreeEntry>>> callback)
{
    if (!NameRules::isRepoId(repoId) || revision.isEmpty()) {
        callback(Result<QList<HfTreeEntry>>{{}, invalidArgument(repoId), {}});
        return;
    }
    struct State
    {
        Result<QList<HfTreeEntry>> result;
        int pages = 0;
        std::function<void(const QUrl &)> fetch;
    };
    auto state = std::make_shared<State>();
    const QString &subject = repoId;
    std::weak_ptr<State> weak = state;
    state->fetch = [this, weak, subject, context, callback](const QUrl &url) {
        const std::shared_ptr<State> state = weak.lock();
        if (!state)
            return;
        m_fetcher->get(url, subject, {}, context, [state, subject, callback](const ApiResponse &response) {
            Result<QList<HfTreeEntry>> &r = state->result;
            r.quotaResetIn = response.quotaResetIn;
            if (response.ok()) {
                Result<QList<HfTreeEntry>> page = HfParser::tree(response.body, subject);
                r.error = page.error;
                r.value << page.value;
                r.rejected << page.rejected;
            } else {
                r.error = response.error;
            }
            if (!r.ok() || response.next.isEmpty() || ++state->pages >= kMaxPages) {
                callback(r);
                state->fetch = nullptr;
                return;
            }
            state->fetch(response.next);
        });
    };
    QUrl url =
        apiUrl(QStringLiteral("/api/models/") + encodedPath(repoId) + QStringLiteral("/tree/") + encoded(revision));
    url.setQuery(QStringLiteral("recursive=true&expand=false"));
    state->fetch(url);
}

void HuggingFaceClient::refs(const QString &repoId, QObject *context, Callback<Result<HfRefs>> callback)
{
    if (!NameRules::isRepoId(repoId)) {
        callback(Result<HfRefs>{{}, invalidArgument(repoId), {}});
        return;
    }
    const QUrl url = apiUrl(QStringLiteral("/api/models/") + encodedPath(repoId) + QStringLiteral("/refs"));
    const QString &subject = repoId;
    m_fetcher->get(url, subject, {}, context, [subject, callback](const ApiResponse &response) {
        Result<HfRefs> result;
        if (!response.ok())
            result.error = response.error;
        else
            result = HfParser::refs(response.body, subject);
        result.quotaResetIn = response.quotaResetIn;
        callback(result);
    });
}

void HuggingFaceClient::collection(const QString &slug, QObject *context, Callback<Result<HfCollection>> callback)
{
    // Slugs are "namespace/title-<24 hex>", the same character rules as a repo id.
    if (!NameRules::isRepoId(slug)) {
        callback(Result<HfCollection>{{}, invalidArgument(slug), {}});
        return;
    }
    const QUrl url = apiUrl(QStringLiteral("/api/collections/") + encodedPath(slug));
    const QString subject = QCoreApplication::translate("Hub::HuggingFaceClient", "the collection %1").arg(slug);
    m_fetcher->get(url, subject, {}, context, [subject, callback](const ApiResponse &response) {
        Result<HfCollection> result;
        if (!response.ok())
            result.error = response.error;
        else
            result = HfParser::collection(response.body, subject);
        result.quotaResetIn = response.quotaResetIn;
        callback(result);
    });
}

QUrl HuggingFaceClient::resolveUrl(const QString &repoId, const QString &revision, const QString &path) const
{
    return apiUrl(QLatin1Char('/') + encodedPath(repoId) + QStringLiteral("/resolve/") + encoded(revision) +
                  QLatin1Char('/') + encodedPath(path));
}

}  // namespace Hub
