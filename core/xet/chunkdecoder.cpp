#include "xet/chunkdecoder.h"

#include "xet/xetlogging.h"

#include <algorithm>
#include <cstring>
#include <lz4frame.h>

namespace Xet {

namespace {

quint32 u24(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return quint32(u[0]) | quint32(u[1]) << 8 | quint32(u[2]) << 16;
}

}  // namespace

ChunkHeader ChunkHeader::read(const char *bytes)
{
    ChunkHeader header;
    header.version = quint8(bytes[0]);
    header.compressedSize = u24(bytes + 1);
    header.scheme = quint8(bytes[4]);
    header.uncompressedSize = u24(bytes + 5);
    return header;
}

void regroupByteGrouping4(QByteArrayView grouped, char *out)
{
    const qsizetype n = grouped.size();
    const qsizetype split = n / 4;
    const qsizetype rem = n % 4;
    // Group g holds the bytes at positions g, g + 4, g + 8…; the first `rem` groups have one more.
    qsizetype start = 0;
    for (qsizetype g = 0; g < 4; ++g) {
        const qsizetype length = split + (g < rem ? 1 : 0);
        const char *in = grouped.data() + start;
        for (qsizetype i = 0; i < length; ++i)
            out[g + 4 * i] = in[i];
        start += length;
    }
}

struct ChunkDecoder::Lz4Context
{
    LZ4F_dctx *dctx = nullptr;
    Lz4Context() { LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION); }
    ~Lz4Context() { LZ4F_freeDecompressionContext(dctx); }
    Q_DISABLE_COPY_MOVE(Lz4Context)
};

ChunkDecoder::ChunkDecoder(quint32 skipChunks, quint32 chunkLimit)
    : m_lz4(std::make_unique<Lz4Context>())
{
    reset(skipChunks, chunkLimit);
}

ChunkDecoder::~ChunkDecoder() = default;

void ChunkDecoder::reset(quint32 skipChunks, quint32 chunkLimit)
{
    m_skip = skipChunks;
    m_limit = chunkLimit;
    m_index = 0;
    m_emitted = 0;
    m_bytesEmitted = 0;
    m_header = {};
    m_haveHeader = false;
    m_skipRemaining = 0;
    m_pending.clear();
    m_error.clear();
}

bool ChunkDecoder::fail(const QString &sentence)
{
    if (m_error.isEmpty()) {
        m_error = sentence;
        qCDebug(lcXet) << "chunk decoder:" << sentence;
    }
    return false;
}

bool ChunkDecoder::acceptHeader(const ChunkHeader &header)
{
    const quint32 chunk = m_index;
    if (header.version != 0)
        return fail(QStringLiteral("Chunk %1 of the xorb range has format version %2; only version 0 is known.")
                        .arg(chunk)
                        .arg(header.version));
    if (header.scheme > quint8(ChunkScheme::ByteGrouping4Lz4))
        return fail(QStringLiteral("Chunk %1 of the xorb range uses compression scheme %2, which is unknown.")
                        .arg(chunk)
                        .arg(header.scheme));
    if (header.uncompressedSize == 0 || header.uncompressedSize > kMaxChunkSize)
        return fail(QStringLiteral("Chunk %1 of the xorb range declares %2 bytes; a chunk holds 1 to %3 bytes.")
                        .arg(chunk)
                        .arg(header.uncompressedSize)
                        .arg(kMaxChunkSize));
    if (header.scheme == quint8(ChunkScheme::None) && header.compressedSize != header.uncompressedSize)
        return fail(QStringLiteral("Chunk %1 of the xorb range is stored uncompressed but declares %2 stored bytes "
                                   "for %3 bytes.")
                        .arg(chunk)
                        .arg(header.compressedSize)
                        .arg(header.uncompressedSize));
    if (header.compressedSize == 0 || header.compressedSize > header.uncompressedSize + kMaxFrameOverhead)
        return fail(QStringLiteral("Chunk %1 of the xorb range declares %2 compressed bytes for %3 bytes, which "
                                   "cannot be right.")
                        .arg(chunk)
                        .arg(header.compressedSize)
                        .arg(header.uncompressedSize));
    return true;
}

bool ChunkDecoder::decodeFrame(QByteArrayView payload, QByteArray *out)
{
    // One byte more than the header promises: a frame that decodes to more fills it, and is
    // caught, without ever writing past what was allocated.
    const qsizetype capacity = qsizetype(m_header.uncompressedSize) + 1;
    out->resize(capacity);
    LZ4F_resetDecompressionContext(m_lz4->dctx);
    qsizetype in = 0;
    qsizetype produced = 0;
    for (;;) {
        size_t dstSize = size_t(capacity - produced);
        size_t srcSize = size_t(payload.size() - in);
        const size_t hint =
            LZ4F_decompress(m_lz4->dctx, out->data() + produced, &dstSize, payload.data() + in, &srcSize, nullptr);
        if (LZ4F_isError(hint))
            return fail(QStringLiteral("Chunk %1 of the xorb range is not a valid LZ4 frame (%2).")
                            .arg(m_index)
                            .arg(QString::fromLatin1(LZ4F_getErrorName(hint))));
        in += qsizetype(srcSize);
        produced += qsizetype(dstSize);
        if (produced > qsizetype(m_header.uncompressedSize))
            return fail(QStringLiteral("Chunk %1 of the xorb range decodes to more than the %2 bytes its header "
                                       "declares.")
                            .arg(m_index)
                            .arg(m_header.uncompressedSize));
        if (hint == 0)
            break;  // the frame is complete
        if (in == payload.size() || (srcSize == 0 && dstSize == 0))
            return fail(QStringLiteral("Chunk %1 of the xorb range ends before its LZ4 frame does.").arg(m_index));
    }
    if (in != payload.size())
        return fail(QStringLiteral("Chunk %1 of the xorb range has %2 bytes after the end of its LZ4 frame.")
                        .arg(m_index)
                        .arg(payload.size() - in));
    out->resize(produced);
    return true;
}

