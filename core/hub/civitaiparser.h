#pragma once

#include "civitaitypes.h"
#include "hubresult.h"

#include <QByteArray>
#include <QJsonValue>

#include <optional>

namespace Hub {

// One page of /api/v1/models: the models and the cursor for the next page.
struct CivitaiModelPage
{
    QList<CivitaiModel> models;
    QString nextCursor;
};

// Turns Civitai API bodies into validated value types; same contract as Hub::HfParser.
// Files with unsafe names, absurd sizes or malformed hashes are dropped with a message;
// a model left without any usable version is rejected.
class CivitaiParser
{
public:
    static Result<CivitaiModelPage> modelList(const QByteArray &body, const QString &subject);
    static Result<CivitaiModel> model(const QByteArray &body, const QString &subject);
    static Result<CivitaiVersion> version(const QByteArray &body, const QString &subject);
    // A JSON array of version objects (POST /api/v1/model-versions/by-hash); a version that
    // does not parse is dropped with a sentence, a body that is not an array is an error.
    static Result<QList<CivitaiVersion>> versionList(const QByteArray &body, const QString &subject);

    static std::optional<CivitaiModel> model(const QJsonValue &value, QString *error, QStringList *problems);
    static std::optional<CivitaiVersion> version(const QJsonValue &value, QString *error, QStringList *problems);
};

}  // namespace Hub
