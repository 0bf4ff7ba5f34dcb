#pragma once

#include "hub/civitaitypes.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace Plan {

// What other programs read beside a Civitai file, built from what the hub said about it
// (ModelDock's own "<stem>.modeldock.json" is the request builder's). Pure functions over the
// hub's value types, tested row by row.
class CivitaiSidecars
{
public:
    // "<stem>.civitai.info" as Civitai Helper (and the A1111/Forge/ComfyUI managers that read
    // its files) keeps it: the version object of /api/v1/model-versions/{id}. The model's
    // listing carries each version without "modelId" and "model", so those are filled in from
    // the model, in that endpoint's shape ({name, type, nsfw, poi}, plus description and tags
    // as Civitai Helper adds them).
    static QJsonObject civitaiInfo(const Hub::CivitaiModel &model, const Hub::CivitaiVersion &version);

    // "<stem>.json", the card AUTOMATIC1111, Forge and SD.Next show and edit for a network:
    // "description", "sd version", "activation text" (the trained words joined by ", "),
    // "preferred weight" (0: Civitai does not say) and "notes" (the version's description).
    static QJsonObject webUiMetadata(const Hub::CivitaiModel &model, const Hub::CivitaiVersion &version);

    // A1111's SdVersion for a Civitai base model: "SD 1.5" → "SD1", "SD 2.1" → "SD2", SDXL and the
    // models built on it (Pony, Illustrious, NoobAI) → "SDXL", anything else "Unknown".
    static QString sdVersion(const QString &baseModel);

    // The hub's HTML (descriptions) as plain text: tags dropped, paragraphs and line breaks
    // kept as new lines, the common entities decoded.
    static QString plainText(const QString &html);

    // The image to save as "<stem>.preview.<ext>": the version's first still image (a video
    // is skipped while an image follows), asked for 450 pixels wide where Civitai's image
    // URLs say a size ("/width=1024/", "/original=true/"), which is what card grids show.
    // Invalid when the version has no image.
    static QUrl previewUrl(const Hub::CivitaiVersion &version);
    // The preview's file suffix from its URL ("png", "jpeg", …); "png" when the URL says none.
    static QString previewSuffix(const QUrl &url);
};

}  // namespace Plan
