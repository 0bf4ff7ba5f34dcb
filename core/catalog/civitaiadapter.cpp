#include "civitaiadapter.h"

#include "hub/civitaiclient.h"
#include "util/sha256.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace Catalog {

CivitaiAdapter::CivitaiAdapter(Hub::CivitaiClient *client, QObject *parent)
    : HubAdapter(parent)
    , m_client(client)
{
}

QStringList CivitaiAdapter::sourceKinds() const
{
    return {Source::Kind::CivitaiQuery, Source::Kind::CivitaiModel};
}

QString CivitaiAdapter::sourceProblem(const Source &source) const
{
    if (source.kind == Source::Kind::CivitaiModel) {
        bool ok = false;
        const qint64 id = source.target.toLongLong(&ok);
        if (!ok || id <= 0)
            return QCoreApplication::translate("Catalog::CivitaiAdapter",
                                               "A Civitai model is named by its positive numeric id.");
    }
    return {};
}

QString CivitaiAdapter::describe(const Source &source) const
{
    if (source.kind == Source::Kind::CivitaiModel)
        return QCoreApplication::translate("Catalog::CivitaiAdapter", "Civitai model %1").arg(source.target);
    QString text = source.types.isEmpty() ? QCoreApplication::translate("Catalog::CivitaiAdapter", "Civitai models")
                                          : QCoreApplication::translate("Catalog::CivitaiAdapter", "Civitai %1")
                                                .arg(source.types.join(QStringLiteral(", ")));
    if (!source.baseModels.isEmpty())
        text += QCoreApplication::translate("Catalog::CivitaiAdapter", " for %1")
                    .arg(source.baseModels.join(QStringLiteral(", ")));
    if (!source.sort.isEmpty())
        text += QStringLiteral(", ") + source.sort;
    return text + QCoreApplication::translate("Catalog::CivitaiAdapter", ", top %1").arg(source.limit);
}

std::optional<ModelRecord> CivitaiAdapter::modelForKey(const QString &key) const
{
    if (!key.startsWith(QLatin1String("civitai:")))
        return std::nullopt;
    bool ok = false;
    const qint64 id = key.mid(8).toLongLong(&ok);
    if (!ok || id <= 0 || QString::number(id) != key.mid(8))
        return std::nullopt;
    ModelRecord m;
    m.key = key;
    m.hub = hub();
    m.hubId = QString::number(id);
    return m;
}

QString CivitaiAdapter::modelTypeOf(const QString &civitaiType)
{
    if (civitaiType.compare(QLatin1String("Checkpoint"), Qt::CaseInsensitive) == 0)
        return QLatin1String(ModelType::Checkpoint);
    static const QStringList loraLike{QStringLiteral("LORA"), QStringLiteral("LoCon"), QStringLiteral("DoRA")};
    if (loraLike.contains(civitaiType, Qt::CaseInsensitive))
        return QLatin1String(ModelType::Lora);
    return {};
}

ModelRecord CivitaiAdapter::toRecord(const Hub::CivitaiModel &model, const QUrl &endpoint)
{
    ModelRecord m;
    m.key = QStringLiteral("civitai:%1").arg(model.id);
    m.hub = QStringLiteral("civitai");
    m.hubId = QString::number(model.id);
    m.name = model.name;
    m.author = model.creator;
    // Civitai descriptions are HTML; the index wants words, not tags.
    QString text = model.description;
    text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    m.description = text.simplified().left(4000);
    m.tags = model.tags;
    m.kind = model.type;
    m.modelType = modelTypeOf(model.type);
    m.downloads = model.downloadCount;
    m.likes = model.thumbsUpCount;
    m.nsfw = model.nsfw;
    QUrl web = endpoint;
    web.setPath(web.path() + QStringLiteral("/models/%1").arg(model.id));
    m.webUrl = web;
    if (!model.mode.isEmpty())
        m.extra.insert(QStringLiteral("mode"), model.mode);

    // The fingerprint covers what a download depends on: versions, files, hashes, mode.
    QString canonical = model.name + QLatin1Char('|') + model.mode;
    for (const Hub::CivitaiVersion &v : model.versions) {
        VariantRecord variant;
        variant.name = v.name;
        variant.kind = QStringLiteral("version");
        variant.revision = QString::number(v.id);
        variant.extra = QJsonObject{{QStringLiteral("versionId"), v.id},
                                    {QStringLiteral("baseModel"), v.baseModel},
                                    {QStringLiteral("trainedWords"), QJsonArray::fromStringList(v.trainedWords)}};
        if (!v.baseModel.isEmpty() && !m.baseModels.contains(v.baseModel))
            m.baseModels << v.baseModel;
        if (!v.images.isEmpty())
            variant.extra.insert(QStringLiteral("preview"), v.images.first().url.toString(QUrl::FullyEncoded));
        // Every picture with its rating: the grid's card and gallery choose what to show by it.
        QJsonArray images;
        for (const Hub::CivitaiImage &image : v.images) {
            if (image.type.isEmpty() || image.type == QLatin1String("image"))
                images.append(QJsonObject{{QStringLiteral("url"), image.url.toString(QUrl::FullyEncoded)},
                                          {QStringLiteral("nsfwLevel"), image.nsfwLevel}});
        }
        if (!images.isEmpty())
            variant.extra.insert(QStringLiteral("images"), images);
        canonical += QStringLiteral("|v%1:%2:%3").arg(v.id).arg(v.name, v.publishedAt.toString(Qt::ISODate));
        for (const Hub::CivitaiFile &f : v.files) {
            variant.files << FileRecord{f.name,        f.sizeBytes(), f.sha256,        {},
                                        f.downloadUrl, f.primary,     LocalState::None};
            canonical += QStringLiteral("|f%1:%2:%3:%4").arg(f.id).arg(f.name, f.sha256).arg(f.sizeBytes());
        }
        const QDateTime when = v.updatedAt.isValid() ? v.updatedAt : v.publishedAt;
        if (when.isValid() && (!m.lastModified.isValid() || when > m.lastModified))
            m.lastModified = when;
        // Versions with the same display name would collide as variant names.
        for (const VariantRecord &other : std::as_const(m.variants)) {
            if (other.name == variant.name) {
                variant.name += QStringLiteral(" (%1)").arg(v.id);
                break;
            }
        }
        m.variants << variant;
    }
    if (!model.versions.isEmpty())
        m.headCommit = QString::number(model.versions.first().id);
    m.fingerprint = Util::Sha256::hexOf(canonical.toUtf8());
    m.details = DetailLevel::Complete;
    m.detailsCommit = m.headCommit;
    return m;
}

