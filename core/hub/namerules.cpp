#include "namerules.h"

#include <QRegularExpression>

namespace Hub {

namespace {
bool hasControlCharacter(const QString &text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            return true;
    }
    return false;
}

bool isHex(const QString &text, int length)
{
    if (text.size() != length)
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F')))
            return false;
    }
    return true;
}
}  // namespace

bool NameRules::isRepoId(const QString &id)
{
    static const QRegularExpression part(QStringLiteral(R"(^[A-Za-z0-9._-]{1,96}$)"));
    const QStringList parts = id.split(QLatin1Char('/'));
    if (parts.size() != 2)
        return false;
    for (const QString &p : parts) {
        if (p == QLatin1String(".") || p == QLatin1String("..") || !part.match(p).hasMatch())
            return false;
    }
    return true;
}

bool NameRules::isRelativePath(const QString &path)
{
    if (path.isEmpty() || path.size() > 1024 || path.contains(QLatin1Char('\\')) || hasControlCharacter(path))
        return false;
    const QStringList parts = path.split(QLatin1Char('/'));
    for (const QString &p : parts) {
        if (p.isEmpty() || p == QLatin1String(".") || p == QLatin1String("..") || p.size() > 255)
            return false;
    }
    return true;
}

bool NameRules::isFileName(const QString &name)
{
    return !name.contains(QLatin1Char('/')) && isRelativePath(name) && !name.startsWith(QLatin1Char('.'));
}

bool NameRules::isSha256(const QString &hex)
{
    return isHex(hex, 64);
}

bool NameRules::isGitOid(const QString &hex)
{
    return isHex(hex, 40);
}

QString NameRules::printable(const QString &text, int maxLength)
{
    QString out;
    out.reserve(qMin<qsizetype>(text.size(), maxLength) + 2);
    for (const QChar c : text) {
        if (out.size() >= maxLength) {
            out += QStringLiteral("…");
            break;
        }
        out += (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) ? QChar(u'?') : c;
    }
    return QLatin1Char('"') + out + QLatin1Char('"');
}

}  // namespace Hub
