#include "insight/ggufheader.h"

#include "insight/bytereader.h"
#include "insight/ggmlnames.h"

#include <QCoreApplication>
#include <QSet>
#include <QtNumeric>

#include <cstring>
#include <limits>

namespace Insight {

namespace {

// Caps against hostile headers; real files stay far below them (a 670B model has ~1,100
// tensors and ~60 keys; the largest vocabularies and merge lists are under 1M entries).
constexpr quint64 maxHeaderBytes = quint64(512) << 20;
constexpr quint64 maxTensors = quint64(1) << 20;
constexpr quint64 maxKeys = quint64(1) << 20;
constexpr quint64 maxArrayElements = quint64(1) << 26;
constexpr quint64 maxKeyLength = 65535;
constexpr quint64 maxTensorNameLength = 65535;
constexpr quint32 maxDims = 4;    // GGML_MAX_DIMS
constexpr int maxArrayDepth = 4;  // arrays of arrays of …

enum ValueType : quint32
{
    U8 = 0,
    I8 = 1,
    U16 = 2,
    I16 = 3,
    U32 = 4,
    I32 = 5,
    F32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    U64 = 10,
    I64 = 11,
    F64 = 12,
};

// Bytes one element of a type takes at least (a string: its u64 length; an array: its
// element type and count).
quint64 minimumSize(quint32 type)
{
    switch (type) {
    case U8:
    case I8:
    case Bool:
        return 1;
    case U16:
    case I16:
        return 2;
    case U32:
    case I32:
    case F32:
        return 4;
    case U64:
    case I64:
    case F64:
    case String:
        return 8;
    case Array:
        return 12;
    default:
        return 0;
    }
}

bool isFixedSize(quint32 type)
{
    return type != String && type != Array;
}

bool isInteger(quint32 type)
{
    return type == U8 || type == I8 || type == U16 || type == I16 || type == U32 || type == I32 || type == U64 ||
           type == I64;
}

// A metadata value as a non-negative count; false for other types and negative numbers.
bool toCount(const QVariant &value, quint64 *count)
{
    switch (value.typeId()) {
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        *count = value.toULongLong();
        return true;
    case QMetaType::Int:
    case QMetaType::LongLong:
        if (value.toLongLong() < 0)
            return false;
        *count = quint64(value.toLongLong());
        return true;
    default:
        return false;
    }
}

class Parser
{
public:
    Parser(QByteArrayView bytes, qint64 fileSize, GgufHeader *header)
        : m_bytes(bytes)
        , m_reader(bytes)
        , m_size(quint64(bytes.size()))
        , m_header(header)
    {
        m_limit = maxHeaderBytes;
        if (fileSize >= 0 && quint64(fileSize) < m_limit)
            m_limit = quint64(fileSize);
        m_fileSizeKnown = fileSize >= 0;
    }

    bool run();

private:
    bool invalid(const QString &sentence)
    {
        m_header->status = GgufHeader::Status::Invalid;
        m_header->errorString = sentence;
        return false;
    }
    // A read ran past the buffer: ask for more unless the header cannot be that long.
    bool truncated()
    {
        const quint64 needed = m_reader.shortfall();
        if (needed > m_limit || m_size > m_limit - needed)
            return pastLimit();
        m_header->status = GgufHeader::Status::NeedMoreBytes;
        m_header->bytesNeeded = needed;
        m_header->errorString =
            QCoreApplication::translate("Insight::GgufHeader",
                                        "The GGUF header continues past the %1 bytes read; read at least %2 more.")
                .arg(m_size)
                .arg(needed);
        return false;
    }
    bool pastLimit()
    {
        if (m_fileSizeKnown && m_limit < maxHeaderBytes)
            return invalid(QCoreApplication::translate(
                               "Insight::GgufHeader",
                               "The GGUF header runs past the end of the %1-byte file; the file is damaged.")
                               .arg(m_limit));
        return invalid(
            QCoreApplication::translate("Insight::GgufHeader",
                                        "The GGUF header is larger than %1 MiB; the file is damaged or not a model.")
                .arg(maxHeaderBytes >> 20));
    }
    // `count` items of at least `size` bytes each must fit between here and the limit.
    bool fits(quint64 count, quint64 size) const
    {
        quint64 total = 0;
        const quint64 position = m_reader.position();
        return !qMulOverflow(count, size, &total) && position <= m_limit && total <= m_limit - position;
    }

    bool readString(quint64 maxLength, const char *what, QByteArrayView *out);
    bool readValue(quint32 type, const QByteArray &key, QVariant *scalar);
    bool readArray(const QByteArray &key, int depth);
    bool readMetadata();
    bool readTensorInfo(quint64 index);
    void deriveFields();

