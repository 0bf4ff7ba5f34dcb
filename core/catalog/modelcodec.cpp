#include "modelcodec.h"

#include <QJsonArray>

namespace Catalog {

QJsonObject ModelCodec::fileToJson(const FileRecord &f)
{
    QJsonObject o{{QStringLiteral("path"), f.path},
                  {QStringLiteral("size"), f.size},
                  {QStringLiteral("state"), localStateName(f.state)}};
    if (!f.sha256.isEmpty())
        o.insert(QStringLiteral("sha256"), f.sha256);
    if (!f.oid.isEmpty())
        o.insert(QStringLiteral("oid"), f.oid);
    if (!f.url.isEmpty())
        o.insert(QStringLiteral("url"), f.url.toString(QUrl::FullyEncoded));
    if (f.primary)
        o.insert(QStringLiteral("primary"), true);
    return o;
}

QJsonObject ModelCodec::variantToJson(const VariantRecord &v)
{
    QJsonArray files;
    for (const FileRecord &f : v.files)
        files.append(fileToJson(f));
    QJsonObject o{{QStringLiteral("name"), v.name},         {QStringLiteral("kind"), v.kind},
                  {QStringLiteral("revision"), v.revision}, {QStringLiteral("commit"), v.commit},
                  {QStringLiteral("size"), v.totalSize()},  {QStringLiteral("state"), localStateName(v.state)},
                  {QStringLiteral("files"), files}};
    if (!v.extra.isEmpty())
        o.insert(QStringLiteral("extra"), v.extra);
    return o;
}

QJsonObject ModelCodec::toJson(const ModelRecord &m)
{
    QJsonArray variants;
    for (const VariantRecord &v : m.variants)
        variants.append(variantToJson(v));
    QJsonObject o{{QStringLiteral("key"), m.key},
                  {QStringLiteral("hub"), m.hub},
                  {QStringLiteral("hubId"), m.hubId},
                  {QStringLiteral("name"), m.name},
                  {QStringLiteral("author"), m.author},
                  {QStringLiteral("kind"), m.kind},
                  {QStringLiteral("tags"), QJsonArray::fromStringList(m.tags)},
                  {QStringLiteral("downloads"), m.downloads},
                  {QStringLiteral("likes"), m.likes},
                  {QStringLiteral("lastModified"), m.lastModified.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("headCommit"), m.headCommit},
                  {QStringLiteral("state"), localStateName(m.state)},
                  {QStringLiteral("details"), int(m.details)}};
    if (!m.description.isEmpty())
        o.insert(QStringLiteral("description"), m.description);
    if (!m.modelType.isEmpty())
        o.insert(QStringLiteral("type"), m.modelType);
    if (!m.baseModels.isEmpty())
        o.insert(QStringLiteral("baseModels"), QJsonArray::fromStringList(m.baseModels));
    if (!m.gated.isEmpty())
        o.insert(QStringLiteral("gated"), m.gated);
    if (!m.webUrl.isEmpty())
        o.insert(QStringLiteral("url"), m.webUrl.toString(QUrl::FullyEncoded));
    if (!m.variants.isEmpty())
        o.insert(QStringLiteral("variants"), variants);
    if (!m.sources.isEmpty())
        o.insert(QStringLiteral("sources"), QJsonArray::fromStringList(m.sources));
    return o;
}

ModelRecord ModelCodec::fromJson(const QJsonObject &json)
{
    ModelRecord m;
    m.key = json.value(QLatin1String("key")).toString();
    m.hub = json.value(QLatin1String("hub")).toString();
    m.hubId = json.value(QLatin1String("hubId")).toString();
    m.name = json.value(QLatin1String("name")).toString();
    m.author = json.value(QLatin1String("author")).toString();
    m.kind = json.value(QLatin1String("kind")).toString();
    for (const QJsonValue &t : json.value(QLatin1String("tags")).toArray())
        m.tags << t.toString();
    m.downloads = json.value(QLatin1String("downloads")).toInteger();
    m.likes = json.value(QLatin1String("likes")).toInteger();
    m.lastModified = QDateTime::fromString(json.value(QLatin1String("lastModified")).toString(), Qt::ISODateWithMs);
    m.headCommit = json.value(QLatin1String("headCommit")).toString();
    m.description = json.value(QLatin1String("description")).toString();
    m.modelType = json.value(QLatin1String("type")).toString();
    for (const QJsonValue &b : json.value(QLatin1String("baseModels")).toArray())
        m.baseModels << b.toString();
    m.gated = json.value(QLatin1String("gated")).toString();
    m.webUrl = QUrl(json.value(QLatin1String("url")).toString(), QUrl::StrictMode);
    return m;
}

}  // namespace Catalog
