#include "storagelayout.h"

#include "durablefiles.h"
#include "filereuse.h"
#include "safepath.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace Library {

namespace {
bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool isLowerHex(const QString &text, qsizetype length)
{
    if (text.size() != length)
        return false;
    for (const QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

// Hub repo names are letters, digits, '-', '_' and '.', which also keeps the cache folder
// name "models--ns--name" a single safe path segment. Plain character checks rather than a
// shared QRegularExpression, because these functions run on the pool's I/O threads too.
bool isValidRepoId(const QString &repoId)
{
    const QStringList parts = repoId.split(QLatin1Char('/'));
    if (parts.size() > 2)
        return false;
    for (const QString &part : parts) {
        if (part.isEmpty() || part.size() > 96 || part.contains(QLatin1String("..")) || !part.at(0).isLetterOrNumber())
            return false;
        for (const QChar c : part) {
            const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                            (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                            (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') ||
                            c == QLatin1Char('_') || c == QLatin1Char('.');
            if (!ok)
                return false;
        }
    }
    return true;
}

QString joined(const QString &root, const QString &relative)
{
    return QDir::cleanPath(root + QLatin1Char('/') + relative);
}

QJsonObject readJsonObject(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    // A sidecar is a few kilobytes; anything far larger is not ours.
    return QJsonDocument::fromJson(file.read(1 << 20)).object();
}
}  // namespace

bool StorageLayout::validate(const Destination &d, QString *error)
{
    if (d.root.isEmpty() || !QDir::isAbsolutePath(d.root))
        return fail(error, QCoreApplication::translate("Library::StorageLayout",
                                                       "The download folder \"%1\" is not an absolute path.")
                               .arg(d.root));
    if (!SafePath::checkRelativePath(d.relativePath, error))
        return false;
    if (d.kind != Destination::Kind::HfCache)
        return true;

    if (!isValidRepoId(d.repoId))
        return fail(error, QCoreApplication::translate(
                               "Library::StorageLayout",
                               "Refused the repository name \"%1\": it is not of the form namespace/name.")
                               .arg(d.repoId));
    if (!isLowerHex(d.commit, 40))
        return fail(error,
                    QCoreApplication::translate("Library::StorageLayout",
                                                "Refused the commit \"%1\" of %2: it is not a 40-digit hex commit id.")
                        .arg(d.commit, d.repoId));
    if (!isLowerHex(d.blobKey, 64) && !isLowerHex(d.blobKey, 40))
        return fail(error, QCoreApplication::translate(
                               "Library::StorageLayout",
                               "Refused the file \"%1\" of %2: its blob id \"%3\" is not a SHA-256 or git object id.")
                               .arg(d.relativePath, d.repoId, d.blobKey));
    if (!d.revision.isEmpty()) {
        QString why;
        if (!SafePath::checkRelativePath(d.revision, &why))
            return fail(error,
                        QCoreApplication::translate("Library::StorageLayout", "Refused the revision name \"%1\" of %2.")
                            .arg(d.revision, d.repoId));
    }
    return true;
}

QString StorageLayout::hfRepoFolderName(const QString &repoId)
{
    return QStringLiteral("models--") + QString(repoId).replace(QLatin1Char('/'), QLatin1String("--"));
}

QString StorageLayout::hfRepoPath(const Destination &d)
{
    if (!validate(d, nullptr) || d.kind != Destination::Kind::HfCache)
        return {};
    return joined(d.root, hfRepoFolderName(d.repoId));
}

QString StorageLayout::hfBlobPath(const Destination &d)
{
    const QString repo = hfRepoPath(d);
    return repo.isEmpty() ? QString() : repo + QStringLiteral("/blobs/") + d.blobKey;
}

QString StorageLayout::hfRefPath(const Destination &d)
{
    const QString repo = hfRepoPath(d);
    if (repo.isEmpty() || d.revision.isEmpty())
        return {};
    return repo + QStringLiteral("/refs/") + d.revision;
}

QString StorageLayout::hfSymlinkTarget(const Destination &d)
{
    // From snapshots/<commit>/<a>/<b>/file the blob is up one level per folder in the
    // path, plus <commit> and snapshots.
    const qsizetype depth = d.relativePath.count(QLatin1Char('/')) + 2;
    return QStringLiteral("../").repeated(depth) + QStringLiteral("blobs/") + d.blobKey;
}

QString StorageLayout::finalPath(const Destination &d)
{
    if (!validate(d, nullptr))
        return {};
    if (d.kind == Destination::Kind::HfCache)
        return hfRepoPath(d) + QStringLiteral("/snapshots/") + d.commit + QLatin1Char('/') + d.relativePath;
    return joined(d.root, d.relativePath);
}

QString StorageLayout::partialPath(const Destination &d)
{
    if (d.kind == Destination::Kind::HfCache) {
        const QString blob = hfBlobPath(d);
        return blob.isEmpty() ? QString() : blob + kPartialSuffix;
    }
    const QString final = finalPath(d);
    return final.isEmpty() ? QString() : final + kPartialSuffix;
}

QString StorageLayout::besidePath(const Destination &d, const QString &suffix)
{
    if (d.kind == Destination::Kind::HfCache || !suffix.startsWith(QLatin1Char('.')) ||
        suffix.contains(QLatin1Char('/')) || suffix.contains(QLatin1Char('\\')))
        return {};
    const QString final = finalPath(d);
    if (final.isEmpty())
        return {};
    const QFileInfo info(final);
    // "x.safetensors" -> "x<suffix>"; a name without a dot keeps its whole name.
    const QString name = info.fileName();
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return info.path() + QLatin1Char('/') + (dot > 0 ? name.left(dot) : name) + suffix;
}

QString StorageLayout::sidecarPath(const Destination &d)
{
    return d.sidecar.isEmpty() ? QString() : besidePath(d, kSidecarSuffix);
}

bool StorageLayout::isPresent(const Destination &d, qint64 expectedSize)
{
    if (!validate(d, nullptr))
        return false;
    if (d.kind == Destination::Kind::HfCache) {
        const QFileInfo blob(hfBlobPath(d));
        return blob.isFile() && (expectedSize < 0 || blob.size() == expectedSize);
    }
    const QFileInfo file(finalPath(d));
    const bool fileThere = file.isFile() && (expectedSize < 0 || file.size() == expectedSize);
    if (d.sidecar.isEmpty())
        return fileThere;
    // The sidecar records what was verified (written just before the file got its name), so
    // a matching one beside the file proves it is the finished download and not a namesake.
    const QJsonObject recorded = readSidecar(d);
    const bool extracted = !file.exists() && !extractedFolder(d, recorded).isEmpty();
    if (!fileThere && !extracted)
        return false;
    const qint64 recordedSize = recorded.value(QLatin1String("sizeBytes")).toInteger(-1);
    if (fileThere ? recordedSize != file.size() : (expectedSize >= 0 && recordedSize != expectedSize))
        return false;
    const QString expectedHash = d.sidecar.value(QLatin1String("sha256")).toString();
    return expectedHash.isEmpty() ||
           recorded.value(QLatin1String("sha256")).toString().compare(expectedHash, Qt::CaseInsensitive) == 0;
}

QJsonObject StorageLayout::readSidecar(const Destination &d)
{
    const QString path = sidecarPath(d);
    return path.isEmpty() ? QJsonObject() : readJsonObject(path);
}

QString StorageLayout::extractedFolder(const Destination &d)
{
    return extractedFolder(d, readSidecar(d));
}

QString StorageLayout::extractedFolder(const Destination &d, const QJsonObject &recorded)
{
    // The sidecar is a file anyone may edit: the name must stay one folder beside the archive.
    const QString name = recorded.value(kExtractedToKey).toString();
    if (name.isEmpty() || !SafePath::checkSegment(name, nullptr))
        return {};
    const QString folder = QFileInfo(finalPath(d)).path() + QLatin1Char('/') + name;
    return QFileInfo(folder).isDir() ? folder : QString();
}

bool StorageLayout::isTakenByAnother(const Destination &d)
{
    if (d.kind == Destination::Kind::HfCache || !validate(d, nullptr))
        return false;
    if (!QFileInfo(finalPath(d)).isFile())
        return false;
    const QString sidecar = sidecarPath(d);
    const QJsonObject recorded = sidecar.isEmpty() ? QJsonObject() : readJsonObject(sidecar);
    if (recorded.isEmpty())
        return true;
    for (const QLatin1String key : {QLatin1String("modelId"), QLatin1String("versionId")}) {
        if (recorded.value(key).toInteger(-1) != d.sidecar.value(key).toInteger(-2))
            return true;
    }
    return false;
}

bool StorageLayout::commit(const Destination &d, const QString &partial, QString *error)
{
    if (!validate(d, error))
        return false;
    const QFileInfo partialInfo(partial);
    if (!partialInfo.isFile())
        return fail(error,
                    QCoreApplication::translate("Library::StorageLayout",
                                                "Could not finish \"%1\": the downloaded data at \"%2\" is missing.")
                        .arg(d.relativePath, partial));
    const qint64 size = partialInfo.size();
    const QString target = d.kind == Destination::Kind::HfCache ? hfBlobPath(d) : finalPath(d);

    // Data first, then the name: after a crash the final name holds all bytes or nothing.
    if (!DurableFiles::makePath(QFileInfo(target).path(), error) || !DurableFiles::syncFile(partial, error))
        return false;
    if (d.kind == Destination::Kind::HfCache) {
        if (!DurableFiles::replace(partial, target, error))
            return false;
        qCDebug(lcLibrary) << "committed" << target << size << "bytes";
        return link(d, error);
    }

    // Library: the sidecars before the file's name. A file of ours is never in the library
    // without the sidecar that proves it (a process killed in between left a file with none,
    // which the next plan took for the user's own and downloaded again under another name); a
    // sidecar whose file is not there yet proves nothing (isPresent wants the file and its
    // size), and the verified partial beside it is committed again.
    QStringList written;
    if (!writeOtherSidecars(d, error, &written))
        return false;
    const QString sidecar = sidecarPath(d);
    if (!sidecar.isEmpty()) {
        QJsonObject record = d.sidecar;
        record.insert(QStringLiteral("fileName"), QFileInfo(target).fileName());
        record.insert(QStringLiteral("sizeBytes"), size);
        if (!DurableFiles::writeAtomically(sidecar, QJsonDocument(record).toJson(QJsonDocument::Indented), error))
            return false;
        written << sidecar;
    }
    if (!DurableFiles::replace(partial, target, error)) {
        // The file did not get its name: sidecars of a file that is not there go again.
        for (const QString &path : std::as_const(written))
            QFile::remove(path);
        return false;
    }
    qCDebug(lcLibrary) << "committed" << target << size << "bytes";
    return true;
}

bool StorageLayout::link(const Destination &d, QString *error)
{
    if (!validate(d, error))
        return false;
    if (d.kind != Destination::Kind::HfCache)
        return writeOtherSidecars(d, error);

    const QString blob = hfBlobPath(d);
    if (!QFileInfo(blob).isFile())
        return fail(error, QCoreApplication::translate("Library::StorageLayout",
                                                       "Could not link \"%1\" of %2: its blob is not in the cache.")
                               .arg(d.relativePath, d.repoId));

    const QString entry = finalPath(d);
    const QString target = hfSymlinkTarget(d);
    const QFileInfo existing(entry);
    const QFileInfo blobInfo(blob);
    const bool linked = existing.isSymLink() && existing.symLinkTarget() == blobInfo.absoluteFilePath();
    // Where symlinks are impossible the snapshot holds a copy (below); one of the blob's size
    // was made from the blob.
    const bool copied = !existing.isSymLink() && existing.isFile() && existing.size() == blobInfo.size();
    if (!linked && !copied) {
        if (!DurableFiles::makePath(existing.path(), error))
            return false;
        bool unsupported = false;
        if (!DurableFiles::replaceWithSymlink(target, entry, error, &unsupported)) {
            // exFAT, FAT and some NTFS drivers: a copy in the snapshot, as huggingface_hub
            // makes there; the blob stays, so the file is known to be in the cache.
            if (!unsupported || !copyInto(blob, entry, error))
                return false;
            qCInfo(lcLibrary) << "no symlinks on the file system of" << entry << "- copied the blob there";
        }
    }

    // A ref named after the commit itself says nothing; huggingface_hub does not write one either.
    if (d.revision.isEmpty() || d.revision == d.commit)
        return true;
    const QString refPath = hfRefPath(d);
    QFile current(refPath);
    if (current.open(QIODevice::ReadOnly)) {
        const QByteArray named = current.read(64).trimmed();
        if (named == d.commit.toLatin1())
            return true;
        // A ref naming a snapshot that is on disk is never moved file by file: readers would
        // see a new snapshot that is still filling up. It moves in one step once the whole
        // new commit is in place (Updates::SnapshotManager::switchRef, by whoever planned it).
        const QString namedCommit = QString::fromLatin1(named);
        if (isLowerHex(namedCommit, 40) &&
            QFileInfo(hfRepoPath(d) + QStringLiteral("/snapshots/") + namedCommit).isDir())
            return true;
    }
    current.close();
    return DurableFiles::makePath(QFileInfo(refPath).path(), error) &&
           DurableFiles::writeAtomically(refPath, d.commit.toLatin1(), error);
}

bool StorageLayout::writeOtherSidecars(const Destination &d, QString *error, QStringList *written)
{
    if (d.kind == Destination::Kind::HfCache)
        return true;
    const QString own = sidecarPath(d);
    for (auto it = d.otherSidecars.begin(); it != d.otherSidecars.end(); ++it) {
        const QString path = besidePath(d, it.key());
        // Never in place of the file itself or of ModelDock's sidecar ("x.json" beside a
        // workflow named "x.json"), nor under a name too long to create: left out.
        if (path.isEmpty() || path == own || path == finalPath(d) || !it.value().isObject() ||
            !SafePath::checkSegment(QFileInfo(path).fileName(), nullptr) || QFileInfo::exists(path))
            continue;
        if (!DurableFiles::writeAtomically(path, QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Indented),
                                           error))
            return false;
        qCDebug(lcLibrary) << "wrote" << path;
        if (written)
            *written << path;
    }
    return true;
}

}  // namespace Library
