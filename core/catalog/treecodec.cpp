#include "treecodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Catalog {

QByteArray TreeCodec::encode(const QList<FileRecord> &files)
{
    QJsonArray array;
    for (const FileRecord &f : files) {
        QJsonObject o{{QStringLiteral("p"), f.path}, {QStringLiteral("s"), f.size}};
        if (!f.sha256.isEmpty())
            o.insert(QStringLiteral("h"), f.sha256);
        if (!f.oid.isEmpty())
            o.insert(QStringLiteral("o"), f.oid);
        array.append(o);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<FileRecord> TreeCodec::decode(const QByteArray &json)
{
    QList<FileRecord> files;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    files.reserve(array.size());
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        FileRecord f;
        f.path = o.value(QLatin1String("p")).toString();
        f.size = o.value(QLatin1String("s")).toInteger(-1);
        f.sha256 = o.value(QLatin1String("h")).toString();
        f.oid = o.value(QLatin1String("o")).toString();
        files << f;
    }
    return files;
}

}  // namespace Catalog