bool ChunkDecoder::decodePayload(QByteArrayView payload, const Sink &sink)
{
    QByteArrayView bytes;
    switch (ChunkScheme(m_header.scheme)) {
    case ChunkScheme::None:
        bytes = payload;
        break;
    case ChunkScheme::Lz4:
        if (!decodeFrame(payload, &m_decoded))
            return false;
        bytes = m_decoded;
        break;
    case ChunkScheme::ByteGrouping4Lz4:
        if (!decodeFrame(payload, &m_decoded))
            return false;
        m_regrouped.resize(m_decoded.size());
        regroupByteGrouping4(m_decoded, m_regrouped.data());
        bytes = m_regrouped;
        break;
    }
    if (bytes.size() != qsizetype(m_header.uncompressedSize))
        return fail(QStringLiteral("Chunk %1 of the xorb range decodes to %2 bytes; its header declares %3.")
                        .arg(m_index)
                        .arg(bytes.size())
                        .arg(m_header.uncompressedSize));
    const quint32 index = m_index++;
    m_haveHeader = false;
    ++m_emitted;
    m_bytesEmitted += bytes.size();
    if (sink && !sink(index, bytes))
        return fail(QStringLiteral("Decoding stopped at chunk %1: its bytes could not be stored.").arg(index));
    return true;
}

bool ChunkDecoder::feed(QByteArrayView data, const Sink &sink)
{
    if (hasFailed())
        return false;
    while (!data.isEmpty() && !isComplete()) {
        if (m_skipRemaining > 0) {
            const qsizetype n = qsizetype(std::min<qint64>(m_skipRemaining, data.size()));
            data = data.sliced(n);
            m_skipRemaining -= n;
            if (m_skipRemaining == 0)
                ++m_index;
            continue;
        }
        if (!m_haveHeader) {
            // The common case, a header inside the slice, is read in place.
            if (m_pending.isEmpty() && data.size() >= ChunkHeader::kSize) {
                m_header = ChunkHeader::read(data.data());
                data = data.sliced(ChunkHeader::kSize);
            } else {
                const qsizetype take = std::min(ChunkHeader::kSize - m_pending.size(), data.size());
                m_pending.append(data.first(take));
                data = data.sliced(take);
                if (m_pending.size() < ChunkHeader::kSize)
                    continue;
                m_header = ChunkHeader::read(m_pending.constData());
                m_pending.clear();
            }
            if (!acceptHeader(m_header))
                return false;
            if (m_index < m_skip)
                m_skipRemaining = m_header.compressedSize;  // never 0: acceptHeader refuses that
            else
                m_haveHeader = true;
            continue;
        }
        const qsizetype size = qsizetype(m_header.compressedSize);
        if (m_pending.isEmpty() && data.size() >= size) {
            // A whole payload in the slice: decoded from there, without a copy.
            if (!decodePayload(data.first(size), sink))
                return false;
            data = data.sliced(size);
            continue;
        }
        const qsizetype take = std::min(size - m_pending.size(), data.size());
        m_pending.append(data.first(take));
        data = data.sliced(take);
        if (m_pending.size() < size)
            continue;
        const bool decoded = decodePayload(m_pending, sink);
        m_pending.clear();
        if (!decoded)
            return false;
    }
    return true;
}

bool ChunkDecoder::end()
{
    if (hasFailed())
        return false;
    if (isComplete())
        return true;
    if (m_skipRemaining > 0)
        return fail(
            QStringLiteral("The xorb range ends inside chunk %1, %2 bytes short.").arg(m_index).arg(m_skipRemaining));
    if (m_haveHeader)
        return fail(QStringLiteral("The xorb range ends inside chunk %1, %2 bytes short.")
                        .arg(m_index)
                        .arg(m_header.compressedSize - quint32(m_pending.size())));
    if (!m_pending.isEmpty())
        return fail(QStringLiteral("The xorb range ends inside the header of chunk %1.").arg(m_index));
    if (m_limit != kNoLimit)
        return fail(QStringLiteral("The xorb range ends after %1 chunks; %2 were expected.")
                        .arg(m_index)
                        .arg(qint64(m_skip) + m_limit));
    return true;
}

}  // namespace Xet
