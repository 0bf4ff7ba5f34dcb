#include "catalog/civitaiadapter.h"
#include "catalog/hfadapter.h"
#include "catalog/hubregistry.h"
#include "catalog/source.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "net/session.h"

#include <QTest>

using Catalog::ModelRecord;
using Catalog::Source;

namespace {

// A hub the catalog has never heard of: it brings its own source kind and key format, and
// nothing else in the catalog needs to change for it.
class MirrorAdapter : public Catalog::HubAdapter
{
public:
    QString hub() const override { return QStringLiteral("mirror"); }
    QStringList sourceKinds() const override { return {QStringLiteral("mirror-shelf")}; }
    QString sourceProblem(const Source &s) const override
    {
        return s.target.isEmpty() ? QStringLiteral("A shelf needs a target.") : QString();
    }
    QString describe(const Source &s) const override { return QStringLiteral("Mirror shelf ") + s.target; }
    QString keyFormat() const override { return QStringLiteral("mirror:<name>"); }
    std::optional<ModelRecord> modelForKey(const QString &key) const override
    {
        if (!key.startsWith(QLatin1String("mirror:")))
            return std::nullopt;
        ModelRecord m;
        m.key = key;
        m.hub = hub();
        m.hubId = key.mid(7);
        return m;
    }
    QUrl firstPage(const Source &) const override { return {}; }
    void fetchPage(const Source &, const QUrl &, const QByteArray &, QObject *, Callback<Catalog::ListingPage>) override
    {
    }
    bool listingsNeedDetails() const override { return false; }
    void fetchDetails(const ModelRecord &, const Catalog::TreeLookup &, QObject *,
                      Callback<Catalog::DetailsResult>) override
    {
    }
    void search(const QString &, int, QObject *, Callback<Hub::Result<QList<ModelRecord>>>) override {}
};

}  // namespace

// Sources as data, and the registry that lets each hub's adapter own its source kinds and
// model keys.
class TestSource : public QObject
{
    Q_OBJECT
private:
    Net::Session m_session;
    Hub::HuggingFaceClient m_hf{&m_session, QUrl(QStringLiteral("https://hf.example"))};
    Hub::CivitaiClient m_civitai{&m_session, QUrl(QStringLiteral("https://civitai.example"))};
    Catalog::HfAdapter m_hfAdapter{&m_hf};
    Catalog::CivitaiAdapter m_civitaiAdapter{&m_civitai};
    MirrorAdapter m_mirror;
    Catalog::HubRegistry m_hubs;

private Q_SLOTS:
    void initTestCase()
    {
        m_hubs.add(&m_hfAdapter);
        m_hubs.add(&m_civitaiAdapter);
        m_hubs.add(&m_mirror);
    }

