#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Catalog {

// A source is data, not code: what to ask a hub for. The sync engine hands it to the
// adapter of its hub; the database stores it as JSON so new fields need no migration.
struct Source
{
    enum class Kind {
        HfQuery,        // /api/models with author/search/tags/sort, top N
        HfCollection,   // one collection by slug
        HfRepo,         // one followed repo
        CivitaiQuery,   // /api/v1/models with types/baseModels/sort, top N
        CivitaiModel,   // one followed Civitai model
    };

    qint64 id = 0;      // 0 until stored
    QString name;       // unique, chosen by the user ("cortexso")
    Kind kind = Kind::HfQuery;
    bool enabled = true;

    // Hugging Face query
    QString author;
    QString search;
    QStringList tags;
    QString sort;       // HF: downloads, likes, lastModified…; Civitai: "Most Downloaded"…
    int limit = 100;
    // Collection slug, followed repo id ("ns/name") or Civitai model id
    QString target;
    // Civitai query
    QStringList types;
    QStringList baseModels;

    QString hub() const;           // "hf" or "civitai"
    QString kindName() const;      // "hf-query", "hf-collection", …
    static bool kindFromName(const QString &name, Kind *kind);
    QString describe() const;      // one line: "Hugging Face models by cortexso tagged gguf, top 50"

    // A sentence naming the first problem, empty when the source is usable.
    QString validationError() const;

    QJsonObject toJson() const;    // everything but id
    static Source fromJson(const QJsonObject &json);

    // What ships: Jan's cortexso models, popular GGUF models, popular Civitai LoRAs.
    static QList<Source> defaults();

    static constexpr int kMaxLimit = 100000;
};

} // namespace Catalog
