#include "archiveinstaller.h"

#include "durablefiles.h"
#include "safepath.h"
#include "storagelayout.h"
#include "util/freespace.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace Library {

namespace {

const QString kExtractingToKey = QStringLiteral("extractingTo");

// The folder this archive's contents go to: the one its sidecar names (an earlier or an
// interrupted extraction of this archive, replaced), else the first of "pack", "pack-2", …
// that nothing occupies.
QString chooseFolder(const QString &archivePath, const QJsonObject &sidecar, bool *ours)
{
    const QString beside = QFileInfo(archivePath).path() + QLatin1Char('/');
    for (const QString &key : {StorageLayout::kExtractedToKey, kExtractingToKey}) {
        const QString recorded = sidecar.value(key).toString();
        if (!recorded.isEmpty() && SafePath::checkSegment(recorded, nullptr)) {
            *ours = true;
            return recorded;
        }
    }
    *ours = false;
    const QString base = ArchiveExtractor::folderNameFor(QFileInfo(archivePath).fileName());
    for (int n = 1; n < 1000; ++n) {
        const QString name = n == 1 ? base : base + QStringLiteral("-%1").arg(n);
        if (!QFileInfo::exists(beside + name))
            return name;
    }
    return {};
}

bool writeSidecar(const Destination &d, const QJsonObject &record, QString *error)
{
    return DurableFiles::writeAtomically(StorageLayout::sidecarPath(d),
                                         QJsonDocument(record).toJson(QJsonDocument::Indented), error);
}

QJsonObject recordOf(QJsonObject sidecar, const QString &folderName, const ArchiveExtractor::Result &result,
                     bool archiveKept)
{
    sidecar.remove(kExtractingToKey);
    sidecar.insert(StorageLayout::kExtractedToKey, folderName);
    sidecar.insert(QStringLiteral("extractedFiles"), result.files + result.links);
    sidecar.insert(QStringLiteral("extractedBytes"), result.bytes);
    sidecar.insert(QStringLiteral("archiveKept"), archiveKept);
    QJsonArray leftOut;
    for (const ArchiveExtractor::Refusal &refusal : result.refused)
        leftOut.append(
            QJsonObject{{QStringLiteral("entry"), refusal.entry}, {QStringLiteral("reason"), refusal.reason}});
    if (leftOut.isEmpty())
        sidecar.remove(QStringLiteral("leftOut"));
    else
        sidecar.insert(QStringLiteral("leftOut"), leftOut);
    return sidecar;
}

QString adviceFor(const ArchiveExtractor::Result &result, const QString &archivePath)
{
    const QString kept =
        QCoreApplication::translate("Library::ArchiveInstaller", " The archive stays at %1.").arg(archivePath);
    switch (result.status) {
    case ArchiveExtractor::Status::DiskFull:
        return QCoreApplication::translate("Library::ArchiveInstaller",
                                           " Free space on %1 and download it again to extract it.%2")
            .arg(Util::volumeOf(QFileInfo(archivePath).path()).mountPoint, kept);
    case ArchiveExtractor::Status::LimitExceeded:
    case ArchiveExtractor::Status::NothingExtracted:
        return kept +
               QCoreApplication::translate("Library::ArchiveInstaller", " Extract it by hand only if you trust it.");
    default:
        return kept;
    }
}

}  // namespace

ArchiveInstaller::Outcome ArchiveInstaller::install(const Destination &destination, const Options &options,
                                                    const std::atomic_bool *cancel)
{
    Outcome outcome;
    const QString archive = StorageLayout::finalPath(destination);
    if (!QFileInfo(archive).isFile()) {
        outcome.sentence = QCoreApplication::translate("Library::ArchiveInstaller",
                                                       "Could not extract %1: the archive is not there any more.")
                               .arg(archive);
        return outcome;
    }
    const bool remembered = !StorageLayout::sidecarPath(destination).isEmpty();
    QJsonObject sidecar = StorageLayout::readSidecar(destination);
    bool ours = false;
    const QString name = chooseFolder(archive, sidecar, &ours);
    const QString folder = QFileInfo(archive).path() + QLatin1Char('/') + name;
    QString error;
    // Named before it is made: after a crash between the rename and the final record, the
    // next extraction replaces this folder instead of making a second one beside it.
    if (remembered && !ours) {
        sidecar.insert(kExtractingToKey, name);
        if (!writeSidecar(destination, sidecar, &error)) {
            outcome.sentence = QCoreApplication::translate("Library::ArchiveInstaller", "Could not extract %1: %2")
                                   .arg(archive, error);
            return outcome;
        }
    }

    // Only a folder this archive made before is replaced; a free name that became taken
    // meanwhile (the user made a folder) is left alone.
    const auto ifExists = ours ? ArchiveExtractor::IfTargetExists::Replace : ArchiveExtractor::IfTargetExists::Fail;
    outcome.result = ArchiveExtractor::extract(archive, folder, options.limits, ifExists, cancel);
    if (!outcome.result.ok()) {
        outcome.diskFull = outcome.result.status == ArchiveExtractor::Status::DiskFull;
        outcome.sentence = outcome.result.errorString + adviceFor(outcome.result, archive);
        if (remembered && !ours) {
            sidecar.remove(kExtractingToKey);
            writeSidecar(destination, sidecar, &error);
        }
        return outcome;
    }

    outcome.ok = true;
    outcome.folder = folder;
    outcome.sentence = outcome.result.summary();
    // Without a sidecar nothing would remember the extraction, and the download would look
    // missing: such an archive stays whatever the setting says.
    const bool keep = options.keepArchive || !remembered;
    if (remembered && !writeSidecar(destination, recordOf(sidecar, name, outcome.result, keep), &error)) {
        qCWarning(lcLibrary) << "extracted" << archive << "but could not record it:" << error;
        return outcome;
    }
    if (!keep) {
        if (QFile::remove(archive))
            outcome.sentence += QCoreApplication::translate("Library::ArchiveInstaller",
                                                            " The archive was removed (library.keepArchives is off).");
        else
            qCWarning(lcLibrary) << "could not remove the extracted archive" << archive;
    }
    return outcome;
}

}  // namespace Library
