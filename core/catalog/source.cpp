#include "source.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Catalog {

namespace {
QStringList toList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray()) {
        if (v.isString() && !v.toString().isEmpty())
            out << v.toString();
    }
    return out;
}

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    }
    return out;
}

const char *const kKnownKeys[] = {"name", "kind",   "enabled", "limit", "author",    "search",
                                  "sort", "target", "tags",    "types", "baseModels"};
}  // namespace

QString Source::validationError() const
{
    if (name.trimmed().isEmpty() || name.size() > 80)
        return QCoreApplication::translate("Catalog::Source", "A source needs a name of 1 to 80 characters.");
    if (kind.isEmpty())
        return QCoreApplication::translate("Catalog::Source", "A source needs a kind (hf-query, civitai-query, …).");
    if (limit < 1 || limit > kMaxLimit)
        return QCoreApplication::translate("Catalog::Source", "The limit must be between 1 and %1.").arg(kMaxLimit);
    return {};
}

QJsonObject Source::toJson() const
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("kind"), kind);
    o.insert(QStringLiteral("enabled"), enabled);
    o.insert(QStringLiteral("limit"), limit);
    auto put = [&o](const char *key, const QString &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    auto putList = [&o](const char *key, const QStringList &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), QJsonArray::fromStringList(value));
    };
    put("author", author);
    put("search", search);
    put("sort", sort);
    put("target", target);
    putList("tags", tags);
    putList("types", types);
    putList("baseModels", baseModels);
    return o;
}

Source Source::fromJson(const QJsonObject &json)
{
    Source s;
    s.name = json.value(QLatin1String("name")).toString();
    s.kind = json.value(QLatin1String("kind")).toString();
    s.enabled = json.value(QLatin1String("enabled")).toBool(true);
    s.limit = json.value(QLatin1String("limit")).toInt(100);
    s.author = json.value(QLatin1String("author")).toString();
    s.search = json.value(QLatin1String("search")).toString();
    s.sort = json.value(QLatin1String("sort")).toString();
    s.target = json.value(QLatin1String("target")).toString();
    s.tags = toList(json.value(QLatin1String("tags")));
    s.types = toList(json.value(QLatin1String("types")));
    s.baseModels = toList(json.value(QLatin1String("baseModels")));
    s.extra = json;
    for (const char *key : kKnownKeys)
        s.extra.remove(QLatin1String(key));
    return s;
}

QStringList Source::fieldNames()
{
    QStringList names;
    for (const char *key : kKnownKeys)
        names << QLatin1String(key);
    return names;
}

bool Source::setField(const QString &key, const QString &value, QString *error)
{
    if (key == QLatin1String("name")) {
        name = value.trimmed();
    } else if (key == QLatin1String("kind")) {
        kind = value.trimmed();
    } else if (key == QLatin1String("enabled")) {
        const QString v = value.trimmed().toLower();
        if (v != QLatin1String("true") && v != QLatin1String("false")) {
            *error = QCoreApplication::translate("Catalog::Source", "enabled is true or false, not \"%1\".").arg(value);
            return false;
        }
        enabled = v == QLatin1String("true");
    } else if (key == QLatin1String("limit")) {
        bool ok = false;
        const int n = value.trimmed().toInt(&ok);
        if (!ok) {
            *error = QCoreApplication::translate("Catalog::Source", "limit is a number, not \"%1\".").arg(value);
            return false;
        }
        limit = n;
    } else if (key == QLatin1String("author")) {
        author = value.trimmed();
    } else if (key == QLatin1String("search")) {
        search = value.trimmed();
    } else if (key == QLatin1String("sort")) {
        sort = value.trimmed();
    } else if (key == QLatin1String("target")) {
        target = value.trimmed();
    } else if (key == QLatin1String("tags")) {
        tags = splitList(value);
    } else if (key == QLatin1String("types")) {
        types = splitList(value);
    } else if (key == QLatin1String("baseModels")) {
        baseModels = splitList(value);
    } else {
        *error = QCoreApplication::translate("Catalog::Source", "A source has no field \"%1\"; the fields are %2.")
                     .arg(key, fieldNames().join(QStringLiteral(", ")));
        return false;
    }
    return true;
}

QList<Source> Source::defaults()
{
    Source cortex;
    cortex.name = QStringLiteral("cortexso");
    cortex.kind = Kind::HfQuery;
    cortex.author = QStringLiteral("cortexso");
    cortex.sort = QStringLiteral("downloads");
    cortex.limit = 100;

    Source gguf;
    gguf.name = QStringLiteral("popular-gguf");
    gguf.kind = Kind::HfQuery;
    gguf.tags = {QStringLiteral("gguf")};
    gguf.sort = QStringLiteral("downloads");
    gguf.limit = 200;

    Source loras;
    loras.name = QStringLiteral("civitai-loras");
    loras.kind = Kind::CivitaiQuery;
    loras.types = {QStringLiteral("LORA")};
    loras.sort = QStringLiteral("Most Downloaded");
    loras.limit = 100;
    return {cortex, gguf, loras};
}

}  // namespace Catalog
