// What a pick in the catalog means as a download (Plan::PickResolver): the rules the window
// follows for file, variant and model rows, and how planned files are matched back to the
// catalog's files.
#include "plan/pickresolver.h"

#include <QJsonObject>
#include <QTest>

using Catalog::FileRecord;
using Catalog::ModelRecord;
using Catalog::VariantRecord;
using Plan::Order;
using Plan::PickResolver;

namespace {
FileRecord file(const QString &path, qint64 size = 10)
{
    FileRecord f;
    f.path = path;
    f.size = size;
    return f;
}

// cortexso style: one branch per quantization; main holds only the README.
ModelRecord branchRepo()
{
    ModelRecord m;
    m.key = m.hubId = QStringLiteral("cortexso/llama3.2");
    m.hub = QStringLiteral("hf");
    m.variants = {{QStringLiteral("main"),
                   QStringLiteral("branch"),
                   QStringLiteral("main"),
                   QStringLiteral("c0"),
                   {},
                   {file(QStringLiteral("README.md"))},
                   {}},
                  {QStringLiteral("1b-gguf-q8-0"),
                   QStringLiteral("branch"),
                   QStringLiteral("1b-gguf-q8-0"),
                   QStringLiteral("c1"),
                   {},
                   {file(QStringLiteral("model.gguf")), file(QStringLiteral("model.yml"))},
                   {}},
                  {QStringLiteral("1b-gguf-q4-km"),
                   QStringLiteral("branch"),
                   QStringLiteral("1b-gguf-q4-km"),
                   QStringLiteral("c2"),
                   {},
                   {file(QStringLiteral("model.gguf")), file(QStringLiteral("model.yml"))},
                   {}}};
    return m;
}

// Several quantizations inside main.
ModelRecord quantRepo()
{
    ModelRecord m;
    m.key = m.hubId = QStringLiteral("demo/tiny-GGUF");
    m.hub = QStringLiteral("hf");
    m.variants = {{QStringLiteral("Q2_K"),
                   QStringLiteral("quantization"),
                   QStringLiteral("main"),
                   QStringLiteral("c"),
                   {},
                   {file(QStringLiteral("tiny.Q2_K.gguf"))},
                   {}},
                  {QStringLiteral("Q4_K_M"),
                   QStringLiteral("quantization"),
                   QStringLiteral("main"),
                   QStringLiteral("c"),
                   {},
                   {file(QStringLiteral("tiny.Q4_K_M.gguf"))},
                   {}},
                  {QStringLiteral("other files"),
                   QStringLiteral("extra"),
                   QStringLiteral("main"),
                   QStringLiteral("c"),
                   {},
                   {file(QStringLiteral("README.md")), file(QStringLiteral("config.json"))},
                   {}}};
    return m;
}

ModelRecord civitaiLora()
{
    ModelRecord m;
    m.key = QStringLiteral("civitai:4201");
    m.hubId = QStringLiteral("4201");
    m.hub = QStringLiteral("civitai");
    m.headCommit = QStringLiteral("420060");
    m.variants = {{QStringLiteral("v60"),
                   QStringLiteral("version"),
                   QStringLiteral("420060"),
                   {},
                   {},
                   {file(QStringLiteral("style.safetensors"))},
                   {}},
                  {QStringLiteral("v59"),
                   QStringLiteral("version"),
                   QStringLiteral("420059"),
                   {},
                   {},
                   {file(QStringLiteral("style.safetensors"))},
                   {}}};
    return m;
}
}  // namespace

