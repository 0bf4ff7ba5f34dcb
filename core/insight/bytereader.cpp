#include "insight/bytereader.h"

namespace Insight {

bool ByteReader::take(quint64 length)
{
    if (length > remaining()) {
        m_shortfall = length - remaining();
        return false;
    }
    return true;
}

bool ByteReader::readU8(quint8 *value)
{
    if (!take(1))
        return false;
    *value = quint8(m_bytes[qsizetype(m_position)]);
    m_position += 1;
    return true;
}

bool ByteReader::readU32(quint32 *value)
{
    if (!take(4))
        return false;
    quint32 result = 0;
    for (int i = 3; i >= 0; --i)
        result = (result << 8) | quint8(m_bytes[qsizetype(m_position) + i]);
    *value = result;
    m_position += 4;
    return true;
}

bool ByteReader::readU64(quint64 *value)
{
    if (!take(8))
        return false;
    quint64 result = 0;
    for (int i = 7; i >= 0; --i)
        result = (result << 8) | quint8(m_bytes[qsizetype(m_position) + i]);
    *value = result;
    m_position += 8;
    return true;
}

bool ByteReader::readBytes(quint64 length, QByteArrayView *view)
{
    if (!take(length))
        return false;
    *view = m_bytes.sliced(qsizetype(m_position), qsizetype(length));
    m_position += length;
    return true;
}

bool ByteReader::skip(quint64 length)
{
    if (!take(length))
        return false;
    m_position += length;
    return true;
}

}  // namespace Insight
