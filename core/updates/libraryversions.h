#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Updates {

// One Civitai version as a program finds it in the library: the visible, library-relative
// paths ("Lora/style.safetensors", its ".modeldock.json" sidecar, its preview image, and the
// sidecars other programs read: "style.civitai.info", A1111's "style.json").
struct LibraryVersion
{
    qint64 modelId = 0;
    qint64 versionId = 0;
    QString primary;
    QString sidecar;
    QString preview;     // empty without one
    QStringList others;  // those of kOtherSidecarSuffixes that are there
    bool isValid() const { return versionId > 0; }
};

// Keeps several versions of a Civitai model in the library and switches between them
// atomically, the way refs/<branch> does for a Hugging Face repo:
//
//   <library>/Lora/style.safetensors          what programs open: after the first update a
//                                             symlink to the version in force
//   <library>/Lora/style.modeldock.json       that version's metadata (temp + rename), and so
//   <library>/Lora/style.civitai.info, .json  are the other programs' sidecars
//   <library>/.modeldock-versions/civitai-<model>/<version>/Lora/…   each version's own files
//   <library>/.modeldock-versions/civitai-<model>/state.json        which one is in force, earlier ones
//
// The visible name stays the same across versions, so a program that opens it gets the old
// file or the new one, never a mix (the switch is one rename of a symlink). The version in
// force before a switch is kept (hard-linked, so no second copy) until it is rolled back to
// or removed.
class LibraryVersions
{
public:
    // The sidecars beside a version's file that switch with it.
    static const QStringList &otherSidecarSuffixes();

    // A model's file is looked for one folder deep ("Lora/"), and in `folders` (library-
    // relative, "models/loras"): by default every folder a library layout names.
    explicit LibraryVersions(QString libraryRoot, QStringList folders = {});

    QString root() const { return m_root; }
    void setRoot(const QString &libraryRoot) { m_root = libraryRoot; }

    // The version in force, or an invalid one when the model is not in the library.
    LibraryVersion current(qint64 modelId) const;
    // Where a version's own files go (a planner's library root for that version).
    QString versionRoot(qint64 modelId, qint64 versionId) const;
    // The version kept there, if its primary file and sidecar are complete.
    LibraryVersion stored(qint64 modelId, qint64 versionId) const;

    // Points the visible files at the stored `versionId`, keeping the current one for rollback.
    bool switchTo(qint64 modelId, qint64 versionId, QString *error);
    // Back to the version in force before the last switch.
    bool rollback(qint64 modelId, QString *error, qint64 *restoredVersion = nullptr);
    qint64 previousVersion(qint64 modelId) const;

private:
    QString storePath(qint64 modelId) const;
    QJsonObject state(qint64 modelId) const;
    bool saveState(qint64 modelId, const QJsonObject &state, QString *error) const;
    bool keep(const LibraryVersion &version, QString *error) const;
    bool point(const LibraryVersion &visible, const LibraryVersion &target, QString *error) const;
    // `deep`: every folder under root (a version's own store, which holds only its files).
    LibraryVersion scan(const QString &root, qint64 modelId, qint64 versionId, bool deep) const;

    QString m_root;
    QStringList m_folders;
};

}  // namespace Updates
