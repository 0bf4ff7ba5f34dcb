#pragma once

#include <QString>

namespace Plan {

// What the user asked to download, parsed from the command line or the UI:
//   ns/name[@revision]             a Hugging Face model repository (revision defaults to main)
//   civitai:MODEL_ID[@VERSION_ID]  a Civitai model, its latest version unless one is given
//   collection:ns/slug             every model of a Hugging Face collection
struct DownloadTarget
{
    enum class Kind
    {
        HfRepo,
        Civitai,
        HfCollection
    };
    Kind kind = Kind::HfRepo;
    QString repoId;          // HfRepo
    QString revision;        // HfRepo: branch, tag, refs/pr/N or a commit
    qint64 modelId = 0;      // Civitai
    qint64 versionId = 0;    // Civitai, 0 = the latest version
    QString collectionSlug;  // HfCollection: "ns/title-<24hex>"

    // false + *error (a sentence quoting the text) when the text is none of the forms above.
    static bool parse(const QString &input, DownloadTarget *target, QString *error);

    QString displayName() const;  // "cortexso/llama3.2@1b-gguf-q4-km", "civitai:4201"
};

}  // namespace Plan
