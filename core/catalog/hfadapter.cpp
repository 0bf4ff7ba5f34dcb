#include "hfadapter.h"

#include "hub/huggingfaceclient.h"
#include "hub/namerules.h"
#include "variantinference.h"

#include <QCoreApplication>
#include <QMap>

#include <memory>

namespace Catalog {

namespace {
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
}  // namespace

HfAdapter::HfAdapter(Hub::HuggingFaceClient *client, QObject *parent)
    : HubAdapter(parent)
    , m_client(client)
{
}

QStringList HfAdapter::sourceKinds() const
{
    return {Source::Kind::HfQuery, Source::Kind::HfCollection, Source::Kind::HfRepo};
}

QString HfAdapter::sourceProblem(const Source &source) const
{
    if (source.kind == Source::Kind::HfCollection || source.kind == Source::Kind::HfRepo) {
        // Collection slugs are "namespace/title-<24 hex>", the same characters as a repo id.
        if (!Hub::NameRules::isRepoId(source.target))
            return QCoreApplication::translate("Catalog::HfAdapter", "%1 is not of the form namespace/name.")
                .arg(Hub::NameRules::printable(source.target));
    }
    return {};  // a query with no filter at all is "the top N models", a fine source
}

QString HfAdapter::describe(const Source &source) const
{
    if (source.kind == Source::Kind::HfCollection)
        return QCoreApplication::translate("Catalog::HfAdapter", "Hugging Face collection %1").arg(source.target);
    if (source.kind == Source::Kind::HfRepo)
        return QCoreApplication::translate("Catalog::HfAdapter", "Hugging Face repo %1").arg(source.target);
    QString text = QCoreApplication::translate("Catalog::HfAdapter", "Hugging Face models");
    if (!source.author.isEmpty())
        text += QCoreApplication::translate("Catalog::HfAdapter", " by %1").arg(source.author);
    if (!source.search.isEmpty())
        text += QCoreApplication::translate("Catalog::HfAdapter", " matching \"%1\"").arg(source.search);
    if (!source.tags.isEmpty())
        text +=
            QCoreApplication::translate("Catalog::HfAdapter", " tagged %1").arg(source.tags.join(QStringLiteral(", ")));
    if (!source.sort.isEmpty())
        text += QCoreApplication::translate("Catalog::HfAdapter", ", by %1").arg(source.sort);
    return text + QCoreApplication::translate("Catalog::HfAdapter", ", top %1").arg(source.limit);
}

std::optional<ModelRecord> HfAdapter::modelForKey(const QString &key) const
{
    if (!Hub::NameRules::isRepoId(key))
        return std::nullopt;
    ModelRecord m;
    m.key = key;
    m.hub = hub();
    m.hubId = key;
    m.name = key;
    m.author = key.section(QLatin1Char('/'), 0, 0);
    return m;
}

QString HfAdapter::fingerprintOf(const QDateTime &lastModified, const QString &sha)
{
    // Either alone can miss a change: lastModified has second precision on some answers, and
    // sha only follows main.
    const QString when = lastModified.isValid() ? lastModified.toString(Qt::ISODateWithMs) : QString();
    return when.isEmpty() && sha.isEmpty() ? QString() : when + QLatin1Char('|') + sha;
}

QString HfAdapter::modelTypeOf(const QStringList &tags, const QString &library, const QList<VariantRecord> &variants)
{
    auto tagged = [&tags](const char *tag) { return tags.contains(QLatin1String(tag), Qt::CaseInsensitive); };
    bool ggufFiles = false;
    for (const VariantRecord &v : variants) {
        for (const FileRecord &f : v.files)
            ggufFiles = ggufFiles || f.path.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive);
    }
    if (tagged("gguf") || library == QLatin1String("gguf") || ggufFiles)
        return QLatin1String(ModelType::Gguf);
    const bool adapter = std::any_of(tags.cbegin(), tags.cend(), [](const QString &t) {
        return t.startsWith(QLatin1String("base_model:adapter:"));
    });
    if (tagged("lora") || tagged("peft") || library == QLatin1String("peft") || adapter)
        return QLatin1String(ModelType::Lora);
    if (tagged("diffusers") || tagged("stable-diffusion") || library == QLatin1String("diffusers"))
        return QLatin1String(ModelType::Checkpoint);
    return {};
}

