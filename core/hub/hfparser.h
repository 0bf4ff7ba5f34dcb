#pragma once

#include "hftypes.h"
#include "hubresult.h"

#include <QByteArray>
#include <QJsonValue>

#include <optional>

namespace Hub {

// Turns Hugging Face API bodies into validated value types. A body that is not the expected
// JSON at all fails the call (kind BadResponse); a single bad item inside a list is dropped
// and named in Result::rejected, so one broken model never spoils a page.
class HfParser
{
public:
    static Result<QList<HfModel>> modelList(const QByteArray &body, const QString &subject);
    static Result<HfModel> modelInfo(const QByteArray &body, const QString &subject);
    static Result<QList<HfTreeEntry>> tree(const QByteArray &body, const QString &subject);
    static Result<HfRefs> refs(const QByteArray &body, const QString &subject);
    static Result<HfCollection> collection(const QByteArray &body, const QString &subject);

    // One model object; nullopt with *error (a sentence naming the item) when unusable.
    // Bad siblings are dropped and described in *fileProblems.
    static std::optional<HfModel> model(const QJsonValue &value, QString *error, QStringList *fileProblems);
};

}  // namespace Hub
