#include "englishplurals.h"

namespace Util {

QString EnglishPlurals::translate(const char *, const char *sourceText, const char *, int n) const
{
    if (n < 0 || !sourceText)
        return {};
    QString text = QString::fromUtf8(sourceText);
    const qsizetype count = text.indexOf(QLatin1String("%n"));
    const qsizetype marker = count < 0 ? -1 : text.indexOf(QLatin1String("(s)"), count);
    if (marker < 0)
        return {};  // nothing to choose: Qt uses the source text
    text.replace(marker, 3, n == 1 ? QString() : QStringLiteral("s"));
    return text;
}

}  // namespace Util
