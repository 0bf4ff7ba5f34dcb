#include "civitaiparser.h"

#include "jsonfields.h"
#include "namerules.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Hub {

namespace {

Net::HttpError malformed(const QString &subject, const QString &why)
{
    return Net::HttpError::make(
        Net::ErrorKind::BadResponse,
        QCoreApplication::translate("Hub::CivitaiParser", "Civitai sent a malformed answer for %1 (%2).")
            .arg(subject, why),
        why);
}

QJsonDocument document(const QByteArray &body, const QString &subject, Net::HttpError *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        *error = malformed(subject, QCoreApplication::translate("Hub::CivitaiParser", "invalid JSON: ") +
                                        parseError.errorString());
    else if (!doc.isObject())
        *error = malformed(subject, QCoreApplication::translate("Hub::CivitaiParser", "expected a JSON object"));
    return doc;
}

bool httpUrl(const QString &text, QUrl *out)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) ||
        url.host().isEmpty())
        return false;
    *out = url;
    return true;
}

std::optional<CivitaiFile> file(const QJsonValue &value, QString *error)
{
    const QJsonObject o = value.toObject();
    JsonFields f(o);
    CivitaiFile file;
    QString url;
    f.integer(QStringLiteral("id"), &file.id);
    f.string(QStringLiteral("name"), &file.name, true);
    f.number(QStringLiteral("sizeKB"), &file.sizeKB, true);
    f.string(QStringLiteral("type"), &file.type);
    f.boolean(QStringLiteral("primary"), &file.primary);
    f.string(QStringLiteral("downloadUrl"), &url, true);
    const QJsonObject hashes = f.object(QStringLiteral("hashes"));
    const QJsonValue sha = hashes.value(QLatin1String("SHA256"));
    if (sha.isString())
        file.sha256 = sha.toString().toLower();
    const QJsonObject meta = f.object(QStringLiteral("metadata"));
    file.format = meta.value(QLatin1String("format")).toString();
    file.fp = meta.value(QLatin1String("fp")).toString();
    file.sizeKind = meta.value(QLatin1String("size")).toString();
    if (!value.isObject())
        f.fail(QCoreApplication::translate("Hub::CivitaiParser", "it is not an object"));
    if (f.ok() && !NameRules::isFileName(file.name))
        f.fail(QCoreApplication::translate("Hub::CivitaiParser", "its name %1 is not a safe file name")
                   .arg(NameRules::printable(file.name)));
    if (f.ok() && !NameRules::isSize(file.sizeBytes()))
        f.fail(QCoreApplication::translate("Hub::CivitaiParser", "%1 claims an absurd size")
                   .arg(NameRules::printable(file.name)));
    if (f.ok() && !file.sha256.isEmpty() && !NameRules::isSha256(file.sha256))
        f.fail(QCoreApplication::translate("Hub::CivitaiParser", "%1 has a malformed SHA-256")
                   .arg(NameRules::printable(file.name)));
    if (f.ok() && !httpUrl(url, &file.downloadUrl))
        f.fail(QCoreApplication::translate("Hub::CivitaiParser", "%1 has no usable download URL")
                   .arg(NameRules::printable(file.name)));
    if (!f.ok()) {
        *error = f.error();
        return std::nullopt;
    }
    return file;
}

}  // namespace

std::optional<CivitaiVersion> CivitaiParser::version(const QJsonValue &value, QString *error, QStringList *problems)
{
    const QJsonObject o = value.toObject();
    JsonFields f(o);
    CivitaiVersion v;
    QString url;
    f.integer(QStringLiteral("id"), &v.id, true);
    f.integer(QStringLiteral("modelId"), &v.modelId);
    f.string(QStringLiteral("name"), &v.name);
    f.string(QStringLiteral("baseModel"), &v.baseModel);
    f.string(QStringLiteral("description"), &v.description);
    f.date(QStringLiteral("publishedAt"), &v.publishedAt);
    f.date(QStringLiteral("updatedAt"), &v.updatedAt);
    f.strings(QStringLiteral("trainedWords"), &v.trainedWords);
    f.string(QStringLiteral("availability"), &v.availability);
    f.string(QStringLiteral("downloadUrl"), &url);
    if (!url.isEmpty() && !httpUrl(url, &v.downloadUrl))
        f.fail(QCoreApplication::translate("Hub::CivitaiParser", "its download URL is not an http(s) URL"));
    const QJsonObject stats = f.object(QStringLiteral("stats"));
    // Clamped before the cast: a count beyond qint64 (or NaN) would make it undefined.
    const double downloads = stats.value(QLatin1String("downloadCount")).toDouble();
    v.downloadCount = downloads > 0 && downloads < 9.0e15 ? qint64(downloads) : 0;
    if (!value.isObject())
        f.fail(QCoreApplication::translate("Hub::CivitaiParser", "it is not an object"));
    if (f.ok() && v.id <= 0)
        f.fail(QCoreApplication::translate("Hub::CivitaiParser", "its id is not positive"));
    if (!f.ok()) {
        *error = QCoreApplication::translate("Hub::CivitaiParser", "a version was skipped because %1.").arg(f.error());
        return std::nullopt;
    }
    if (v.name.isEmpty())
        v.name = QString::number(v.id);
    v.json = o;
    const QString label = QStringLiteral("version %1").arg(v.id);
    for (const QJsonValue &item : o.value(QLatin1String("files")).toArray()) {
        QString why;
        if (auto fl = file(item, &why))
            v.files << *fl;
        else if (problems)
            *problems << QCoreApplication::translate("Hub::CivitaiParser", "%1: a file was skipped because %2.")
                             .arg(label, why);
    }
    for (const QJsonValue &item : o.value(QLatin1String("images")).toArray()) {
        const QJsonObject io = item.toObject();
        CivitaiImage image;
        if (!httpUrl(io.value(QLatin1String("url")).toString(), &image.url))
            continue;  // an unusable preview is not worth a message
        image.width = io.value(QLatin1String("width")).toInt();
        image.height = io.value(QLatin1String("height")).toInt();
        image.nsfwLevel = io.value(QLatin1String("nsfwLevel")).toInt();
        image.type = io.value(QLatin1String("type")).toString();
        v.images << image;
    }
    return v;
}

