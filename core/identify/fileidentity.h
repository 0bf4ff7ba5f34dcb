#pragma once

#include "net/httperror.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Identify {

// What one file on disk is, as far as the hubs and the catalog know.
struct FileIdentity
{
    enum class Hub
    {
        Unknown,  // no hub knows this content (or it was not asked: see IdentifyReport::error)
        Civitai,
        HuggingFace,
    };
    QString path;
    QString sha256;  // lowercase hex
    qint64 size = 0;
    Hub hub = Hub::Unknown;
    QString modelKey;  // the catalog's key: "civitai:4201", "ns/name"
    QString modelName;
    qint64 modelId = 0;  // Civitai
    QString modelType;   // Civitai: LORA, Checkpoint, …
    qint64 versionId = 0;
    QString versionName;        // Civitai: the version's name; Hugging Face: the branch or variant
    qint64 newerVersionId = 0;  // Civitai: the model's newest version when it is not this one
    QString newerVersionName;
    // Civitai: the version object as the hub sent it (what "<stem>.civitai.info" holds) and
    // the model's own fields ({name, type, nsfw, description, tags}); empty otherwise.
    QJsonObject versionJson;
    QJsonObject modelJson;

    bool identified() const { return hub != Hub::Unknown; }
    bool hasNewer() const { return newerVersionId > 0; }
    // "civitai Demo Style LoRA Pack / v60" or "hf cortexso/llama3.2 / 1b-gguf-q4-km".
    QString describe() const;
};

QString hubName(FileIdentity::Hub hub);  // "civitai", "hf", "unknown"

// The outcome of one identification: every hashed file, identified or not.
struct IdentifyReport
{
    QList<FileIdentity> files;  // sorted by path
    int lookupRequests = 0;     // POST by-hash requests sent (retries included)
    int modelRequests = 0;      // model version lists fetched to find newer versions
    int fromCatalog = 0;        // hashes matched by the catalog without a request
    int fromCache = 0;          // hashes answered by identities.sqlite without a request
    // A lookup that failed for good (the hub away past the retry budget, a malformed answer):
    // the hashes of that batch and the later ones were not asked and stay unknown for now;
    // what earlier batches found is kept.
    Net::HttpError error;
    QStringList notes;  // one sentence each: retries, a model whose versions could not be read

    int identifiedCount() const;
    int unknownCount() const;
    int newerCount() const;
    int requests() const { return lookupRequests + modelRequests; }
    // "identified 37 of 40 files in 1 request; 3 unknown; 2 have a newer version"
    QString summary() const;
};

}  // namespace Identify
