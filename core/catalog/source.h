#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Catalog {

// A source is data, not code: what to ask a hub for. Its kind names the adapter that syncs
// it (HubAdapter::sourceKinds); the database stores it as JSON so new fields need no
// migration, and keys this build does not know are kept as they were.
struct Source
{
    // The kinds of the built-in adapters. Another hub's adapter brings its own kind names.
    struct Kind
    {
        static inline const QString HfQuery =
            QStringLiteral("hf-query");  // /api/models: author/search/tags/sort, top N
        static inline const QString HfCollection = QStringLiteral("hf-collection");  // one collection by slug
        static inline const QString HfRepo = QStringLiteral("hf-repo");              // one followed repo
        static inline const QString CivitaiQuery =
            QStringLiteral("civitai-query");  // /api/v1/models: types/baseModels/sort, top N
        static inline const QString CivitaiModel = QStringLiteral("civitai-model");  // one followed Civitai model
    };

    qint64 id = 0;  // 0 until stored
    QString name;   // unique, chosen by the user ("cortexso")
    QString kind = Kind::HfQuery;
    bool enabled = true;

    // Query fields; each kind uses those that make sense for its hub.
    QString author;
    QString search;
    QStringList tags;
    QString sort;  // HF: downloads, likes, lastModified…; Civitai: "Most Downloaded"…
    int limit = 100;
    // Collection slug, followed repo id ("ns/name") or Civitai model id
    QString target;
    QStringList types;
    QStringList baseModels;
    QJsonObject extra;  // fields of kinds this build does not know, kept verbatim

    // A sentence naming the first problem every kind shares (name, limit, kind), empty when
    // none. What is wrong for one kind only is the adapter's to say (HubRegistry::sourceProblem).
    QString validationError() const;

    QJsonObject toJson() const;  // everything but id
    static Source fromJson(const QJsonObject &json);
    // Sets one field from text as a user types it ("limit=50", "tags=gguf,llama",
    // "enabled=false"); false with *error for an unknown key or a value of the wrong type.
    bool setField(const QString &key, const QString &value, QString *error);
    static QStringList fieldNames();

    // What ships: Jan's cortexso models, popular GGUF models, popular Civitai LoRAs.
    static QList<Source> defaults();

    static constexpr int kMaxLimit = 100000;
};

}  // namespace Catalog