std::optional<CivitaiModel> CivitaiParser::model(const QJsonValue &value, QString *error, QStringList *problems)
{
    const QJsonObject o = value.toObject();
    JsonFields f(o);
    CivitaiModel m;
    f.integer(QStringLiteral("id"), &m.id, true);
    f.string(QStringLiteral("name"), &m.name, true);
    f.string(QStringLiteral("description"), &m.description);
    f.string(QStringLiteral("type"), &m.type);
    f.boolean(QStringLiteral("nsfw"), &m.nsfw);
    f.string(QStringLiteral("mode"), &m.mode);
    f.strings(QStringLiteral("tags"), &m.tags);
    const QJsonObject creator = f.object(QStringLiteral("creator"));
    m.creator = creator.value(QLatin1String("username")).toString();
    const QJsonObject stats = f.object(QStringLiteral("stats"));
    if (!stats.isEmpty()) {
        JsonFields sf(stats);
        sf.integer(QStringLiteral("downloadCount"), &m.downloadCount);
        sf.integer(QStringLiteral("thumbsUpCount"), &m.thumbsUpCount);
        if (!sf.ok())
            f.fail(QCoreApplication::translate("Hub::CivitaiParser", "its statistics are unusable: ") + sf.error());
    }
    const QString label = m.id > 0 ? QStringLiteral("civitai:%1").arg(m.id)
                                   : QCoreApplication::translate("Hub::CivitaiParser", "a Civitai model");
    if (!value.isObject())
        f.fail(QCoreApplication::translate("Hub::CivitaiParser", "it is not an object"));
    if (f.ok() && m.id <= 0)
        f.fail(QCoreApplication::translate("Hub::CivitaiParser", "its id is not positive"));
    const QJsonValue versions = o.value(QLatin1String("modelVersions"));
    if (f.ok() && !versions.isUndefined() && !versions.isArray())
        f.fail(QCoreApplication::translate("Hub::CivitaiParser", "the field \"modelVersions\" is not a list"));
    if (!f.ok()) {
        *error = QCoreApplication::translate("Hub::CivitaiParser", "%1 was skipped because %2.").arg(label, f.error());
        return std::nullopt;
    }
    m.description = m.description.left(20000);
    for (const QJsonValue &item : versions.toArray()) {
        QString why;
        if (auto v = version(item, &why, problems)) {
            if (v->modelId == 0)
                v->modelId = m.id;
            m.versions << *v;
        } else if (problems) {
            *problems << QStringLiteral("%1: %2").arg(label, why);
        }
    }
    return m;
}

Result<CivitaiModelPage> CivitaiParser::modelList(const QByteArray &body, const QString &subject)
{
    Result<CivitaiModelPage> result;
    const QJsonDocument doc = document(body, subject, &result.error);
    if (!result.ok())
        return result;
    const QJsonObject root = doc.object();
    if (!root.value(QLatin1String("items")).isArray()) {
        result.error = malformed(
            subject, QCoreApplication::translate("Hub::CivitaiParser", "expected an object with a list of items"));
        return result;
    }
    const QJsonValue cursor = root.value(QLatin1String("metadata")).toObject().value(QLatin1String("nextCursor"));
    // Cursors are opaque: the hub sends strings, older versions numbers.
    if (cursor.isString())
        result.value.nextCursor = cursor.toString();
    else if (cursor.isDouble())
        result.value.nextCursor = QString::number(cursor.toInteger());
    for (const QJsonValue &item : root.value(QLatin1String("items")).toArray()) {
        QString why;
        if (auto m = model(item, &why, &result.rejected))
            result.value.models << *m;
        else
            result.rejected << why;
    }
    return result;
}

Result<CivitaiModel> CivitaiParser::model(const QByteArray &body, const QString &subject)
{
    Result<CivitaiModel> result;
    const QJsonDocument doc = document(body, subject, &result.error);
    if (!result.ok())
        return result;
    QString why;
    if (auto m = model(QJsonValue(doc.object()), &why, &result.rejected))
        result.value = *m;
    else
        result.error = malformed(subject, why);
    return result;
}

Result<CivitaiVersion> CivitaiParser::version(const QByteArray &body, const QString &subject)
{
    Result<CivitaiVersion> result;
    const QJsonDocument doc = document(body, subject, &result.error);
    if (!result.ok())
        return result;
    QString why;
    if (auto v = version(QJsonValue(doc.object()), &why, &result.rejected))
        result.value = *v;
    else
        result.error = malformed(subject, why);
    return result;
}

Result<QList<CivitaiVersion>> CivitaiParser::versionList(const QByteArray &body, const QString &subject)
{
    Result<QList<CivitaiVersion>> result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = malformed(subject, QCoreApplication::translate("Hub::CivitaiParser", "invalid JSON: ") +
                                              parseError.errorString());
        return result;
    }
    if (!doc.isArray()) {
        result.error = malformed(subject, QCoreApplication::translate("Hub::CivitaiParser", "expected a JSON array"));
        return result;
    }
    for (const QJsonValue &item : doc.array()) {
        QString why;
        if (auto v = version(item, &why, &result.rejected))
            result.value << *v;
        else
            result.rejected << why;
    }
    return result;
}

}  // namespace Hub
