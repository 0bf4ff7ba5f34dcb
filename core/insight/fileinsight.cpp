#include "fileinsight.h"

#include "ggufheader.h"
#include "safetensorsheader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

namespace Insight {

namespace {

QString t(const char *text)
{
    return QCoreApplication::translate("Insight", text);
}

QJsonObject countsToJson(const QMap<QString, int> &map)
{
    QJsonObject out;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

QJsonObject sizesToJson(const QMap<QString, quint64> &map)
{
    QJsonObject out;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        out.insert(it.key(), double(it.value()));
    return out;
}

quint64 u64(const QJsonObject &json, const char *key)
{
    return quint64(qMax<qint64>(0, json.value(QLatin1String(key)).toInteger()));
}

QString mapLine(const QMap<QString, int> &map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        parts << QStringLiteral("%1 \u00d7%2").arg(it.key()).arg(it.value());
    return parts.join(QStringLiteral(", "));
}

}  // namespace

QString formatParameters(quint64 count)
{
    const QLocale locale;
    if (count >= 1'000'000'000ULL)
        return locale.toString(double(count) / 1e9, 'f', 2) + QStringLiteral(" B");
    if (count >= 1'000'000ULL)
        return locale.toString(double(count) / 1e6, 'f', 0) + QStringLiteral(" M");
    return locale.toString(count);
}

FileInsight FileInsight::fromGguf(const GgufHeader &h)
{
    FileInsight i;
    i.format = Format::Gguf;
    i.architecture = h.architecture;
    i.name = h.name;
    i.parameterCount = h.parameterCount;
    i.contextLength = h.contextLength;
    i.embeddingLength = h.embeddingLength;
    i.blockCount = h.blockCount;
    i.headCount = h.headCount;
    i.headCountKv = h.headCountKv;
    i.fileTypeName = h.fileTypeName;
    i.tensorTypes = h.tensorTypes;
    i.hasChatTemplate = h.hasChatTemplate;
    i.tokenizerModel = h.tokenizerModel;
    i.vocabularySize = h.vocabularySize;
    i.shards = qMax(1, h.splitCount);
    return i;
}

FileInsight FileInsight::fromSafetensors(const SafetensorsHeader &h)
{
    FileInsight i;
    i.format = Format::Safetensors;
    i.parameterCount = h.parameterCount;
    i.parametersByDtype = h.parametersByDtype;
    i.tensorTypes = h.tensorsByDtype;
    i.baseModel = !h.baseModelVersion.isEmpty() ? h.baseModelVersion : h.specArchitecture;
    i.networkModule = h.networkModule;
    i.networkDim = h.networkDim;
    i.networkAlpha = h.networkAlpha;
    i.resolution = h.resolution;
    i.title = !h.specTitle.isEmpty() ? h.specTitle : h.outputName;
    if (!h.specTriggerPhrase.isEmpty())
        i.triggerWords << h.specTriggerPhrase;
    for (const QString &word : h.triggerWords) {
        if (!i.triggerWords.contains(word))
            i.triggerWords << word;
    }
    return i;
}

void FileInsight::addShard(const FileInsight &shard)
{
    if (architecture.isEmpty()) {  // the first shard read may not be the one with the metadata
        const int keepShards = shards;
        const quint64 params = parameterCount;
        const QMap<QString, int> types = tensorTypes;
        const int keepRequests = requests;
        const qint64 keepBytes = bytesRead;
        *this = shard;
        shards = qMax(keepShards, shard.shards);
        parameterCount += params;
        for (auto it = types.cbegin(); it != types.cend(); ++it)
            tensorTypes[it.key()] += it.value();
        requests += keepRequests;
        bytesRead += keepBytes;
        return;
    }
    parameterCount += shard.parameterCount;
    for (auto it = shard.tensorTypes.cbegin(); it != shard.tensorTypes.cend(); ++it)
        tensorTypes[it.key()] += it.value();
    shards = qMax(shards, shard.shards);
    requests += shard.requests;
    bytesRead += shard.bytesRead;
}

QList<QPair<QString, QString>> FileInsight::facts() const
{
    QList<QPair<QString, QString>> out;
    const QLocale locale;
    auto add = [&](const QString &key, const QString &value) {
        if (!value.isEmpty())
            out.append({key, value});
    };
    if (format == Format::Gguf) {
        add(t(QT_TRANSLATE_NOOP("Insight", "Architecture")), architecture);
        add(t(QT_TRANSLATE_NOOP("Insight", "Parameters")),
            parameterCount ? formatParameters(parameterCount) : QString());
        add(t(QT_TRANSLATE_NOOP("Insight", "Quantization")), fileTypeName);
        add(t(QT_TRANSLATE_NOOP("Insight", "Tensor types")), mapLine(tensorTypes));
        add(t(QT_TRANSLATE_NOOP("Insight", "Context length")),
            contextLength ? locale.toString(contextLength) : QString());
        add(t(QT_TRANSLATE_NOOP("Insight", "Layers")), blockCount ? locale.toString(blockCount) : QString());
        add(t(QT_TRANSLATE_NOOP("Insight", "Embedding size")),
            embeddingLength ? locale.toString(embeddingLength) : QString());
        if (headCount)
            add(t(QT_TRANSLATE_NOOP("Insight", "Attention heads")),
                headCountKv && headCountKv != headCount
                    ? t(QT_TRANSLATE_NOOP("Insight", "%1 (%2 for keys and values)")).arg(headCount).arg(headCountKv)
                    : locale.toString(headCount));
        add(t(QT_TRANSLATE_NOOP("Insight", "Chat template")),
            hasChatTemplate ? t(QT_TRANSLATE_NOOP("Insight", "yes")) : t(QT_TRANSLATE_NOOP("Insight", "no")));
        if (!tokenizerModel.isEmpty())
            add(t(QT_TRANSLATE_NOOP("Insight", "Tokenizer")),
                vocabularySize ? t(QT_TRANSLATE_NOOP("Insight", "%1, %2 tokens"))
                                     .arg(tokenizerModel, locale.toString(vocabularySize))
                               : tokenizerModel);
        if (shards > 1)
            add(t(QT_TRANSLATE_NOOP("Insight", "Split")), t(QT_TRANSLATE_NOOP("Insight", "%1 files")).arg(shards));
    } else if (format == Format::Safetensors) {
        add(t(QT_TRANSLATE_NOOP("Insight", "Parameters")),
            parameterCount ? formatParameters(parameterCount) : QString());
        add(t(QT_TRANSLATE_NOOP("Insight", "Data types")), mapLine(tensorTypes));
        add(t(QT_TRANSLATE_NOOP("Insight", "Title")), title);
        add(t(QT_TRANSLATE_NOOP("Insight", "Base model")), baseModel);
        if (!networkModule.isEmpty())
            add(t(QT_TRANSLATE_NOOP("Insight", "Network")),
                t(QT_TRANSLATE_NOOP("Insight", "%1, dim %2, alpha %3"))
                    .arg(networkModule, networkDim.isEmpty() ? QStringLiteral("?") : networkDim,
                         networkAlpha.isEmpty() ? QStringLiteral("?") : networkAlpha));
        add(t(QT_TRANSLATE_NOOP("Insight", "Resolution")), resolution);
        add(t(QT_TRANSLATE_NOOP("Insight", "Trigger words")), triggerWords.join(QStringLiteral(", ")));
    }
    return out;
}

QJsonObject FileInsight::toJson() const
{
    QJsonObject o{{QStringLiteral("format"), format == Format::Gguf          ? QStringLiteral("gguf")
                                             : format == Format::Safetensors ? QStringLiteral("safetensors")
                                                                             : QString()},
                  {QStringLiteral("architecture"), architecture},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("parameterCount"), double(parameterCount)},
                  {QStringLiteral("contextLength"), double(contextLength)},
                  {QStringLiteral("embeddingLength"), double(embeddingLength)},
                  {QStringLiteral("blockCount"), double(blockCount)},
                  {QStringLiteral("headCount"), double(headCount)},
                  {QStringLiteral("headCountKv"), double(headCountKv)},
                  {QStringLiteral("fileType"), fileTypeName},
                  {QStringLiteral("tensorTypes"), countsToJson(tensorTypes)},
                  {QStringLiteral("chatTemplate"), hasChatTemplate},
                  {QStringLiteral("tokenizer"), tokenizerModel},
                  {QStringLiteral("vocabularySize"), double(vocabularySize)},
                  {QStringLiteral("shards"), shards},
                  {QStringLiteral("parametersByDtype"), sizesToJson(parametersByDtype)},
                  {QStringLiteral("baseModel"), baseModel},
                  {QStringLiteral("networkModule"), networkModule},
                  {QStringLiteral("networkDim"), networkDim},
                  {QStringLiteral("networkAlpha"), networkAlpha},
                  {QStringLiteral("resolution"), resolution},
                  {QStringLiteral("title"), title},
                  {QStringLiteral("triggerWords"), QJsonArray::fromStringList(triggerWords)},
                  {QStringLiteral("requests"), requests},
                  {QStringLiteral("bytesRead"), double(bytesRead)}};
    return o;
}

FileInsight FileInsight::fromJson(const QJsonObject &json)
{
    FileInsight i;
    const QString format = json.value(QLatin1String("format")).toString();
    i.format = format == QLatin1String("gguf")          ? Format::Gguf
               : format == QLatin1String("safetensors") ? Format::Safetensors
                                                        : Format::Unknown;
    i.architecture = json.value(QLatin1String("architecture")).toString();
    i.name = json.value(QLatin1String("name")).toString();
    i.parameterCount = u64(json, "parameterCount");
    i.contextLength = u64(json, "contextLength");
    i.embeddingLength = u64(json, "embeddingLength");
    i.blockCount = u64(json, "blockCount");
    i.headCount = u64(json, "headCount");
    i.headCountKv = u64(json, "headCountKv");
    i.fileTypeName = json.value(QLatin1String("fileType")).toString();
    const QJsonObject types = json.value(QLatin1String("tensorTypes")).toObject();
    for (auto it = types.begin(); it != types.end(); ++it)
        i.tensorTypes.insert(it.key(), it.value().toInt());
    i.hasChatTemplate = json.value(QLatin1String("chatTemplate")).toBool();
    i.tokenizerModel = json.value(QLatin1String("tokenizer")).toString();
    i.vocabularySize = u64(json, "vocabularySize");
    i.shards = qMax(1, json.value(QLatin1String("shards")).toInt());
    const QJsonObject dtypes = json.value(QLatin1String("parametersByDtype")).toObject();
    for (auto it = dtypes.begin(); it != dtypes.end(); ++it)
        i.parametersByDtype.insert(it.key(), quint64(qMax<qint64>(0, it.value().toInteger())));
    i.baseModel = json.value(QLatin1String("baseModel")).toString();
    i.networkModule = json.value(QLatin1String("networkModule")).toString();
    i.networkDim = json.value(QLatin1String("networkDim")).toString();
    i.networkAlpha = json.value(QLatin1String("networkAlpha")).toString();
    i.resolution = json.value(QLatin1String("resolution")).toString();
    i.title = json.value(QLatin1String("title")).toString();
    for (const QJsonValue &word : json.value(QLatin1String("triggerWords")).toArray())
        i.triggerWords << word.toString();
    i.requests = json.value(QLatin1String("requests")).toInt();
    i.bytesRead = json.value(QLatin1String("bytesRead")).toInteger();
    return i;
}

}  // namespace Insight
