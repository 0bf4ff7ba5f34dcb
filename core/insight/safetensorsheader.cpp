#include "insight/safetensorsheader.h"

#include "insight/bytereader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QtNumeric>

#include <algorithm>

namespace Insight {

namespace {

// The reference library's cap; huggingface_hub stops at 25 MB.
constexpr quint64 maxHeaderLength = quint64(100) << 20;
constexpr int triggerWordCount = 10;
constexpr double maxExactInteger = 9007199254740992.0;  // 2^53: larger JSON numbers are not exact

SafetensorsHeader invalid(const QString &sentence)
{
    SafetensorsHeader header;
    header.status = SafetensorsHeader::Status::Invalid;
    header.errorString = sentence;
    return header;
}

// ss_tag_frequency is a JSON string {dataset_dir: {tag: count}}; the tags counted over every
// dataset, most frequent first (ties by name).
QStringList topTags(const QString &tagFrequency)
{
    const QJsonDocument document = QJsonDocument::fromJson(tagFrequency.toUtf8());
    QMap<QString, double> counts;
    const QJsonObject datasets = document.object();
    for (auto dataset = datasets.begin(); dataset != datasets.end(); ++dataset) {
        const QJsonObject tags = dataset.value().toObject();
        for (auto tag = tags.begin(); tag != tags.end(); ++tag) {
            const QString name = tag.key().trimmed();
            if (!name.isEmpty() && tag.value().isDouble())
                counts[name] += tag.value().toDouble();
        }
    }
    QList<QPair<QString, double>> ordered;
    ordered.reserve(counts.size());
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        ordered.append({it.key(), it.value()});
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    QStringList words;
    for (const auto &entry : ordered) {
        if (words.size() == triggerWordCount)
            break;
        words.append(entry.first);
    }
    return words;
}

void readTrainingFields(SafetensorsHeader *h)
{
    const QMap<QString, QString> &m = h->metadata;
    h->baseModelVersion = m.value(QStringLiteral("ss_base_model_version"));
    h->networkModule = m.value(QStringLiteral("ss_network_module"));
    h->networkDim = m.value(QStringLiteral("ss_network_dim"));
    h->networkAlpha = m.value(QStringLiteral("ss_network_alpha"));
    h->resolution = m.value(QStringLiteral("ss_resolution"));
    h->outputName = m.value(QStringLiteral("ss_output_name"));
    h->triggerWords = topTags(m.value(QStringLiteral("ss_tag_frequency")));
    h->specArchitecture = m.value(QStringLiteral("modelspec.architecture"));
    h->specTitle = m.value(QStringLiteral("modelspec.title"));
    h->specTriggerPhrase = m.value(QStringLiteral("modelspec.trigger_phrase"));
}

}  // namespace

SafetensorsHeader SafetensorsHeader::parse(QByteArrayView bytes, qint64 fileSize)
{
    if (fileSize >= 0 && fileSize < 8)
        return invalid(QCoreApplication::translate(
                           "Insight::SafetensorsHeader",
                           "The file is %1 bytes long, too short for a safetensors header; the file is damaged.")
                           .arg(fileSize));
    ByteReader reader(bytes);
    quint64 length = 0;
    if (!reader.readU64(&length)) {
        SafetensorsHeader header;
        header.status = Status::NeedMoreBytes;
        header.bytesNeeded = reader.shortfall();
        header.errorString = QCoreApplication::translate(
                                 "Insight::SafetensorsHeader",
                                 "The safetensors header continues past the %1 bytes read; read at least %2 more.")
                                 .arg(bytes.size())
                                 .arg(header.bytesNeeded);
        return header;
    }
    if (length > maxHeaderLength)
        return invalid(QCoreApplication::translate(
                           "Insight::SafetensorsHeader",
                           "The safetensors header claims %1 bytes, more than the %2 MiB allowed; the file "
                           "is damaged or not safetensors.")
                           .arg(length)
                           .arg(maxHeaderLength >> 20));
    if (length < 2)
        return invalid(QCoreApplication::translate(
                           "Insight::SafetensorsHeader",
                           "The safetensors header is %1 bytes long, too short for a JSON object; the file is damaged.")
                           .arg(length));
    if (fileSize >= 0 && 8 + length > quint64(fileSize))
        return invalid(
            QCoreApplication::translate(
                "Insight::SafetensorsHeader",
                "The safetensors header claims %1 bytes, past the end of the %2-byte file; the file is damaged.")
                .arg(length)
                .arg(fileSize));
    QByteArrayView json;
    if (!reader.readBytes(length, &json)) {
        SafetensorsHeader header;
        header.status = Status::NeedMoreBytes;
        header.bytesNeeded = reader.shortfall();
        header.errorString = QCoreApplication::translate(
                                 "Insight::SafetensorsHeader",
                                 "The safetensors header continues past the %1 bytes read; read at least %2 more.")
                                 .arg(bytes.size())
                                 .arg(header.bytesNeeded);
        return header;
    }

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return invalid(QCoreApplication::translate(
                           "Insight::SafetensorsHeader",
                           "The safetensors header is not a JSON object (%1 at byte %2); the file is damaged.")
                           .arg(error.error != QJsonParseError::NoError
                                    ? error.errorString()
                                    : QCoreApplication::translate("Insight::SafetensorsHeader", "another JSON value"))
                           .arg(error.offset));

    SafetensorsHeader header;
    header.headerSize = 8 + length;
    const QJsonObject root = document.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() == QLatin1String("__metadata__")) {
            if (!it.value().isObject())
                return invalid(QCoreApplication::translate(
                    "Insight::SafetensorsHeader",
                    "The safetensors __metadata__ is not a JSON object; the file is damaged."));
            const QJsonObject metadata = it.value().toObject();
            for (auto entry = metadata.begin(); entry != metadata.end(); ++entry) {
                if (entry.value().isString())
                    header.metadata.insert(entry.key(), entry.value().toString());
            }
            continue;
        }
        const QJsonObject tensor = it.value().toObject();
        const QString dtype = tensor.value(QLatin1String("dtype")).toString();
        const QJsonValue shapeValue = tensor.value(QLatin1String("shape"));
        if (dtype.isEmpty() || !shapeValue.isArray())
            return invalid(
                QCoreApplication::translate("Insight::SafetensorsHeader",
                                            "The safetensors tensor \"%1\" has no dtype or shape; the file is damaged.")
                    .arg(it.key()));
        quint64 elements = 1;
        const QJsonArray shape = shapeValue.toArray();
        for (const QJsonValue &dimension : shape) {
            const double d = dimension.toDouble(-1);
            if (!dimension.isDouble() || d < 0 || d > maxExactInteger || d != double(quint64(d)))
                return invalid(
                    QCoreApplication::translate("Insight::SafetensorsHeader",
                                                "The safetensors tensor \"%1\" has a dimension that is not a whole "
                                                "number; the file is damaged.")
                        .arg(it.key()));
            if (qMulOverflow(elements, quint64(d), &elements))
                return invalid(
                    QCoreApplication::translate(
                        "Insight::SafetensorsHeader",
                        "The safetensors tensor \"%1\" has dimensions whose product overflows; the file is damaged.")
                        .arg(it.key()));
        }
        if (qAddOverflow(header.parameterCount, elements, &header.parameterCount))
            return invalid(QCoreApplication::translate(
                "Insight::SafetensorsHeader",
                "The safetensors tensors add up to more than 2^64 parameters; the file is damaged."));
        header.parametersByDtype[dtype] += elements;  // cannot overflow: bounded by the total
        header.tensorsByDtype[dtype] += 1;
        header.tensorCount += 1;
    }
    readTrainingFields(&header);
    header.status = Status::Complete;
    return header;
}

}  // namespace Insight
