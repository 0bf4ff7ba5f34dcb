#pragma once

#include <QByteArrayView>
#include <QMap>
#include <QString>
#include <QVariantMap>

namespace Insight {

// What a GGUF file's header says about the model (ggml docs/gguf.md, versions 2 and 3,
// little-endian), read from the file's first bytes: enough for a catalog or a details pane
// without downloading the weights.
struct GgufHeader
{
    enum class Status
    {
        Complete,       // the whole header was in the buffer
        NeedMoreBytes,  // the buffer ends inside the header: fetch bytesNeeded more and retry
        Invalid,        // not a GGUF header ModelDock can read: errorString says why
    };

    Status status = Status::Invalid;
    QString errorString;      // one sentence when not Complete
    quint64 bytesNeeded = 0;  // NeedMoreBytes: at least this many bytes past the buffer

    quint32 version = 0;
    quint64 tensorCount = 0;
    quint64 metadataCount = 0;
    QString architecture;            // general.architecture, "llama"
    QString name;                    // general.name
    quint64 parameterCount = 0;      // sum over the tensors of the product of their dimensions
    quint64 contextLength = 0;       // <arch>.context_length; 0 when absent
    quint64 embeddingLength = 0;     // <arch>.embedding_length
    quint64 blockCount = 0;          // <arch>.block_count (layers)
    quint64 headCount = 0;           // <arch>.attention.head_count (the largest, when per layer)
    quint64 headCountKv = 0;         // <arch>.attention.head_count_kv
    qint64 fileType = -1;            // general.file_type; -1 when absent
    QString fileTypeName;            // "Q4_K_M" (llama.cpp's names); empty when absent
    QMap<QString, int> tensorTypes;  // ggml type name → how many tensors: {"Q4_K": 193, …}
    bool hasChatTemplate = false;    // tokenizer.chat_template is present
    QString tokenizerModel;          // tokenizer.ggml.model, "llama", "gpt2"
    quint64 vocabularySize = 0;      // elements of tokenizer.ggml.tokens
    int splitCount = 0;              // split.count; 0 when the file is not a shard
    int splitNo = -1;                // split.no (0-based); -1 when absent
    quint32 alignment = 32;          // general.alignment
    quint64 headerSize = 0;          // bytes from the start of the file to the end of the tensor infos
    quint64 dataOffset = 0;          // where the tensor data starts: headerSize aligned up

    // Scalar metadata (numbers, bools, strings) by key; arrays are left out.
    QVariantMap metadata;

    bool isComplete() const { return status == Status::Complete; }

    // `bytes` is the start of the file. `fileSize` (when known, else -1) lets lengths and
    // counts past the end of the file be rejected at once instead of asking for more bytes.
    static GgufHeader parse(QByteArrayView bytes, qint64 fileSize = -1);
};

}  // namespace Insight
