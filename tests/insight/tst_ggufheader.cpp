// Insight::GgufHeader on real GGUF byte streams written here the way llama.cpp's gguf writer
// lays them out: a llama model with a chat template, a 32000-token vocabulary and Q4_K, Q6_K
// and F32 tensors; then the same bytes cut short, and damaged or hostile headers.
#include "insight/ggufheader.h"

#include <QRandomGenerator>
#include <QTest>

#include <cstring>

using namespace Qt::StringLiterals;
using Insight::GgufHeader;

namespace {

enum : quint32
{
    U8 = 0,
    I8,
    U16,
    I16,
    U32,
    I32,
    F32,
    Bool,
    String,
    Array,
    U64,
    I64,
    F64
};
enum : quint32
{
    GgmlF32 = 0,
    GgmlQ4K = 12,
    GgmlQ6K = 14
};

// Writes a GGUF stream (little-endian) field by field; mark() remembers where a field starts.
class GgufWriter
{
public:
    QByteArray bytes;

    void u8(quint8 v) { bytes.append(char(v)); }
    void u16(quint16 v) { raw(&v, 2); }
    void u32(quint32 v) { raw(&v, 4); }
    void u64(quint64 v) { raw(&v, 8); }
    void f32(float v) { raw(&v, 4); }
    void f64(double v) { raw(&v, 8); }
    void str(const QByteArray &s)
    {
        u64(quint64(s.size()));
        bytes.append(s);
    }
    void start(quint32 version, quint64 tensors, quint64 kvs)
    {
        bytes.append("GGUF");
        u32(version);
        u64(tensors);
        u64(kvs);
    }
    void key(const QByteArray &k, quint32 type)
    {
        str(k);
        u32(type);
    }
    void kvU32(const QByteArray &k, quint32 v)
    {
        key(k, U32);
        u32(v);
    }
    void kvString(const QByteArray &k, const QByteArray &v)
    {
        key(k, String);
        str(v);
    }
    void tensor(const QByteArray &name, const QList<quint64> &dims, quint32 type, quint64 offset)
    {
        str(name);
        u32(quint32(dims.size()));
        for (quint64 d : dims)
            u64(d);
        u32(type);
        u64(offset);
    }
    qsizetype mark() const { return bytes.size(); }

private:
    void raw(const void *v, int n)  // the test machines are little-endian, as GGUF is
    {
        bytes.append(static_cast<const char *>(v), n);
    }
};

const QByteArray chatTemplate =
    "{% for message in messages %}<|{{ message['role'] }}|>\n{{ message['content'] }}</s>\n{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>\n{% endif %}";

struct Llama
{
    QByteArray bytes;
    qsizetype templateAt = 0;  // the chat template's length field
    qsizetype tokensAt = 0;    // the vocabulary array's first string
    qsizetype firstDimAt = 0;  // the first tensor's first dimension
    quint64 parameters = 0;
};

// A TinyLlama-shaped header: 21 keys, 6 tensors.
Llama llamaHeader(quint32 version)
{
    Llama l;
    GgufWriter w;
    const QList<std::pair<QByteArray, QList<quint64>>> q4 = {{"token_embd.weight", {2048, 32000}},
                                                             {"blk.0.attn_q.weight", {2048, 2048}}};
    const QList<std::pair<QByteArray, QList<quint64>>> q6 = {{"blk.0.ffn_down.weight", {5632, 2048}},
                                                             {"output.weight", {2048, 32000}}};
    const QList<std::pair<QByteArray, QList<quint64>>> f32 = {{"blk.0.attn_norm.weight", {2048}},
                                                              {"output_norm.weight", {2048}}};
    w.start(version, 6, 21);
    w.kvString("general.architecture", "llama");
    w.kvString("general.name", "TinyLlama 1.1B Chat v1.0");
    w.kvU32("general.file_type", 15);
    w.kvU32("general.alignment", 32);
    w.kvU32("llama.context_length", 2048);
    w.kvU32("llama.embedding_length", 2048);
    w.kvU32("llama.block_count", 22);
    w.kvU32("llama.attention.head_count", 32);
    w.kvU32("llama.attention.head_count_kv", 4);
    w.key("llama.rope.freq_base", F32);
    w.f32(10000.0f);
    w.key("llama.attention.layer_norm_rms_epsilon", F64);
    w.f64(1e-5);
    w.kvString("tokenizer.ggml.model", "llama");
    w.key("tokenizer.ggml.tokens", Array);
    w.u32(String);
    w.u64(32000);
    l.tokensAt = w.mark();
    for (int i = 0; i < 32000; ++i)
        w.str(i == 0   ? QByteArray("<unk>")
              : i == 1 ? QByteArray("<s>")
              : i == 2 ? QByteArray("</s>")
                       : "tok" + QByteArray::number(i));
    w.key("tokenizer.ggml.scores", Array);
    w.u32(F32);
    w.u64(32000);
    for (int i = 0; i < 32000; ++i)
        w.f32(-float(i));
    w.key("tokenizer.ggml.token_type", Array);
    w.u32(I32);
    w.u64(32000);
    for (int i = 0; i < 32000; ++i)
        w.u32(i < 3 ? 3 : 1);
    w.key("tokenizer.ggml.add_bos_token", Bool);
    w.u8(1);
    w.key("tokenizer.chat_template", String);
    l.templateAt = w.mark();
    w.str(chatTemplate);
    w.key("split.no", U16);
    w.u16(1);
    w.key("split.count", U16);
    w.u16(3);
    w.key("test.nested", Array);  // an array of arrays of u8 and one of strings
    w.u32(Array);
    w.u64(2);
    w.u32(U8);
    w.u64(3);
    w.u8(1), w.u8(2), w.u8(3);
    w.u32(String);
    w.u64(1);
    w.str("x");
    w.key("test.signed", I64);
    w.u64(quint64(-5));
    int written = 0;
    quint64 offset = 0;
    for (const auto &group : {std::pair{q4, GgmlQ4K}, std::pair{q6, GgmlQ6K}, std::pair{f32, GgmlF32}}) {
        for (const auto &[name, dims] : group.first) {
            if (written++ == 0)
                l.firstDimAt = w.mark() + 8 + name.size() + 4;
            w.tensor(name, dims, group.second, offset);
            quint64 n = 1;
            for (quint64 d : dims)
                n *= d;
            l.parameters += n;
            offset += 32 * 1024;
        }
    }
    l.bytes = w.bytes;
    return l;
}

QByteArray headerStart(quint32 version, quint64 tensors, quint64 kvs)
{
    GgufWriter w;
    w.start(version, tensors, kvs);
    return w.bytes;
}

}  // namespace