class TestPickResolver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aBranchVariantIsThatBranchAsAWhole()
    {
        const QList<Order> orders = PickResolver::resolve(branchRepo(), QStringLiteral("1b-gguf-q4-km"), {}, false);
        QCOMPARE(orders.size(), 1);
        QCOMPARE(orders.first().target.displayName(), QStringLiteral("cortexso/llama3.2@1b-gguf-q4-km"));
        QVERIFY(orders.first().ticked.isEmpty());
        QVERIFY(!orders.first().offerRest);
    }

    void aFileOfABranchIsThatFileAtTheBranch()
    {
        const QList<Order> orders =
            PickResolver::resolve(branchRepo(), QStringLiteral("1b-gguf-q8-0"), {QStringLiteral("model.yml")}, false);
        QCOMPARE(orders.first().target.revision, QStringLiteral("1b-gguf-q8-0"));
        QVERIFY(orders.first().ticks(QStringLiteral("model.yml")));
        QVERIFY(!orders.first().ticks(QStringLiteral("model.gguf")));
    }

    void aQuantizationInsideMainIsItsFilesAtMain()
    {
        const Order order = PickResolver::resolve(quantRepo(), QStringLiteral("Q2_K"), {}, false).first();
        QCOMPARE(order.target.repoId, QStringLiteral("demo/tiny-GGUF"));
        QCOMPARE(order.target.revision, QStringLiteral("main"));
        QVERIFY(order.ticks(QStringLiteral("tiny.Q2_K.gguf")));
        QVERIFY(!order.ticks(QStringLiteral("tiny.Q4_K_M.gguf")));
        QVERIFY(!order.ticks(QStringLiteral("README.md")));
    }

    void aGgufModelRowIsTheRecommendedQuantizationAndTheFilesWithoutWeights()
    {
        const Order order = PickResolver::resolve(quantRepo(), {}, {}, false).first();
        QCOMPARE(order.target.revision, QStringLiteral("main"));
        QVERIFY(order.ticks(QStringLiteral("tiny.Q4_K_M.gguf")));
        QVERIFY(order.ticks(QStringLiteral("README.md")));
        QVERIFY(order.ticks(QStringLiteral(".gitattributes")));  // not in the catalog, no weights
        QVERIFY(!order.ticks(QStringLiteral("tiny.Q2_K.gguf")));
        QVERIFY(order.offerRest);  // the other quantizations are listed, unticked
    }

    void aBranchModelRowIsTheRecommendedBranch()
    {
        const Order order = PickResolver::resolve(branchRepo(), {}, {}, false).first();
        QCOMPARE(order.target.displayName(), QStringLiteral("cortexso/llama3.2@1b-gguf-q4-km"));
    }

    void anHfModelWithoutQuantizationsIsAllOfMain()
    {
        ModelRecord m;
        m.key = m.hubId = QStringLiteral("demo/plain");
        m.hub = QStringLiteral("hf");
        m.variants = {{QStringLiteral("main"),
                       QStringLiteral("default"),
                       QStringLiteral("main"),
                       {},
                       {},
                       {file(QStringLiteral("model.safetensors")), file(QStringLiteral("README.md"))},
                       {}}};
        const Order order = PickResolver::resolve(m, {}, {}, false).first();
        QCOMPARE(order.target.repoId, QStringLiteral("demo/plain"));
        QCOMPARE(order.target.revision, QStringLiteral("main"));
        QVERIFY(order.ticked.isEmpty());
    }

    void aCivitaiModelIsItsNewestVersionOrEveryVersion()
    {
        const Order newest = PickResolver::resolve(civitaiLora(), {}, {}, false).first();
        QCOMPARE(newest.target.modelId, 4201);
        QCOMPARE(newest.target.versionId, 0);  // the planner takes the hub's newest
        QVERIFY(!newest.allVersions);
        QVERIFY(PickResolver::resolve(civitaiLora(), {}, {}, true).first().allVersions);
        const Order older = PickResolver::resolve(civitaiLora(), QStringLiteral("v59"), {}, false).first();
        QCOMPARE(older.target.displayName(), QStringLiteral("civitai:4201@420059"));
    }

    void anUnknownVariantIsSaid()
    {
        QString error;
        QVERIFY(PickResolver::resolve(quantRepo(), QStringLiteral("Q9"), {}, false, &error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("Q9")));
    }

    void ordersOfOneTargetMergeIntoTheUnionOfTheirFiles()
    {
        Order a = PickResolver::resolve(quantRepo(), QStringLiteral("Q2_K"), {}, false).first();
        const Order b = PickResolver::resolve(quantRepo(), {}, {}, false).first();
        QCOMPARE(a.key(), b.key());
        a.merge(b);
        QVERIFY(a.ticks(QStringLiteral("tiny.Q2_K.gguf")));
        QVERIFY(a.ticks(QStringLiteral("tiny.Q4_K_M.gguf")));
        QVERIFY(a.ticks(QStringLiteral("config.json")));
    }

    void plannedFilesAreMatchedToTheCatalogByRevisionAndVersion()
    {
        Download::FileRequest hf;
        hf.destination.kind = Download::Destination::Kind::HfCache;
        hf.destination.revision = QStringLiteral("1b-gguf-q4-km");
        hf.destination.relativePath = QStringLiteral("model.gguf");
        QString variant;
        QString path;
        QVERIFY(PickResolver::catalogFile(branchRepo(), hf, &variant, &path));
        QCOMPARE(variant, QStringLiteral("1b-gguf-q4-km"));  // not the other branch's model.gguf
        Download::FileRequest civitai;
        civitai.destination.kind = Download::Destination::Kind::Library;
        civitai.destination.relativePath = QStringLiteral("Lora/style-v420059.safetensors");
        civitai.destination.sidecar =
            QJsonObject{{QStringLiteral("versionId"), 420059},
                        {QStringLiteral("remoteFileName"), QStringLiteral("style.safetensors")}};
        QVERIFY(PickResolver::catalogFile(civitaiLora(), civitai, &variant, &path));
        QCOMPARE(variant, QStringLiteral("v59"));
        QCOMPARE(path, QStringLiteral("style.safetensors"));
        civitai.destination.sidecar = {};  // a preview image
        QVERIFY(!PickResolver::catalogFile(civitaiLora(), civitai, &variant, &path));
    }
};

QTEST_GUILESS_MAIN(TestPickResolver)
#include "tst_pickresolver.moc"
