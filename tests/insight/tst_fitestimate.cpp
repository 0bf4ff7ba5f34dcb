// Will it fit: the KV cache and the verdicts against hand-computed examples, the machine's
// memory read from a folder laid out like /proc and /sys, and the recommended quantization.
#include "catalog/variantinference.h"
#include "insight/fitestimate.h"
#include "insight/machinememory.h"
#include "testfiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Insight;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 GiB = 1024 * MiB;

// Llama 3.2 1B and 3B as their GGUF headers say.
FileInsight llama(quint64 layers, quint64 embedding, quint64 heads)
{
    FileInsight shape;
    shape.format = FileInsight::Format::Gguf;
    shape.blockCount = layers;
    shape.embeddingLength = embedding;
    shape.headCount = heads;
    shape.headCountKv = 8;
    shape.contextLength = 131072;
    return shape;
}

MachineMemory machine(qint64 ramAvailable, qint64 gpu)
{
    MachineMemory m;
    m.ramTotal = ramAvailable * 2;
    m.ramAvailable = ramAvailable;
    m.gpuTotal = gpu;
    m.gpuName = gpu > 0 ? u"test GPU"_s : QString();
    return m;
}

Catalog::VariantRecord variant(const QString &name, qint64 size)
{
    Catalog::VariantRecord v;
    v.name = name;
    v.kind = u"quantization"_s;
    Catalog::FileRecord f;
    f.path = u"model."_s + name + u".gguf"_s;
    f.size = size;
    v.files << f;
    return v;
}
}  // namespace

class TestFitEstimate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theKvCacheIsWhatLlamaCppAllocates()
    {
        // 1B: 16 layers, 2048 wide, 32 heads of 64, 8 KV heads. K and V, f16, 8,192 positions:
        // 2 × 16 × 8192 × 64 × 8 × 2 = 256 MiB (llama.cpp prints "KV self size = 256.00 MiB").
        QCOMPARE(FitEstimate::kvCacheBytes(llama(16, 2048, 32), 8192), 256 * MiB);
        // 3B: 28 layers, 3072 wide, 24 heads of 128, 8 KV heads, 4,096 positions: 448 MiB.
        QCOMPARE(FitEstimate::kvCacheBytes(llama(28, 3072, 24), 4096), 448 * MiB);
        // Without grouped-query attention every head keeps its keys and values.
        FileInsight mha = llama(4, 768, 16);
        mha.headCountKv = 0;
        QCOMPARE(FitEstimate::kvCacheBytes(mha, 2048), qint64(2) * 4 * 2048 * 48 * 16 * 2);
    }

    void theVerdictComparesWeightsCacheAndBuffersWithTheMachine()
    {
        const FileInsight oneB = llama(16, 2048, 32);
        // Q4_K_M of the 1B is 771 MiB: 771 + 256 + 300 = 1,327 MiB.
        const qint64 weights = 771 * MiB;
        FitEstimate fit = FitEstimate::estimate(oneB, weights, machine(16 * GiB, 8 * GiB));
        QCOMPARE(fit.context, quint64(8192));  // the model's 131,072, capped
        QCOMPARE(fit.needed, 1327 * MiB);
        QCOMPARE(fit.verdict, FitEstimate::Verdict::FitsGpu);
        QCOMPARE(fit.badge(), u"Fits in GPU"_s);
        // A 1 GiB GPU holds 972.8 MiB of it: the rest goes to RAM.
        QCOMPARE(FitEstimate::estimate(oneB, weights, machine(16 * GiB, 1 * GiB)).verdict,
                 FitEstimate::Verdict::GpuAndRam);
        QCOMPARE(FitEstimate::estimate(oneB, weights, machine(2 * GiB, 0)).verdict, FitEstimate::Verdict::FitsRam);
        QCOMPARE(FitEstimate::estimate(oneB, weights, machine(1 * GiB, 0)).verdict, FitEstimate::Verdict::TooBig);
        // The full context: 131,072 positions are 4 GiB of cache.
        fit = FitEstimate::estimate(oneB, weights, machine(16 * GiB, 4 * GiB), 131072);
        QCOMPARE(fit.kvCache, 4 * GiB);
        QCOMPARE(fit.verdict, FitEstimate::Verdict::GpuAndRam);
        // No shape, no verdict.
        QCOMPARE(FitEstimate::estimate(FileInsight(), weights, machine(16 * GiB, 8 * GiB)).verdict,
                 FitEstimate::Verdict::Unknown);
    }

    void theMachineIsReadFromProcAndSys()
    {
        QTemporaryDir root;
        QVERIFY(TestFiles::write(root.filePath(u"proc/meminfo"_s),
                                 "MemTotal:       32768000 kB\nMemFree:         1000000 kB\n"
                                 "MemAvailable:   24576000 kB\nBuffers:          100 kB\n"));
        QVERIFY(TestFiles::write(root.filePath(u"sys/class/drm/card0/device/mem_info_vram_total"_s), "536870912\n"));
        QVERIFY(TestFiles::write(root.filePath(u"sys/class/drm/card1/device/mem_info_vram_total"_s), "17163091968\n"));
        QVERIFY(TestFiles::write(root.filePath(u"sys/class/drm/card1-DP-1/status"_s), "connected\n"));
        const MachineMemory m = MachineMemory::read(root.path(), {});
        QCOMPARE(m.ramTotal, qint64(32768000) * 1024);
        QCOMPARE(m.ramAvailable, qint64(24576000) * 1024);
        QCOMPARE(m.gpuTotal, qint64(17163091968));  // the larger card
        QCOMPARE(m.gpuName, u"card1"_s);
        QVERIFY2(m.describe().contains(u"GPU 16.0 GiB"_s), qPrintable(m.describe()));

        QTemporaryDir bare;
        const MachineMemory none = MachineMemory::read(bare.path(), {});
        QCOMPARE(none.ramTotal, qint64(0));
        QCOMPARE(none.gpuTotal, qint64(0));
        QVERIFY(none.describe().contains(u"no GPU memory reported"_s));
    }

    void theRecommendationIsTheUsualChoiceAmongWhatFits()
    {
        const QList<Catalog::VariantRecord> variants{variant(u"Q2_K"_s, 3 * GiB), variant(u"Q4_K_M"_s, 5 * GiB),
                                                     variant(u"Q8_0"_s, 9 * GiB)};
        const FileInsight shape = llama(32, 4096, 32);
        auto recommend = [&](const MachineMemory &m) {
            return Catalog::VariantInference::recommendedVariant(variants, [&](int i) {
                return FitEstimate::estimate(shape, variants.at(i).totalSize(), m).verdict !=
                       FitEstimate::Verdict::TooBig;
            });
        };
        QCOMPARE(recommend(machine(32 * GiB, 12 * GiB)), 1);  // Q4_K_M
        QCOMPARE(recommend(machine(5 * GiB, 0)), 0);          // only Q2_K fits
        QCOMPARE(recommend(machine(1 * GiB, 0)), 0);          // nothing fits: the smallest
        QVERIFY(FitEstimate::weightsFit(5 * GiB, machine(6 * GiB, 0)));
        QVERIFY(!FitEstimate::weightsFit(9 * GiB, machine(6 * GiB, 0)));
        QVERIFY(FitEstimate::weightsFit(9 * GiB, MachineMemory()));  // unknown machine: no refusal
    }
};

QTEST_GUILESS_MAIN(TestFitEstimate)
#include "tst_fitestimate.moc"
