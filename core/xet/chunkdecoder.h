#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>

namespace Xet {

// How a chunk's payload is stored (xorb.md, "compression type").
enum class ChunkScheme : quint8
{
    None = 0,
    Lz4 = 1,               // one LZ4 *frame* (not a raw block)
    ByteGrouping4Lz4 = 2,  // an LZ4 frame of the bytes regrouped into 4 byte planes (BG4)
};

// The 8-byte header in front of every chunk of a xorb.
struct ChunkHeader
{
    static constexpr int kSize = 8;
    quint8 version = 0;
    quint32 compressedSize = 0;  // u24 LE: the payload after the header
    quint8 scheme = 0;           // a ChunkScheme, or an unknown value
    quint32 uncompressedSize = 0;

    static ChunkHeader read(const char *bytes);  // kSize bytes
};

// Decodes a xorb byte range as it arrives from the network: feed() takes slices of any length
// (one byte, a whole range) and hands each whole chunk's decoded bytes to the sink, in order.
// Memory stays bounded by one chunk (at most 128 KiB decoded and its payload): chunks are
// decoded as soon as they are complete, and skipped chunks are not even buffered.
//
// A fetch range can cover more chunks than the term being assembled needs (the Hub coalesces
// ranges), so the decoder can skip the first N chunks and stop after M; bytes after the M-th
// chunk are ignored. Every header is checked; the first problem stops the decoder and
// errorString() says what it was, in a sentence that names the chunk.
class ChunkDecoder
{
public:
    static constexpr quint32 kMaxChunkSize = 128 * 1024;
    // An LZ4 frame around a chunk that did not compress adds a frame header, block headers, an
    // end mark and maybe checksums: a few dozen bytes. Anything past this slack is corrupt.
    static constexpr quint32 kMaxFrameOverhead = 4096;
    static constexpr quint32 kNoLimit = 0xFFFFFFFFu;

    // Called once per decoded chunk: its index in the fed range (skipped chunks count) and its
    // bytes, valid only during the call. Returning false stops decoding (a failed write); the
    // decoder then reports that the consumer stopped it.
    using Sink = std::function<bool(quint32 chunkIndex, QByteArrayView bytes)>;

    explicit ChunkDecoder(quint32 skipChunks = 0, quint32 chunkLimit = kNoLimit);
    ~ChunkDecoder();
    ChunkDecoder(const ChunkDecoder &) = delete;
    ChunkDecoder &operator=(const ChunkDecoder &) = delete;

    // Starts over on a new range (a retry) with new skip and limit.
    void reset(quint32 skipChunks = 0, quint32 chunkLimit = kNoLimit);

    // Consumes `data`. False once anything went wrong (then and on every later call).
    bool feed(QByteArrayView data, const Sink &sink);
    // The range has ended: false if a chunk was cut off, or the limit was not reached.
    bool end();

    // The limit's last chunk was decoded: the rest of the range is not needed.
    bool isComplete() const { return m_emitted >= m_limit; }
    bool hasFailed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    quint32 chunksSeen() const { return m_index; }  // whole chunks read, skipped ones included
    quint32 chunksEmitted() const { return m_emitted; }
    qint64 bytesEmitted() const { return m_bytesEmitted; }

private:
    bool fail(const QString &sentence);
    bool acceptHeader(const ChunkHeader &header);
    bool decodePayload(QByteArrayView payload, const Sink &sink);
    bool decodeFrame(QByteArrayView payload, QByteArray *out);

    struct Lz4Context;
    std::unique_ptr<Lz4Context> m_lz4;
    quint32 m_skip = 0;
    quint32 m_limit = kNoLimit;
    quint32 m_index = 0;  // the chunk being read
    quint32 m_emitted = 0;
    qint64 m_bytesEmitted = 0;
    ChunkHeader m_header;
    bool m_haveHeader = false;
    qint64 m_skipRemaining = 0;  // payload bytes of a skipped chunk still to pass over
    QByteArray m_pending;        // the header, then the payload, of a chunk split across slices
    QByteArray m_decoded;
    QByteArray m_regrouped;
    QString m_error;
};

// BG4's inverse: `grouped` holds the bytes at positions 0, 4, 8…, then 1, 5, 9…, then 2…, then
// 3…, the first n % 4 groups one byte longer; writes them back in their original order.
void regroupByteGrouping4(QByteArrayView grouped, char *out);

}  // namespace Xet
