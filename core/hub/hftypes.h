#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

// Value types for what the Hugging Face API returns, already validated by Hub::HfParser.
// They carry only what ModelDock uses; the JSON shape stays inside core/hub.
namespace Hub {

struct HfSibling
{
    QString path;       // rfilename, relative to the repo root
    qint64 size = -1;   // -1 when the listing gave no size (only with blobs=true)
    QString blobId;     // git oid
    QString lfsSha256;  // lowercase hex, empty for regular git files
    bool isLfs() const { return !lfsSha256.isEmpty(); }
};

struct HfModel
{
    QString id;  // "ns/name"
    QString author;
    QString sha;  // commit of the requested revision; empty if not returned
    QDateTime lastModified;
    QDateTime createdAt;
    qint64 downloads = 0;
    qint64 likes = 0;
    QStringList tags;
    QString pipelineTag;
    QString libraryName;
    QString gated;  // "" (not gated), "auto" or "manual"
    bool isPrivate = false;
    QString description;  // from cardData when present
    QList<HfSibling> siblings;
    bool siblingsPresent = false;  // the response had a siblings array at all
};

struct HfTreeEntry
{
    enum class Type
    {
        File,
        Directory
    };
    Type type = Type::File;
    QString path;
    qint64 size = 0;
    QString oid;        // git blob/tree id
    QString lfsSha256;  // lfs.oid, lowercase hex; empty when not LFS
    QString xetHash;    // lowercase hex; empty when not stored in Xet (or redacted)
};

struct HfRef
{
    QString name;          // "main", "1b-gguf-q4-km"
    QString ref;           // "refs/heads/main"
    QString targetCommit;  // 40-hex
};

struct HfRefs
{
    QList<HfRef> branches;
    QList<HfRef> tags;
};

struct HfCollectionItem
{
    QString type;  // model, dataset, space, paper, collection
    QString id;    // repo id for models
    int position = 0;
    QString author;
    qint64 downloads = 0;
    qint64 likes = 0;
    QDateTime lastModified;
    QString gated;
    QString pipelineTag;
};

struct HfCollection
{
    QString slug;
    QString title;
    QString description;
    QString owner;
    QDateTime lastUpdated;
    QList<HfCollectionItem> items;
};

// A search over /api/models. Empty fields are not sent.
struct HfModelQuery
{
    QString author;
    QString search;
    QStringList tags;  // sent as repeated filter=
    QString sort;      // downloads, likes, lastModified, createdAt, trendingScore
    int limit = 100;   // total wanted; pages are capped at pageSize
    int pageSize = 500;
    bool full = true;  // ask for sha, lastModified and file names
};

}  // namespace Hub