    QByteArrayView m_bytes;
    ByteReader m_reader;
    quint64 m_size = 0;
    quint64 m_limit = 0;
    bool m_fileSizeKnown = false;
    GgufHeader *m_header;
    QMap<QString, quint64> m_arrayMaxima;  // the largest element of integer arrays (per-layer counts)
};

bool Parser::readString(quint64 maxLength, const char *what, QByteArrayView *out)
{
    const quint64 at = m_reader.position();
    quint64 length = 0;
    if (!m_reader.readU64(&length))
        return truncated();
    if (length > maxLength)
        return invalid(
            QCoreApplication::translate(
                "Insight::GgufHeader",
                "The GGUF header has a %1 of %2 bytes at offset %3, longer than the %4 allowed; the file is damaged.")
                .arg(QCoreApplication::translate("Insight::GgufHeader", what))
                .arg(length)
                .arg(at)
                .arg(maxLength));
    if (!fits(length, 1))
        return pastLimit();
    if (!m_reader.readBytes(length, out))
        return truncated();
    return true;
}

bool Parser::readValue(quint32 type, const QByteArray &key, QVariant *scalar)
{
    if (type == Array)
        return readArray(key, 1);
    if (type == String) {
        QByteArrayView text;
        if (!readString(maxHeaderBytes, QT_TRANSLATE_NOOP("Insight::GgufHeader", "string value"), &text))
            return false;
        *scalar = QString::fromUtf8(text);
        return true;
    }
    if (minimumSize(type) == 0)
        return invalid(
            QCoreApplication::translate(
                "Insight::GgufHeader",
                "The GGUF key \"%1\" has the unknown value type %2; the file is damaged or newer than ModelDock.")
                .arg(QString::fromUtf8(key))
                .arg(type));
    quint64 raw = 0;
    bool ok = false;
    switch (minimumSize(type)) {
    case 1: {
        quint8 v = 0;
        ok = m_reader.readU8(&v);
        raw = v;
        break;
    }
    case 2: {
        quint8 low = 0;
        quint8 high = 0;
        ok = m_reader.readU8(&low) && m_reader.readU8(&high);
        raw = quint64(low) | (quint64(high) << 8);
        break;
    }
    case 4: {
        quint32 v = 0;
        ok = m_reader.readU32(&v);
        raw = v;
        break;
    }
    default:
        ok = m_reader.readU64(&raw);
        break;
    }
    if (!ok)
        return truncated();
    switch (type) {
    case U8:
    case U16:
    case U32:
        *scalar = uint(raw);
        break;
    case I8:
        *scalar = int(qint8(raw));
        break;
    case I16:
        *scalar = int(qint16(raw));
        break;
    case I32:
        *scalar = int(qint32(raw));
        break;
    case U64:
        *scalar = qulonglong(raw);
        break;
    case I64:
        *scalar = qlonglong(raw);
        break;
    case Bool:
        *scalar = raw != 0;
        break;
    case F32: {
        const auto bits = quint32(raw);
        float f = 0;
        std::memcpy(&f, &bits, sizeof f);
        *scalar = double(f);
        break;
    }
    case F64: {
        double d = 0;
        std::memcpy(&d, &raw, sizeof d);
        *scalar = d;
        break;
    }
    default:
        break;
    }
    return true;
}

// Walks an array without keeping it; the vocabulary's tens of thousands of strings are
// skipped one length at a time. Per-layer head counts keep their largest element.
bool Parser::readArray(const QByteArray &key, int depth)
{
    quint32 elementType = 0;
    quint64 count = 0;
    if (!m_reader.readU32(&elementType) || !m_reader.readU64(&count))
        return truncated();
    const QString name = QString::fromUtf8(key);
    if (minimumSize(elementType) == 0)
        return invalid(
            QCoreApplication::translate(
                "Insight::GgufHeader",
                "The GGUF array \"%1\" has the unknown element type %2; the file is damaged or newer than ModelDock.")
                .arg(name)
                .arg(elementType));
    if (elementType == Array && depth >= maxArrayDepth)
        return invalid(
            QCoreApplication::translate(
                "Insight::GgufHeader", "The GGUF array \"%1\" nests arrays deeper than %2 levels; the file is damaged.")
                .arg(name)
                .arg(maxArrayDepth));
    if (count > maxArrayElements || !fits(count, minimumSize(elementType)))
        return invalid(
            QCoreApplication::translate(
                "Insight::GgufHeader",
                "The GGUF array \"%1\" claims %2 elements, more than the file can hold; the file is damaged.")
                .arg(name)
                .arg(count));
    if (depth == 1 && key == "tokenizer.ggml.tokens")
        m_header->vocabularySize = count;
    const bool perLayer = key.endsWith(".attention.head_count") || key.endsWith(".attention.head_count_kv");
    if (perLayer && isInteger(elementType) && depth == 1 && count <= 65536) {
        quint64 largest = 0;
        for (quint64 i = 0; i < count; ++i) {
            QVariant element;
            if (!readValue(elementType, key, &element))
                return false;
            quint64 value = 0;
            if (toCount(element, &value) && value > largest)
                largest = value;
        }
        m_arrayMaxima.insert(name, largest);
        return true;
    }
    if (isFixedSize(elementType))
        return m_reader.skip(count * minimumSize(elementType)) || truncated();
    for (quint64 i = 0; i < count; ++i) {
        if (elementType == String) {
            QByteArrayView ignored;
            if (!readString(maxHeaderBytes, QT_TRANSLATE_NOOP("Insight::GgufHeader", "string in an array"), &ignored))
                return false;
        } else if (!readArray(key, depth + 1)) {
            return false;
        }
    }
    return true;
}

bool Parser::readMetadata()
{
    QSet<QByteArray> seen;
    for (quint64 i = 0; i < m_header->metadataCount; ++i) {
        QByteArrayView keyView;
        if (!readString(maxKeyLength, "key", &keyView))
            return false;
        const QByteArray key = keyView.toByteArray();
        if (seen.contains(key))
            return invalid(QCoreApplication::translate("Insight::GgufHeader",
                                                       "The GGUF key \"%1\" appears twice; the file is damaged.")
                               .arg(QString::fromUtf8(key)));
        seen.insert(key);
        quint32 type = 0;
        if (!m_reader.readU32(&type))
            return truncated();
        QVariant scalar;
        if (!readValue(type, key, &scalar))
            return false;
        if (scalar.isValid())
            m_header->metadata.insert(QString::fromUtf8(key), scalar);
    }
    return true;
}

bool Parser::readTensorInfo(quint64 index)
{
    QByteArrayView nameView;
    if (!readString(maxTensorNameLength, QT_TRANSLATE_NOOP("Insight::GgufHeader", "tensor name"), &nameView))
        return false;
    const QString name = QString::fromUtf8(nameView);
    quint32 dims = 0;
    if (!m_reader.readU32(&dims))
        return truncated();
    if (dims > maxDims)
        return invalid(QCoreApplication::translate(
                           "Insight::GgufHeader",
                           "The GGUF tensor \"%1\" has %2 dimensions, more than ggml's %3; the file is damaged.")
                           .arg(name)
                           .arg(dims)
                           .arg(maxDims));
    quint64 elements = 1;
    for (quint32 d = 0; d < dims; ++d) {
        quint64 size = 0;
        if (!m_reader.readU64(&size))
            return truncated();
        if (size > quint64(std::numeric_limits<qint64>::max()) || qMulOverflow(elements, size, &elements))
            return invalid(QCoreApplication::translate(
                               "Insight::GgufHeader",
                               "The GGUF tensor \"%1\" has dimensions whose product overflows; the file is damaged.")
                               .arg(name));
    }
    quint32 type = 0;
    quint64 offset = 0;
    if (!m_reader.readU32(&type) || !m_reader.readU64(&offset))
        return truncated();
    if (qAddOverflow(m_header->parameterCount, elements, &m_header->parameterCount))
        return invalid(QCoreApplication::translate(
                           "Insight::GgufHeader",
                           "The GGUF tensors add up to more than 2^64 parameters at tensor %1; the file is damaged.")
                           .arg(index));
    m_header->tensorTypes[ggmlTypeName(type)] += 1;
    return true;
}

void Parser::deriveFields()
{
    GgufHeader &h = *m_header;
    const QVariantMap &m = h.metadata;
    h.architecture = m.value(QStringLiteral("general.architecture")).toString();
    h.name = m.value(QStringLiteral("general.name")).toString();
    h.tokenizerModel = m.value(QStringLiteral("tokenizer.ggml.model")).toString();
    h.hasChatTemplate = m.contains(QStringLiteral("tokenizer.chat_template"));
    const auto count = [&](const QString &key) {
        quint64 value = 0;
        if (toCount(m.value(key), &value))
            return value;
        return m_arrayMaxima.value(key, 0);
    };
    const QString arch = h.architecture + QLatin1Char('.');
    h.contextLength = count(arch + QStringLiteral("context_length"));
    h.embeddingLength = count(arch + QStringLiteral("embedding_length"));
    h.blockCount = count(arch + QStringLiteral("block_count"));
    h.headCount = count(arch + QStringLiteral("attention.head_count"));
    h.headCountKv = count(arch + QStringLiteral("attention.head_count_kv"));
    quint64 value = 0;
    if (toCount(m.value(QStringLiteral("general.file_type")), &value) && value <= 0xffffffffU) {
        h.fileType = qint64(value);
        h.fileTypeName = llamaFileTypeName(quint32(value));
    }
    if (toCount(m.value(QStringLiteral("split.count")), &value) && value <= 0xffff)
        h.splitCount = int(value);
    if (toCount(m.value(QStringLiteral("split.no")), &value) && value <= 0xffff)
        h.splitNo = int(value);
}

bool Parser::run()
{
    GgufHeader &h = *m_header;
    static constexpr char magic[] = {'G', 'G', 'U', 'F'};
    QByteArrayView start;
    if (!m_reader.readBytes(4, &start)) {
        // Fewer than 4 bytes: reject what cannot become "GGUF", ask for the rest otherwise.
        if (!m_bytes.isEmpty() && std::memcmp(m_bytes.data(), magic, size_t(m_bytes.size())) != 0)
            return invalid(QCoreApplication::translate("Insight::GgufHeader",
                                                       "This is not a GGUF file: it does not start with \"GGUF\"."));
        return truncated();
    }
    if (std::memcmp(start.data(), magic, 4) != 0)
        return invalid(QCoreApplication::translate("Insight::GgufHeader",
                                                   "This is not a GGUF file: it does not start with \"GGUF\"."));
    if (!m_reader.readU32(&h.version))
        return truncated();
    if (h.version == 0x02000000 || h.version == 0x03000000)
        return invalid(QCoreApplication::translate(
            "Insight::GgufHeader", "This GGUF file is big-endian; ModelDock reads only little-endian GGUF files."));
    if (h.version == 1)
        return invalid(QCoreApplication::translate(
            "Insight::GgufHeader",
            "This GGUF file has version 1, which is no longer in use; ModelDock reads versions 2 and 3."));
    if (h.version != 2 && h.version != 3)
        return invalid(
            QCoreApplication::translate("Insight::GgufHeader",
                                        "This GGUF file has the unknown version %1; ModelDock reads versions 2 and 3.")
                .arg(h.version));
    if (!m_reader.readU64(&h.tensorCount) || !m_reader.readU64(&h.metadataCount))
        return truncated();
    // A tensor info takes at least 24 bytes, a key-value pair at least 13.
    if (h.tensorCount > maxTensors || !fits(h.tensorCount, 24))
        return invalid(QCoreApplication::translate(
                           "Insight::GgufHeader",
                           "The GGUF header claims %1 tensors, more than the file can hold; the file is damaged.")
                           .arg(h.tensorCount));
    if (h.metadataCount > maxKeys || !fits(h.metadataCount, 13))
        return invalid(QCoreApplication::translate(
                           "Insight::GgufHeader",
                           "The GGUF header claims %1 metadata keys, more than the file can hold; the file is damaged.")
                           .arg(h.metadataCount));
    if (!readMetadata())
        return false;
    const QVariant alignment = h.metadata.value(QStringLiteral("general.alignment"));
    if (alignment.isValid()) {
        quint64 value = 0;
        if (!toCount(alignment, &value) || value == 0 || value > 0x10000000 || (value & (value - 1)) != 0)
            return invalid(
                QCoreApplication::translate("Insight::GgufHeader",
                                            "The GGUF alignment %1 is not a power of two; the file is damaged.")
                    .arg(alignment.toString()));
        h.alignment = quint32(value);
    }
    for (quint64 i = 0; i < h.tensorCount; ++i) {
        if (!readTensorInfo(i))
            return false;
    }
    h.headerSize = m_reader.position();
    h.dataOffset = (h.headerSize + h.alignment - 1) / h.alignment * h.alignment;
    deriveFields();
    h.status = GgufHeader::Status::Complete;
    return true;
}

}  // namespace

GgufHeader GgufHeader::parse(QByteArrayView bytes, qint64 fileSize)
{
    GgufHeader header;
    Parser parser(bytes, fileSize, &header);
    parser.run();
    if (header.status != Status::Complete) {
        // What was read before the failure is not a header; keep only the verdict.
        GgufHeader verdict;
        verdict.status = header.status;
        verdict.errorString = header.errorString;
        verdict.bytesNeeded = header.bytesNeeded;
        verdict.version = header.version;
        return verdict;
    }
    return header;
}

}  // namespace Insight
