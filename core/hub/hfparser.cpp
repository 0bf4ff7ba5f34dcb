#include "hfparser.h"

#include "jsonfields.h"
#include "namerules.h"
#include "xet/reconstruction.h"

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
        QCoreApplication::translate("Hub::HfParser", "Hugging Face sent a malformed answer for %1 (%2).")
            .arg(subject, why),
        why);
}

// Parses the body and checks its top-level shape; sets result.error when it is wrong.
template <typename T> QJsonDocument document(const QByteArray &body, const QString &subject, Result<T> &result)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        result.error = malformed(subject, QCoreApplication::translate("Hub::HfParser", "invalid JSON: ") +
                                              parseError.errorString());
    return doc;
}

QString lowerHex(const QString &hex)
{
    return hex.toLower();
}

std::optional<HfSibling> sibling(const QJsonValue &value, QString *error)
{
    if (!value.isObject()) {
        *error = QCoreApplication::translate("Hub::HfParser", "a file entry is not an object");
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    JsonFields f(o);
    HfSibling s;
    f.string(QStringLiteral("rfilename"), &s.path, true);
    f.integer(QStringLiteral("size"), &s.size);
    f.string(QStringLiteral("blobId"), &s.blobId);
    const QJsonObject lfs = f.object(QStringLiteral("lfs"));
    if (!lfs.isEmpty()) {
        JsonFields lf(lfs);
        lf.string(QStringLiteral("sha256"), &s.lfsSha256, true);
        if (!lf.ok())
            f.fail(QCoreApplication::translate("Hub::HfParser", "its LFS data is unusable: ") + lf.error());
        else if (!NameRules::isSha256(s.lfsSha256))
            f.fail(QCoreApplication::translate("Hub::HfParser", "its LFS hash is not a SHA-256"));
        s.lfsSha256 = lowerHex(s.lfsSha256);
    }
    if (f.ok() && !NameRules::isRelativePath(s.path))
        f.fail(QCoreApplication::translate("Hub::HfParser", "the file name %1 is not a safe relative path")
                   .arg(NameRules::printable(s.path)));
    if (f.ok() && s.size != -1 && !NameRules::isSize(s.size))
        f.fail(QCoreApplication::translate("Hub::HfParser", "the file %1 claims an absurd size")
                   .arg(NameRules::printable(s.path)));
    if (!f.ok()) {
        *error = f.error();
        return std::nullopt;
    }
    return s;
}

}  // namespace

