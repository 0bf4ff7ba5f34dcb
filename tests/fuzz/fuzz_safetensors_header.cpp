// libFuzzer target: Insight::SafetensorsHeader over the first bytes of a file, once with the
// file's size unknown (the caller fetched a prefix) and once with the bytes as the whole file.
#include "insight/safetensorsheader.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const qint64 fileSize : {qint64(-1), qint64(size)}) {
        const Insight::SafetensorsHeader h = Insight::SafetensorsHeader::parse(bytes, fileSize);
        switch (h.status) {
        case Insight::SafetensorsHeader::Status::Complete:
            if (h.headerSize > size || !h.errorString.isEmpty() || h.triggerWords.size() > 10)
                __builtin_trap();
            break;
        case Insight::SafetensorsHeader::Status::NeedMoreBytes:
            if (h.bytesNeeded == 0 || h.errorString.isEmpty() || fileSize >= 0)
                __builtin_trap();
            break;
        case Insight::SafetensorsHeader::Status::Invalid:
            if (h.errorString.isEmpty())
                __builtin_trap();
            break;
        }
    }
    return 0;
}
