#include "catalog/variantinference.h"

#include <QTest>

using Catalog::FileRecord;
using Catalog::VariantInference;

class TestVariantInference : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quantizationFromFileName_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("quant");
        QTest::newRow("TheBloke style with dots")
            << QStringLiteral("tinyllama-1.1b-chat.Q4_K_M.gguf") << QStringLiteral("Q4_K_M");
        QTest::newRow("dash separated, lower case")
            << QStringLiteral("llama-3.2-1b-instruct-q8_0.gguf") << QStringLiteral("Q8_0");
        QTest::newRow("importance matrix quant") << QStringLiteral("model-IQ2_XS.gguf") << QStringLiteral("IQ2_XS");
        QTest::newRow("split shards keep their quant")
            << QStringLiteral("big-Q5_K_S-00001-of-00003.gguf") << QStringLiteral("Q5_K_S");
        QTest::newRow("half precision") << QStringLiteral("phi-3-mini.f16.gguf") << QStringLiteral("F16");
        QTest::newRow("bfloat16") << QStringLiteral("model-BF16.gguf") << QStringLiteral("BF16");
        QTest::newRow("a subfolder does not matter") << QStringLiteral("Q4/model.Q4_0.gguf") << QStringLiteral("Q4_0");
        QTest::newRow("a plain model.gguf has none") << QStringLiteral("model.gguf") << QString();
        QTest::newRow("a safetensors file has none") << QStringLiteral("model.Q4_K_M.safetensors") << QString();
        QTest::newRow("letters glued to the quant do not count") << QStringLiteral("xQ4_K_Mx.gguf") << QString();
    }
    void quantizationFromFileName()
    {
        QFETCH(QString, path);
        QFETCH(QString, quant);
        QCOMPARE(VariantInference::ggufQuantization(path), quant);
    }

    void filesGroupIntoQuantizationsAndTheRest()
    {
        const QList<FileRecord> files{{QStringLiteral("a.Q4_K_M.gguf"), 10, {}, {}, {}, false, {}},
                                      {QStringLiteral("a.Q8_0.gguf"), 20, {}, {}, {}, false, {}},
                                      {QStringLiteral("a-Q8_0-00002-of-00002.gguf"), 5, {}, {}, {}, false, {}},
                                      {QStringLiteral("README.md"), 1, {}, {}, {}, false, {}}};
        const auto variants = VariantInference::fromFiles(files, QStringLiteral("main"), QStringLiteral("c"));
        QCOMPARE(variants.size(), 3);
        QCOMPARE(variants.at(0).name, QStringLiteral("Q4_K_M"));
        QCOMPARE(variants.at(1).name, QStringLiteral("Q8_0"));
        QCOMPARE(variants.at(1).files.size(), 2);
        QCOMPARE(variants.at(1).totalSize(), 25);
        QCOMPARE(variants.at(2).kind, QStringLiteral("extra"));
    }

    void quantizationFromBranchName_data()
    {
        QTest::addColumn<QString>("branch");
        QTest::addColumn<QString>("quant");
        QTest::newRow("cortexso writes q4-km") << QStringLiteral("1b-gguf-q4-km") << QStringLiteral("Q4_K_M");
        QTest::newRow("q8-0") << QStringLiteral("3b-gguf-q8-0") << QStringLiteral("Q8_0");
        QTest::newRow("already with underscores") << QStringLiteral("gguf-Q5_K_S") << QStringLiteral("Q5_K_S");
        QTest::newRow("main carries none") << QStringLiteral("main") << QString();
        QTest::newRow("a size alone is no quantization") << QStringLiteral("1b-gguf") << QString();
    }
    void quantizationFromBranchName()
    {
        QFETCH(QString, branch);
        QFETCH(QString, quant);
        QCOMPARE(VariantInference::branchQuantization(branch), quant);
    }

    void theRecommendedVariantIsQ4KMOrTheNearest_data()
    {
        QTest::addColumn<QStringList>("quants");
        QTest::addColumn<QString>("expected");
        QTest::newRow("Q4_K_M when there")
            << QStringList{QStringLiteral("Q2_K"), QStringLiteral("Q4_K_M"), QStringLiteral("Q8_0")}
            << QStringLiteral("Q4_K_M");
        QTest::newRow("another 4-bit before 5-bit")
            << QStringList{QStringLiteral("Q5_K_M"), QStringLiteral("Q4_0")} << QStringLiteral("Q4_0");
        QTest::newRow("5-bit before 3-bit")
            << QStringList{QStringLiteral("Q3_K_M"), QStringLiteral("Q5_K_M")} << QStringLiteral("Q5_K_M");
        QTest::newRow("Q8_0 before Q2_K")
            << QStringList{QStringLiteral("Q2_K"), QStringLiteral("Q8_0")} << QStringLiteral("Q8_0");
        QTest::newRow("anything before full precision")
            << QStringList{QStringLiteral("F32"), QStringLiteral("IQ1_S")} << QStringLiteral("IQ1_S");
    }
    void theRecommendedVariantIsQ4KMOrTheNearest()
    {
        QFETCH(QStringList, quants);
        QFETCH(QString, expected);
        QList<Catalog::VariantRecord> variants;
        for (const QString &q : quants)
            variants << Catalog::VariantRecord{q, QStringLiteral("quantization"), QStringLiteral("main"), {}, {}, {},
                                               {}};
        variants << Catalog::VariantRecord{
            QStringLiteral("other files"), QStringLiteral("extra"), QStringLiteral("main"), {}, {}, {}, {}};
        const int at = VariantInference::recommendedVariant(variants);
        QVERIFY(at >= 0);
        QCOMPARE(variants.at(at).name, expected);
    }

    void branchesAreRecommendedByTheQuantizationInTheirName()
    {
        const QList<Catalog::VariantRecord> variants{
            {QStringLiteral("main"), QStringLiteral("branch"), QStringLiteral("main"), {}, {}, {}, {}},
            {QStringLiteral("1b-gguf-q8-0"), QStringLiteral("branch"), QStringLiteral("1b-gguf-q8-0"), {}, {}, {}, {}},
            {QStringLiteral("1b-gguf-q4-km"),
             QStringLiteral("branch"),
             QStringLiteral("1b-gguf-q4-km"),
             {},
             {},
             {},
             {}},
            {QStringLiteral("3b-gguf-q4-km"),
             QStringLiteral("branch"),
             QStringLiteral("3b-gguf-q4-km"),
             {},
             {},
             {},
             {}}};
        QCOMPARE(VariantInference::recommendedVariant(variants), 2);  // the first Q4_K_M listed
        QCOMPARE(VariantInference::recommendedVariant({variants.first()}), -1);
    }

    void aRepoWithoutQuantizationsIsOneVariantNamedAfterTheRevision()
    {
        const QList<FileRecord> files{{QStringLiteral("style.safetensors"), 10, {}, {}, {}, false, {}},
                                      {QStringLiteral("README.md"), 1, {}, {}, {}, false, {}}};
        const auto variants = VariantInference::fromFiles(files, QStringLiteral("main"), QStringLiteral("c"));
        QCOMPARE(variants.size(), 1);
        QCOMPARE(variants.first().name, QStringLiteral("main"));
        QCOMPARE(variants.first().kind, QStringLiteral("default"));
        QCOMPARE(variants.first().files.size(), 2);
    }
    void variantsHoldTheSameModelWhenOnlyTheQuantizationDiffers()
    {
        const auto branch = [](const char *name) {
            Catalog::VariantRecord v;
            v.name = QString::fromLatin1(name);
            v.kind = QStringLiteral("branch");
            return v;
        };
        const auto quant = [](const char *name) {
            Catalog::VariantRecord v;
            v.name = QString::fromLatin1(name);
            v.kind = QStringLiteral("quantization");
            return v;
        };
        QVERIFY(VariantInference::sameModel(branch("1b-gguf-q4-km"), branch("1b-gguf-q8-0")));
        QVERIFY(!VariantInference::sameModel(branch("1b-gguf-q4-km"), branch("3b-gguf-q4-km")));
        QVERIFY(!VariantInference::sameModel(branch("0.5b-gguf-q4-km"), branch("1.5b-gguf-q4-km")));
        QVERIFY(!VariantInference::sameModel(branch("main"), branch("dev")));  // no quantization: unknown
        QVERIFY(VariantInference::sameModel(quant("Q4_K_M"), quant("Q8_0")));
        QVERIFY(!VariantInference::sameModel(quant("Q4_K_M"), branch("1b-gguf-q4-km")));
    }
};

QTEST_GUILESS_MAIN(TestVariantInference)
#include "tst_variantinference.moc"
