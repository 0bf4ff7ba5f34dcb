#include "archiveentryname.h"

#include "safepath.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QStringList>

namespace Library {

namespace {

QString refuse(QString *why, const QString &reason)
{
    if (why)
        *why = reason;
    return {};
}

bool isForbidden(QChar c)
{
    if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Control)
        return true;
    switch (c.unicode()) {
    case '<':
    case '>':
    case ':':
    case '"':
    case '|':
    case '?':
    case '*':
        return true;
    default:
        return false;
    }
}

// Windows opens the device, not a file, for these names with any extension ("nul.txt").
bool isDeviceName(const QString &segment)
{
    const QString base = segment.section(QLatin1Char('.'), 0, 0).toUpper();
    static const QStringList fixed = {QStringLiteral("CON"), QStringLiteral("PRN"), QStringLiteral("AUX"),
                                      QStringLiteral("NUL")};
    if (fixed.contains(base))
        return true;
    const bool numbered =
        base.size() == 4 && (base.startsWith(QLatin1String("COM")) || base.startsWith(QLatin1String("LPT")));
    return numbered && base.at(3) >= QLatin1Char('1') && base.at(3) <= QLatin1Char('9');
}

bool isDrive(const QString &segment)
{
    return segment.size() == 2 && segment.at(1) == QLatin1Char(':') && segment.at(0).isLetter();
}

// The beginning of `name` that fits `budget` bytes of UTF-8, never splitting a character.
QString prefixWithin(const QString &name, qsizetype budget)
{
    QString cut;
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < name.size();) {
        const qsizetype length = name.at(i).isHighSurrogate() && i + 1 < name.size() ? 2 : 1;
        const QString character = name.mid(i, length);
        bytes += character.toUtf8().size();
        if (bytes > budget)
            break;
        cut += character;
        i += length;
    }
    return cut;
}

QString shortened(const QString &name)
{
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    const QString extension = dot > 0 && name.size() - dot <= 16 ? name.mid(dot) : QString();
    const QString stem = name.left(name.size() - extension.size());
    const qsizetype budget = SafePath::kMaxSegmentBytes - extension.toUtf8().size() - hash.size() - 1;
    return prefixWithin(stem, budget) + QLatin1Char('~') + hash + extension;
}

QStringList segmentsOf(QString path)
{
    path.replace(QLatin1Char('\\'), QLatin1Char('/'));
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

}  // namespace

QString ArchiveEntryName::sanitizeSegment(const QString &segment)
{
    QString out;
    out.reserve(segment.size());
    for (const QChar c : segment)
        out += isForbidden(c) ? QLatin1Char('_') : c;
    // Windows drops trailing dots and spaces, so "a." and "a" would be one file there.
    for (qsizetype i = out.size() - 1; i >= 0 && (out.at(i) == QLatin1Char('.') || out.at(i) == QLatin1Char(' ')); --i)
        out[i] = QLatin1Char('_');
    if (isDeviceName(out))
        out.prepend(QLatin1Char('_'));
    if (out.toUtf8().size() > SafePath::kMaxSegmentBytes)
        out = shortened(out);
    return out;
}

QString ArchiveEntryName::sanitize(const QString &raw, QString *why)
{
    const QString normalized = QString(raw).replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (normalized.startsWith(QLatin1Char('/')))
        return refuse(why, QCoreApplication::translate("Library::ArchiveEntryName", "it is an absolute path"));
    const QStringList segments = segmentsOf(raw);
    if (!segments.isEmpty() && isDrive(segments.first()))
        return refuse(why, QCoreApplication::translate("Library::ArchiveEntryName", "it is an absolute Windows path"));
    QStringList kept;
    for (const QString &segment : segments) {
        if (segment == QLatin1String("."))
            continue;
        if (segment == QLatin1String(".."))
            return refuse(why, QCoreApplication::translate("Library::ArchiveEntryName",
                                                           "it contains \"..\", which would leave the folder"));
        kept << sanitizeSegment(segment);
    }
    if (kept.isEmpty()) {
        // Only "." segments ("./"): the folder itself, which needs nothing written.
        return segments.isEmpty()
                   ? refuse(why, QCoreApplication::translate("Library::ArchiveEntryName", "it has no name"))
                   : QString();
    }
    const QString path = kept.join(QLatin1Char('/'));
    if (path.toUtf8().size() > kMaxPathBytes)
        return refuse(why, QCoreApplication::translate("Library::ArchiveEntryName", "its path is longer than %1 bytes")
                               .arg(kMaxPathBytes));
    return path;
}

QString ArchiveEntryName::symlinkTarget(const QString &linkPath, const QString &rawTarget, QString *why)
{
    const QString shown = SafePath::printable(rawTarget);
    const QStringList segments = segmentsOf(rawTarget);
    const QString normalized = QString(rawTarget).replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (normalized.startsWith(QLatin1Char('/')) || (!segments.isEmpty() && isDrive(segments.first())))
        return refuse(why,
                      QCoreApplication::translate("Library::ArchiveEntryName", "it links to the absolute path \"%1\"")
                          .arg(shown));
    // Read from the link's own folder: each name goes one level down, each ".." one up, and
    // going up from the top leaves the folder.
    qsizetype depth = linkPath.count(QLatin1Char('/'));
    QStringList kept;
    for (const QString &segment : segments) {
        if (segment == QLatin1String("."))
            continue;
        if (segment == QLatin1String("..")) {
            if (depth == 0)
                return refuse(why, QCoreApplication::translate("Library::ArchiveEntryName",
                                                               "it links to \"%1\", outside the folder")
                                       .arg(shown));
            --depth;
            kept << segment;
            continue;
        }
        ++depth;
        kept << sanitizeSegment(segment);
    }
    if (kept.isEmpty())
        return refuse(why, QCoreApplication::translate("Library::ArchiveEntryName", "its link target is empty"));
    return kept.join(QLatin1Char('/'));
}

}  // namespace Library