    void everyKindSurvivesAJsonRoundTrip_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("hub");
        QTest::newRow("a Hugging Face query") << Source::Kind::HfQuery << QStringLiteral("hf");
        QTest::newRow("a Hugging Face collection") << Source::Kind::HfCollection << QStringLiteral("hf");
        QTest::newRow("a followed Hugging Face repo") << Source::Kind::HfRepo << QStringLiteral("hf");
        QTest::newRow("a Civitai query") << Source::Kind::CivitaiQuery << QStringLiteral("civitai");
        QTest::newRow("a followed Civitai model") << Source::Kind::CivitaiModel << QStringLiteral("civitai");
        QTest::newRow("another hub's kind") << QStringLiteral("mirror-shelf") << QStringLiteral("mirror");
    }
    void everyKindSurvivesAJsonRoundTrip()
    {
        QFETCH(QString, kind);
        QFETCH(QString, hub);
        Source s;
        s.name = QStringLiteral("n");
        s.kind = kind;
        s.author = QStringLiteral("cortexso");
        s.tags = {QStringLiteral("gguf"), QStringLiteral("llama")};
        s.types = {QStringLiteral("LORA")};
        s.baseModels = {QStringLiteral("SDXL 1.0")};
        s.sort = QStringLiteral("downloads");
        s.target = QStringLiteral("ns/x");
        s.limit = 42;
        s.extra.insert(QStringLiteral("shelf"), QStringLiteral("top"));  // a field only its adapter knows
        const Source back = Source::fromJson(s.toJson());
        QCOMPARE(back.kind, kind);
        QCOMPARE(back.name, s.name);
        QCOMPARE(back.tags, s.tags);
        QCOMPARE(back.types, s.types);
        QCOMPARE(back.baseModels, s.baseModels);
        QCOMPARE(back.limit, 42);
        QCOMPARE(back.target, s.target);
        QCOMPARE(back.extra.value(QLatin1String("shelf")).toString(), QStringLiteral("top"));
        QVERIFY(m_hubs.forSource(back));
        QCOMPARE(m_hubs.forSource(back)->hub(), hub);
    }

    void unusableSourcesAreNamed_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QString>("problem");
        QTest::newRow("a source needs a name")
            << Source::Kind::HfQuery << QString() << QString() << 10 << QStringLiteral("name");
        QTest::newRow("a limit of zero is refused")
            << Source::Kind::HfQuery << QStringLiteral("a") << QString() << 0 << QStringLiteral("limit");
        QTest::newRow("a huge limit is refused")
            << Source::Kind::HfQuery << QStringLiteral("a") << QString() << 10000000 << QStringLiteral("limit");
        QTest::newRow("a repo must be namespace/name")
            << Source::Kind::HfRepo << QStringLiteral("a") << QStringLiteral("../x") << 1
            << QStringLiteral("namespace/name");
        QTest::newRow("a Civitai model id must be a number")
            << Source::Kind::CivitaiModel << QStringLiteral("a") << QStringLiteral("abc") << 1
            << QStringLiteral("numeric id");
        QTest::newRow("an unknown kind names the known ones")
            << QStringLiteral("ftp-folder") << QStringLiteral("a") << QString() << 1 << QStringLiteral("hf-query");
        QTest::newRow("another hub's adapter checks its own kind")
            << QStringLiteral("mirror-shelf") << QStringLiteral("a") << QString() << 1
            << QStringLiteral("shelf needs a target");
        QTest::newRow("a plain top-N query is fine")
            << Source::Kind::HfQuery << QStringLiteral("a") << QString() << 100 << QString();
        QTest::newRow("a collection slug is fine") << Source::Kind::HfCollection << QStringLiteral("a")
                                                   << QStringLiteral("lora-pack/sixty-0f8e") << 100 << QString();
    }
    void unusableSourcesAreNamed()
    {
        QFETCH(QString, kind);
        QFETCH(QString, name);
        QFETCH(QString, target);
        QFETCH(int, limit);
        QFETCH(QString, problem);
        Source s;
        s.kind = kind;
        s.name = name;
        s.target = target;
        s.limit = limit;
        const QString said = m_hubs.sourceProblem(s);
        if (problem.isEmpty())
            QVERIFY2(said.isEmpty(), qPrintable(said));
        else
            QVERIFY2(said.contains(problem), qPrintable(said));
    }

    void eachHubReadsItsOwnModelKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("hub");
        QTest::addColumn<QString>("hubId");
        QTest::newRow("a repo id is Hugging Face's")
            << QStringLiteral("cortexso/llama3.2") << QStringLiteral("hf") << QStringLiteral("cortexso/llama3.2");
        QTest::newRow("civitai:ID is Civitai's")
            << QStringLiteral("civitai:4201") << QStringLiteral("civitai") << QStringLiteral("4201");
        QTest::newRow("a third hub reads its own")
            << QStringLiteral("mirror:tiny") << QStringLiteral("mirror") << QStringLiteral("tiny");
        QTest::newRow("a Civitai key without a number is nobody's")
            << QStringLiteral("civitai:abc") << QString() << QString();
        QTest::newRow("a path is nobody's") << QStringLiteral("../../etc/passwd") << QString() << QString();
    }
    void eachHubReadsItsOwnModelKeys()
    {
        QFETCH(QString, key);
        QFETCH(QString, hub);
        QFETCH(QString, hubId);
        ModelRecord m;
        QString error;
        Catalog::HubAdapter *adapter = m_hubs.forKey(key, &m, &error);
        if (hub.isEmpty()) {
            QVERIFY(!adapter);
            // The sentence lists every format the registry knows.
            QVERIFY2(error.contains(QStringLiteral("namespace/name")) &&
                         error.contains(QStringLiteral("civitai:<id>")) &&
                         error.contains(QStringLiteral("mirror:<name>")),
                     qPrintable(error));
            return;
        }
        QVERIFY2(adapter, qPrintable(error));
        QCOMPARE(adapter->hub(), hub);
        QCOMPARE(m.hub, hub);
        QCOMPARE(m.hubId, hubId);
        QCOMPARE(m.key, key);
    }

    void editingAFieldAsAUserTypesIt_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("ok");
        QTest::newRow("a number for the limit") << QStringLiteral("limit") << QStringLiteral("50") << true;
        QTest::newRow("words for the limit are refused") << QStringLiteral("limit") << QStringLiteral("many") << false;
        QTest::newRow("a comma list of tags") << QStringLiteral("tags") << QStringLiteral("gguf, llama") << true;
        QTest::newRow("enabled is true or false") << QStringLiteral("enabled") << QStringLiteral("false") << true;
        QTest::newRow("enabled is nothing else") << QStringLiteral("enabled") << QStringLiteral("maybe") << false;
        QTest::newRow("an unknown field is refused") << QStringLiteral("colour") << QStringLiteral("red") << false;
    }
    void editingAFieldAsAUserTypesIt()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(bool, ok);
        Source s = Source::defaults().first();
        QString error;
        QCOMPARE(s.setField(key, value, &error), ok);
        QCOMPARE(error.isEmpty(), ok);
        if (key == QLatin1String("limit") && ok)
            QCOMPARE(s.limit, 50);
        if (key == QLatin1String("tags"))
            QCOMPARE(s.tags, (QStringList{QStringLiteral("gguf"), QStringLiteral("llama")}));
        if (key == QLatin1String("enabled") && ok)
            QVERIFY(!s.enabled);
    }

    void defaultsFollowJanGgufAndCivitaiLoras()
    {
        const QList<Source> d = Source::defaults();
        QCOMPARE(d.size(), 3);
        QCOMPARE(d.at(0).author, QStringLiteral("cortexso"));
        QCOMPARE(d.at(1).tags, QStringList{QStringLiteral("gguf")});
        QCOMPARE(d.at(2).types, QStringList{QStringLiteral("LORA")});
        for (const Source &s : d)
            QVERIFY2(m_hubs.sourceProblem(s).isEmpty(), qPrintable(s.name));
        QCOMPARE(m_hubs.describe(d.at(0)), QStringLiteral("Hugging Face models by cortexso, by downloads, top 100"));
    }

    void huggingFaceTagsTellTypeAndBaseModel()
    {
        using Catalog::HfAdapter;
        const QStringList lora{QStringLiteral("diffusers"), QStringLiteral("lora"),
                               QStringLiteral("base_model:stabilityai/stable-diffusion-xl-base-1.0")};
        QCOMPARE(HfAdapter::modelTypeOf(lora, {}, {}), QStringLiteral("lora"));
        QCOMPARE(HfAdapter::baseModelsOf(lora),
                 QStringList{QStringLiteral("stabilityai/stable-diffusion-xl-base-1.0")});
        const QStringList quant{QStringLiteral("gguf"), QStringLiteral("base_model:quantized:meta-llama/Llama-3.2-1B"),
                                QStringLiteral("base_model:meta-llama/Llama-3.2-1B")};
        QCOMPARE(HfAdapter::modelTypeOf(quant, {}, {}), QStringLiteral("gguf"));
        QCOMPARE(HfAdapter::baseModelsOf(quant), QStringList{QStringLiteral("meta-llama/Llama-3.2-1B")});
        QCOMPARE(HfAdapter::modelTypeOf({QStringLiteral("diffusers")}, {}, {}), QStringLiteral("checkpoint"));
        QCOMPARE(HfAdapter::modelTypeOf({QStringLiteral("transformers")}, {}, {}), QString());
        // Fingerprints move with the commit even when the time does not.
        const QDateTime t = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
        QVERIFY(HfAdapter::fingerprintOf(t, QStringLiteral("a")) != HfAdapter::fingerprintOf(t, QStringLiteral("b")));
        QVERIFY(HfAdapter::fingerprintOf(t, QStringLiteral("a")) !=
                HfAdapter::fingerprintOf(t.addSecs(1), QStringLiteral("a")));
    }
};

QTEST_GUILESS_MAIN(TestSource)
#include "tst_source.moc"
