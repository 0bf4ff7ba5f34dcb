#pragma once

#include "fileinsight.h"
#include "machinememory.h"

namespace Insight {

// Will a GGUF run here? The weights (the files' size), the KV cache llama.cpp allocates for the
// chosen context (f16 keys and values: 2 × layers × context × head size × KV heads × 2 bytes)
// and a fixed allowance for compute buffers and the GPU context, against this machine's memory.
struct FitEstimate
{
    enum class Verdict
    {
        Unknown,    // the header's shape is not known (no insight yet)
        FitsGpu,    // everything in the GPU's memory
        GpuAndRam,  // some layers in the GPU, the rest in RAM (slower)
        FitsRam,    // no GPU memory reported: all in RAM
        TooBig,     // more than the GPU and the free RAM together
    };
    static constexpr qint64 kOverhead = 300LL * 1024 * 1024;
    static constexpr double kUsable = 0.95;  // of the GPU's memory; the desktop keeps some

    Verdict verdict = Verdict::Unknown;
    qint64 weights = 0;
    qint64 kvCache = 0;
    qint64 needed = 0;  // weights + KV cache + overhead
    quint64 context = 0;

    static qint64 kvCacheBytes(const FileInsight &shape, quint64 context);
    // `context` 0: the model's own context length, at most kDefaultContext.
    static FitEstimate estimate(const FileInsight &shape, qint64 weights, const MachineMemory &machine,
                                quint64 context = 0);
    static constexpr quint64 kDefaultContext = 8192;

    // Without a header (the download default of a model row): the weights and the allowance
    // fit in the GPU and the free RAM together.
    static bool weightsFit(qint64 weights, const MachineMemory &machine);

    QString badge() const;     // "Fits in GPU", "GPU + RAM", "Fits in RAM", "Too big for this machine"
    QString describe() const;  // "Needs 1.3 GiB at 8,192 tokens of context (weights 0.8 GiB, KV cache 256 MiB)"
};

}  // namespace Insight
