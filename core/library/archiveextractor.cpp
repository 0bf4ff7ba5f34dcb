#include "archiveextractor.h"

#include "extractionrun.h"
#include "util/bytesizes.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QLocale>

namespace Library {

namespace {

// Longest first, so "x.tar.gz" is read as ".tar.gz" and not ".gz".
const QStringList kExtensions = {QStringLiteral(".tar.gz"),  QStringLiteral(".tar.bz2"), QStringLiteral(".tar.xz"),
                                 QStringLiteral(".tar.zst"), QStringLiteral(".tar.lz4"), QStringLiteral(".tgz"),
                                 QStringLiteral(".tbz2"),    QStringLiteral(".tbz"),     QStringLiteral(".txz"),
                                 QStringLiteral(".tzst"),    QStringLiteral(".tar"),     QStringLiteral(".zip"),
                                 QStringLiteral(".7z"),      QStringLiteral(".rar")};

QString count(qint64 number)
{
    QLocale english(QLocale::English);
    english.setNumberOptions(QLocale::DefaultNumberOptions);
    return english.toString(number);
}

// The forms are spelled out (QT_TRANSLATE_NOOP) rather than "%n entries": the sentences stay
// English where no translator is installed (the core's tests), and a translation gets both.
QString plural(qint64 number, const char *one, const char *many)
{
    return QCoreApplication::translate("Library::ArchiveExtractor", number == 1 ? one : many).arg(count(number));
}

QString listed(const QStringList &items)
{
    constexpr int kShown = 5;
    QStringList shown = items.mid(0, kShown);
    if (items.size() > kShown)
        shown << QCoreApplication::translate("Library::ArchiveExtractor", "and %1 more").arg(items.size() - kShown);
    return shown.join(QStringLiteral("; "));
}

}  // namespace

ArchiveExtractor::Result ArchiveExtractor::extract(const QString &archivePath, const QString &targetFolder,
                                                   const ArchiveLimits &limits, IfTargetExists ifExists,
                                                   const std::atomic_bool *cancel)
{
    ExtractionRun extraction(archivePath, targetFolder, limits, ifExists, cancel);
    const Result result = extraction.run();
    if (result.ok())
        qCInfo(lcLibrary) << "extracted" << archivePath << "to" << result.folder << ":" << result.files << "files"
                          << result.links << "links" << result.bytes << "bytes," << result.refused.size() << "left out";
    return result;
}

QString ArchiveExtractor::Result::refusalSentence() const
{
    if (refused.isEmpty())
        return {};
    QStringList items;
    for (const Refusal &refusal : refused)
        items << QStringLiteral("\"%1\" (%2)").arg(refusal.entry, refusal.reason);
    return QCoreApplication::translate("Library::ArchiveExtractor", "Left out %1: %2.")
        .arg(plural(refused.size(), QT_TRANSLATE_NOOP("Library::ArchiveExtractor", "%1 entry"),
                    QT_TRANSLATE_NOOP("Library::ArchiveExtractor", "%1 entries")),
             listed(items));
}

QString ArchiveExtractor::Result::summary() const
{
    if (!ok())
        return errorString;
    QString sentence = QCoreApplication::translate("Library::ArchiveExtractor", "Extracted %1")
                           .arg(plural(files, QT_TRANSLATE_NOOP("Library::ArchiveExtractor", "%1 file"),
                                       QT_TRANSLATE_NOOP("Library::ArchiveExtractor", "%1 files")));
    if (links > 0)
        sentence += QCoreApplication::translate("Library::ArchiveExtractor", " and %1")
                        .arg(plural(links, QT_TRANSLATE_NOOP("Library::ArchiveExtractor", "%1 link"),
                                    QT_TRANSLATE_NOOP("Library::ArchiveExtractor", "%1 links")));
    sentence += QCoreApplication::translate("Library::ArchiveExtractor", " (%1) to %2.")
                    .arg(Util::ByteSizes::rounded(bytes), folder);
    if (!renamed.isEmpty())
        sentence += QCoreApplication::translate("Library::ArchiveExtractor", " Renamed %1 to be safe on disk: %2.")
                        .arg(plural(renamed.size(), QT_TRANSLATE_NOOP("Library::ArchiveExtractor", "%1 entry"),
                                    QT_TRANSLATE_NOOP("Library::ArchiveExtractor", "%1 entries")),
                             listed(renamed));
    if (!refused.isEmpty())
        sentence += QLatin1Char(' ') + refusalSentence();
    return sentence;
}

bool ArchiveExtractor::isArchiveName(const QString &fileName)
{
    for (const QString &extension : kExtensions) {
        if (fileName.endsWith(extension, Qt::CaseInsensitive) && fileName.size() > extension.size())
            return true;
    }
    return false;
}

QString ArchiveExtractor::folderNameFor(const QString &archiveFileName)
{
    for (const QString &extension : kExtensions) {
        if (archiveFileName.endsWith(extension, Qt::CaseInsensitive)) {
            const QString stem = archiveFileName.left(archiveFileName.size() - extension.size());
            return stem.isEmpty() ? QStringLiteral("archive") : stem;
        }
    }
    return archiveFileName.isEmpty() ? QStringLiteral("archive") : archiveFileName;
}

}  // namespace Library
