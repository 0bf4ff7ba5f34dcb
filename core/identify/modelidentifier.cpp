#include "modelidentifier.h"

#include "catalog/catalogstore.h"
#include "hub/civitaiclient.h"
#include "hub/retrying.h"
#include "identitystore.h"
#include "util/futurewatch.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace Identify {

struct ModelIdentifier::Run
{
    QList<FileIdentity> files;
    QHash<QString, QList<int>> filesOfHash;  // sha256 → rows of `files`
    QSet<QString> civitaiCandidates;         // never an HF cache or Ollama blob
    QStringList toAsk;                       // hashes for Civitai, in order
    int asked = 0;                           // of toAsk
    QList<qint64> models;                    // Civitai models whose newest version is to be read
    int modelsChecked = 0;
    QHash<qint64, IdentityStore::Model> fromCatalog;  // models the catalog lists: no request
    IdentifyReport report;
};

ModelIdentifier::ModelIdentifier(Hub::CivitaiClient *civitai, IdentityStore *store,
                                 const Catalog::CatalogStore *catalog, QObject *parent)
    : QObject(parent)
    , m_civitai(civitai)
    , m_store(store)
    , m_catalog(catalog)
    , m_now([] { return QDateTime::currentSecsSinceEpoch(); })
{
}

ModelIdentifier::~ModelIdentifier() = default;

void ModelIdentifier::identify(const QList<Library::IndexedFile> &files)
{
    m_run = std::make_unique<Run>();
    Run &run = *m_run;
    QList<Library::IndexedFile> sorted;
    for (const Library::IndexedFile &file : files) {
        if (!file.sha256.isEmpty())
            sorted << file;
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const Library::IndexedFile &a, const Library::IndexedFile &b) { return a.path < b.path; });
    QSet<QString> hashes;
    QSet<QString> civitaiCandidates;  // never an HF cache or Ollama blob: Civitai has none of those
    for (const Library::IndexedFile &file : std::as_const(sorted)) {
        FileIdentity identity;
        identity.path = file.path;
        identity.sha256 = file.sha256.toLower();
        identity.size = file.size;
        if (file.kind == Library::IndexRoot::Kind::HfCache && !file.repo.isEmpty()) {
            // The cache's folder names the repo; the catalog may name the branch too.
            identity.hub = FileIdentity::Hub::HuggingFace;
            identity.modelKey = file.repo;
            identity.modelName = file.repo;
        }
        run.filesOfHash[identity.sha256].append(int(run.files.size()));
        hashes.insert(identity.sha256);
        if (file.kind != Library::IndexRoot::Kind::HfCache && file.kind != Library::IndexRoot::Kind::Ollama)
            civitaiCandidates.insert(identity.sha256);
        run.files << identity;
    }

    run.civitaiCandidates = civitaiCandidates;
    if (!m_catalog) {
        matchCatalog({});
        return;
    }
    // The catalog's Hugging Face files, by their LFS SHA-256: no request at all. The query
    // reads the whole files table, so it runs on a worker (the catalog gives each thread its
    // own connection), away from the window's thread.
    const Catalog::CatalogStore *catalog = m_catalog;
    Util::whenFinished(
        this, QtConcurrent::run([catalog, hashes] { return catalog->filesWithHashes(hashes, QStringLiteral("hf")); }),
        [this](const QHash<QString, Catalog::CatalogStore::HashedFile> &known) { matchCatalog(known); });
}

