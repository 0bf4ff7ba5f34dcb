#include "libraryversions.h"

#include "library/durablefiles.h"
#include "library/librarylayout.h"
#include "library/storagelayout.h"
#include "util/logging.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>

#include <unistd.h>

using Library::DurableFiles;

namespace Updates {

namespace {

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.read(1 << 20)).object();
}

// A second name for the same data (no copy); a copy where the file system has no hard links.
bool keepFile(const QString &from, const QString &to, QString *error)
{
    if (QFileInfo::exists(to))
        return true;
    if (!DurableFiles::makePath(QFileInfo(to).absolutePath(), error))
        return false;
    if (::link(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return true;
    const QString partial = to + Library::StorageLayout::kPartialSuffix;
    QFile::remove(partial);
    if (!QFile::copy(from, partial)) {
        *error = QObject::tr("Could not keep a copy of %1 for rollback.").arg(from);
        return false;
    }
    return DurableFiles::syncFile(partial, error) && DurableFiles::replace(partial, to, error);
}

// "Lora/x.safetensors" → "Lora/x<suffix>".
QString besidePrimary(const QString &primary, const QString &suffix)
{
    const QFileInfo file(primary);
    const QString folder = file.path();
    const QString name = file.completeBaseName() + suffix;
    return folder == QLatin1String(".") ? name : folder + QLatin1Char('/') + name;
}

QStringList othersBeside(const QDir &root, const QString &primary)
{
    QStringList found;
    for (const QString &suffix : LibraryVersions::otherSidecarSuffixes()) {
        const QString path = besidePrimary(primary, suffix);
        if (path != primary && QFileInfo(root.filePath(path)).isFile())
            found << path;
    }
    return found;
}

QString withSuffix(const QStringList &paths, const QString &suffix)
{
    for (const QString &path : paths) {
        if (path.endsWith(suffix) && !path.endsWith(Library::StorageLayout::kSidecarSuffix))
            return path;
    }
    return {};
}

}  // namespace

const QStringList &LibraryVersions::otherSidecarSuffixes()
{
    static const QStringList suffixes = {QStringLiteral(".civitai.info"), QStringLiteral(".json")};
    return suffixes;
}

LibraryVersions::LibraryVersions(QString libraryRoot, QStringList folders)
    : m_root(std::move(libraryRoot))
    , m_folders(folders.isEmpty() ? Library::LibraryLayout().knownFolders() : std::move(folders))
{
}

QString LibraryVersions::storePath(qint64 modelId) const
{
    return QDir(m_root).filePath(QStringLiteral(".modeldock-versions/civitai-%1").arg(modelId));
}

QString LibraryVersions::versionRoot(qint64 modelId, qint64 versionId) const
{
    return storePath(modelId) + QStringLiteral("/%1").arg(versionId);
}

QJsonObject LibraryVersions::state(qint64 modelId) const
{
    return readJson(storePath(modelId) + QStringLiteral("/state.json"));
}

bool LibraryVersions::saveState(qint64 modelId, const QJsonObject &state, QString *error) const
{
    return DurableFiles::makePath(storePath(modelId), error) &&
           DurableFiles::writeAtomically(storePath(modelId) + QStringLiteral("/state.json"),
                                         QJsonDocument(state).toJson(QJsonDocument::Indented), error);
}

LibraryVersion LibraryVersions::scan(const QString &root, qint64 modelId, qint64 versionId, bool deep) const
{
    // Sidecars sit beside their files: one type folder deep ("Lora/x.modeldock.json"), or in a
    // layout's folder ("models/loras/x.modeldock.json"). The library may be a program's root
    // (ComfyUI's, with its venv and outputs), so it is never walked whole.
    const QDir base(root);
    QStringList folders;
    if (deep) {
        for (QDirIterator it(root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories); it.hasNext();)
            folders << base.relativeFilePath(it.next());
    } else {
        for (const QString &folder : base.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            if (!folder.startsWith(QLatin1Char('.')))
                folders << folder;
        }
        for (const QString &folder : m_folders) {
            if (!folders.contains(folder) && QFileInfo(base.filePath(folder)).isDir())
                folders << folder;
        }
    }
    LibraryVersion best;
    for (const QString &folder : std::as_const(folders)) {
        const QDir dir(base.filePath(folder));
        for (const QString &name :
             dir.entryList({QLatin1Char('*') + Library::StorageLayout::kSidecarSuffix}, QDir::Files)) {
            const QJsonObject sidecar = readJson(dir.filePath(name));
            const qint64 version = sidecar.value(QLatin1String("versionId")).toInteger();
            if (sidecar.value(QLatin1String("modelId")).toInteger() != modelId || version <= 0 ||
                (versionId > 0 && version != versionId) || version <= best.versionId)
                continue;
            const QString fileName = sidecar.value(QLatin1String("fileName")).toString();
            if (fileName.isEmpty() || fileName.contains(QLatin1Char('/')) ||
                !QFileInfo(dir.filePath(fileName)).isFile())
                continue;
            best.modelId = modelId;
            best.versionId = version;
            best.primary = folder + QLatin1Char('/') + fileName;
            best.sidecar = folder + QLatin1Char('/') + name;
            const QString preview = sidecar.value(QLatin1String("previewFile")).toString();
            best.preview =
                preview.isEmpty() || preview.contains(QLatin1Char('/')) || !QFileInfo::exists(dir.filePath(preview))
                    ? QString()
                    : folder + QLatin1Char('/') + preview;
            best.others = othersBeside(base, best.primary);
        }
    }
    return best;
}

LibraryVersion LibraryVersions::current(qint64 modelId) const
{
    const QJsonObject saved = state(modelId);
    LibraryVersion version;
    version.modelId = modelId;
    version.versionId = saved.value(QLatin1String("current")).toInteger();
    version.primary = saved.value(QLatin1String("primary")).toString();
    version.sidecar = saved.value(QLatin1String("sidecar")).toString();
    version.preview = saved.value(QLatin1String("preview")).toString();
    if (version.isValid() && QFileInfo::exists(QDir(m_root).filePath(version.primary)) &&
        QFileInfo::exists(QDir(m_root).filePath(version.sidecar))) {
        version.others = othersBeside(QDir(m_root), version.primary);
        return version;
    }
    // Never updated by ModelDock: the newest version a plain download put there.
    return scan(m_root, modelId, 0, false);
}

LibraryVersion LibraryVersions::stored(qint64 modelId, qint64 versionId) const
{
    const QString root = versionRoot(modelId, versionId);
    LibraryVersion version = scan(root, modelId, versionId, true);
    if (!version.isValid())
        return {};
    // Complete means the file the sidecar describes, with the size it recorded.
    const qint64 size = readJson(QDir(root).filePath(version.sidecar)).value(QLatin1String("sizeBytes")).toInteger(-1);
    if (QFileInfo(QDir(root).filePath(version.primary)).size() != size)
        return {};
    return version;
}

bool LibraryVersions::keep(const LibraryVersion &version, QString *error) const
{
    const QDir root(m_root);
    const QString store = versionRoot(version.modelId, version.versionId);
    // A visible symlink already points into the store: that version is kept there.
    if (QFileInfo(root.filePath(version.primary)).isSymLink())
        return true;
    if (!keepFile(root.filePath(version.primary), QDir(store).filePath(version.primary), error))
        return false;
    if (!version.preview.isEmpty() && !QFileInfo(root.filePath(version.preview)).isSymLink() &&
        !keepFile(root.filePath(version.preview), QDir(store).filePath(version.preview), error))
        return false;
    // Other programs' sidecars are copied, not linked: A1111 saves its card's edits into the
    // visible file in place, which must not change the kept version's card.
    for (const QString &other : version.others) {
        const QString kept = QDir(store).filePath(other);
        QFile content(root.filePath(other));
        if (QFileInfo::exists(kept))
            continue;
        if (!content.open(QIODevice::ReadOnly)) {
            *error = QObject::tr("Could not read %1: %2").arg(content.fileName(), content.errorString());
            return false;
        }
        if (!DurableFiles::makePath(QFileInfo(kept).absolutePath(), error) ||
            !DurableFiles::writeAtomically(kept, content.readAll(), error))
            return false;
    }
    const QString keptSidecar = QDir(store).filePath(version.sidecar);
    if (QFileInfo::exists(keptSidecar))
        return true;
    QFile sidecar(root.filePath(version.sidecar));
    if (!sidecar.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("Could not read %1: %2").arg(sidecar.fileName(), sidecar.errorString());
        return false;
    }
    return DurableFiles::writeAtomically(keptSidecar, sidecar.readAll(), error);
}

bool LibraryVersions::point(const LibraryVersion &visible, const LibraryVersion &target, QString *error) const
{
    const QDir root(m_root);
    const QDir store(versionRoot(target.modelId, target.versionId));
    auto swap = [&](const QString &visiblePath, const QString &storedPath) {
        const QString link = root.filePath(visiblePath);
        const QString relative = QDir(QFileInfo(link).absolutePath()).relativeFilePath(store.filePath(storedPath));
        return DurableFiles::replaceWithSymlink(relative, link, error);
    };
    // The model file first: this one rename is the switch for every program that opens it.
    if (!swap(visible.primary, target.primary))
        return false;
    QString visiblePreview = visible.preview;
    if (!target.preview.isEmpty()) {
        if (visiblePreview.isEmpty()) {
            const QFileInfo primary(visible.primary);
            visiblePreview = primary.path() + QLatin1Char('/') + primary.completeBaseName() +
                             QStringLiteral(".preview.") + QFileInfo(target.preview).suffix();
        }
        if (!swap(visiblePreview, target.preview))
            return false;
    }
    // The other programs' sidecars describe the version in force: the target's, or none.
    for (const QString &suffix : otherSidecarSuffixes()) {
        const QString visibleOther = root.filePath(besidePrimary(visible.primary, suffix));
        const QString stored = withSuffix(target.others, suffix);
        if (stored.isEmpty()) {
            if (QFileInfo(visibleOther).isFile() && !QFile::remove(visibleOther)) {
                *error = QObject::tr("Could not remove %1, which describes another version.").arg(visibleOther);
                return false;
            }
            continue;
        }
        QFile content(store.filePath(stored));
        if (!content.open(QIODevice::ReadOnly)) {
            *error = QObject::tr("Could not read %1: %2").arg(content.fileName(), content.errorString());
            return false;
        }
        if (!DurableFiles::writeAtomically(visibleOther, content.readAll(), error))
            return false;
    }
    QJsonObject sidecar = readJson(store.filePath(target.sidecar));
    sidecar.insert(QStringLiteral("fileName"), QFileInfo(visible.primary).fileName());
    if (!target.preview.isEmpty())
        sidecar.insert(QStringLiteral("previewFile"), QFileInfo(visiblePreview).fileName());
    return DurableFiles::writeAtomically(root.filePath(visible.sidecar),
                                         QJsonDocument(sidecar).toJson(QJsonDocument::Indented), error);
}

bool LibraryVersions::switchTo(qint64 modelId, qint64 versionId, QString *error)
{
    const LibraryVersion now = current(modelId);
    if (!now.isValid()) {
        *error =
            QObject::tr("Civitai model %1 is not in the library at %2; download it first.").arg(modelId).arg(m_root);
        return false;
    }
    if (now.versionId == versionId)
        return true;
    const LibraryVersion target = stored(modelId, versionId);
    if (!target.isValid()) {
        *error = QObject::tr("Version %1 of Civitai model %2 is not complete on disk, so the library keeps version %3.")
                     .arg(versionId)
                     .arg(modelId)
                     .arg(now.versionId);
        return false;
    }
    if (!keep(now, error) || !point(now, target, error))
        return false;
    QJsonObject saved = state(modelId);
    QJsonArray previous = saved.value(QLatin1String("previous")).toArray();
    previous.append(now.versionId);
    saved.insert(QStringLiteral("previous"), previous);
    saved.insert(QStringLiteral("current"), versionId);
    saved.insert(QStringLiteral("primary"), now.primary);
    saved.insert(QStringLiteral("sidecar"), now.sidecar);
    if (!target.preview.isEmpty() || !now.preview.isEmpty()) {
        const QFileInfo primary(now.primary);
        saved.insert(QStringLiteral("preview"),
                     now.preview.isEmpty() ? primary.path() + QLatin1Char('/') + primary.completeBaseName() +
                                                 QStringLiteral(".preview.") + QFileInfo(target.preview).suffix()
                                           : now.preview);
    }
    qCInfo(lcLibrary) << "civitai model" << modelId << "switched from version" << now.versionId << "to" << versionId;
    return saveState(modelId, saved, error);
}

qint64 LibraryVersions::previousVersion(qint64 modelId) const
{
    const QJsonArray previous = state(modelId).value(QLatin1String("previous")).toArray();
    return previous.isEmpty() ? 0 : previous.last().toInteger();
}

bool LibraryVersions::rollback(qint64 modelId, QString *error, qint64 *restoredVersion)
{
    QJsonObject saved = state(modelId);
    QJsonArray previous = saved.value(QLatin1String("previous")).toArray();
    const LibraryVersion now = current(modelId);
    if (previous.isEmpty() || !now.isValid()) {
        *error = QObject::tr("There is no earlier version of civitai:%1 to roll back to.").arg(modelId);
        return false;
    }
    const qint64 versionId = previous.last().toInteger();
    const LibraryVersion target = stored(modelId, versionId);
    if (!target.isValid()) {
        *error = QObject::tr("The earlier version %1 of civitai:%2 is no longer complete on disk.")
                     .arg(versionId)
                     .arg(modelId);
        return false;
    }
    if (!keep(now, error) || !point(now, target, error))
        return false;
    previous.removeLast();
    saved.insert(QStringLiteral("previous"), previous);
    saved.insert(QStringLiteral("current"), versionId);
    if (restoredVersion)
        *restoredVersion = versionId;
    qCInfo(lcLibrary) << "civitai model" << modelId << "rolled back from version" << now.versionId << "to" << versionId;
    return saveState(modelId, saved, error);
}

}  // namespace Updates
