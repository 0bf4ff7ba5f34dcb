#include "hfadapter.h"

#include "hub/huggingfaceclient.h"
#include "variantinference.h"

#include <QMap>

#include <memory>

namespace Catalog {

namespace {
QString fingerprintOf(const QDateTime &lastModified)
{
    // lastModified moves with every commit; the sha is compared separately where known.
    return lastModified.isValid() ? lastModified.toString(Qt::ISODateWithMs) : QString();
}

// Git housekeeping (.gitattributes, .gitignore) is not part of a model.
bool isHousekeeping(const QString &path)
{
    return path.section(QLatin1Char('/'), -1).startsWith(QLatin1Char('.'));
}

QList<FileRecord> filesFromSiblings(const QList<Hub::HfSibling> &siblings)
{
    QList<FileRecord> files;
    for (const Hub::HfSibling &s : siblings) {
        if (isHousekeeping(s.path))
            continue;
        FileRecord f;
        f.path = s.path;
        f.size = s.size;
        f.sha256 = s.lfsSha256;
        f.oid = s.blobId;
        files << f;
    }
    return files;
}

QList<FileRecord> filesFromTree(const QList<Hub::HfTreeEntry> &entries)
{
    QList<FileRecord> files;
    for (const Hub::HfTreeEntry &e : entries) {
        if (e.type != Hub::HfTreeEntry::Type::File || isHousekeeping(e.path))
            continue;
        files << FileRecord{e.path, e.size, e.lfsSha256, e.oid, {}, false, LocalState::None};
    }
    return files;
}

bool hasWeights(const QList<FileRecord> &files)
{
    for (const FileRecord &f : files) {
        if (VariantInference::isWeightFile(f.path))
            return true;
    }
    return false;
}

QString collectionSlug(const QUrl &url)
{
    return url.path().section(QStringLiteral("/api/collections/"), 1);
}
} // namespace

HfAdapter::HfAdapter(Hub::HuggingFaceClient *client, QObject *parent)
    : HubAdapter(parent)
    , m_client(client)
{
}

ModelRecord HfAdapter::toRecord(const Hub::HfModel &h) const
{
    ModelRecord m;
    m.key = h.id;
    m.hub = hub();
    m.hubId = h.id;
    m.name = h.id;
    m.author = h.author;
    m.description = h.description;
    m.tags = h.tags;
    m.kind = h.pipelineTag;
    m.downloads = h.downloads;
    m.likes = h.likes;
    m.lastModified = h.lastModified;
    m.fingerprint = fingerprintOf(h.lastModified);
    m.headCommit = h.sha;
    m.gated = h.gated;
    QUrl web = m_client->endpoint();
    web.setPath(web.path() + QLatin1Char('/') + h.id);
    m.webUrl = web;
    if (h.siblingsPresent) {
        m.details = DetailLevel::Names;
        m.variants = VariantInference::fromFiles(filesFromSiblings(h.siblings), QStringLiteral("main"), h.sha);
    }
    return m;
}

ModelRecord HfAdapter::toRecord(const Hub::HfCollectionItem &item) const
{
    Hub::HfModel h;
    h.id = item.id;
    h.author = item.author.isEmpty() ? item.id.section(QLatin1Char('/'), 0, 0) : item.author;
    h.downloads = item.downloads;
    h.likes = item.likes;
    h.lastModified = item.lastModified;
    h.gated = item.gated;
    h.pipelineTag = item.pipelineTag;
    return toRecord(h);
}

QUrl HfAdapter::firstPage(const Source &source) const
{
    QUrl url = m_client->endpoint();
    switch (source.kind) {
    case Source::Kind::HfQuery: {
        Hub::HfModelQuery q;
        q.author = source.author;
        q.search = source.search;
        q.tags = source.tags;
        q.sort = source.sort;
        q.limit = source.limit;
        q.pageSize = 1000;  // the hub's largest page: fewer round trips for big sources
        return m_client->modelsUrl(q);
    }
    case Source::Kind::HfCollection:
        url.setPath(url.path() + QStringLiteral("/api/collections/") + source.target);
        return url;
    case Source::Kind::HfRepo:
        url.setPath(url.path() + QStringLiteral("/api/models/") + source.target);
        return url;
    default:
        return {};
    }
}

void HfAdapter::fetchPage(const Source &source, const QUrl &url, const QByteArray &etag, QObject *context,
                          Callback<ListingPage> callback)
{
    if (source.kind == Source::Kind::HfCollection) {
        m_client->collection(collectionSlug(url), context, [this, url, callback](const Hub::Result<Hub::HfCollection> &r) {
            ListingPage page;
            page.url = url;
            page.error = r.error;
            page.rejected = r.rejected;
            for (const Hub::HfCollectionItem &item : r.value.items) {
                if (item.type == QLatin1String("model"))
                    page.models << toRecord(item);
            }
            callback(page);
        });
        return;
    }
    if (source.kind == Source::Kind::HfRepo) {
        m_client->modelInfo(source.target, QStringLiteral("main"), context,
                            [this, url, callback](const Hub::Result<Hub::HfModel> &r) {
                                ListingPage page;
                                page.url = url;
                                page.error = r.error;
                                page.rejected = r.rejected;
                                if (r.ok())
                                    page.models << toRecord(r.value);
                                callback(page);
                            });
        return;
    }
    m_client->listModelsPage(url, etag, context, [this, callback](const Hub::Page<Hub::HfModel> &p) {
        ListingPage page;
        page.url = p.url;
        page.next = p.next;
        page.etag = p.etag;
        page.bodySha256 = p.bodySha256;
        page.notModified = p.notModified;
        page.error = p.error;
        page.rejected = p.rejected;
        page.models.reserve(p.items.size());
        for (const Hub::HfModel &h : p.items)
            page.models << toRecord(h);
        callback(page);
    });
}

void HfAdapter::fetchDetails(const ModelRecord &model, const TreeLookup &trees, QObject *context,
                             Callback<DetailsResult> callback)
{
    struct State
    {
        DetailsResult result;
        QList<Hub::HfRef> branches;
        QList<FileRecord> mainFiles;
        QMap<QString, QList<FileRecord>> branchFiles;
        int pending = 0;
    };
    auto state = std::make_shared<State>();
    state->result.model = model;
    const QString repo = model.hubId;

    // Called once every branch tree is in: decide between branch and quantization variants.
    auto assemble = [this, state, repo, callback] {
        ModelRecord &m = state->result.model;
        QList<VariantRecord> variants;
        bool branchMode = false;
        for (const Hub::HfRef &b : std::as_const(state->branches)) {
            if (b.name != QLatin1String("main") && hasWeights(state->branchFiles.value(b.name)))
                branchMode = true;
        }
        auto withUrls = [this, repo](QList<FileRecord> files, const QString &commit) {
            for (FileRecord &f : files)
                f.url = m_client->resolveUrl(repo, commit, f.path);
            return files;
        };
        if (branchMode) {
            if (hasWeights(state->mainFiles))
                variants << VariantRecord{QStringLiteral("main"), QStringLiteral("branch"), QStringLiteral("main"),
                                          m.headCommit, {}, withUrls(state->mainFiles, m.headCommit), {}};
            for (const Hub::HfRef &b : std::as_const(state->branches)) {
                const QList<FileRecord> files = state->branchFiles.value(b.name);
                if (b.name != QLatin1String("main") && hasWeights(files))
                    variants << VariantRecord{b.name, QStringLiteral("branch"), b.name, b.targetCommit, {},
                                              withUrls(files, b.targetCommit), {}};
            }
        } else {
            variants = VariantInference::fromFiles(withUrls(state->mainFiles, m.headCommit), QStringLiteral("main"),
                                                   m.headCommit);
        }
        m.variants = variants;
        m.details = DetailLevel::Complete;
        m.detailsCommit = m.headCommit;
        callback(state->result);
    };

    m_client->modelInfo(repo, QStringLiteral("main"), context,
                        [this, state, repo, trees, context, assemble, callback](const Hub::Result<Hub::HfModel> &info) {
        if (!info.ok()) {
            state->result.error = info.error;
            callback(state->result);
            return;
        }
        ModelRecord &m = state->result.model;
        const ModelRecord fresh = toRecord(info.value);
        m.headCommit = fresh.headCommit;
        if (!m.lastModified.isValid())
            m.lastModified = fresh.lastModified;
        if (m.tags.isEmpty())
            m.tags = fresh.tags;
        if (m.kind.isEmpty())
            m.kind = fresh.kind;
        state->result.problems << info.rejected;
        state->mainFiles = filesFromSiblings(info.value.siblings);
        state->result.trees << TreeRecord{repo, m.headCommit, state->mainFiles};

        m_client->refs(repo, context, [this, state, repo, trees, context, assemble](const Hub::Result<Hub::HfRefs> &refs) {
            if (!refs.ok()) {
                assemble();  // no refs: main is all there is
                return;
            }
            state->branches = refs.value.branches;
            for (const Hub::HfRef &b : std::as_const(state->branches)) {
                if (b.name == QLatin1String("main"))
                    continue;
                if (std::optional<TreeRecord> cached = trees ? trees(repo, b.targetCommit) : std::nullopt) {
                    state->branchFiles.insert(b.name, cached->files);
                    continue;
                }
                ++state->pending;
                m_client->tree(repo, b.targetCommit, context,
                               [state, repo, b, assemble](const Hub::Result<QList<Hub::HfTreeEntry>> &tree) {
                    if (tree.ok()) {
                        const QList<FileRecord> files = filesFromTree(tree.value);
                        state->branchFiles.insert(b.name, files);
                        state->result.trees << TreeRecord{repo, b.targetCommit, files};
                    } else {
                        state->result.problems << QStringLiteral("%1: the branch %2 could not be listed: %3")
                                                      .arg(repo, b.name, tree.error.message);
                    }
                    if (--state->pending == 0)
                        assemble();
                });
            }
            if (state->pending == 0)
                assemble();
        });
    });
}

void HfAdapter::search(const QString &text, int limit, QObject *context,
                       Callback<Hub::Result<QList<ModelRecord>>> callback)
{
    Hub::HfModelQuery q;
    q.search = text;
    q.limit = limit;
    q.sort = QStringLiteral("downloads");
    m_client->listModels(q, context, [this, callback](const Hub::Result<QList<Hub::HfModel>> &r) {
        Hub::Result<QList<ModelRecord>> out;
        out.error = r.error;
        out.rejected = r.rejected;
        for (const Hub::HfModel &h : r.value)
            out.value << toRecord(h);
        callback(out);
    });
}

} // namespace Catalog
