#pragma once

#include <QByteArrayView>

namespace Insight {

// Reads little-endian values from the front of a file that may hold only its first bytes.
// A read never goes past the buffer: when it would, it fails and shortfall() says how many
// more bytes that read needed (a lower bound for what the whole header needs).
class ByteReader
{
public:
    explicit ByteReader(QByteArrayView bytes)
        : m_bytes(bytes)
    {
    }

    bool readU8(quint8 *value);
    bool readU32(quint32 *value);
    bool readU64(quint64 *value);
    // The next `length` bytes, without copying them.
    bool readBytes(quint64 length, QByteArrayView *view);
    bool skip(quint64 length);

    quint64 position() const { return m_position; }
    quint64 remaining() const { return quint64(m_bytes.size()) - m_position; }
    quint64 shortfall() const { return m_shortfall; }

private:
    bool take(quint64 length);

    QByteArrayView m_bytes;
    quint64 m_position = 0;
    quint64 m_shortfall = 0;
};

}  // namespace Insight
