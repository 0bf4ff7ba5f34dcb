#include "librarylayout.h"

#include "safepath.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>

namespace Library {

namespace {

struct Row
{
    const char *type;                     // as Civitai spells it (ModelType)
    std::array<const char *, 4> folders;  // by Preset: modeldock, comfyui, a1111, stabilitymatrix
};

// The one table. ComfyUI: folder_paths.py (and AnimateDiff-Evolved, the Impact Subpack's
// ultralytics folders, the frontend's saved workflows). A1111: its models/ folders, embeddings/
// at the root, and the folders of the extensions that read the other types (ADetailer,
// Dynamic Prompts, AnimateDiff, Aesthetic Gradients). StabilityMatrix: its SharedFolderType
// names and CivitModelType's mapping (LoCon → LyCORIS); a type it has no folder for gets one
// named after the type, as its own folders are.
constexpr std::array kRows = {
    Row{"Checkpoint", {"Checkpoint", "models/checkpoints", "models/Stable-diffusion", "Models/StableDiffusion"}},
    Row{"TextualInversion", {"TextualInversion", "models/embeddings", "embeddings", "Models/Embeddings"}},
    Row{"Hypernetwork", {"Hypernetwork", "models/hypernetworks", "models/hypernetworks", "Models/Hypernetwork"}},
    Row{"AestheticGradient",
        {"Other", "models/aesthetic_gradients",
         "extensions/stable-diffusion-webui-aesthetic-gradients/aesthetic_embeddings", "Models/AestheticGradient"}},
    Row{"LORA", {"Lora", "models/loras", "models/Lora", "Models/Lora"}},
    Row{"LoCon", {"Lora", "models/loras", "models/Lora", "Models/LyCORIS"}},
    Row{"DoRA", {"Lora", "models/loras", "models/Lora", "Models/Lora"}},
    Row{"Controlnet", {"ControlNet", "models/controlnet", "models/ControlNet", "Models/ControlNet"}},
    Row{"Upscaler", {"Upscaler", "models/upscale_models", "models/ESRGAN", "Models/ESRGAN"}},
    Row{"MotionModule",
        {"MotionModule", "models/animatediff_models", "extensions/sd-webui-animatediff/model", "Models/MotionModule"}},
    Row{"VAE", {"VAE", "models/vae", "models/VAE", "Models/VAE"}},
    Row{"TextEncoder", {"TextEncoder", "models/text_encoders", "models/text_encoder", "Models/TextEncoders"}},
    Row{"UNet", {"UNet", "models/diffusion_models", "models/Stable-diffusion", "Models/DiffusionModels"}},
    Row{"CLIPVision", {"CLIPVision", "models/clip_vision", "models/clip_vision", "Models/ClipVision"}},
    Row{"Poses", {"Poses", "input/poses", "models/Poses", "Models/Poses"}},
    Row{"Wildcards", {"Wildcards", "models/wildcards", "extensions/sd-dynamic-prompts/wildcards", "Models/Wildcards"}},
    Row{"Workflows", {"Workflows", "user/default/workflows", "models/Workflows", "Models/Workflows"}},
    Row{"ComfyWorkflows", {"Other", "user/default/workflows", "models/Workflows", "Models/Workflows"}},
    Row{"Detection", {"Other", "models/ultralytics/bbox", "models/adetailer", "Models/Ultralytics"}},
    Row{"VisionLanguage", {"Other", "models/LLM", "models/LLM", "Models/VisionLanguage"}},
    Row{"CLIP", {"Other", "models/text_encoders", "models/text_encoder", "Models/TextEncoders"}},
    Row{"LLM", {"LLM", "models/LLM", "models/LLM", "Models/LLM"}},
    Row{"Other", {"Other", "models/other", "models/Other", "Models/Other"}},
};

constexpr std::array<const char *, 4> kPresetNames = {"modeldock", "comfyui", "a1111", "stabilitymatrix"};

const Row *rowOf(const QString &type)
{
    for (const Row &row : kRows) {
        if (type.compare(QLatin1String(row.type), Qt::CaseInsensitive) == 0)
            return &row;
    }
    return nullptr;
}

const Row &otherRow()
{
    return kRows.back();
}

}  // namespace

LibraryLayout::LibraryLayout(Preset preset, QMap<QString, QString> typeFolders)
    : m_preset(preset)
    , m_typeFolders(std::move(typeFolders))
{
}

LibraryLayout LibraryLayout::fromSettings(const QString &preset, const QString &typeFoldersJson)
{
    Preset parsed = Preset::ModelDock;
    presetFromName(preset, &parsed);
    QMap<QString, QString> folders;
    parseTypeFolders(typeFoldersJson, &folders, nullptr);
    return LibraryLayout(parsed, folders);
}

QString LibraryLayout::presetFolder(Preset preset, const QString &civitaiType)
{
    const Row *row = rowOf(civitaiType);
    return QLatin1String((row ? *row : otherRow()).folders.at(size_t(preset)));
}

QString LibraryLayout::folderFor(const QString &civitaiType) const
{
    // A type Civitai added after this table goes where the user sends "Other".
    const QString type = canonicalType(civitaiType);
    const QString key = type.isEmpty() ? QLatin1String(otherRow().type) : type;
    const auto it = m_typeFolders.constFind(key);
    return it != m_typeFolders.cend() ? *it : presetFolder(m_preset, civitaiType);
}

QStringList LibraryLayout::knownFolders() const
{
    QStringList folders;
    for (const Row &row : kRows) {
        for (const char *folder : row.folders) {
            if (!folders.contains(QLatin1String(folder)))
                folders << QLatin1String(folder);
        }
    }
    for (const QString &folder : m_typeFolders) {
        if (!folders.contains(folder))
            folders << folder;
    }
    return folders;
}

QStringList LibraryLayout::presetNames()
{
    QStringList names;
    for (const char *name : kPresetNames)
        names << QLatin1String(name);
    return names;
}

QString LibraryLayout::presetName(Preset preset)
{
    return QLatin1String(kPresetNames.at(size_t(preset)));
}

bool LibraryLayout::presetFromName(const QString &name, Preset *preset)
{
    for (size_t i = 0; i < kPresetNames.size(); ++i) {
        if (name.trimmed().compare(QLatin1String(kPresetNames.at(i)), Qt::CaseInsensitive) == 0) {
            if (preset)
                *preset = Preset(i);
            return true;
        }
    }
    return false;
}

QStringList LibraryLayout::civitaiTypes()
{
    QStringList types;
    for (const Row &row : kRows)
        types << QLatin1String(row.type);
    return types;
}

QString LibraryLayout::canonicalType(const QString &name)
{
    const Row *row = rowOf(name.trimmed());
    return row ? QLatin1String(row->type) : QString();
}

bool LibraryLayout::checkFolder(const QString &folder, QString *cleaned, QString *error)
{
    QString text = folder.trimmed();
    text.replace(QLatin1Char('\\'), QLatin1Char('/'));
    auto refuse = [&](const QString &why) {
        if (error)
            *error = QCoreApplication::translate("Library::LibraryLayout", "the folder \"%1\" %2").arg(folder, why);
        return false;
    };
    if (text.isEmpty())
        return refuse(QCoreApplication::translate("Library::LibraryLayout",
                                                  "is empty; remove the type to use the layout's folder"));
    if (text.startsWith(QLatin1Char('/')) || QDir::isAbsolutePath(text) || text.contains(QLatin1Char(':')))
        return refuse(QCoreApplication::translate("Library::LibraryLayout", "must be relative to the library folder"));
    // Checked before cleaning, so "a/../../b" is refused rather than quietly becoming "../b".
    const QStringList segments = text.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &segment : segments) {
        if (segment == QLatin1String(".."))
            return refuse(
                QCoreApplication::translate("Library::LibraryLayout", "must not leave the library folder with \"..\""));
    }
    const QString joined = QDir::cleanPath(segments.join(QLatin1Char('/')));
    QString why;
    if (joined == QLatin1String(".") || !SafePath::checkRelativePath(joined, &why))
        return refuse(QCoreApplication::translate("Library::LibraryLayout", "is not a usable folder name"));
    if (cleaned)
        *cleaned = joined;
    return true;
}

