#pragma once

#include <QByteArrayView>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Insight {

// What a safetensors file's header says (huggingface/safetensors README): the tensors' dtypes
// and parameter counts, the __metadata__ strings, and for LoRAs the kohya sd-scripts training
// fields (ss_*) and ModelSpec (modelspec.*), read from the file's first bytes.
struct SafetensorsHeader
{
    enum class Status
    {
        Complete,       // the whole header was in the buffer
        NeedMoreBytes,  // the buffer ends inside the header: fetch bytesNeeded more and retry
        Invalid,        // errorString says why
    };

    Status status = Status::Invalid;
    QString errorString;
    quint64 bytesNeeded = 0;

    quint64 headerSize = 0;  // 8 + the JSON's length: where the tensor data starts
    int tensorCount = 0;
    quint64 parameterCount = 0;
    QMap<QString, quint64> parametersByDtype;  // "F16" → 2,457,600
    QMap<QString, int> tensorsByDtype;         // "F16" → 192
    QMap<QString, QString> metadata;           // __metadata__ (string values only)

    // kohya sd-scripts (ss_*), as written: every value is a string there.
    QString baseModelVersion;  // ss_base_model_version, "sdxl_base_v1-0"
    QString networkModule;     // ss_network_module, "networks.lora"
    QString networkDim;        // ss_network_dim, "32"
    QString networkAlpha;      // ss_network_alpha, "16.0"
    QString resolution;        // ss_resolution, "(1024, 1024)"
    QString outputName;        // ss_output_name
    QStringList triggerWords;  // the 10 most frequent tags of ss_tag_frequency, most frequent first
    // ModelSpec 1.0.
    QString specArchitecture;   // modelspec.architecture, "stable-diffusion-xl-v1-base/lora"
    QString specTitle;          // modelspec.title
    QString specTriggerPhrase;  // modelspec.trigger_phrase

    bool isComplete() const { return status == Status::Complete; }

    // `bytes` is the start of the file; `fileSize` (when known, else -1) rejects a header
    // length past the end of the file at once.
    static SafetensorsHeader parse(QByteArrayView bytes, qint64 fileSize = -1);
};

}  // namespace Insight
