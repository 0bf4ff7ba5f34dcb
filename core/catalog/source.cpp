#include "source.h"

#include "hub/namerules.h"

#include <QJsonArray>

namespace Catalog {

namespace {
struct KindName
{
    Source::Kind kind;
    const char *name;
};
constexpr KindName kKindNames[] = {
    {Source::Kind::HfQuery, "hf-query"},
    {Source::Kind::HfCollection, "hf-collection"},
    {Source::Kind::HfRepo, "hf-repo"},
    {Source::Kind::CivitaiQuery, "civitai-query"},
    {Source::Kind::CivitaiModel, "civitai-model"},
};

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray()) {
        if (v.isString() && !v.toString().isEmpty())
            out << v.toString();
    }
    return out;
}
} // namespace

QString Source::hub() const
{
    return kind == Kind::CivitaiQuery || kind == Kind::CivitaiModel ? QStringLiteral("civitai")
                                                                    : QStringLiteral("hf");
}

QString Source::kindName() const
{
    for (const KindName &k : kKindNames) {
        if (k.kind == kind)
            return QLatin1String(k.name);
    }
    return {};
}

bool Source::kindFromName(const QString &name, Kind *kind)
{
    for (const KindName &k : kKindNames) {
        if (name == QLatin1String(k.name)) {
            *kind = k.kind;
            return true;
        }
    }
    return false;
}

QString Source::describe() const
{
    switch (kind) {
    case Kind::HfQuery: {
        QString text = QStringLiteral("Hugging Face models");
        if (!author.isEmpty())
            text += QStringLiteral(" by ") + author;
        if (!search.isEmpty())
            text += QStringLiteral(" matching \"") + search + QLatin1Char('"');
        if (!tags.isEmpty())
            text += QStringLiteral(" tagged ") + tags.join(QStringLiteral(", "));
        if (!sort.isEmpty())
            text += QStringLiteral(", by ") + sort;
        return text + QStringLiteral(", top %1").arg(limit);
    }
    case Kind::HfCollection:
        return QStringLiteral("Hugging Face collection ") + target;
    case Kind::HfRepo:
        return QStringLiteral("Hugging Face repo ") + target;
    case Kind::CivitaiQuery: {
        QString text = QStringLiteral("Civitai ");
        text += types.isEmpty() ? QStringLiteral("models") : types.join(QStringLiteral(", "));
        if (!baseModels.isEmpty())
            text += QStringLiteral(" for ") + baseModels.join(QStringLiteral(", "));
        if (!sort.isEmpty())
            text += QStringLiteral(", ") + sort;
        return text + QStringLiteral(", top %1").arg(limit);
    }
    case Kind::CivitaiModel:
        return QStringLiteral("Civitai model ") + target;
    }
    return {};
}

QString Source::validationError() const
{
    if (name.trimmed().isEmpty() || name.size() > 80)
        return QStringLiteral("A source needs a name of 1 to 80 characters.");
    if (limit < 1 || limit > kMaxLimit)
        return QStringLiteral("The limit must be between 1 and %1.").arg(kMaxLimit);
    switch (kind) {
    case Kind::HfQuery:
        return {};  // no filter at all is "the top N models", a fine source
    case Kind::HfCollection:
    case Kind::HfRepo:
        if (!Hub::NameRules::isRepoId(target))
            return QStringLiteral("%1 is not of the form namespace/name.").arg(Hub::NameRules::printable(target));
        return {};
    case Kind::CivitaiQuery:
        return {};
    case Kind::CivitaiModel: {
        bool ok = false;
        const qint64 id = target.toLongLong(&ok);
        if (!ok || id <= 0)
            return QStringLiteral("A Civitai model is named by its positive numeric id.");
        return {};
    }
    }
    return {};
}

QJsonObject Source::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("kind"), kindName()},
                  {QStringLiteral("enabled"), enabled},
                  {QStringLiteral("limit"), limit}};
    auto put = [&o](const char *key, const QString &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    auto putList = [&o](const char *key, const QStringList &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), toArray(value));
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
    kindFromName(json.value(QLatin1String("kind")).toString(), &s.kind);
    s.enabled = json.value(QLatin1String("enabled")).toBool(true);
    s.limit = json.value(QLatin1String("limit")).toInt(100);
    s.author = json.value(QLatin1String("author")).toString();
    s.search = json.value(QLatin1String("search")).toString();
    s.sort = json.value(QLatin1String("sort")).toString();
    s.target = json.value(QLatin1String("target")).toString();
    s.tags = toList(json.value(QLatin1String("tags")));
    s.types = toList(json.value(QLatin1String("types")));
    s.baseModels = toList(json.value(QLatin1String("baseModels")));
    return s;
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

} // namespace Catalog