bool LibraryLayout::parseTypeFolders(const QString &json, QMap<QString, QString> *folders, QString *error)
{
    QMap<QString, QString> parsed;
    auto refuse = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!json.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return refuse(QCoreApplication::translate("Library::LibraryLayout",
                                                      "must be a JSON object of Civitai type to folder, such as "
                                                      "{\"LORA\": \"models/loras\"}"));
        const QJsonObject object = doc.object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString type = canonicalType(it.key());
            if (type.isEmpty())
                return refuse(QCoreApplication::translate("Library::LibraryLayout",
                                                          "\"%1\" is not a Civitai model type (one of %2)")
                                  .arg(it.key(), civitaiTypes().join(QStringLiteral(", "))));
            if (!it.value().isString())
                return refuse(
                    QCoreApplication::translate("Library::LibraryLayout", "the folder of %1 must be text").arg(type));
            QString cleaned;
            QString why;
            if (!checkFolder(it.value().toString(), &cleaned, &why))
                return refuse(QStringLiteral("%1: %2").arg(type, why));
            parsed.insert(type, cleaned);
        }
    }
    if (folders)
        *folders = parsed;
    return true;
}

QString LibraryLayout::typeFoldersJson(const QMap<QString, QString> &folders)
{
    if (folders.isEmpty())
        return QStringLiteral("{}");
    QJsonObject object;
    for (auto it = folders.cbegin(); it != folders.cend(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

}  // namespace Library
