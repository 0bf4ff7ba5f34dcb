#pragma once

#include <QString>
#include <QUrl>

namespace Catalog {

// What a pasted link or name points at: a model, and maybe one of its variants or files.
//
//   https://huggingface.co/ns/name                    → ns/name
//   https://huggingface.co/ns/name/tree/<branch>      → ns/name, variant <branch>
//   https://huggingface.co/ns/name/blob/<rev>/<file>  → ns/name, revision <rev>, file <file>
//   (also /resolve/ links, the configured endpoint or any mirror host with the same paths)
//   https://civitai.com/models/ID[/slug][?modelVersionId=V] → civitai:ID, version V
//   (civitai.red, and the configured Civitai endpoint)
//   https://civitai.com/api/download/models/V         → version V (the model is asked of the hub)
//   ns/name, civitai:ID, civitai:ID@V, ns/name@branch → the same without a host
struct ModelLink
{
    enum class Hub { None, HuggingFace, Civitai };
    Hub hub = Hub::None;
    QString key;         // catalog key: "ns/name" or "civitai:<id>"; empty for a bare version link
    QString revision;    // HF branch, tag or commit named by the link; empty = the default
    QString path;        // HF file inside the repo
    qint64 versionId = 0;  // Civitai model version

    bool isValid() const { return hub != Hub::None; }

    // `civitaiEndpoint` is the configured Civitai origin (a local hub or mirror); civitai.com and
    // civitai.red are always known. Any other host is read as a Hugging Face endpoint or mirror.
    static ModelLink parse(const QString &text, const QUrl &civitaiEndpoint = {});
};

} // namespace Catalog
