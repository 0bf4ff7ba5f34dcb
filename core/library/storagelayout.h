#pragma once

#include "library/destination.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Library {

// Where a downloaded file lives and how it gets there. Two layouts:
//
// Hugging Face cache (Destination::Kind::HfCache), the layout huggingface_hub and
// @huggingface/hub share, so each tool reuses what the others downloaded:
//   <root>/models--<ns>--<name>/blobs/<blobKey>              the content (sha256 or git oid)
//   <root>/models--<ns>--<name>/snapshots/<commit>/<path>    relative symlink to the blob
//   <root>/models--<ns>--<name>/refs/<revision>              the commit, no newline
// Partial downloads are blobs/<blobKey>.modeldock.incomplete: the other tools use
// "<etag>.incomplete" and "<etag>.<8hex>.incomplete", and each must never adopt ours.
//
// Library (Kind::Library) and plain files (Kind::PlainFile): <root>/<relativePath>, with a
// partial "<name>.modeldock.incomplete" beside it and, for library files that carry metadata,
// a sidecar "<stem>.modeldock.json" and the sidecars other programs read (otherSidecars:
// "<stem>.civitai.info", A1111's "<stem>.json").
//
// Every function is static and touches only the file system, so any thread may call it.
// Paths are built only from destinations that pass validate(); the others return empty.
class StorageLayout
{
public:
    // Validates the destination: no absolute paths, no "..", nothing that escapes root, sane
    // names, a 40-hex commit and a hex blob key for the HF cache. false + *error if unsafe.
    static bool validate(const Destination &d, QString *error);

    static QString finalPath(const Destination &d);
    // On the same file system as the final place, so commit() is a rename.
    static QString partialPath(const Destination &d);

    // Already there and complete? HF: blobs/<blobKey> is a file of expectedSize bytes (any
    // size when expectedSize < 0), whoever wrote it. Library: the file exists, and when the
    // destination has metadata its sidecar records this file's size and the expected hash; an
    // archive removed after its extraction (library.keepArchives off) counts as present while
    // its sidecar records it and the extracted folder is there.
    static bool isPresent(const Destination &d, qint64 expectedSize);

    // Library: the folder the file (an archive) was extracted into, as its sidecar records it
    // (ArchiveInstaller), when that folder is still there; empty otherwise.
    static QString extractedFolder(const Destination &d);
    static QJsonObject readSidecar(const Destination &d);  // an empty object when there is none

    // Library: does another file already live at d's path? True for a file whose sidecar
    // names another model or version than d.sidecar (modelId, versionId), and for one with no
    // sidecar at all (the user's own, or of unknown origin): committing d there would
    // overwrite it. False when nothing is there or it is this very model version.
    static bool isTakenByAnother(const Destination &d);

    // Moves a VERIFIED partial file into place with a rename. HF: then links the snapshot and
    // writes the ref. Library: first writes the other programs' sidecars that are missing and
    // ModelDock's sidecar, so the file never appears without the sidecar that makes it
    // present. Syncs data and directories. false + *error on failure; never leaves a
    // half-written file at the final path.
    static bool commit(const Destination &d, const QString &partialPath, QString *error);

    // For a file that is already present (isPresent() true, maybe written by another tool):
    // HF, creates the snapshot symlink and refs/<revision>; library, writes the other
    // programs' sidecars that are missing.
    static bool link(const Destination &d, QString *error);

    // Writes each of d.otherSidecars that is not there yet (temp + rename). One that exists is
    // left alone: a user may have edited it (A1111 saves its card's edits to "<stem>.json").
    // `written` gets the paths of the files it wrote.
    static bool writeOtherSidecars(const Destination &d, QString *error, QStringList *written = nullptr);

    // Pieces of the HF layout, exposed for the planner, the UI and tests.
    static QString hfRepoFolderName(const QString &repoId);  // "models--ns--name"
    static QString hfRepoPath(const Destination &d);
    static QString hfBlobPath(const Destination &d);
    static QString hfRefPath(const Destination &d);
    // Relative symlink target from the snapshot entry to its blob: "../../blobs/<key>" for
    // a file at the snapshot root, one more "../" per subfolder.
    static QString hfSymlinkTarget(const Destination &d);

    static QString sidecarPath(const Destination &d);  // empty without metadata
    // "<folder>/<stem><suffix>" beside a library file ("x.safetensors", ".civitai.info" →
    // "x.civitai.info"); empty for the HF cache and for a suffix that is not ".name".
    static QString besidePath(const Destination &d, const QString &suffix);

    static inline const QString kPartialSuffix = QStringLiteral(".modeldock.incomplete");
    static inline const QString kSidecarSuffix = QStringLiteral(".modeldock.json");
    // The sidecar key naming the extracted folder: one name, beside the archive.
    static inline const QString kExtractedToKey = QStringLiteral("extractedTo");

private:
    static QString extractedFolder(const Destination &d, const QJsonObject &recorded);
};

}  // namespace Library