void ModelIdentifier::matchCatalog(const QHash<QString, Catalog::CatalogStore::HashedFile> &known)
{
    Run &run = *m_run;
    QSet<QString> &civitaiCandidates = run.civitaiCandidates;
    for (auto it = known.cbegin(); it != known.cend(); ++it) {
        for (const int row : run.filesOfHash.value(it.key())) {
            FileIdentity &identity = run.files[row];
            identity.hub = FileIdentity::Hub::HuggingFace;
            identity.modelKey = it->modelKey;
            identity.modelName = it->modelName;
            identity.versionName = it->variant;
        }
        civitaiCandidates.remove(it.key());
        ++run.report.fromCatalog;
    }

    // What Civitai said before; unknown answers only while they are recent.
    const qint64 now = m_now();
    const QHash<QString, IdentityStore::Answer> stored = m_store->answers(civitaiCandidates);
    QStringList ask;
    for (const QString &hash : std::as_const(civitaiCandidates)) {
        const auto it = stored.constFind(hash);
        if (it != stored.cend() && it->versionId > 0) {
            const QJsonObject version = m_store->version(it->versionId);
            if (!version.isEmpty()) {
                fillCivitai(hash, it->versionId, version);
                ++run.report.fromCache;
                continue;
            }
        } else if (it != stored.cend() && now - it->checkedAt < m_options.unknownRecheckSeconds) {
            ++run.report.fromCache;
            continue;
        }
        ask << hash;
    }
    std::sort(ask.begin(), ask.end());
    run.toAsk = ask;
    qCDebug(lcLibrary) << "identify:" << run.files.size() << "files," << run.report.fromCatalog << "from the catalog,"
                       << run.report.fromCache << "from the store," << ask.size() << "to ask";
    Q_EMIT progress(0, int(ask.size()));
    lookupNext();
}

void ModelIdentifier::lookupNext()
{
    Run &run = *m_run;
    if (run.asked >= run.toAsk.size() || run.report.error.isError()) {
        checkNextModel();
        return;
    }
    const QStringList batch = run.toAsk.mid(run.asked, Hub::CivitaiClient::kMaxHashesPerLookup);
    using Versions = Hub::Result<QList<Hub::CivitaiVersion>>;
    Hub::callWithRetry<QList<Hub::CivitaiVersion>>(
        m_options.retry, this,
        [this, batch](std::function<void(const Versions &)> done) {
            ++m_run->report.lookupRequests;
            m_civitai->versionsByHash(batch, this, done);
        },
        [this, batch](const Versions &result) { onLookup(batch, result); },
        [this](const QString &sentence) {
            m_run->report.notes << sentence;
            Q_EMIT retrying(sentence);
        });
}

void ModelIdentifier::onLookup(const QStringList &batch, const Hub::Result<QList<Hub::CivitaiVersion>> &result)
{
    Run &run = *m_run;
    if (!result.ok()) {
        // Nothing of this batch is stored: its hashes are asked again next time.
        run.report.error = result.error;
        checkNextModel();
        return;
    }
    const QSet<QString> wanted(batch.cbegin(), batch.cend());
    QHash<QString, qint64> answers;
    QHash<qint64, QJsonObject> versions;
    for (const QString &hash : batch)
        answers.insert(hash, 0);
    for (const Hub::CivitaiVersion &version : result.value) {
        for (const Hub::CivitaiFile &file : version.files) {
            if (!wanted.contains(file.sha256) || answers.value(file.sha256) != 0)
                continue;
            answers.insert(file.sha256, version.id);
            versions.insert(version.id, version.json);
            fillCivitai(file.sha256, version.id, version.json);
        }
    }
    QString error;
    if (!m_store->remember(answers, versions, m_now(), &error))
        run.report.notes << QCoreApplication::translate("Identify::ModelIdentifier",
                                                        "Could not keep what Civitai said in %1: %2")
                                .arg(m_store->path(), error);
    run.asked += int(batch.size());
    Q_EMIT progress(run.asked, int(run.toAsk.size()));
    lookupNext();
}

void ModelIdentifier::fillCivitai(const QString &sha256, qint64 versionId, const QJsonObject &version)
{
    Run &run = *m_run;
    const QJsonObject model = version.value(QLatin1String("model")).toObject();
    const qint64 modelId = version.value(QLatin1String("modelId")).toInteger();
    for (const int row : run.filesOfHash.value(sha256)) {
        FileIdentity &identity = run.files[row];
        identity.hub = FileIdentity::Hub::Civitai;
        identity.modelId = modelId;
        identity.modelKey = QStringLiteral("civitai:%1").arg(modelId);
        identity.modelName = model.value(QLatin1String("name")).toString();
        identity.modelType = model.value(QLatin1String("type")).toString();
        identity.versionId = versionId;
        identity.versionName = version.value(QLatin1String("name")).toString();
        identity.versionJson = version;
        identity.modelJson = model;
    }
    if (modelId > 0 && !run.models.contains(modelId))
        run.models << modelId;
}

