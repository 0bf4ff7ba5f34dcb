#pragma once

#include <QJsonObject>
#include <QString>
#include <QTextStream>

namespace Cli {

// Output helpers shared by the catalog commands.
class CatalogFormat
{
public:
    static QString bytes(qint64 size);   // "1.2 GiB", "?" when unknown
    static QString count(qint64 value);  // "12.3k"
    static void jsonLine(QTextStream &out, const QJsonObject &object);
};

}  // namespace Cli