std::optional<HfModel> HfParser::model(const QJsonValue &value, QString *error, QStringList *fileProblems)
{
    if (!value.isObject()) {
        *error = QCoreApplication::translate("Hub::HfParser", "a model entry is not a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    JsonFields f(o);
    HfModel m;
    if (!f.string(QStringLiteral("id"), &m.id, true))
        f.string(QStringLiteral("modelId"), &m.id, true);
    const QString name = m.id.isEmpty() ? QStringLiteral("a model") : NameRules::printable(m.id);
    if (f.ok() && !NameRules::isRepoId(m.id))
        f.fail(QCoreApplication::translate("Hub::HfParser", "its id is not of the form namespace/name"));
    f.string(QStringLiteral("author"), &m.author);
    f.string(QStringLiteral("sha"), &m.sha);
    if (f.ok() && !m.sha.isEmpty() && !NameRules::isGitOid(m.sha))
        f.fail(QCoreApplication::translate("Hub::HfParser", "its commit \"sha\" is not a 40-digit hex id"));
    f.date(QStringLiteral("lastModified"), &m.lastModified);
    f.date(QStringLiteral("createdAt"), &m.createdAt);
    f.integer(QStringLiteral("downloads"), &m.downloads);
    f.integer(QStringLiteral("likes"), &m.likes);
    f.strings(QStringLiteral("tags"), &m.tags);
    f.string(QStringLiteral("pipeline_tag"), &m.pipelineTag);
    f.string(QStringLiteral("library_name"), &m.libraryName);
    f.boolean(QStringLiteral("private"), &m.isPrivate);
    const QJsonValue gated = o.value(QLatin1String("gated"));
    if (gated.isString())
        m.gated = gated.toString();
    else if (!gated.isUndefined() && !gated.isNull() && !gated.isBool())
        f.fail(QCoreApplication::translate("Hub::HfParser", "the field \"gated\" is neither false nor a mode"));
    const QJsonObject card = f.object(QStringLiteral("cardData"));
    if (card.value(QLatin1String("description")).isString())
        m.description = card.value(QLatin1String("description")).toString().left(4000);

    const QJsonValue siblings = o.value(QLatin1String("siblings"));
    if (!siblings.isUndefined() && !siblings.isNull()) {
        if (!siblings.isArray()) {
            f.fail(QCoreApplication::translate("Hub::HfParser", "the field \"siblings\" is not a list"));
        } else {
            m.siblingsPresent = true;
            for (const QJsonValue &item : siblings.toArray()) {
                QString why;
                if (auto s = sibling(item, &why))
                    m.siblings << *s;
                else if (fileProblems)
                    *fileProblems << QCoreApplication::translate("Hub::HfParser", "%1: a file was skipped because %2.")
                                         .arg(m.id, why);
            }
        }
    }
    if (!f.ok()) {
        *error = QCoreApplication::translate("Hub::HfParser", "%1 was skipped because %2.").arg(name, f.error());
        return std::nullopt;
    }
    if (m.author.isEmpty())
        m.author = m.id.section(QLatin1Char('/'), 0, 0);
    return m;
}

Result<QList<HfModel>> HfParser::modelList(const QByteArray &body, const QString &subject)
{
    Result<QList<HfModel>> result;
    const QJsonDocument doc = document(body, subject, result);
    if (!result.ok())
        return result;
    if (!doc.isArray()) {
        result.error = malformed(subject, QCoreApplication::translate("Hub::HfParser", "expected a list of models"));
        return result;
    }
    const QJsonArray array = doc.array();
    result.value.reserve(array.size());
    for (const QJsonValue &item : array) {
        QString why;
        if (auto m = model(item, &why, &result.rejected))
            result.value << *m;
        else
            result.rejected << why;
    }
    return result;
}

Result<HfModel> HfParser::modelInfo(const QByteArray &body, const QString &subject)
{
    Result<HfModel> result;
    const QJsonDocument doc = document(body, subject, result);
    if (!result.ok())
        return result;
    QString why;
    if (auto m = model(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(), &why, &result.rejected))
        result.value = *m;
    else
        result.error = malformed(subject, why);
    return result;
}

Result<QList<HfTreeEntry>> HfParser::tree(const QByteArray &body, const QString &subject)
{
    Result<QList<HfTreeEntry>> result;
    const QJsonDocument doc = document(body, subject, result);
    if (!result.ok())
        return result;
    if (!doc.isArray()) {
        result.error = malformed(subject, QCoreApplication::translate("Hub::HfParser", "expected a list of files"));
        return result;
    }
    for (const QJsonValue &item : doc.array()) {
        const QJsonObject o = item.toObject();
        JsonFields f(o);
        HfTreeEntry e;
        QString type;
        f.string(QStringLiteral("type"), &type, true);
        f.string(QStringLiteral("path"), &e.path, true);
        f.integer(QStringLiteral("size"), &e.size);
        f.string(QStringLiteral("oid"), &e.oid);
        e.type = type == QLatin1String("file") ? HfTreeEntry::Type::File : HfTreeEntry::Type::Directory;
        // Anything else (a submodule, a type added later) is neither downloaded nor dropped
        // silently: the caller reports it.
        if (f.ok() && type != QLatin1String("file") && type != QLatin1String("directory"))
            f.fail(QCoreApplication::translate("Hub::HfParser", "%1 is of a kind ModelDock does not know (%2)")
                       .arg(NameRules::printable(e.path), NameRules::printable(type)));
        const QJsonObject lfs = f.object(QStringLiteral("lfs"));
        if (!lfs.isEmpty()) {
            JsonFields lf(lfs);
            lf.string(QStringLiteral("oid"), &e.lfsSha256, true);
            if (!lf.ok() || !NameRules::isSha256(e.lfsSha256))
                f.fail(QCoreApplication::translate("Hub::HfParser", "its LFS hash is not a SHA-256"));
            e.lfsSha256 = lowerHex(e.lfsSha256);
        }
        // Only a real hash: the Hub redacts some as 64 '*', which name nothing.
        if (const QString xet = o.value(QStringLiteral("xetHash")).toString(); Xet::fileHashIsValid(xet))
            e.xetHash = xet.toLower();
        if (f.ok() && !NameRules::isRelativePath(e.path))
            f.fail(QCoreApplication::translate("Hub::HfParser", "the path %1 is not a safe relative path")
                       .arg(NameRules::printable(e.path)));
        if (f.ok() && !NameRules::isSize(e.size))
            f.fail(QCoreApplication::translate("Hub::HfParser", "it claims an absurd size"));
        if (!item.isObject())
            f.fail(QCoreApplication::translate("Hub::HfParser", "it is not an object"));
        if (f.ok())
            result.value << e;
        else
            result.rejected << QCoreApplication::translate("Hub::HfParser", "%1: a file entry was skipped because %2.")
                                   .arg(subject, f.error());
    }
    return result;
}

Result<HfRefs> HfParser::refs(const QByteArray &body, const QString &subject)
{
    Result<HfRefs> result;
    const QJsonDocument doc = document(body, subject, result);
    if (!result.ok())
        return result;
    if (!doc.isObject() || !doc.object().value(QLatin1String("branches")).isArray()) {
        result.error = malformed(
            subject, QCoreApplication::translate("Hub::HfParser", "expected an object with a list of branches"));
        return result;
    }
    auto readRefs = [&](const QString &key, QList<HfRef> *out) {
        for (const QJsonValue &item : doc.object().value(key).toArray()) {
            const QJsonObject o = item.toObject();
            JsonFields f(o);
            HfRef ref;
            f.string(QStringLiteral("name"), &ref.name, true);
            f.string(QStringLiteral("ref"), &ref.ref);
            f.string(QStringLiteral("targetCommit"), &ref.targetCommit, true);
            if (f.ok() && !NameRules::isGitOid(ref.targetCommit))
                f.fail(QCoreApplication::translate("Hub::HfParser", "its target is not a commit id"));
            // A branch name becomes part of a URL path and a refs/ file name.
            if (f.ok() && !NameRules::isRelativePath(ref.name))
                f.fail(QCoreApplication::translate("Hub::HfParser", "the name %1 is not safe")
                           .arg(NameRules::printable(ref.name)));
            if (f.ok())
                *out << ref;
            else
                result.rejected << QCoreApplication::translate("Hub::HfParser", "%1: a ref was skipped because %2.")
                                       .arg(subject, f.error());
        }
    };
    readRefs(QStringLiteral("branches"), &result.value.branches);
    readRefs(QStringLiteral("tags"), &result.value.tags);
    return result;
}

Result<HfCollection> HfParser::collection(const QByteArray &body, const QString &subject)
{
    Result<HfCollection> result;
    const QJsonDocument doc = document(body, subject, result);
    if (!result.ok())
        return result;
    const QJsonObject o = doc.object();
    JsonFields f(o);
    HfCollection &c = result.value;
    f.string(QStringLiteral("slug"), &c.slug, true);
    f.string(QStringLiteral("title"), &c.title);
    f.string(QStringLiteral("description"), &c.description);
    f.date(QStringLiteral("lastUpdated"), &c.lastUpdated);
    const QJsonObject owner = f.object(QStringLiteral("owner"));
    c.owner = owner.value(QLatin1String("name")).toString();
    if (!doc.isObject() || !o.value(QLatin1String("items")).isArray())
        f.fail(QCoreApplication::translate("Hub::HfParser", "expected an object with a list of items"));
    if (!f.ok()) {
        result.error = malformed(subject, f.error());
        return result;
    }
    for (const QJsonValue &item : o.value(QLatin1String("items")).toArray()) {
        const QJsonObject io = item.toObject();
        JsonFields fi(io);
        HfCollectionItem ci;
        qint64 position = 0;
        fi.string(QStringLiteral("type"), &ci.type, true);
        fi.string(QStringLiteral("id"), &ci.id, true);
        fi.integer(QStringLiteral("position"), &position);
        fi.string(QStringLiteral("author"), &ci.author);
        fi.integer(QStringLiteral("downloads"), &ci.downloads);
        fi.integer(QStringLiteral("likes"), &ci.likes);
        fi.date(QStringLiteral("lastModified"), &ci.lastModified);
        fi.string(QStringLiteral("pipeline_tag"), &ci.pipelineTag);
        if (io.value(QLatin1String("gated")).isString())
            ci.gated = io.value(QLatin1String("gated")).toString();
        ci.position = int(qMin<qint64>(position, 1 << 30));
        if (fi.ok() && ci.type == QLatin1String("model") && !NameRules::isRepoId(ci.id))
            fi.fail(QCoreApplication::translate("Hub::HfParser", "its id %1 is not of the form namespace/name")
                        .arg(NameRules::printable(ci.id)));
        if (!item.isObject())
            fi.fail(QCoreApplication::translate("Hub::HfParser", "it is not an object"));
        if (fi.ok())
            c.items << ci;
        else
            result.rejected << QCoreApplication::translate("Hub::HfParser", "%1: an item was skipped because %2.")
                                   .arg(subject, fi.error());
    }
    return result;
}

}  // namespace Hub
