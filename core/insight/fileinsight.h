#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Insight {

struct GgufHeader;
struct SafetensorsHeader;

// What a model file's header says, in the terms a person choosing a download asks about; kept
// in the catalog per file SHA-256 (a file's header never changes while its content does not).
struct FileInsight
{
    enum class Format
    {
        Unknown,
        Gguf,
        Safetensors,
    };
    Format format = Format::Unknown;
    // GGUF: architecture and shape.
    QString architecture;  // "llama", "qwen2"
    QString name;          // general.name
    quint64 parameterCount = 0;
    quint64 contextLength = 0;
    quint64 embeddingLength = 0;
    quint64 blockCount = 0;  // layers
    quint64 headCount = 0;
    quint64 headCountKv = 0;
    QString fileTypeName;            // "Q4_K_M"
    QMap<QString, int> tensorTypes;  // "Q4_K" → 97
    bool hasChatTemplate = false;
    QString tokenizerModel;  // "llama", "gpt2"
    quint64 vocabularySize = 0;
    int shards = 1;  // a split GGUF's shard count (all of them were read)
    // safetensors: dtypes and, for LoRAs, what the trainer wrote.
    QMap<QString, quint64> parametersByDtype;
    QString baseModel;      // ss_base_model_version or modelspec.architecture
    QString networkModule;  // "networks.lora"
    QString networkDim;
    QString networkAlpha;
    QString resolution;
    QString title;             // modelspec.title or ss_output_name
    QStringList triggerWords;  // modelspec.trigger_phrase first, then the most frequent tags
    // How it was read.
    int requests = 0;
    qint64 bytesRead = 0;

    bool isValid() const { return format != Format::Unknown; }
    // Key/value lines for a details pane or the CLI, in reading order ("Parameters", "1.24 B").
    QList<QPair<QString, QString>> facts() const;

    static FileInsight fromGguf(const GgufHeader &header);
    static FileInsight fromSafetensors(const SafetensorsHeader &header);
    // The shards of one split GGUF as one model: the first shard's metadata, every shard's tensors.
    void addShard(const FileInsight &shard);

    QJsonObject toJson() const;
    static FileInsight fromJson(const QJsonObject &json);
};

// "1.24 B", "560 M", "33 M": a parameter count as model cards write it.
QString formatParameters(quint64 count);

}  // namespace Insight
