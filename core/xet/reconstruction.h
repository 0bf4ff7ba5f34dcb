#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>
#include <QUrl>

#include <optional>

namespace Xet {

// A Xet hash as the API writes it: 64 hex digits. The Hub redacts some (64 '*'), which are
// not hashes and must not be used as a file id.
bool fileHashIsValid(QStringView hash);

// Chunk indices in a xorb, end-exclusive as in the API.
struct ChunkRange
{
    quint32 start = 0;
    quint32 end = 0;
    quint32 count() const { return end - start; }
    bool contains(const ChunkRange &other) const { return start <= other.start && other.end <= end; }
    friend bool operator==(const ChunkRange &, const ChunkRange &) = default;
};

// One ranged GET of a xorb: the signed URL and the bytes to ask for, which hold the chunks
// `chunks` (the range's first chunk is chunks.start, for the decoder's skip).
struct XorbFetch
{
    QString xorbHash;
    QUrl url;
    ChunkRange chunks;
    qint64 firstByte = 0;  // inclusive, as the Range header takes them
    qint64 lastByte = 0;
    qint64 byteCount() const { return lastByte - firstByte + 1; }
    QByteArray rangeHeader() const;  // "bytes=first-last"
    friend bool operator==(const XorbFetch &, const XorbFetch &) = default;
};

// One term, in file order: the chunks of one xorb that make the next bytes of the file.
struct Term
{
    QString xorbHash;  // lowercase hex
    ChunkRange chunks;
    qint64 unpackedLength = 0;      // decoded bytes of the whole term
    qint64 skip = 0;                // bytes of the decoded term before the requested range (first term)
    qint64 fileOffset = 0;          // where the term's first kept byte goes in the output
    int fetch = -1;                 // index into Reconstruction::fetches
    QList<quint32> chunkByteSizes;  // decoded size of each chunk, when the server sent them
    qint64 keptLength() const { return unpackedLength - skip; }
};

// What the CAS says about rebuilding a file (or a byte range of it), from either API version,
// checked: every term has a fetch that covers its chunks, and the sizes add up.
struct Reconstruction
{
    int apiVersion = 2;
    qint64 offsetIntoFirstRange = 0;
    QList<Term> terms;
    QList<XorbFetch> fetches;  // each distinct (url, byte range) once; several terms may share one

    // Bytes the terms produce after the first term's skip (a range answer may hold more than
    // was asked for: the caller truncates).
    qint64 size() const;

    struct Options
    {
        qint64 expectedSize = -1;  // the file's size (whole-file answers): the terms must add up to it
        qint64 rangeStart = 0;     // a Range query's first byte: added to every fileOffset
    };
    // Parses a v2 body (`xorbs`) or a v1 body (`fetch_info`). On failure *error says why.
    static std::optional<Reconstruction> parse(QByteArrayView json, const Options &options, QString *error);

    // Limits against a hostile or broken server: no real file comes close.
    static constexpr qsizetype kMaxTerms = 4'000'000;
    static constexpr quint32 kMaxChunkIndex = 1u << 20;
    static constexpr qint64 kMaxXorbBytes = 1LL << 30;
};

// "{cas}/v2/reconstructions/{hash}" (or v1).
QUrl reconstructionUrl(const QUrl &casUrl, const QString &fileHash, int apiVersion = 2);

}  // namespace Xet
