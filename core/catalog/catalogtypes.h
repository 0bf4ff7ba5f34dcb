#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

// The hub-independent catalog tree: model → variant → file. Adapters fill these from hub
// answers; the store persists them; the front ends read them.
namespace Catalog {

// What the download side knows about a node. Stored per file; variants and models aggregate
// their children (see aggregate()). Numeric values are stored in the database: append only.
enum class LocalState : int
{
    None = 0,
    Queued = 1,
    Downloading = 2,
    Verified = 3,
    Failed = 4,
    UpdateAvailable = 5,
};

QString localStateName(LocalState state);  // "none", "queued", …, "update-available"
LocalState localStateFromName(const QString &name, bool *ok = nullptr);
// The one rule for a parent's state, over every state a row can be in (the catalog's stored
// ones and the live ones of a transfer): activity first (downloading, verifying, queued,
// paused), then trouble (failed, update available), then verified — every child with
// requireAll, any child without. Cancelled children count as nothing.
enum class RowState
{
    None,
    Queued,
    Downloading,
    Verifying,
    Paused,
    Verified,
    Failed,
    Cancelled,
    UpdateAvailable
};
RowState aggregateRows(const QList<RowState> &children, bool requireAll);
// aggregateRows over stored states. A variant is verified when every file is (requireAll); a
// model when any variant is, since one quantization is all a user wants.
LocalState aggregate(const QList<LocalState> &children, bool requireAll = true);

struct FileRecord
{
    QString path;      // relative to the repo / version
    qint64 size = -1;  // -1 unknown (names-only listing)
    QString sha256;    // lowercase hex, empty when the hub gives none
    QString oid;       // git blob id (HF)
    QUrl url;          // download URL (HF resolve URL at the commit, Civitai download URL)
    bool primary = false;
    LocalState state = LocalState::None;
};

struct VariantRecord
{
    QString name;       // "Q4_K_M", "1b-gguf-q4-km", "v2.0"
    QString kind;       // "branch", "quantization", "version", "default", "extra"
    QString revision;   // HF branch, Civitai version id
    QString commit;     // HF 40-hex commit the files belong to
    QJsonObject extra;  // Civitai: baseModel, trainedWords, images
    QList<FileRecord> files;
    LocalState state = LocalState::None;  // aggregated on read
    qint64 totalSize() const;
};

// How much of a model's tree the catalog holds.
enum class DetailLevel : int
{
    None = 0,      // listing data only
    Names = 1,     // file names without sizes/hashes (HF listing siblings)
    Complete = 2,  // sizes and hashes at headCommit
};

struct ModelRecord
{
    QString key;    // "ns/name" for Hugging Face, "civitai:<id>" for Civitai
    QString hub;    // "hf", "civitai"
    QString hubId;  // repo id or numeric id
    QString name;
    QString author;
    QString description;
    QStringList tags;
    QString kind;            // HF pipeline tag, Civitai model type
    QString modelType;       // "gguf", "checkpoint", "lora" or "" (the adapter decides; a view filter)
    QStringList baseModels;  // what it was trained from or quantizes ("SDXL 1.0", "meta-llama/Llama-3.2-1B")
    qint64 downloads = 0;
    qint64 likes = 0;
    QDateTime lastModified;
    QString fingerprint;  // changes whenever the hub's content changed (any branch or version)
    QString headCommit;   // HF sha of main; Civitai newest version id
    QString gated;
    bool nsfw = false;
    QUrl webUrl;
    DetailLevel details = DetailLevel::None;
    // Commit whose whole tree was fetched (or found unavailable): not asked again. Empty when
    // the tree is partial (a branch could not be listed), so the next sync or opening the
    // model asks again.
    QString detailsCommit;
    QJsonObject extra;
    QList<VariantRecord> variants;
    LocalState state = LocalState::None;  // aggregated on read
    QStringList sources;                  // names of the sources listing it (read side)
    QDateTime firstSeen;                  // when the catalog first stored it (read side)
    QDateTime changedAt;                  // when a sync last found its content changed on the hub; invalid: never
};

// A cached file listing of a repo at a commit; a commit never changes, so it never expires.
struct TreeRecord
{
    QString repo;
    QString commit;
    QList<FileRecord> files;
};

struct SyncCounts
{
    int added = 0;
    int changed = 0;
    int removed = 0;
    int unchanged = 0;
    int rejected = 0;
    int pages = 0;
    int pagesUnchanged = 0;
    int detailFetches = 0;
    QStringList problems;  // one sentence per rejected item
};

// Model types a view can filter by; stored as text in models.model_type.
namespace ModelType {
inline constexpr char Gguf[] = "gguf";
inline constexpr char Checkpoint[] = "checkpoint";
inline constexpr char Lora[] = "lora";
}  // namespace ModelType

}  // namespace Catalog

Q_DECLARE_METATYPE(Catalog::LocalState)