QUrl CivitaiAdapter::firstPage(const Source &source) const
{
    if (source.kind == Source::Kind::CivitaiModel) {
        QUrl url = m_client->endpoint();
        url.setPath(url.path() + QStringLiteral("/api/v1/models/") + source.target);
        return url;
    }
    Hub::CivitaiModelQuery q;
    q.types = source.types;
    q.baseModels = source.baseModels;
    q.sort = source.sort;
    q.query = source.search;
    q.username = source.author;
    q.limit = source.limit;
    return m_client->modelsUrl(q);
}

void CivitaiAdapter::fetchPage(const Source &source, const QUrl &url, const QByteArray &etag, QObject *context,
                               Callback<ListingPage> callback)
{
    const QUrl endpoint = m_client->endpoint();
    if (source.kind == Source::Kind::CivitaiModel) {
        m_client->model(source.target.toLongLong(), context,
                        [url, endpoint, callback](const Hub::Result<Hub::CivitaiModel> &r) {
                            ListingPage page;
                            page.url = url;
                            page.error = r.error;
                            page.rejected = r.rejected;
                            page.quotaResetIn = r.quotaResetIn;
                            if (r.ok())
                                page.models << toRecord(r.value, endpoint);
                            callback(page);
                        });
        return;
    }
    m_client->listModelsPage(url, etag, context, [endpoint, callback](const Hub::Page<Hub::CivitaiModel> &p) {
        ListingPage page;
        page.url = p.url;
        page.next = p.next;
        page.etag = p.etag;
        page.bodySha256 = p.bodySha256;
        page.notModified = p.notModified;
        page.error = p.error;
        page.rejected = p.rejected;
        page.quotaResetIn = p.quotaResetIn;
        for (const Hub::CivitaiModel &c : p.items)
            page.models << toRecord(c, endpoint);
        callback(page);
    });
}

void CivitaiAdapter::fetchDetails(const ModelRecord &model, const TreeLookup &, QObject *context,
                                  Callback<DetailsResult> callback)
{
    const QUrl endpoint = m_client->endpoint();
    m_client->model(model.hubId.toLongLong(), context,
                    [model, endpoint, callback](const Hub::Result<Hub::CivitaiModel> &r) {
                        DetailsResult result;
                        result.model = r.ok() ? toRecord(r.value, endpoint) : model;
                        result.error = r.error;
                        result.problems = r.rejected;
                        result.quotaResetIn = r.quotaResetIn;
                        callback(result);
                    });
}

void CivitaiAdapter::search(const QString &text, int limit, QObject *context,
                            Callback<Hub::Result<QList<ModelRecord>>> callback)
{
    Hub::CivitaiModelQuery q;
    q.query = text;
    q.limit = limit;
    const QUrl endpoint = m_client->endpoint();
    m_client->listModels(q, context, [endpoint, callback](const Hub::Result<QList<Hub::CivitaiModel>> &r) {
        Hub::Result<QList<ModelRecord>> out;
        out.error = r.error;
        out.rejected = r.rejected;
        out.quotaResetIn = r.quotaResetIn;
        for (const Hub::CivitaiModel &c : r.value)
            out.value << toRecord(c, endpoint);
        callback(out);
    });
}

}  // namespace Catalog
