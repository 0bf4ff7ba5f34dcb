#include "download/fileverifier.h"

#include "download/partialfile.h"
#include "library/storagelayout.h"

#include <QCoreApplication>
#include <QFile>

#include <fcntl.h>

namespace Download {

namespace {
constexpr qint64 kReadChunk = 1024 * 1024;
}

QString FileVerifier::quarantinePath(const QString &partialPath)
{
    return partialPath + QStringLiteral(".quarantine");
}

qint64 FileVerifier::hashRange(const QString &path, const std::shared_ptr<FileDigest> &hash, qint64 from, qint64 to)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered) || !file.seek(from))
        return from;
    QByteArray buffer(kReadChunk, Qt::Uninitialized);
    qint64 offset = from;
    while (offset < to) {
        const qint64 got = file.read(buffer.data(), qMin(kReadChunk, to - offset));
        if (got <= 0)
            break;
        hash->addData(buffer.constData(), got);
        offset += got;
    }
    return offset;
}

VerifyOutcome FileVerifier::verifyAndCommit(const QString &partialPath, const std::shared_ptr<FileDigest> &hash,
                                            qint64 hashedTo, const FileRequest &request,
                                            const QList<Destination> &links)
{
    VerifyOutcome outcome;
    outcome.actualSize = PartialFile::sizeOf(partialPath);
    if (outcome.actualSize < 0) {
        outcome.error = QCoreApplication::translate("Download::FileVerifier",
                                                    "The downloaded data of %1 disappeared before it could be checked.")
                            .arg(request.displayName);
        return outcome;
    }
    if (hashRange(partialPath, hash, hashedTo, outcome.actualSize) != outcome.actualSize) {
        outcome.error = QCoreApplication::translate("Download::FileVerifier",
                                                    "The downloaded data of %1 could not be read back to check it.")
                            .arg(request.displayName);
        return outcome;
    }
    outcome.actualSha256 = hash->sha256Hex();
    outcome.actualGitOid = hash->gitOidHex();

    const bool sizeOk = request.expectedSize < 0 || outcome.actualSize == request.expectedSize;
    const bool hashOk =
        (request.expectedSha256.isEmpty() || outcome.actualSha256 == request.expectedSha256.toLower()) &&
        (request.expectedGitOid.isEmpty() || !hash->hasGitOid() ||
         outcome.actualGitOid == request.expectedGitOid.toLower());
    if (!sizeOk || !hashOk) {
        outcome.result = hashOk ? VerifyOutcome::Result::SizeMismatch : VerifyOutcome::Result::HashMismatch;
        outcome.quarantinePath = quarantinePath(partialPath);
        QFile::remove(outcome.quarantinePath);
        if (!QFile::rename(partialPath, outcome.quarantinePath)) {
            QFile::remove(partialPath);
            outcome.quarantinePath.clear();
        }
        return outcome;
    }

    // The data must be on disk before the rename makes it the real file.
    const QByteArray native = QFile::encodeName(partialPath);
    const int syncError = PartialFile::syncAndClose(::open(native.constData(), O_RDONLY | O_CLOEXEC));
    if (syncError != 0) {
        outcome.error = QCoreApplication::translate("Download::FileVerifier",
                                                    "The downloaded data of %1 could not be written to disk safely.")
                            .arg(request.displayName);
        return outcome;
    }
    QString error;
    if (!Library::StorageLayout::commit(request.destination, partialPath, &error)) {
        outcome.error = error;
        return outcome;
    }
    for (const Destination &link : links) {
        if (!Library::StorageLayout::link(link, &error)) {
            outcome.error = error;
            return outcome;
        }
    }
    outcome.result = VerifyOutcome::Result::Committed;
    return outcome;
}

}  // namespace Download
