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
        QTest::newRow("TheBloke style with dots") << QStringLiteral("tinyllama-1.1b-chat.Q4_K_M.gguf") << QStringLiteral("Q4_K_M");
        QTest::newRow("dash separated, lower case") << QStringLiteral("llama-3.2-1b-instruct-q8_0.gguf") << QStringLiteral("Q8_0");
        QTest::newRow("importance matrix quant") << QStringLiteral("model-IQ2_XS.gguf") << QStringLiteral("IQ2_XS");
        QTest::newRow("split shards keep their quant") << QStringLiteral("big-Q5_K_S-00001-of-00003.gguf") << QStringLiteral("Q5_K_S");
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
};

QTEST_GUILESS_MAIN(TestVariantInference)
#include "tst_variantinference.moc"
