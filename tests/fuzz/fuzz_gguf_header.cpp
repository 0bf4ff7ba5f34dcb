// libFuzzer target: Insight::GgufHeader over the first bytes of a file, once with the file's
// size unknown (the caller fetched a prefix) and once with the bytes as the whole file.
#include "insight/ggufheader.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const qint64 fileSize : {qint64(-1), qint64(size)}) {
        const Insight::GgufHeader h = Insight::GgufHeader::parse(bytes, fileSize);
        switch (h.status) {
        case Insight::GgufHeader::Status::Complete:
            if (h.headerSize > size || h.dataOffset < h.headerSize || !h.errorString.isEmpty())
                __builtin_trap();  // a complete header lies within the bytes read
            break;
        case Insight::GgufHeader::Status::NeedMoreBytes:
            if (h.bytesNeeded == 0 || h.errorString.isEmpty() || fileSize >= 0)
                __builtin_trap();  // with the whole file in hand, more bytes cannot exist
            break;
        case Insight::GgufHeader::Status::Invalid:
            if (h.errorString.isEmpty())
                __builtin_trap();
            break;
        }
    }
    return 0;
}