class TestGgufHeader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aLlamaHeaderGivesEveryField_data()
    {
        QTest::addColumn<quint32>("version");
        QTest::newRow("version 3") << 3u;
        QTest::newRow("version 2 reads the same") << 2u;
    }
    void aLlamaHeaderGivesEveryField()
    {
        QFETCH(quint32, version);
        const Llama l = llamaHeader(version);
        QByteArray file = l.bytes;
        file.append(QByteArray(100, '\0'));  // the tensor data follows the header
        const GgufHeader h = GgufHeader::parse(file, file.size());
        QVERIFY2(h.isComplete(), qPrintable(h.errorString));
        QVERIFY(h.errorString.isEmpty());
        QCOMPARE(h.bytesNeeded, 0u);
        QCOMPARE(h.version, version);
        QCOMPARE(h.tensorCount, 6u);
        QCOMPARE(h.metadataCount, 21u);
        QCOMPARE(h.architecture, u"llama"_s);
        QCOMPARE(h.name, u"TinyLlama 1.1B Chat v1.0"_s);
        QCOMPARE(h.parameterCount, l.parameters);
        QCOMPARE(h.parameterCount, 2u * 2048 * 32000 + 2048u * 2048 + 5632u * 2048 + 2u * 2048);
        QCOMPARE(h.contextLength, 2048u);
        QCOMPARE(h.embeddingLength, 2048u);
        QCOMPARE(h.blockCount, 22u);
        QCOMPARE(h.headCount, 32u);
        QCOMPARE(h.headCountKv, 4u);
        QCOMPARE(h.fileType, 15);
        QCOMPARE(h.fileTypeName, u"Q4_K_M"_s);
        const QMap<QString, int> types = {{u"Q4_K"_s, 2}, {u"Q6_K"_s, 2}, {u"F32"_s, 2}};
        QCOMPARE(h.tensorTypes, types);
        QVERIFY(h.hasChatTemplate);
        QCOMPARE(h.metadata.value(u"tokenizer.chat_template"_s).toString(), QString::fromUtf8(chatTemplate));
        QCOMPARE(h.tokenizerModel, u"llama"_s);
        QCOMPARE(h.vocabularySize, 32000u);
        QCOMPARE(h.splitNo, 1);
        QCOMPARE(h.splitCount, 3);
        QCOMPARE(h.alignment, 32u);
        QCOMPARE(h.headerSize, quint64(l.bytes.size()));
        QCOMPARE(h.dataOffset, (quint64(l.bytes.size()) + 31) / 32 * 32);
        QCOMPARE(h.metadata.value(u"llama.rope.freq_base"_s).toDouble(), 10000.0);
        QCOMPARE(h.metadata.value(u"tokenizer.ggml.add_bos_token"_s).toBool(), true);
        QCOMPARE(h.metadata.value(u"test.signed"_s).toLongLong(), -5);
        QVERIFY(!h.metadata.contains(u"tokenizer.ggml.tokens"_s));  // arrays are not kept
        // The buffer may end exactly where the header does.
        QVERIFY(GgufHeader::parse(l.bytes).isComplete());
    }

    void aFileWithoutOptionalKeysLeavesTheirFieldsEmpty()
    {
        GgufWriter w;
        w.start(3, 1, 1);
        w.kvString("general.architecture", "qwen2");
        w.tensor("output.weight", {896, 151936}, 30, 0);  // BF16
        const GgufHeader h = GgufHeader::parse(w.bytes);
        QVERIFY2(h.isComplete(), qPrintable(h.errorString));
        QCOMPARE(h.architecture, u"qwen2"_s);
        QCOMPARE(h.contextLength, 0u);
        QCOMPARE(h.fileType, -1);
        QVERIFY(h.fileTypeName.isEmpty());
        QVERIFY(!h.hasChatTemplate);
        QCOMPARE(h.splitCount, 0);
        QCOMPARE(h.splitNo, -1);
        QCOMPARE(h.tensorTypes.value(u"BF16"_s), 1);
        QCOMPARE(h.dataOffset, (quint64(w.bytes.size()) + 31) / 32 * 32);
    }

    void perLayerHeadCountsGiveTheLargest()
    {
        GgufWriter w;
        w.start(3, 0, 2);
        w.kvString("general.architecture", "openelm");
        w.key("openelm.attention.head_count", Array);
        w.u32(U32);
        w.u64(3);
        w.u32(12), w.u32(20), w.u32(16);
        const GgufHeader h = GgufHeader::parse(w.bytes);
        QVERIFY2(h.isComplete(), qPrintable(h.errorString));
        QCOMPARE(h.headCount, 20u);
        QCOMPARE(h.parameterCount, 0u);
    }

    void aCutHeaderAsksForTheBytesItsNextFieldNeeds_data()
    {
        const Llama l = llamaHeader(3);
        QTest::addColumn<qsizetype>("cut");
        QTest::addColumn<quint64>("needed");
        QTest::newRow("nothing read yet needs the magic") << qsizetype(0) << 4ull;
        QTest::newRow("half the magic needs its rest") << qsizetype(2) << 2ull;
        QTest::newRow("inside the tensor count") << qsizetype(10) << 6ull;
        QTest::newRow("inside the chat template") << l.templateAt + 8 + 5 << quint64(chatTemplate.size() - 5);
        QTest::newRow("at a token's length") << l.tokensAt + 3 << 5ull;
        QTest::newRow("inside a token") << l.tokensAt + 8 + 2 << 3ull;  // "<unk>"
        QTest::newRow("inside a tensor's dimension") << l.firstDimAt + 1 << 7ull;
        QTest::newRow("one byte short of the last tensor's offset") << l.bytes.size() - 1 << 1ull;
    }
    void aCutHeaderAsksForTheBytesItsNextFieldNeeds()
    {
        QFETCH(qsizetype, cut);
        QFETCH(quint64, needed);
        const QByteArray file = llamaHeader(3).bytes;
        const GgufHeader h = GgufHeader::parse(QByteArrayView(file).first(cut));
        QCOMPARE(h.status, GgufHeader::Status::NeedMoreBytes);
        QCOMPARE(h.bytesNeeded, needed);
        QVERIFY(h.errorString.endsWith(u'.'));
        QVERIFY(h.architecture.isEmpty());
        // Fetching what it asked for always gets further.
        const GgufHeader next = GgufHeader::parse(QByteArrayView(file).first(cut + qsizetype(needed)));
        QVERIFY(next.isComplete() || next.status == GgufHeader::Status::NeedMoreBytes);
    }

    void fetchingMoreUntilTheHeaderEndsGivesTheWholeHeader()
    {
        // What a caller with HTTP Range does: start with 4 KiB, fetch at least what is asked.
        const QByteArray file = llamaHeader(3).bytes + QByteArray(64 * 1024, '\x7f');
        qsizetype have = 4096;
        int rounds = 0;
        GgufHeader h;
        for (;; ++rounds) {
            h = GgufHeader::parse(QByteArrayView(file).first(qMin(have, file.size())), file.size());
            if (h.status != GgufHeader::Status::NeedMoreBytes)
                break;
            have += qMax<qsizetype>(qsizetype(h.bytesNeeded), have);
        }
        QVERIFY2(h.isComplete(), qPrintable(h.errorString));
        QCOMPARE(h.vocabularySize, 32000u);
        QVERIFY(rounds < 10);
    }

    void aDamagedOrHostileHeaderIsRejectedWithASentence_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("fileSize");
        QTest::addColumn<QString>("says");
        QTest::newRow("not GGUF") << QByteArray("PK\x03\x04 a zip file, not a model") << qint64(-1)
                                  << u"not a GGUF file"_s;
        QTest::newRow("two bytes that cannot become GGUF") << QByteArray("GX") << qint64(-1) << u"not a GGUF file"_s;
        QTest::newRow("big-endian") << QByteArray("GGUF\0\0\0\x03", 8) + QByteArray(16, '\0') << qint64(-1)
                                    << u"big-endian"_s;
        QTest::newRow("version 1") << headerStart(1, 0, 0) << qint64(-1) << u"version 1"_s;
        QTest::newRow("version 7") << headerStart(7, 0, 0) << qint64(-1) << u"unknown version 7"_s;
        QTest::newRow("a trillion tensors") << headerStart(3, 1ull << 40, 0) << qint64(-1) << u"tensors"_s;
        QTest::newRow("more tensors than the file holds") << headerStart(3, 1000, 0) << qint64(1024) << u"tensors"_s;
        QTest::newRow("2^64-1 keys") << headerStart(3, 0, ~0ull) << qint64(-1) << u"metadata keys"_s;

        GgufWriter key;
        key.start(3, 0, 1);
        key.u64(1ull << 62);
        QTest::newRow("a key of 2^62 bytes") << key.bytes << qint64(-1) << u"key of"_s;

        GgufWriter past;
        past.start(3, 0, 1);
        past.key("general.name", String);
        past.u64(5000);
        past.bytes.append("TinyLlama");
        QTest::newRow("a string past the end of the file")
            << past.bytes << qint64(past.bytes.size()) << u"past the end"_s;

        GgufWriter huge;
        huge.start(3, 0, 1);
        huge.key("general.name", String);
        huge.u64(~0ull - 4);
        QTest::newRow("a string of 2^64 bytes") << huge.bytes << qint64(-1) << u"longer than"_s;

        GgufWriter array;
        array.start(3, 0, 1);
        array.key("tokenizer.ggml.tokens", Array);
        array.u32(String);
        array.u64(1ull << 60);
        QTest::newRow("an array of 2^60 strings") << array.bytes << qint64(-1) << u"elements"_s;

        GgufWriter type;
        type.start(3, 0, 1);
        type.key("general.name", 13);
        QTest::newRow("an unknown value type") << type.bytes << qint64(-1) << u"unknown value type 13"_s;

        GgufWriter deep;
        deep.start(3, 0, 1);
        deep.key("test.deep", Array);
        for (int i = 0; i < 6; ++i) {
            deep.u32(Array);
            deep.u64(1);
        }
        QTest::newRow("arrays nested six deep") << deep.bytes << qint64(-1) << u"deeper"_s;

        GgufWriter twice;
        twice.start(3, 0, 2);
        twice.kvString("general.architecture", "llama");
        twice.kvString("general.architecture", "gpt2");
        QTest::newRow("a key twice") << twice.bytes << qint64(-1) << u"appears twice"_s;

        GgufWriter align;
        align.start(3, 0, 1);
        align.kvU32("general.alignment", 24);
        QTest::newRow("an alignment of 24") << align.bytes << qint64(-1) << u"power of two"_s;

        GgufWriter dims;
        dims.start(3, 1, 0);
        dims.tensor("blk.0.attn_q.weight", {1, 2, 3, 4, 5}, GgmlQ4K, 0);
        QTest::newRow("a tensor of five dimensions") << dims.bytes << qint64(-1) << u"5 dimensions"_s;

        GgufWriter product;
        product.start(3, 1, 0);
        product.tensor("token_embd.weight", {1ull << 32, 1ull << 32}, GgmlQ4K, 0);
        QTest::newRow("dimensions whose product overflows") << product.bytes << qint64(-1) << u"overflows"_s;

        GgufWriter negative;
        negative.start(3, 1, 0);
        negative.tensor("token_embd.weight", {~0ull}, GgmlQ4K, 0);
        QTest::newRow("a negative dimension") << negative.bytes << qint64(-1) << u"overflows"_s;

        GgufWriter sum;
        sum.start(3, 3, 0);
        for (int i = 0; i < 3; ++i)
            sum.tensor("t" + QByteArray::number(i), {1ull << 62, 2}, GgmlF32, 0);
        QTest::newRow("tensors whose sum overflows") << sum.bytes << qint64(-1) << u"2^64 parameters"_s;
    }
    void aDamagedOrHostileHeaderIsRejectedWithASentence()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, fileSize);
        QFETCH(QString, says);
        const GgufHeader h = GgufHeader::parse(bytes, fileSize);
        QCOMPARE(h.status, GgufHeader::Status::Invalid);
        QVERIFY2(h.errorString.contains(says), qPrintable(h.errorString));
        QVERIFY(h.errorString.endsWith(u'.'));
        QCOMPARE(h.bytesNeeded, 0u);
    }

    void aStringPastTheBufferOfAnUnknownFileAsksForMore()
    {
        GgufWriter w;
        w.start(3, 0, 1);
        w.key("general.name", String);
        w.u64(5000);
        w.bytes.append("TinyLlama");
        const GgufHeader h = GgufHeader::parse(w.bytes);
        QCOMPARE(h.status, GgufHeader::Status::NeedMoreBytes);
        QCOMPARE(h.bytesNeeded, 5000u - 9);
    }

    void randomlyDamagedHeadersNeverCrash()
    {
        const QByteArray file = llamaHeader(3).bytes;
        QRandomGenerator random(14);
        int verdicts[3] = {0, 0, 0};
        for (int round = 0; round < 300; ++round) {
            QByteArray damaged = file;
            for (int i = 0; i < 4; ++i) {
                // Damage the fixed header, the keys or the tensor infos, not only the vocabulary.
                const qsizetype at = random.bounded(2) ? random.bounded(qsizetype(400))
                                                       : file.size() - 1 - random.bounded(qsizetype(300));
                damaged[at] = char(random.bounded(256));
            }
            const qsizetype cut = random.bounded(damaged.size() + 1);
            const GgufHeader h = GgufHeader::parse(QByteArrayView(damaged).first(cut), random.bounded(2) ? cut : -1);
            ++verdicts[int(h.status)];
            QVERIFY(h.isComplete() ? h.headerSize <= quint64(cut) : !h.errorString.isEmpty());
        }
        qInfo("complete %d, need more %d, invalid %d", verdicts[0], verdicts[1], verdicts[2]);
    }
};

QTEST_GUILESS_MAIN(TestGgufHeader)
#include "tst_ggufheader.moc"
