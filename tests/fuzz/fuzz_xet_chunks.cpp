// libFuzzer target: Xet::ChunkDecoder over xorb bytes from the network. The first two bytes
// pick a slice length and the skip/limit, so odd slicing and trimming are explored too; the
// rest is the xorb range. Whatever the input, every emitted chunk is at most 128 KiB, a failed
// decoder says why, and decoding in one slice and in small slices agree.
#include "xet/chunkdecoder.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

namespace {

struct Run
{
    bool ok = false;
    QByteArray bytes;
    quint32 chunks = 0;
};

Run decode(QByteArrayView xorb, qsizetype slice, quint32 skip, quint32 limit)
{
    Xet::ChunkDecoder decoder(skip, limit);
    Run run;
    const Xet::ChunkDecoder::Sink sink = [&](quint32, QByteArrayView bytes) {
        if (bytes.isEmpty() || bytes.size() > qsizetype(Xet::ChunkDecoder::kMaxChunkSize))
            __builtin_trap();
        run.bytes.append(bytes);
        ++run.chunks;
        return true;
    };
    run.ok = true;
    for (qsizetype at = 0; at < xorb.size() && run.ok; at += slice)
        run.ok = decoder.feed(xorb.sliced(at, qMin(slice, xorb.size() - at)), sink);
    run.ok = run.ok && decoder.end();
    if (run.ok != !decoder.hasFailed() || (!run.ok && decoder.errorString().isEmpty()))
        __builtin_trap();
    if (limit != Xet::ChunkDecoder::kNoLimit && run.chunks > limit)
        __builtin_trap();
    return run;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const qsizetype slice = 1 + data[0] % 64;
    const quint32 skip = data[1] & 0x3;
    const quint32 limit = (data[1] >> 2) == 0 ? Xet::ChunkDecoder::kNoLimit : quint32(data[1] >> 2);
    const QByteArrayView xorb(reinterpret_cast<const char *>(data) + 2, qsizetype(size) - 2);
    const Run whole = decode(xorb, qMax<qsizetype>(1, xorb.size()), skip, limit);
    const Run sliced = decode(xorb, slice, skip, limit);
    if (whole.ok != sliced.ok || (whole.ok && whole.bytes != sliced.bytes))
        __builtin_trap();  // slicing must never change the outcome
    return 0;
}
