// Insight::SafetensorsHeader on real safetensors byte streams written here: a kohya SDXL LoRA
// with its ss_* training fields and ModelSpec keys, the same bytes cut short, and damaged or
// hostile headers.
#include "insight/safetensorsheader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using Insight::SafetensorsHeader;

namespace {

// 8 bytes of little-endian length, the JSON, then (here) a little tensor data.
QByteArray safetensors(const QByteArray &json, qsizetype dataBytes = 0)
{
    QByteArray bytes;
    quint64 length = quint64(json.size());
    for (int i = 0; i < 8; ++i, length >>= 8)
        bytes.append(char(length & 0xff));
    return bytes + json + QByteArray(dataBytes, '\0');
}

QByteArray lengthOnly(quint64 length)
{
    QByteArray bytes;
    for (int i = 0; i < 8; ++i, length >>= 8)
        bytes.append(char(length & 0xff));
    return bytes;
}

QJsonObject tensor(const QString &dtype, const QJsonArray &shape, qint64 begin, qint64 end)
{
    return {{u"dtype"_s, dtype}, {u"shape"_s, shape}, {u"data_offsets"_s, QJsonArray{begin, end}}};
}

QByteArray loraJson()
{
    // Two datasets; "1girl" is the most frequent over both, ties are ordered by name.
    const QJsonObject tags{
        {u"10_aurora"_s, QJsonObject{{u"aurora style"_s, 40},
                                     {u"1girl"_s, 30},
                                     {u"solo"_s, 25},
                                     {u"smile"_s, 12},
                                     {u"outdoors"_s, 9},
                                     {u"sky"_s, 8},
                                     {u"night"_s, 7},
                                     {u"stars"_s, 6}}},
        {u"5_extra"_s, QJsonObject{{u"1girl"_s, 20},
                                   {u"long hair"_s, 11},
                                   {u"blue eyes"_s, 10},
                                   {u"dress"_s, 5},
                                   {u" hat "_s, 4},
                                   {u"tree"_s, 3}}},
    };
    QJsonObject root{
        {u"__metadata__"_s,
         QJsonObject{{u"ss_base_model_version"_s, u"sdxl_base_v1-0"_s},
                     {u"ss_network_module"_s, u"networks.lora"_s},
                     {u"ss_network_dim"_s, u"32"_s},
                     {u"ss_network_alpha"_s, u"16.0"_s},
                     {u"ss_resolution"_s, u"(1024, 1024)"_s},
                     {u"ss_output_name"_s, u"aurora_style_xl"_s},
                     {u"ss_num_epochs"_s, u"10"_s},
                     {u"ss_tag_frequency"_s, QString::fromUtf8(QJsonDocument(tags).toJson(QJsonDocument::Compact))},
                     {u"sshs_model_hash"_s, u"8f4d1c0a"_s},
                     {u"modelspec.sai_model_spec"_s, u"1.0.1"_s},
                     {u"modelspec.architecture"_s, u"stable-diffusion-xl-v1-base/lora"_s},
                     {u"modelspec.title"_s, u"Aurora Style XL"_s},
                     {u"modelspec.trigger_phrase"_s, u"aurora style"_s}}},
        {u"lora_unet_down_blocks_0_attn1_to_q.lora_down.weight"_s, tensor(u"F16"_s, {32, 320}, 0, 20480)},
        {u"lora_unet_down_blocks_0_attn1_to_q.lora_up.weight"_s, tensor(u"F16"_s, {320, 32}, 20480, 40960)},
        {u"lora_unet_down_blocks_0_attn1_to_q.alpha"_s, tensor(u"F32"_s, {}, 40960, 40964)},
        {u"lora_te1_text_model_encoder_layers_0_mlp_fc1.lora_down.weight"_s,
         tensor(u"BF16"_s, {32, 768}, 40964, 90116)},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

}  // namespace

class TestSafetensorsHeader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aKohyaLoraGivesItsTrainingFields()
    {
        const QByteArray json = loraJson();
        const QByteArray file = safetensors(json, 90116);
        const SafetensorsHeader h = SafetensorsHeader::parse(file, file.size());
        QVERIFY2(h.isComplete(), qPrintable(h.errorString));
        QVERIFY(h.errorString.isEmpty());
        QCOMPARE(h.headerSize, quint64(8 + json.size()));
        QCOMPARE(h.tensorCount, 4);
        QCOMPARE(h.parameterCount, quint64(32 * 320 * 2 + 1 + 32 * 768));
        const QMap<QString, quint64> parameters = {{u"F16"_s, 20480}, {u"F32"_s, 1}, {u"BF16"_s, 24576}};
        QCOMPARE(h.parametersByDtype, parameters);
        const QMap<QString, int> tensors = {{u"F16"_s, 2}, {u"F32"_s, 1}, {u"BF16"_s, 1}};
        QCOMPARE(h.tensorsByDtype, tensors);
        QCOMPARE(h.metadata.size(), 13);
        QCOMPARE(h.metadata.value(u"ss_num_epochs"_s), u"10"_s);
        QCOMPARE(h.baseModelVersion, u"sdxl_base_v1-0"_s);
        QCOMPARE(h.networkModule, u"networks.lora"_s);
        QCOMPARE(h.networkDim, u"32"_s);
        QCOMPARE(h.networkAlpha, u"16.0"_s);
        QCOMPARE(h.resolution, u"(1024, 1024)"_s);
        QCOMPARE(h.outputName, u"aurora_style_xl"_s);
        const QStringList top = {u"1girl"_s,     u"aurora style"_s, u"solo"_s, u"smile"_s, u"long hair"_s,
                                 u"blue eyes"_s, u"outdoors"_s,     u"sky"_s,  u"night"_s, u"stars"_s};
        QCOMPARE(h.triggerWords, top);
        QCOMPARE(h.specArchitecture, u"stable-diffusion-xl-v1-base/lora"_s);
        QCOMPARE(h.specTitle, u"Aurora Style XL"_s);
        QCOMPARE(h.specTriggerPhrase, u"aurora style"_s);
    }

    void aModelWithoutMetadataHasEmptyTrainingFields()
    {
        const QJsonObject root{{u"model.embed_tokens.weight"_s, tensor(u"BF16"_s, {151936, 896}, 0, 272269312)}};
        const SafetensorsHeader h = SafetensorsHeader::parse(safetensors(QJsonDocument(root).toJson()));
        QVERIFY2(h.isComplete(), qPrintable(h.errorString));
        QCOMPARE(h.parameterCount, 151936u * 896u);
        QVERIFY(h.metadata.isEmpty());
        QVERIFY(h.triggerWords.isEmpty());
        QVERIFY(h.baseModelVersion.isEmpty());
    }

    void aCutHeaderAsksForTheRest_data()
    {
        const qsizetype length = loraJson().size();
        QTest::addColumn<qsizetype>("cut");
        QTest::addColumn<quint64>("needed");
        QTest::newRow("nothing read yet needs the length") << qsizetype(0) << 8ull;
        QTest::newRow("half the length") << qsizetype(5) << 3ull;
        QTest::newRow("the length alone needs the JSON") << qsizetype(8) << quint64(length);
        QTest::newRow("inside the JSON") << qsizetype(8 + 100) << quint64(length - 100);
        QTest::newRow("one byte short") << qsizetype(8 + length - 1) << 1ull;
    }
    void aCutHeaderAsksForTheRest()
    {
        QFETCH(qsizetype, cut);
        QFETCH(quint64, needed);
        const QByteArray file = safetensors(loraJson(), 1000);
        const SafetensorsHeader h = SafetensorsHeader::parse(QByteArrayView(file).first(cut), file.size());
        QCOMPARE(h.status, SafetensorsHeader::Status::NeedMoreBytes);
        QCOMPARE(h.bytesNeeded, needed);
        QVERIFY(h.errorString.endsWith(u'.'));
        // Fetching what it asked for gets the header, or (after the length) its JSON's size.
        const SafetensorsHeader next = SafetensorsHeader::parse(QByteArrayView(file).first(cut + qsizetype(needed)));
        QVERIFY(next.isComplete() || (cut < 8 && next.bytesNeeded == quint64(loraJson().size())));
    }

    void aDamagedOrHostileHeaderIsRejectedWithASentence_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("fileSize");
        QTest::addColumn<QString>("says");
        QTest::newRow("a header over 100 MiB") << lengthOnly(101ull << 20) << qint64(-1) << u"MiB"_s;
        QTest::newRow("a length of 2^64-1") << lengthOnly(~0ull) << qint64(-1) << u"MiB"_s;
        QTest::newRow("a header past the end of the file")
            << lengthOnly(5000) + "{}" << qint64(10) << u"past the end"_s;
        QTest::newRow("an empty header") << lengthOnly(0) << qint64(-1) << u"too short"_s;
        QTest::newRow("not JSON") << safetensors("{\"a\": ") << qint64(-1) << u"not a JSON object"_s;
        QTest::newRow("a JSON array") << safetensors("[1, 2]") << qint64(-1) << u"not a JSON object"_s;
        QTest::newRow("a tensor without dtype")
            << safetensors(R"({"w": {"shape": [2]}})") << qint64(-1) << u"no dtype"_s;
        QTest::newRow("a tensor that is a number") << safetensors(R"({"w": 5})") << qint64(-1) << u"no dtype"_s;
        QTest::newRow("a negative dimension")
            << safetensors(R"({"w": {"dtype": "F16", "shape": [-1]}})") << qint64(-1) << u"whole number"_s;
        QTest::newRow("a fractional dimension")
            << safetensors(R"({"w": {"dtype": "F16", "shape": [1.5]}})") << qint64(-1) << u"whole number"_s;
        QTest::newRow("a dimension past 2^53")
            << safetensors(R"({"w": {"dtype": "F16", "shape": [1e300]}})") << qint64(-1) << u"whole number"_s;
        QTest::newRow("a text dimension")
            << safetensors(R"({"w": {"dtype": "F16", "shape": ["2"]}})") << qint64(-1) << u"whole number"_s;
        QTest::newRow("dimensions whose product overflows")
            << safetensors(R"({"w": {"dtype": "F16", "shape": [1099511627776, 1099511627776]}})") << qint64(-1)
            << u"overflows"_s;
        QTest::newRow("tensors whose sum overflows")
            << safetensors(R"({"a": {"dtype": "F16", "shape": [4503599627370496, 2048]},)"
                           R"( "b": {"dtype": "F16", "shape": [4503599627370496, 2048]}})")
            << qint64(-1) << u"2^64 parameters"_s;
        QTest::newRow("metadata that is a list")
            << safetensors(R"({"__metadata__": ["a"]})") << qint64(-1) << u"__metadata__"_s;
    }
    void aDamagedOrHostileHeaderIsRejectedWithASentence()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, fileSize);
        QFETCH(QString, says);
        const SafetensorsHeader h = SafetensorsHeader::parse(bytes, fileSize);
        QCOMPARE(h.status, SafetensorsHeader::Status::Invalid);
        QVERIFY2(h.errorString.contains(says), qPrintable(h.errorString));
        QVERIFY(h.errorString.endsWith(u'.'));
    }

    void oddMetadataValuesAndTagFrequenciesAreSkipped()
    {
        const QByteArray json =
            R"({"__metadata__": {"format": "pt", "ss_network_dim": 32, "ss_tag_frequency": "not json"},)"
            R"( "w": {"dtype": "F16", "shape": [2, 2], "data_offsets": [0, 8]}})";
        const SafetensorsHeader h = SafetensorsHeader::parse(safetensors(json, 8));
        QVERIFY2(h.isComplete(), qPrintable(h.errorString));
        QCOMPARE(h.metadata.value(u"format"_s), u"pt"_s);
        QVERIFY(!h.metadata.contains(u"ss_network_dim"_s));  // not a string: safetensors writes only strings
        QVERIFY(h.triggerWords.isEmpty());
    }

    void randomlyDamagedHeadersNeverCrash()
    {
        const QByteArray file = safetensors(loraJson(), 64);
        QRandomGenerator random(14);
        for (int round = 0; round < 300; ++round) {
            QByteArray damaged = file;
            for (int i = 0; i < 3; ++i)
                damaged[random.bounded(damaged.size())] = char(random.bounded(256));
            const qsizetype cut = random.bounded(damaged.size() + 1);
            const SafetensorsHeader h =
                SafetensorsHeader::parse(QByteArrayView(damaged).first(cut), random.bounded(2) ? cut : -1);
            QVERIFY(h.isComplete() ? h.headerSize <= quint64(cut) : !h.errorString.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestSafetensorsHeader)
#include "tst_safetensorsheader.moc"
