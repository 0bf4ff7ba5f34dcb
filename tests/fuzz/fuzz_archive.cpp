// libFuzzer target: Library::ArchiveExtractor on arbitrary bytes, read as any archive format it
// supports (zip, 7z, rar, tar with its filters). Whatever the bytes say, nothing may be written
// outside the target folder: after each input the scratch folder holds the input file and, when
// something was extracted, the target folder, and nothing else (no temporary folder either).
#include "library/archiveextractor.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir scratch;
    const QString input = scratch.filePath(QStringLiteral("input.bin"));
    const QString parent = scratch.filePath(QStringLiteral("out"));
    const QString target = parent + QStringLiteral("/pack");
    {
        QFile file(input);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            __builtin_trap();
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    Library::ArchiveLimits limits;  // small, so one input stays fast
    limits.maxTotalBytes = 8 << 20;
    limits.maxEntries = 1000;
    limits.ratioFloorBytes = 1 << 20;
    const Library::ArchiveExtractor::Result result = Library::ArchiveExtractor::extract(input, target, limits);
    if (!result.ok() && result.errorString.isEmpty())
        __builtin_trap();  // a failure always says why

    const QDir::Filters all = QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;
    const QStringList top = QDir(scratch.path()).entryList(all);
    for (const QString &name : top) {
        if (name != QLatin1String("input.bin") && name != QLatin1String("out"))
            __builtin_trap();  // written outside the target's folder
    }
    const QStringList beside = QDir(parent).entryList(all);
    if (beside.size() > (result.ok() ? 1 : 0) || (!beside.isEmpty() && beside.first() != QLatin1String("pack")))
        __builtin_trap();  // a temporary folder left behind, or a folder after a failure
    QDir(target).removeRecursively();
    return 0;
}
