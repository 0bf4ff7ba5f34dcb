#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace Library {

// Where Civitai files go inside the library folder: one table of (layout, Civitai model type)
// → library-relative folder, plus per-type folders the user sets (the library.typeFolders
// setting), which win over the table. A preset names the folders one program reads, so the
// library folder can be that program's root:
//
//   modeldock        Lora/, Checkpoint/, TextualInversion/…  (what ModelDock always did)
//   comfyui          models/loras, models/checkpoints, models/embeddings… (ComfyUI's root)
//   a1111            models/Lora, models/Stable-diffusion, embeddings…  (AUTOMATIC1111, Forge,
//                    SD.Next), and the "<stem>.json" card those read beside each file
//   stabilitymatrix  Models/Lora, Models/StableDiffusion, Models/Embeddings… (its data folder;
//                    the names of its SharedFolderType, as it migrated them in 2025)
//
// A type the table does not know (Civitai adds types) goes where "Other" goes. Plain values,
// no file system access: any thread may use it.
class LibraryLayout
{
public:
    enum class Preset
    {
        ModelDock,
        ComfyUI,
        A1111,
        StabilityMatrix
    };

    LibraryLayout() = default;
    // `typeFolders` by canonical type name ("LORA"), already checked (parseTypeFolders).
    explicit LibraryLayout(Preset preset, QMap<QString, QString> typeFolders = {});
    // From the two settings' texts (library.layout, library.typeFolders), which were checked
    // when stored: an unknown name is ModelDock's layout, unusable folders are none.
    static LibraryLayout fromSettings(const QString &preset, const QString &typeFoldersJson = {});

    Preset preset() const { return m_preset; }
    const QMap<QString, QString> &typeFolders() const { return m_typeFolders; }

    // The library-relative folder for a Civitai model type: the user's, else the preset's.
    QString folderFor(const QString &civitaiType) const;
    // The preset's folder, whatever the user set.
    static QString presetFolder(Preset preset, const QString &civitaiType);
    // Every folder any preset uses, and the user's: where an earlier download may be.
    QStringList knownFolders() const;

    // AUTOMATIC1111 and its forks read "<stem>.json" (activation text, sd version…) for a
    // network's card; the other programs have no such file.
    bool writesWebUiMetadata() const { return m_preset == Preset::A1111; }

    // The setting's values: "modeldock", "comfyui", "a1111", "stabilitymatrix".
    static QStringList presetNames();
    static QString presetName(Preset preset);
    static bool presetFromName(const QString &name, Preset *preset);

    // Civitai's model types (its ModelType enum), in the order a table lists them.
    static QStringList civitaiTypes();
    // The type as Civitai spells it ("lora" → "LORA"); empty for a name it does not have.
    static QString canonicalType(const QString &name);

    // library.typeFolders: a JSON object of type → relative folder ({"LORA": "models/loras"}).
    // Refuses (false + *error, one sentence) text that is not such an object, a type Civitai
    // does not have, and a folder that is absolute, climbs out with "..", or is not a path.
    // An empty text is no folders.
    static bool parseTypeFolders(const QString &json, QMap<QString, QString> *folders, QString *error);
    // The canonical text: compact, keys sorted, folders cleaned ("a//b/" → "a/b").
    static QString typeFoldersJson(const QMap<QString, QString> &folders);
    // One folder as the user typed it: cleaned into *cleaned, or false + *error.
    static bool checkFolder(const QString &folder, QString *cleaned, QString *error);

    friend bool operator==(const LibraryLayout &, const LibraryLayout &) = default;

private:
    Preset m_preset = Preset::ModelDock;
    QMap<QString, QString> m_typeFolders;
};

}  // namespace Library