QStringList HfAdapter::baseModelsOf(const QStringList &tags)
{
    static const QStringList relations{QStringLiteral("quantized:"), QStringLiteral("finetune:"),
                                       QStringLiteral("adapter:"), QStringLiteral("merge:")};
    QStringList out;
    for (const QString &tag : tags) {
        if (!tag.startsWith(QLatin1String("base_model:")))
            continue;
        QString base = tag.mid(11);
        for (const QString &r : relations) {
            if (base.startsWith(r))
                base = base.mid(r.size());
        }
        if (Hub::NameRules::isRepoId(base) && !out.contains(base))
            out << base;
    }
    return out;
}

ModelRecord HfAdapter::toRecord(const Hub::HfModel &model) const
{
    ModelRecord m;
    m.key = model.id;
    m.hub = hub();
    m.hubId = model.id;
    m.name = model.id;
    m.author = model.author;
    m.description = model.description;
    m.tags = model.tags;
    m.kind = model.pipelineTag;
    m.downloads = model.downloads;
    m.likes = model.likes;
    m.lastModified = model.lastModified;
    m.fingerprint = fingerprintOf(model.lastModified, model.sha);
    m.headCommit = model.sha;
    m.gated = model.gated;
    QUrl web = m_client->endpoint();
    web.setPath(web.path() + QLatin1Char('/') + model.id);
    m.webUrl = web;
    if (model.siblingsPresent) {
        m.details = DetailLevel::Names;
        m.variants = VariantInference::fromFiles(filesFromSiblings(model.siblings), QStringLiteral("main"), model.sha);
    }
    m.modelType = modelTypeOf(model.tags, model.libraryName, m.variants);
    m.baseModels = baseModelsOf(model.tags);
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
    if (source.kind == Source::Kind::HfQuery) {
        Hub::HfModelQuery q;
        q.author = source.author;
        q.search = source.search;
        q.tags = source.tags;
        q.sort = source.sort;
        q.limit = source.limit;
        q.pageSize = 1000;  // the hub's largest page: fewer round trips for big sources
        return m_client->modelsUrl(q);
    }
    if (source.kind == Source::Kind::HfCollection) {
        url.setPath(url.path() + QStringLiteral("/api/collections/") + source.target);
        return url;
    }
    if (source.kind == Source::Kind::HfRepo) {
        url.setPath(url.path() + QStringLiteral("/api/models/") + source.target);
        return url;
    }
    return {};
}

