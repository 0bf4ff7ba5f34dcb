#include "downloadplanner.h"

#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "hub/retrying.h"
#include "library/storagelayout.h"
#include "pathfilter.h"
#include "requestbuilder.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

#include <memory>

using Download::FileRequest;

namespace Plan {

// What one repository contributed to a plan.
struct DownloadPlanner::RepoFiles
{
    QList<FileRequest> files;
    QStringList refused;
    Net::HttpError error;
};

namespace {
// Calls back only while the caller's context object is alive, and at most once.
DownloadPlanner::Callback guarded(QObject *context, DownloadPlanner::Callback callback)
{
    QPointer<QObject> alive(context);
    auto once = std::make_shared<DownloadPlanner::Callback>(std::move(callback));
    return [alive, once, hadContext = context != nullptr](const DownloadPlan &plan) {
        if (!*once || (hadContext && !alive))
            return;
        auto run = std::move(*once);
        *once = nullptr;
        run(plan);
    };
}

Net::HttpError nothingToDownload(const QString &sentence)
{
    return Net::HttpError::make(Net::ErrorKind::NotFound, sentence);
}
}  // namespace

DownloadPlanner::DownloadPlanner(Hub::HuggingFaceClient *huggingFace, Hub::CivitaiClient *civitai, QObject *parent)
    : QObject(parent)
    , m_huggingFace(huggingFace)
    , m_civitai(civitai)
{
}

void DownloadPlanner::plan(const DownloadTarget &target, const Options &options, QObject *context, Callback callback)
{
    Callback done = guarded(context, std::move(callback));
    if (options.offline) {
        DownloadPlan plan;
        plan.name = target.displayName();
        if (target.kind == DownloadTarget::Kind::HfRepo) {
            const RepoFiles repo =
                planHfRepoFromCache(m_huggingFace->endpoint(), target.repoId, target.revision, options);
            plan.files = repo.files;
            plan.refused = repo.refused;
            plan.error = repo.error;
        } else {
            plan.error = Net::HttpError::make(
                Net::ErrorKind::Network,
                QCoreApplication::translate(
                    "Plan::DownloadPlanner",
                    "HF_HUB_OFFLINE is set, so nothing is asked of the hubs, and %1 can only be planned by "
                    "asking its hub. Unset HF_HUB_OFFLINE to download it.")
                    .arg(target.displayName()));
        }
        // Asynchronous like every plan: the caller's callback never runs inside plan().
        QTimer::singleShot(0, this, [done, plan] { done(plan); });
        return;
    }
    switch (target.kind) {
    case DownloadTarget::Kind::HfRepo:
        planHfRepo(target.repoId, target.revision, options, this,
                   [done, name = target.displayName()](const RepoFiles &repo) {
                       DownloadPlan plan;
                       plan.name = name;
                       plan.files = repo.files;
                       plan.refused = repo.refused;
                       plan.error = repo.error;
                       done(plan);
                   });
        return;
    case DownloadTarget::Kind::HfCollection:
        planCollection(target, options, this, done);
        return;
    case DownloadTarget::Kind::Civitai:
        planCivitai(target, options, this, done);
        return;
    }
}

std::function<void(const QString &)> DownloadPlanner::notice()
{
    return [self = QPointer<DownloadPlanner>(this)](const QString &sentence) {
        if (self)
            Q_EMIT self->retrying(sentence);
    };
}

void DownloadPlanner::planHfRepo(const QString &repoId, const QString &revision, const Options &options,
                                 QObject *context, RepoCallback callback)
{
    Hub::callWithRetry<Hub::HfModel>(
        m_retry, context, [=, this](auto done) { m_huggingFace->modelInfo(repoId, revision, context, done); },
        [=, this](const Hub::Result<Hub::HfModel> &info) {
            if (!info.ok()) {
                callback(RepoFiles{{}, {}, info.error});
                return;
            }
            const QString commit = info.value.sha;
            if (commit.size() != 40) {
                callback(
                    RepoFiles{{},
                              {},
                              Net::HttpError::make(
                                  Net::ErrorKind::BadResponse,
                                  QCoreApplication::translate(
                                      "Plan::DownloadPlanner",
                                      "The hub did not say which commit \"%1\" of %2 is, so nothing can be downloaded.")
                                      .arg(revision, repoId))});
                return;
            }
            // The tree is listed at the commit, not the branch: a push during the download must
            // not mix files of two snapshots.
            Hub::callWithRetry<QList<Hub::HfTreeEntry>>(
                m_retry, context, [=, this](auto done) { m_huggingFace->tree(repoId, commit, context, done); },
                [=, this](const Hub::Result<QList<Hub::HfTreeEntry>> &tree) {
                    RepoFiles repo;
                    if (!tree.ok()) {
                        repo.error = tree.error;
                        callback(repo);
                        return;
                    }
                    repo.refused = tree.rejected;
                    const PathFilter filter(options.includes, options.excludes);
                    for (const Hub::HfTreeEntry &entry : tree.value) {
                        if (entry.type != Hub::HfTreeEntry::Type::File || !filter.accepts(entry.path))
                            continue;
                        FileRequest request;
                        QString error;
                        if (RequestBuilder::hfFile(m_huggingFace->endpoint(), options.hfCacheDir, repoId, revision,
                                                   commit, entry, &request, &error))
                            repo.files << request;
                        else
                            repo.refused << error;
                    }
                    if (repo.files.isEmpty() && repo.refused.isEmpty()) {
                        repo.error = nothingToDownload(
                            filter.isEmpty()
                                ? QCoreApplication::translate("Plan::DownloadPlanner", "%1 has no files at \"%2\".")
                                      .arg(repoId, revision)
                                : QCoreApplication::translate(
                                      "Plan::DownloadPlanner",
                                      "No file of %1 at \"%2\" matches the --include/--exclude patterns.")
                                      .arg(repoId, revision));
                    }
                    qCDebug(lcDownload) << "planned" << repo.files.size() << "files of" << repoId << "at" << commit;
                    callback(repo);
                },
                notice());
        },
        notice());
}

DownloadPlanner::RepoFiles DownloadPlanner::planHfRepoFromCache(const QUrl &endpoint, const QString &repoId,
                                                                const QString &revision, const Options &options)
{
    RepoFiles repo;
    const QString repoFolder = options.hfCacheDir + QLatin1Char('/') + Library::StorageLayout::hfRepoFolderName(repoId);
    QString commit;
    static const QRegularExpression hex40(QStringLiteral("^[0-9a-f]{40}$"));
    if (hex40.match(revision).hasMatch()) {
        commit = revision;
    } else {
        QFile ref(repoFolder + QStringLiteral("/refs/") + revision);
        if (ref.open(QIODevice::ReadOnly))
            commit = QString::fromLatin1(ref.read(64)).trimmed();
    }
    const QString snapshot = repoFolder + QStringLiteral("/snapshots/") + commit;
    if (!hex40.match(commit).hasMatch() || !QFileInfo(snapshot).isDir()) {
        repo.error = Net::HttpError::make(
            Net::ErrorKind::Network,
            QCoreApplication::translate(
                "Plan::DownloadPlanner",
                "HF_HUB_OFFLINE is set, so nothing is downloaded, and %1 (%2) is not in the Hugging Face "
                "cache %3. Unset HF_HUB_OFFLINE to download it.")
                .arg(repoId, revision, options.hfCacheDir));
        return repo;
    }
    const PathFilter filter(options.includes, options.excludes);
    QDirIterator it(snapshot, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(snapshot).relativeFilePath(path);
        if (!filter.accepts(relative))
            continue;
        const QFileInfo info(path);
        // The blob's name is its SHA-256 (LFS) or git oid: what the hub's tree would say.
        const QString blob = QFileInfo(info.symLinkTarget()).fileName();
        Hub::HfTreeEntry entry;
        entry.path = relative;
        entry.size = info.size();
        if (blob.size() == 64)
            entry.lfsSha256 = blob;
        else
            entry.oid = blob;
        FileRequest request;
        QString error;
        if (!info.exists() || blob.isEmpty())
            repo.refused << QCoreApplication::translate("Plan::DownloadPlanner",
                                                        "%1: %2 is not complete in the cache (HF_HUB_OFFLINE is set).")
                                .arg(repoId, relative);
        else if (RequestBuilder::hfFile(endpoint, options.hfCacheDir, repoId, revision, commit, entry, &request,
                                        &error))
            repo.files << request;
        else
            repo.refused << error;
    }
    if (repo.files.isEmpty() && repo.refused.isEmpty())
        repo.error = nothingToDownload(
            QCoreApplication::translate("Plan::DownloadPlanner",
                                        "No file of %1 at \"%2\" in the cache matches (HF_HUB_OFFLINE "
                                        "is set).")
                .arg(repoId, revision));
    return repo;
}

void DownloadPlanner::planCollection(const DownloadTarget &target, const Options &options, QObject *context,
                                     Callback callback)
{
    Hub::callWithRetry<Hub::HfCollection>(
        m_retry, context, [=, this](auto done) { m_huggingFace->collection(target.collectionSlug, context, done); },
        [=, this](const Hub::Result<Hub::HfCollection> &result) {
            DownloadPlan plan;
            plan.name = result.ok() && !result.value.title.isEmpty()
                            ? result.value.title + QStringLiteral(" (") + target.displayName() + QLatin1Char(')')
                            : target.displayName();
            if (!result.ok()) {
                plan.error = result.error;
                callback(plan);
                return;
            }
            // Items the hub described badly, and items that are not models (datasets, spaces,
            // papers), are named, never dropped silently: they make the download incomplete.
            plan.refused = result.rejected;
            QStringList repos;
            for (const Hub::HfCollectionItem &item : result.value.items) {
                if (item.type != QLatin1String("model")) {
                    plan.refused << QCoreApplication::translate(
                                        "Plan::DownloadPlanner",
                                        "%1 in the collection %2 is a %3, not a model; only models are downloaded.")
                                        .arg(item.id.isEmpty()
                                                 ? QCoreApplication::translate("Plan::DownloadPlanner", "An item")
                                                 : item.id,
                                             target.collectionSlug, item.type);
                } else if (!repos.contains(item.id)) {
                    repos << item.id;
                }
            }
            if (repos.isEmpty()) {
                plan.error = nothingToDownload(
                    QCoreApplication::translate("Plan::DownloadPlanner", "The collection %1 holds no models.")
                        .arg(target.collectionSlug));
                callback(plan);
                return;
            }
            // All repos are asked for at once (the network layer caps connections per host);
            // results are put back in collection order so the queue follows the collection.
            struct Gather
            {
                DownloadPlan plan;
                QList<RepoFiles> perRepo;
                qsizetype pending = 0;
            };
            auto gather = std::make_shared<Gather>();
            gather->plan = plan;
            gather->perRepo.resize(repos.size());
            gather->pending = repos.size();
            for (qsizetype i = 0; i < repos.size(); ++i) {
                planHfRepo(repos.at(i), QStringLiteral("main"), options, context, [=](const RepoFiles &repo) {
                    gather->perRepo[i] = repo;
                    if (--gather->pending > 0)
                        return;
                    DownloadPlan &out = gather->plan;
                    for (qsizetype k = 0; k < repos.size(); ++k) {
                        const RepoFiles &r = gather->perRepo.at(k);
                        out.files << r.files;
                        out.refused << r.refused;
                        if (r.error.isError())
                            out.refused << r.error.message;
                    }
                    if (out.files.isEmpty())
                        out.error = nothingToDownload(
                            QCoreApplication::translate("Plan::DownloadPlanner",
                                                        "Nothing in the collection %1 could be downloaded.")
                                .arg(target.collectionSlug));
                    callback(out);
                });
            }
        },
        notice());
}

void DownloadPlanner::planCivitai(const DownloadTarget &target, const Options &options, QObject *context,
                                  Callback callback)
{
    Hub::callWithRetry<Hub::CivitaiModel>(
        m_retry, context, [=, this](auto done) { m_civitai->model(target.modelId, context, done); },
        [=, this](const Hub::Result<Hub::CivitaiModel> &result) {
            DownloadPlan plan;
            plan.name = result.ok() && !result.value.name.isEmpty()
                            ? result.value.name + QStringLiteral(" (") + target.displayName() + QLatin1Char(')')
                            : target.displayName();
            if (!result.ok()) {
                plan.error = result.error;
                callback(plan);
                return;
            }
            const Hub::CivitaiModel &model = result.value;
            plan.refused = result.rejected;
            QList<Hub::CivitaiVersion> versions;
            if (target.versionId) {
                for (const Hub::CivitaiVersion &version : model.versions) {
                    if (version.id == target.versionId)
                        versions << version;
                }
                if (versions.isEmpty()) {
                    plan.error = nothingToDownload(
                        QCoreApplication::translate("Plan::DownloadPlanner",
                                                    "Civitai model %1 (%2) has no published version %3.")
                            .arg(model.id)
                            .arg(model.name)
                            .arg(target.versionId));
                    callback(plan);
                    return;
                }
            } else if (options.allVersions) {
                versions = model.versions;
            } else if (!model.versions.isEmpty()) {
                // The API lists the newest version first; every Civitai client relies on that.
                versions << model.versions.first();
            }
            if (versions.isEmpty()) {
                plan.error =
                    nothingToDownload(QCoreApplication::translate("Plan::DownloadPlanner",
                                                                  "Civitai model %1 (%2) has no published versions.")
                                          .arg(model.id)
                                          .arg(model.name));
                callback(plan);
                return;
            }
            QSet<QString> usedNames;
            const PathFilter filter(options.includes, options.excludes);
            for (const Hub::CivitaiVersion &version : versions) {
                QStringList names = options.civitaiFiles;
                const auto isModelFile = [](const Hub::CivitaiFile &f) {
                    return f.type.compare(QLatin1String("Model"), Qt::CaseInsensitive) == 0 ||
                           f.type.compare(QLatin1String("Pruned Model"), Qt::CaseInsensitive) == 0;
                };
                if (names.isEmpty() && !filter.isEmpty()) {
                    // --include / --exclude pick among every file of the version by name.
                    QStringList all;
                    for (const Hub::CivitaiFile &f : version.files) {
                        all << f.name;
                        if (filter.accepts(f.name))
                            names << f.name;
                    }
                    if (names.isEmpty()) {
                        plan.refused << QCoreApplication::translate(
                                            "Plan::DownloadPlanner",
                                            "Civitai model %1 version %2 (%3): no file matches --include/--exclude; "
                                            "it has %4.")
                                            .arg(model.id)
                                            .arg(version.id)
                                            .arg(version.name, all.join(QStringLiteral(", ")));
                        continue;
                    }
                } else if (names.isEmpty()) {
                    names << QString();  // the primary file
                    QString taken;
                    QStringList others;
                    for (const Hub::CivitaiFile &f : version.files) {
                        if (f.primary)
                            taken = f.name;
                        else if (isModelFile(f))
                            others << f.name;
                    }
                    if (!others.isEmpty() && !taken.isEmpty())
                        plan.notes << QCoreApplication::translate(
                                          "Plan::DownloadPlanner",
                                          "Civitai model %1 version %2 (%3): took the primary file %4; it also has "
                                          "%5 (pick one with --include).")
                                          .arg(model.id)
                                          .arg(version.id)
                                          .arg(version.name, taken, others.join(QStringLiteral(", ")));
                }
                for (const QString &name : std::as_const(names)) {
                    QString error;
                    if (!RequestBuilder::civitaiVersion(m_civitai->endpoint(), options.libraryDir, options.layout,
                                                        model, version, &usedNames, &plan.files, &error, name))
                        plan.refused << error;
                }
            }
            if (plan.files.isEmpty())
                plan.error = nothingToDownload(
                    plan.refused.isEmpty() ? QCoreApplication::translate("Plan::DownloadPlanner",
                                                                         "Civitai model %1 has nothing to download.")
                                                 .arg(model.id)
                                           : plan.refused.first());
            callback(plan);
        },
        notice());
}

}  // namespace Plan
