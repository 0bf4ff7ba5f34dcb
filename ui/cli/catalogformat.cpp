#include "catalogformat.h"

#include <QJsonDocument>

namespace Cli {

QString CatalogFormat::bytes(qint64 size)
{
    if (size < 0)
        return QStringLiteral("?");
    const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = double(size);
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    return unit == 0 ? QStringLiteral("%1 B").arg(size)
                     : QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

QString CatalogFormat::count(qint64 value)
{
    if (value >= 1000000)
        return QString::number(double(value) / 1e6, 'f', 1) + QLatin1Char('M');
    if (value >= 1000)
        return QString::number(double(value) / 1e3, 'f', 1) + QLatin1Char('k');
    return QString::number(value);
}

void CatalogFormat::jsonLine(QTextStream &out, const QJsonObject &object)
{
    out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
}

}  // namespace Cli
