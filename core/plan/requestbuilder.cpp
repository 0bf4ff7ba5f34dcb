#include "requestbuilder.h"

#include "civitaisidecars.h"
#include "library/archiveextractor.h"
#include "library/safepath.h"
#include "library/storagelayout.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

using Download::Destination;
using Download::FileRequest;

namespace Plan {

QUrl RequestBuilder::hfResolveUrl(const QUrl &endpoint, const QString &repoId, const QString &commit,
                                  const QString &path)
{
    QString encoded;
    for (const QString &segment : path.split(QLatin1Char('/'))) {
        if (!encoded.isEmpty())
            encoded += QLatin1Char('/');
        encoded += QString::fromLatin1(QUrl::toPercentEncoding(segment));
    }
    QString base = endpoint.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QUrl url = endpoint.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    url.setPath(base + QLatin1Char('/') + repoId + QStringLiteral("/resolve/") + commit + QLatin1Char('/') + encoded,
                QUrl::StrictMode);
    return url;
}

bool RequestBuilder::hfFile(const QUrl &endpoint, const QString &cacheRoot, const QString &repoId,
                            const QString &revision, const QString &commit, const Hub::HfTreeEntry &entry,
                            FileRequest *request, QString *error)
{
    FileRequest r;
    r.destination.kind = Destination::Kind::HfCache;
    r.destination.root = cacheRoot;
    r.destination.repoId = repoId;
    r.destination.revision = revision;
    r.destination.commit = commit;
    r.destination.relativePath = entry.path;
    // The blob name other tools look for: sha256 for LFS files (X-Linked-Etag), the git oid
    // for the rest (ETag) — see hub-api A9.
    const bool lfs = !entry.lfsSha256.isEmpty();
    r.destination.blobKey = lfs ? entry.lfsSha256.toLower() : entry.oid.toLower();
    r.expectedSha256 = lfs ? entry.lfsSha256.toLower() : QString();
    // Files kept in git have no SHA-256 listed; their oid is the git blob hash of the content.
    r.expectedGitOid = lfs ? QString() : entry.oid.toLower();
    r.expectedSize = entry.size;
    r.xetHash = entry.xetHash;
    r.displayName = repoId + QStringLiteral(" · ") + entry.path;

    QString why;
    if (!Library::StorageLayout::validate(r.destination, &why)) {
        if (error)
            *error = repoId + QStringLiteral(": ") + why;
        return false;
    }
    r.url = hfResolveUrl(endpoint, repoId, commit, entry.path);
    *request = r;
    return true;
}

bool RequestBuilder::isCivitaiArchive(const Hub::CivitaiFile &file)
{
    static const QStringList packTypes = {QStringLiteral("Archive"), QStringLiteral("Training Data"),
                                          QStringLiteral("Model"), QStringLiteral("Pruned Model")};
    // The name decides too: an "Archive" that is a .safetensors is not one libarchive reads.
    return packTypes.contains(file.type, Qt::CaseInsensitive) && Library::ArchiveExtractor::isArchiveName(file.name);
}

qint64 RequestBuilder::exactCivitaiSize(double sizeKB)
{
    const double bytes = sizeKB * 1024.0;
    if (!(bytes > 0) || bytes > 9.0e15)
        return -1;
    const double whole = std::round(bytes);
    return std::fabs(bytes - whole) < 1e-6 ? static_cast<qint64>(whole) : -1;
}

bool RequestBuilder::civitaiVersion(const QUrl &civitaiEndpoint, const QString &libraryRoot,
                                    const Library::LibraryLayout &layout, const Hub::CivitaiModel &model,
                                    const Hub::CivitaiVersion &version, QSet<QString> *usedNames,
                                    QList<FileRequest> *requests, QString *error, const QString &fileName)
{
    const QString subject = QCoreApplication::translate("Plan::RequestBuilder", "Civitai model %1 (%2), version %3")
                                .arg(model.id)
                                .arg(model.name, version.name);
    auto fail = [&](const QString &why) {
        if (error)
            *error = subject + QStringLiteral(": ") + why;
        return false;
    };
    if (model.mode == QLatin1String("Archived"))
        return fail(QCoreApplication::translate("Plan::RequestBuilder",
                                                "the model is archived and its files can no longer be downloaded."));
    const Hub::CivitaiFile *primary = nullptr;
    for (const Hub::CivitaiFile &file : version.files) {
        if (fileName.isEmpty() ? file.primary : file.name == fileName) {
            primary = &file;
            break;
        }
    }
    if (!primary) {
        return fail(
            fileName.isEmpty()
                ? QCoreApplication::translate("Plan::RequestBuilder", "the version has no primary file to download.")
                : QCoreApplication::translate("Plan::RequestBuilder", "the version has no file \"%1\".").arg(fileName));
    }

    const QString folder = layout.folderFor(model.type);
    QString name = primary->name;
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    QString stem = dot > 0 ? name.left(dot) : name;
    const QString suffix = dot > 0 ? name.mid(dot) : QString();
    // Versions of one model often reuse a file name, and so do unrelated models. When the name
    // is planned already, or a file of another model or version (or the user's own) is in the
    // library under it, this one gets the version id, so nothing is overwritten.
    Destination probe;
    probe.kind = Destination::Kind::Library;
    probe.root = libraryRoot;
    probe.relativePath = folder + QLatin1Char('/') + name;
    probe.sidecar = QJsonObject{{QStringLiteral("modelId"), model.id}, {QStringLiteral("versionId"), version.id}};
    if ((usedNames && usedNames->contains(probe.relativePath)) || Library::StorageLayout::isTakenByAnother(probe)) {
        stem += QStringLiteral("-v%1").arg(version.id);
        name = stem + suffix;
    }

    const QString sha256 = primary->sha256.toLower();
    const QUrl sourceUrl =
        civitaiEndpoint.resolved(QUrl(QStringLiteral("/models/%1?modelVersionId=%2").arg(model.id).arg(version.id)));

    FileRequest file;
    file.url = primary->downloadUrl.isValid() ? primary->downloadUrl : version.downloadUrl;
    file.expectedSha256 = sha256;
    file.expectedSize = exactCivitaiSize(primary->sizeKB);
    file.displayName = model.name + QStringLiteral(" · ") + name;
    file.archive = isCivitaiArchive(*primary);
    Destination &d = file.destination;
    d.kind = Destination::Kind::Library;
    d.root = libraryRoot;
    d.repoId = QStringLiteral("civitai:%1").arg(model.id);
    d.relativePath = folder + QLatin1Char('/') + name;
    d.sidecar = QJsonObject{
        {QStringLiteral("source"), QStringLiteral("civitai")},
        {QStringLiteral("modelId"), model.id},
        {QStringLiteral("modelName"), model.name},
        {QStringLiteral("modelType"), model.type},
        {QStringLiteral("versionId"), version.id},
        {QStringLiteral("versionName"), version.name},
        {QStringLiteral("baseModel"), version.baseModel},
        {QStringLiteral("fileId"), primary->id},
        {QStringLiteral("remoteFileName"), primary->name},
        {QStringLiteral("sha256"), sha256},
        {QStringLiteral("trainedWords"), QJsonArray::fromStringList(version.trainedWords)},
        {QStringLiteral("sourceUrl"), sourceUrl.toString()},
        {QStringLiteral("downloadUrl"), file.url.toString()},
    };
    if (name != primary->name)
        d.sidecar.insert(QStringLiteral("renamedFrom"), primary->name);
    d.otherSidecars.insert(QStringLiteral(".civitai.info"), CivitaiSidecars::civitaiInfo(model, version));
    if (layout.writesWebUiMetadata())
        d.otherSidecars.insert(QStringLiteral(".json"), CivitaiSidecars::webUiMetadata(model, version));

    QString why;
    if (!file.url.isValid() || !Library::StorageLayout::validate(d, &why))
        return fail(why.isEmpty()
                        ? QCoreApplication::translate("Plan::RequestBuilder", "the hub gave no download address.")
                        : why);

    const QUrl preview = CivitaiSidecars::previewUrl(version);
    const QString previewPath =
        folder + QLatin1Char('/') + stem + QStringLiteral(".preview.") + CivitaiSidecars::previewSuffix(preview);
    if (preview.isValid() && Library::SafePath::checkRelativePath(previewPath, nullptr)) {
        file.previewUrl = preview;
        file.previewPath = previewPath;
        d.sidecar.insert(QStringLiteral("previewUrl"), preview.toString());
        d.sidecar.insert(QStringLiteral("previewFile"), QFileInfo(previewPath).fileName());
    }
    if (usedNames)
        usedNames->insert(d.relativePath);
    *requests << file;
    return true;
}

}  // namespace Plan
