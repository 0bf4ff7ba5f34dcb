#pragma once

#include <QJsonObject>
#include <QString>

namespace Library {

// Where a verified file ends up. StorageLayout turns it into paths and commits into it.
struct Destination
{
    enum class Kind
    {
        HfCache,
        Library,
        PlainFile
    };
    Kind kind = Kind::PlainFile;
    QString root;          // HF cache dir (…/hub), library dir, or target dir
    QString repoId;        // HF "ns/name"; Civitai "civitai:<modelId>"
    QString revision;      // HF ref name ("main", a branch) — refs/<revision> is written
    QString commit;        // HF 40-hex commit
    QString relativePath;  // path inside the snapshot, or library-relative path ("Lora/x.safetensors")
    QString blobKey;       // HF blob name: sha256 (LFS) or git oid (small files)
    QJsonObject sidecar;   // Civitai metadata to write beside the file (ids, hashes, trained words, preview URL)
    // Files other programs read beside a library file: the suffix after the file's stem
    // (".civitai.info", ".json") → the JSON object written there (StorageLayout::commit).
    QJsonObject otherSidecars;

    QJsonObject toJson() const;
    static Destination fromJson(const QJsonObject &object);

    // Identifies the destination (kind, root, repo, commit, path). The download pool joins
    // requests by the file they write instead (the partial or blob file), so two snapshots
    // that share one blob share one task.
    QString key() const;

    friend bool operator==(const Destination &, const Destination &) = default;
};

QString destinationKindName(Destination::Kind kind);  // "hf-cache", "library", "plain-file"

}  // namespace Library
