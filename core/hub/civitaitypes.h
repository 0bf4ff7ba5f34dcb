#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

// Value types for what the Civitai REST API returns, validated by Hub::CivitaiParser.
namespace Hub {

struct CivitaiFile
{
    qint64 id = 0;
    QString name;       // download file name, already checked to be a safe plain name
    double sizeKB = 0;  // KiB as the hub sends it
    // Bytes, or -1 when sizeKB is not a size a qint64 can hold (NaN, negative, or huge: the
    // cast would be undefined; found by tests/fuzz/fuzz_civitai_json).
    qint64 sizeBytes() const
    {
        const double bytes = sizeKB * 1024.0 + 0.5;
        return bytes >= 0 && bytes < 9.0e18 ? qint64(bytes) : -1;
    }
    QString type;    // Model, Pruned Model, VAE, Config, …
    QString sha256;  // lowercase hex; empty when the hub gives none
    bool primary = false;
    QUrl downloadUrl;
    QString format;    // SafeTensor, PickleTensor, GGUF, …
    QString fp;        // fp16, bf16, …
    QString sizeKind;  // full, pruned
};

struct CivitaiImage
{
    QUrl url;
    int width = 0;
    int height = 0;
    int nsfwLevel = 0;
    QString type;  // "image" or "video"; empty when the hub does not say
};

struct CivitaiVersion
{
    qint64 id = 0;
    qint64 modelId = 0;
    QString name;
    QString baseModel;
    QString description;
    QDateTime publishedAt;
    QDateTime updatedAt;
    QStringList trainedWords;
    QString availability;
    QUrl downloadUrl;
    qint64 downloadCount = 0;
    QList<CivitaiFile> files;
    QList<CivitaiImage> images;
    // The version object as the hub sent it: what Civitai Helper keeps as "<stem>.civitai.info".
    QJsonObject json;
};

struct CivitaiModel
{
    qint64 id = 0;
    QString name;
    QString description;  // HTML as the hub sends it
    QString type;         // LORA, Checkpoint, …
    bool nsfw = false;
    QString mode;  // "", "Archived", "TakenDown"
    QString creator;
    QStringList tags;
    qint64 downloadCount = 0;
    qint64 thumbsUpCount = 0;
    QList<CivitaiVersion> versions;
};

// A search over /api/v1/models. Empty fields are not sent.
struct CivitaiModelQuery
{
    QStringList types;       // repeated types=
    QStringList baseModels;  // repeated baseModels=
    QString sort;            // "Most Downloaded", "Highest Rated", "Newest", …
    QString period;          // AllTime, Year, …
    QString query;
    QString username;
    QString tag;
    bool nsfw = false;
    int limit = 100;     // total wanted
    int pageSize = 100;  // the hub caps a page at 100
};

}  // namespace Hub
