#include "safepath.h"

#include <QCoreApplication>
#include <QStringList>

namespace Library {

bool SafePath::checkSegment(const QString &segment, QString *why)
{
    auto refuse = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (segment.isEmpty())
        return refuse(QCoreApplication::translate("Library::SafePath", "it contains an empty path segment"));
    if (segment == QLatin1String(".") || segment == QLatin1String(".."))
        return refuse(
            QCoreApplication::translate("Library::SafePath", "it contains \"%1\", which would leave its folder")
                .arg(segment));
    for (const QChar c : segment) {
        if (c == QLatin1Char('/'))
            return refuse(QCoreApplication::translate("Library::SafePath", "it contains a slash inside a name"));
        // A backslash is a separator on Windows and a common trick to smuggle "..\\" past
        // checks that only look at '/'.
        if (c == QLatin1Char('\\'))
            return refuse(QCoreApplication::translate("Library::SafePath", "it contains a backslash"));
        if (c.unicode() == 0)
            return refuse(QCoreApplication::translate("Library::SafePath", "it contains a NUL character"));
        if (c.category() == QChar::Other_Control)
            return refuse(QCoreApplication::translate("Library::SafePath", "it contains a control character"));
    }
    if (segment.toUtf8().size() > kMaxSegmentBytes)
        return refuse(QCoreApplication::translate("Library::SafePath", "a name in it is longer than %1 bytes")
                          .arg(kMaxSegmentBytes));
    return true;
}

QString SafePath::printable(const QString &name)
{
    QString shown;
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || c.unicode() == 0)
            shown += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            shown += c;
    }
    return shown.size() > 120 ? shown.left(117) + QStringLiteral("...") : shown;
}

bool SafePath::checkRelativePath(const QString &path, QString *error)
{
    auto refuse = [&](const QString &reason) {
        if (error)
            *error = QCoreApplication::translate("Library::SafePath", "Refused the file name \"%1\": %2.")
                         .arg(printable(path), reason);
        return false;
    };
    if (path.isEmpty())
        return refuse(QCoreApplication::translate("Library::SafePath", "it is empty"));
    if (path.startsWith(QLatin1Char('/')))
        return refuse(QCoreApplication::translate("Library::SafePath", "it is an absolute path"));
    const QStringList segments = path.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        QString why;
        if (!checkSegment(segment, &why))
            return refuse(why);
    }
    return true;
}

}  // namespace Library
