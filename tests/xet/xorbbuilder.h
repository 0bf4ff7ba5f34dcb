#pragma once

// Builds xorb chunks the way the Hub's uploader does (xorb.md): an 8-byte header, then the
// payload stored as is, as an LZ4 frame, or as an LZ4 frame of the BG4 byte planes. The LZ4
// side is liblz4's own compressor; the BG4 split is written here, independently of the
// decoder's regrouping, so a mistake in one is not mirrored by the other.

#include <QByteArray>
#include <QList>

#include <lz4frame.h>

namespace XorbBuilder {

inline QByteArray lz4Frame(const QByteArray &data, bool checksums = false)
{
    LZ4F_preferences_t prefs = {};
    if (checksums) {
        prefs.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
        prefs.frameInfo.blockChecksumFlag = LZ4F_blockChecksumEnabled;
        prefs.frameInfo.contentSize = quint64(data.size());
    }
    QByteArray out(qsizetype(LZ4F_compressFrameBound(size_t(data.size()), &prefs)), '\0');
    const size_t n = LZ4F_compressFrame(out.data(), size_t(out.size()), data.constData(), size_t(data.size()), &prefs);
    if (LZ4F_isError(n))
        return {};
    out.resize(qsizetype(n));
    return out;
}

// Byte i goes to plane i % 4; the planes are concatenated.
inline QByteArray splitByteGrouping4(const QByteArray &data)
{
    QByteArray planes[4];
    for (qsizetype i = 0; i < data.size(); ++i)
        planes[i % 4].append(data.at(i));
    return planes[0] + planes[1] + planes[2] + planes[3];
}

inline QByteArray header(quint8 version, quint32 compressed, quint8 scheme, quint32 uncompressed)
{
    QByteArray h(8, '\0');
    h[0] = char(version);
    h[1] = char(compressed & 0xff);
    h[2] = char((compressed >> 8) & 0xff);
    h[3] = char((compressed >> 16) & 0xff);
    h[4] = char(scheme);
    h[5] = char(uncompressed & 0xff);
    h[6] = char((uncompressed >> 8) & 0xff);
    h[7] = char((uncompressed >> 16) & 0xff);
    return h;
}

inline QByteArray payloadFor(quint8 scheme, const QByteArray &data)
{
    switch (scheme) {
    case 1:
        return lz4Frame(data);
    case 2:
        return lz4Frame(splitByteGrouping4(data));
    default:
        return data;
    }
}

inline QByteArray chunk(quint8 scheme, const QByteArray &data)
{
    const QByteArray payload = payloadFor(scheme, data);
    return header(0, quint32(payload.size()), scheme, quint32(data.size())) + payload;
}

// Content that compresses a little, like model weights do: a repeating ramp with noise.
inline QByteArray content(qsizetype size, quint32 seed)
{
    QByteArray out(size, '\0');
    quint32 x = seed * 2654435761u + 1;
    for (qsizetype i = 0; i < size; ++i) {
        x = x * 1103515245u + 12345u;
        out[i] = char((i % 7 == 0) ? (x >> 16) : (i / 3));
    }
    return out;
}

}  // namespace XorbBuilder
