// `modeldock-cli show MODEL --insight` as a person runs it against the test hub, whose GGUF
// and LoRA files carry headers as llama.cpp and kohya's sd-scripts write them: the facts
// printed, how few bytes and range requests it took, the cache, and the memory verdicts for a
// pretend machine (MODELDOCK_MACHINE_ROOT: a folder laid out like /proc and /sys).
#include "clirun.h"
#include "testfiles.h"
#include "testhub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliInsight : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    QTemporaryDir m_dir;

    QProcessEnvironment environment(const QString &machine = u"gpu512"_s) const
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(u"HF_HUB_CACHE"_s, m_dir.filePath(u"hub"_s));
        env.insert(u"MODELDOCK_DATA_DIR"_s, m_dir.filePath(u"data"_s));
        env.insert(u"MODELDOCK_LIBRARY"_s, m_dir.filePath(u"library"_s));
        env.insert(u"HF_ENDPOINT"_s, m_hub.hfUrl().toString());
        env.insert(u"MODELDOCK_CIVITAI_ENDPOINT"_s, m_hub.civitaiUrl().toString());
        env.insert(u"MODELDOCK_MACHINE_ROOT"_s, m_dir.filePath(machine));
        return env;
    }

    // Requests for one file's bytes at the storage host (where /resolve redirects).
    int storageReads()
    {
        int n = 0;
        for (const QJsonValue &r : m_hub.requests(u"storage"_s))
            n += r[u"path"_s].toString().contains(u"/"_s) ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        // A machine with 2 GiB of free RAM and a 512 MiB GPU; and a small one without a GPU.
        QVERIFY(TestFiles::write(m_dir.filePath(u"gpu512/proc/meminfo"_s),
                                 "MemTotal: 4194304 kB\nMemAvailable: 2097152 kB\n"));
        QVERIFY(TestFiles::write(m_dir.filePath(u"gpu512/sys/class/drm/card0/device/mem_info_vram_total"_s),
                                 "536870912\n"));
        QVERIFY(
            TestFiles::write(m_dir.filePath(u"tiny/proc/meminfo"_s), "MemTotal: 524288 kB\nMemAvailable: 204800 kB\n"));
    }

    void aLargeGgufHeaderIsReadWithTwoRangeRequests()
    {
        m_hub.reset();
        const Cli::Result r = Cli::run(
            {u"show"_s, u"cortexso/qwen2.5"_s, u"--insight"_s, u"--variant"_s, u"1.5b-gguf-q4-km"_s}, environment());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        // The header holds Qwen's 151,936 tokens (2.4 MiB): a first read of 2 MiB, then the rest.
        QVERIFY2(r.out.contains(u"insight of 1.5b-gguf-q4-km (read 3.0 MiB in 2 range requests)\n"_s),
                 qPrintable(r.out));
        for (const QString &line :
             {u"  Architecture:    qwen2\n"_s, u"  Quantization:    Q4_K_M\n"_s, u"  Context length:  32,768\n"_s,
              u"  Layers:          28\n"_s, u"  Embedding size:  1,536\n"_s,
              u"  Attention heads: 12 (2 for keys and values)\n"_s, u"  Chat template:   yes\n"_s,
              u"  Tokenizer:       gpt2, 151,936 tokens\n"_s})
            QVERIFY2(r.out.contains(line), qPrintable(u"missing: "_s + line + u"\n"_s + r.out));
        QCOMPARE(storageReads(), 2);

        // Again: from the catalog's cache, no byte fetched.
        m_hub.reset();
        const Cli::Result again = Cli::run(
            {u"--json"_s, u"show"_s, u"cortexso/qwen2.5"_s, u"--insight"_s, u"--variant"_s, u"1.5b-gguf-q4-km"_s},
            environment());
        QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
        QCOMPARE(storageReads(), 0);
        const QJsonObject insight = QJsonDocument::fromJson(again.out.trimmed().split(u'\n').last().toUtf8()).object();
        QCOMPARE(insight[u"event"_s].toString(), u"insight"_s);
        // Embeddings and output 1536 × 151,936 each, 28 layers of 2 norms (1536), q and o
        // (1536²), k and v (1536 × 256) and three FFN matrices (1536 × 8960), one final norm:
        // 2 × 233,373,696 + 28 × 46,795,776 + 1,536.
        QCOMPARE(insight[u"parameterCount"_s].toInteger(), 1777030656);
        QCOMPARE(insight[u"tensorTypes"_s].toObject()[u"Q4_K"_s].toInt(), 141);  // q, k, o, gate, up × 28 + token_embd
        QCOMPARE(insight[u"tensorTypes"_s].toObject()[u"Q6_K"_s].toInt(), 57);   // v, down × 28 + output
        QCOMPARE(insight[u"tensorTypes"_s].toObject()[u"F32"_s].toInt(), 57);
    }

    void eachVariantIsWeighedAgainstThisMachine()
    {
        const Cli::Result r = Cli::run({u"show"_s, u"cortexso/qwen2.5"_s, u"--insight"_s}, environment());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains(u"this machine: RAM 4.0 GiB (2.0 GiB free), GPU 512.0 MiB (card0)\n"_s),
                 qPrintable(r.out));
        // 0.5b: 2 MiB of weights + 96 MiB of cache at 8,192 tokens + 300 MiB ≤ 95 % of 512 MiB.
        // 1.5b: 3 MiB + 224 MiB + 300 MiB does not fit the GPU alone.
        QVERIFY2(r.out.contains(
                     QRegularExpression(u"  0\\.5b-gguf-q4-km\\s+Fits in GPU\\s+Needs 398\\.0 MiB at 8,192 tokens"_s)),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression(u"  1\\.5b-gguf-q4-km\\s+GPU \\+ RAM\\s+Needs 527\\.0 MiB"_s)),
                 qPrintable(r.out));
        QCOMPARE(r.out.count(u"\u2190 recommended here"_s), 1);

        const Cli::Result tiny = Cli::run(
            {u"show"_s, u"cortexso/qwen2.5"_s, u"--insight"_s, u"--context"_s, u"32768"_s}, environment(u"tiny"_s));
        QVERIFY2(tiny.exitCode == 0, qPrintable(tiny.all()));
        QVERIFY2(
            tiny.out.contains(QRegularExpression(u"1\\.5b-gguf-q4-km\\s+Too big for this machine\\s+Needs 1\\.2 GiB "
                                                 u"at 32,768 tokens"_s)),
            qPrintable(tiny.out));
    }

    void aLorasTrainingMetadataNamesItsTriggerWords()
    {
        m_hub.reset();
        const Cli::Result r =
            Cli::run({u"show"_s, u"civitai:4201"_s, u"--insight"_s, u"--variant"_s, u"v60"_s}, environment());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains(u"  Network:         networks.lora, dim 32, alpha 16.0\n"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"  Base model:      sd_v1\n"_s), qPrintable(r.out));  // v60 is an SD 1.5 LoRA
        QVERIFY2(r.out.contains(u"(read "_s) && r.out.contains(u" in 1 range request)"_s), qPrintable(r.out));
        // ModelSpec's trigger phrase first, then the most frequent tags of the training set.
        QVERIFY2(r.out.contains(u"  Trigger words:   demostyle60, modeldock style, solo, looking at viewer\n"_s),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains(u"this machine:"_s));  // a LoRA is not weighed against memory
    }

    void aSplitGgufIsOneVariantDescribedByAllItsShards()
    {
        m_hub.reset();
        const Cli::Result r =
            Cli::run({u"show"_s, u"modeldock-demo/SmolLM-Split-GGUF"_s, u"--insight"_s, u"--variant"_s, u"Q4_K_M"_s},
                     environment());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        // One variant holding the three shards, beside the single-file Q8_0 (and the README).
        QVERIFY2(r.out.contains(u"  variants:  3\n"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression(u"  - Q4_K_M \\(quantization, 3\\.0 MiB, none\\)"_s)),
                 qPrintable(r.out));
        for (int i = 1; i <= 3; ++i)
            QVERIFY(r.out.contains(u"Q4_K_M/smollm-Q4_K_M-%1-of-00003.gguf"_s.arg(i, 5, 10, QLatin1Char('0'))));
        // Each shard's header once (one range request each); the metadata of the first, the
        // tensors of all: 2 × 576 × 49,152 + 30 × 3,540,096 + 576 parameters.
        QVERIFY2(r.out.contains(u"(read 3.0 MiB in 3 range requests)"_s) || r.out.contains(u" in 3 range requests)"_s),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(u"  Split:           3 files\n"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"  Parameters:      163 M\n"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"  Architecture:    llama\n"_s), qPrintable(r.out));
        QCOMPARE(storageReads(), 3);
    }

    void aServerThatIgnoresRangeIsReadOnlyAsFarAsNeeded()
    {
        m_hub.reset();
        QVERIFY(m_hub.addScenario(QJsonObject{{u"fault"_s, u"ignore_range"_s}, {u"origin"_s, u"storage"_s}}) >= 0);
        const Cli::Result r =
            Cli::run({u"show"_s, u"modeldock-demo/TinyStories-GGUF"_s, u"--insight"_s, u"--variant"_s, u"Q4_K_M"_s},
                     environment());
        m_hub.reset();
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        // A 200 with the whole file: the first 2 MiB are kept, then the transfer is dropped.
        QVERIFY2(r.out.contains(u"insight of Q4_K_M (read 2.0 MiB in 1 range request)\n"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"  Tokenizer:       llama, 32,000 tokens\n"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"  Layers:          4\n"_s), qPrintable(r.out));
    }

    void wrongUsageIsExitTwo()
    {
        for (const QStringList &args :
             {QStringList{u"show"_s, u"cortexso/qwen2.5"_s, u"--variant"_s, u"x"_s},
              QStringList{u"show"_s, u"cortexso/qwen2.5"_s, u"--insight"_s, u"--context"_s, u"many"_s}}) {
            const Cli::Result r = Cli::run(args, environment());
            QVERIFY2(r.exitCode == 2, qPrintable(r.all()));
        }
        const Cli::Result none =
            Cli::run({u"show"_s, u"cortexso/qwen2.5"_s, u"--insight"_s, u"--variant"_s, u"nope"_s}, environment());
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains(u"has no variant \"nope\""_s), qPrintable(none.err));
    }
};

QTEST_GUILESS_MAIN(TestCliInsight)
#include "tst_cliinsight.moc"
