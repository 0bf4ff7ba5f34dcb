#include "bytesizes.h"

#include <QCoreApplication>
#include <QLocale>

namespace Util {

QString ByteSizes::rounded(qint64 bytes)
{
    if (bytes < 1024 && bytes > -1024)
        return exact(bytes);
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString ByteSizes::exact(qint64 bytes)
{
    QLocale english(QLocale::English);
    english.setNumberOptions(QLocale::DefaultNumberOptions);  // thousands separators
    return bytes == 1 ? QCoreApplication::translate("Util::ByteSizes", "1 byte")
                      : QCoreApplication::translate("Util::ByteSizes", "%1 bytes").arg(english.toString(bytes));
}

std::pair<QString, QString> ByteSizes::distinct(qint64 first, qint64 second)
{
    QString a = rounded(first);
    QString b = rounded(second);
    if (first != second && a == b)
        return {exact(first), exact(second)};
    return {a, b};
}

}  // namespace Util