void HfAdapter::fetchPage(const Source &source, const QUrl &url, const QByteArray &etag, QObject *context,
                          Callback<ListingPage> callback)
{
    if (source.kind == Source::Kind::HfCollection) {
        m_client->collection(collectionSlug(url), context,
                             [this, url, callback](const Hub::Result<Hub::HfCollection> &r) {
                                 ListingPage page;
                                 page.url = url;
                                 page.error = r.error;
                                 page.rejected = r.rejected;
                                 page.quotaResetIn = r.quotaResetIn;
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
                                page.quotaResetIn = r.quotaResetIn;
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
        page.quotaResetIn = p.quotaResetIn;
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
        QString library;
        QList<Hub::HfRef> branches;
        QList<FileRecord> mainFiles;
        QMap<QString, QList<FileRecord>> branchFiles;
        Net::HttpError retryable;  // the first error worth asking again for: nothing is kept
        bool partial = false;      // a branch could not be listed for good: not complete
        int pending = 0;
    };
    auto state = std::make_shared<State>();
    state->result.model = model;
    const QString repo = model.hubId;
    auto noteQuota = [state](std::chrono::milliseconds wait) {
        state->result.quotaResetIn = std::max(state->result.quotaResetIn, wait);
    };

    // Called once every branch tree is in: decide between branch and quantization variants.
    auto assemble = [this, state, repo, callback] {
        if (state->retryable.isError()) {
            // A transient failure must not become a tree with branches missing: the sync
            // retries (or throttles) and nothing of this attempt is stored.
            state->result.error = state->retryable;
            callback(state->result);
            return;
        }
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
                variants << VariantRecord{QStringLiteral("main"),
                                          QStringLiteral("branch"),
                                          QStringLiteral("main"),
                                          m.headCommit,
                                          {},
                                          withUrls(state->mainFiles, m.headCommit),
                                          {}};
            for (const Hub::HfRef &b : std::as_const(state->branches)) {
                const QList<FileRecord> files = state->branchFiles.value(b.name);
                if (b.name != QLatin1String("main") && hasWeights(files))
                    variants << VariantRecord{b.name, QStringLiteral("branch"),        b.name, b.targetCommit,
                                              {},     withUrls(files, b.targetCommit), {}};
            }
        } else {
            variants = VariantInference::fromFiles(withUrls(state->mainFiles, m.headCommit), QStringLiteral("main"),
                                                   m.headCommit);
        }
        m.variants = variants;
        m.details = DetailLevel::Complete;
        // A partial tree is kept (what was read is right) but not settled for this commit:
        // the next sync or opening the model asks again.
        m.detailsCommit = state->partial ? QString() : m.headCommit;
        m.modelType = modelTypeOf(m.tags, state->library, m.variants);
        callback(state->result);
    };

    m_client->modelInfo(
        repo, QStringLiteral("main"), context,
        [this, state, repo, trees, context, assemble, callback, noteQuota](const Hub::Result<Hub::HfModel> &info) {
            noteQuota(info.quotaResetIn);
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
            if (m.baseModels.isEmpty())
                m.baseModels = fresh.baseModels;
            state->library = info.value.libraryName;
            state->result.problems << info.rejected;
            state->mainFiles = filesFromSiblings(info.value.siblings);
            state->result.trees << TreeRecord{repo, m.headCommit, state->mainFiles};

            m_client->refs(
                repo, context,
                [this, state, repo, trees, context, assemble, noteQuota](const Hub::Result<Hub::HfRefs> &refs) {
                    noteQuota(refs.quotaResetIn);
                    if (!refs.ok()) {
                        if (refs.error.isRetryable()) {
                            state->retryable = refs.error;
                        } else {
                            state->partial = true;
                            state->result.problems
                                << QCoreApplication::translate("Catalog::HfAdapter",
                                                               "%1: the branches could not be listed: %2")
                                       .arg(repo, refs.error.message);
                        }
                        assemble();
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
                        m_client->tree(
                            repo, b.targetCommit, context,
                            [state, repo, b, assemble, noteQuota](const Hub::Result<QList<Hub::HfTreeEntry>> &tree) {
                                noteQuota(tree.quotaResetIn);
                                if (tree.ok()) {
                                    const QList<FileRecord> files = filesFromTree(tree.value);
                                    state->branchFiles.insert(b.name, files);
                                    state->result.trees << TreeRecord{repo, b.targetCommit, files};
                                } else if (tree.error.isRetryable()) {
                                    if (!state->retryable.isError())
                                        state->retryable = tree.error;
                                } else {
                                    state->partial = true;
                                    state->result.problems
                                        << QCoreApplication::translate("Catalog::HfAdapter",
                                                                       "%1: the branch %2 could not be listed: %3")
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
        out.quotaResetIn = r.quotaResetIn;
        for (const Hub::HfModel &h : r.value)
            out.value << toRecord(h);
        callback(out);
    });
}

}  // namespace Catalog