void ModelIdentifier::checkNextModel()
{
    Run &run = *m_run;
    if (!m_options.checkNewer || run.modelsChecked >= run.models.size()) {
        finish();
        return;
    }
    const qint64 modelId = run.models.at(run.modelsChecked);
    if (const std::optional<IdentityStore::Model> listed = catalogModel(modelId)) {
        // The catalog's sync keeps the model and its newest version current.
        run.fromCatalog.insert(modelId, *listed);
        ++run.modelsChecked;
        checkNextModel();
        return;
    }
    const std::optional<IdentityStore::Model> stored = m_store->model(modelId);
    if (stored && m_now() - stored->checkedAt < m_options.modelRecheckSeconds) {
        ++run.modelsChecked;
        checkNextModel();
        return;
    }
    using ModelResult = Hub::Result<Hub::CivitaiModel>;
    Hub::callWithRetry<Hub::CivitaiModel>(
        m_options.retry, this,
        [this, modelId](std::function<void(const ModelResult &)> done) {
            ++m_run->report.modelRequests;
            m_civitai->model(modelId, this, done);
        },
        [this, modelId](const ModelResult &result) {
            if (result.ok() && !result.value.versions.isEmpty()) {
                // The hub lists a model's versions newest first (what its site and the
                // planner's "latest version" take).
                const Hub::CivitaiVersion &newest = result.value.versions.first();
                const Hub::CivitaiModel &m = result.value;
                const QJsonObject fields{{QStringLiteral("name"), m.name},
                                         {QStringLiteral("type"), m.type},
                                         {QStringLiteral("nsfw"), m.nsfw},
                                         {QStringLiteral("description"), m.description},
                                         {QStringLiteral("tags"), QJsonArray::fromStringList(m.tags)}};
                m_store->rememberModel(IdentityStore::Model{modelId, fields, newest.id, newest.name, m_now()});
            } else if (!result.ok()) {
                m_run->report.notes << result.error.message;
            }
            ++m_run->modelsChecked;
            checkNextModel();
        },
        [this](const QString &sentence) {
            m_run->report.notes << sentence;
            Q_EMIT retrying(sentence);
        });
}

std::optional<IdentityStore::Model> ModelIdentifier::catalogModel(qint64 modelId) const
{
    if (!m_catalog)
        return std::nullopt;
    const std::optional<Catalog::ModelRecord> record = m_catalog->model(QStringLiteral("civitai:%1").arg(modelId));
    if (!record || record->headCommit.isEmpty())
        return std::nullopt;
    IdentityStore::Model model;
    model.id = modelId;
    model.newestVersionId = record->headCommit.toLongLong();
    for (const Catalog::VariantRecord &variant : record->variants) {
        if (variant.revision == record->headCommit)
            model.newestVersionName = variant.name;
    }
    if (model.newestVersionId <= 0 || model.newestVersionName.isEmpty())
        return std::nullopt;  // the catalog has the model without its versions
    model.fields = QJsonObject{{QStringLiteral("name"), record->name},
                               {QStringLiteral("type"), record->kind},
                               {QStringLiteral("nsfw"), record->nsfw},
                               {QStringLiteral("description"), record->description},
                               {QStringLiteral("tags"), QJsonArray::fromStringList(record->tags)}};
    return model;
}

void ModelIdentifier::finish()
{
    Run &run = *m_run;
    for (FileIdentity &identity : run.files) {
        if (identity.hub != FileIdentity::Hub::Civitai)
            continue;
        const auto listed = run.fromCatalog.constFind(identity.modelId);
        const std::optional<IdentityStore::Model> model =
            listed != run.fromCatalog.cend() ? std::optional(*listed) : m_store->model(identity.modelId);
        if (!model)
            continue;
        // The model's own fields fill what the version object leaves out (description, tags).
        for (auto it = model->fields.constBegin(); it != model->fields.constEnd(); ++it) {
            if (!identity.modelJson.contains(it.key()))
                identity.modelJson.insert(it.key(), it.value());
        }
        if (model->newestVersionId > 0 && model->newestVersionId != identity.versionId) {
            identity.newerVersionId = model->newestVersionId;
            identity.newerVersionName = model->newestVersionName;
        }
    }
    run.report.files = run.files;
    const IdentifyReport report = run.report;
    Q_EMIT finished(report);
}

}  // namespace Identify
