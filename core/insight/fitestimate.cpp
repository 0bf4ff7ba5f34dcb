#include "fitestimate.h"

#include "download/types.h"

#include <QCoreApplication>
#include <QLocale>

namespace Insight {

qint64 FitEstimate::kvCacheBytes(const FileInsight &shape, quint64 context)
{
    if (shape.blockCount == 0 || shape.embeddingLength == 0 || shape.headCount == 0)
        return 0;
    const quint64 kvHeads = shape.headCountKv > 0 ? shape.headCountKv : shape.headCount;
    const quint64 headSize = shape.embeddingLength / shape.headCount;
    // Keys and values, f16 (2 bytes), every layer, every position of the context.
    return qint64(2 * shape.blockCount * context * headSize * kvHeads * 2);
}

FitEstimate FitEstimate::estimate(const FileInsight &shape, qint64 weights, const MachineMemory &machine,
                                  quint64 context)
{
    FitEstimate fit;
    fit.weights = weights;
    if (shape.format != FileInsight::Format::Gguf || shape.blockCount == 0)
        return fit;
    fit.context = context > 0
                      ? context
                      : (shape.contextLength > 0 ? qMin(shape.contextLength, kDefaultContext) : kDefaultContext);
    fit.kvCache = kvCacheBytes(shape, fit.context);
    fit.needed = weights + fit.kvCache + kOverhead;
    const qint64 gpu = qint64(double(machine.gpuTotal) * kUsable);
    const qint64 ram = machine.ramAvailable > 0 ? machine.ramAvailable : machine.ramTotal * 8 / 10;
    if (machine.gpuTotal > 0 && fit.needed <= gpu)
        fit.verdict = Verdict::FitsGpu;
    else if (fit.needed <= gpu + ram)
        fit.verdict = machine.gpuTotal > 0 ? Verdict::GpuAndRam : Verdict::FitsRam;
    else
        fit.verdict = Verdict::TooBig;
    return fit;
}

bool FitEstimate::weightsFit(qint64 weights, const MachineMemory &machine)
{
    if (machine.ramTotal <= 0 && machine.gpuTotal <= 0)
        return true;  // nothing known: no reason to refuse
    const qint64 ram = machine.ramAvailable > 0 ? machine.ramAvailable : machine.ramTotal * 8 / 10;
    return weights + kOverhead <= qint64(double(machine.gpuTotal) * kUsable) + ram;
}

QString FitEstimate::badge() const
{
    switch (verdict) {
    case Verdict::FitsGpu:
        return QCoreApplication::translate("Insight", "Fits in GPU");
    case Verdict::GpuAndRam:
        return QCoreApplication::translate("Insight", "GPU + RAM");
    case Verdict::FitsRam:
        return QCoreApplication::translate("Insight", "Fits in RAM");
    case Verdict::TooBig:
        return QCoreApplication::translate("Insight", "Too big for this machine");
    case Verdict::Unknown:
        break;
    }
    return {};
}

QString FitEstimate::describe() const
{
    if (verdict == Verdict::Unknown)
        return {};
    return QCoreApplication::translate("Insight",
                                       "Needs %1 at %2 tokens of context (weights %3, KV cache %4, buffers %5)")
        .arg(Download::formatBytes(needed), QLocale().toString(context), Download::formatBytes(weights),
             Download::formatBytes(kvCache), Download::formatBytes(kOverhead));
}

}  // namespace Insight
