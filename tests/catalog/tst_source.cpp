#include "catalog/source.h"

#include <QTest>

using Catalog::Source;

class TestSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyKindSurvivesAJsonRoundTrip_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("a Hugging Face query") << int(Source::Kind::HfQuery);
        QTest::newRow("a Hugging Face collection") << int(Source::Kind::HfCollection);
        QTest::newRow("a followed Hugging Face repo") << int(Source::Kind::HfRepo);
        QTest::newRow("a Civitai query") << int(Source::Kind::CivitaiQuery);
        QTest::newRow("a followed Civitai model") << int(Source::Kind::CivitaiModel);
    }
    void everyKindSurvivesAJsonRoundTrip()
    {
        QFETCH(int, kind);
        Source s;
        s.name = QStringLiteral("n");
        s.kind = Source::Kind(kind);
        s.author = QStringLiteral("cortexso");
        s.tags = {QStringLiteral("gguf"), QStringLiteral("llama")};
        s.types = {QStringLiteral("LORA")};
        s.baseModels = {QStringLiteral("SDXL 1.0")};
        s.sort = QStringLiteral("downloads");
        s.target = QStringLiteral("ns/x");
        s.limit = 42;
        const Source back = Source::fromJson(s.toJson());
        QCOMPARE(int(back.kind), kind);
        QCOMPARE(back.name, s.name);
        QCOMPARE(back.tags, s.tags);
        QCOMPARE(back.types, s.types);
        QCOMPARE(back.baseModels, s.baseModels);
        QCOMPARE(back.limit, 42);
        QCOMPARE(back.target, s.target);
        QCOMPARE(back.hub(), s.hub());
    }

    void unusableSourcesAreNamed_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("limit");
        QTest::addColumn<bool>("valid");
        QTest::newRow("a source needs a name") << int(Source::Kind::HfQuery) << QString() << QString() << 10 << false;
        QTest::newRow("a limit of zero is refused") << int(Source::Kind::HfQuery) << QStringLiteral("a") << QString() << 0 << false;
        QTest::newRow("a huge limit is refused") << int(Source::Kind::HfQuery) << QStringLiteral("a") << QString() << 10000000 << false;
        QTest::newRow("a repo must be namespace/name") << int(Source::Kind::HfRepo) << QStringLiteral("a") << QStringLiteral("../x") << 1 << false;
        QTest::newRow("a Civitai model id must be a number") << int(Source::Kind::CivitaiModel) << QStringLiteral("a") << QStringLiteral("abc") << 1 << false;
        QTest::newRow("a plain top-N query is fine") << int(Source::Kind::HfQuery) << QStringLiteral("a") << QString() << 100 << true;
        QTest::newRow("a collection slug is fine") << int(Source::Kind::HfCollection) << QStringLiteral("a") << QStringLiteral("lora-pack/sixty-0f8e") << 100 << true;
    }
    void unusableSourcesAreNamed()
    {
        QFETCH(int, kind);
        QFETCH(QString, name);
        QFETCH(QString, target);
        QFETCH(int, limit);
        QFETCH(bool, valid);
        Source s;
        s.kind = Source::Kind(kind);
        s.name = name;
        s.target = target;
        s.limit = limit;
        QCOMPARE(s.validationError().isEmpty(), valid);
    }

    void defaultsFollowJanGgufAndCivitaiLoras()
    {
        const QList<Source> d = Source::defaults();
        QCOMPARE(d.size(), 3);
        QCOMPARE(d.at(0).author, QStringLiteral("cortexso"));
        QCOMPARE(d.at(1).tags, QStringList{QStringLiteral("gguf")});
        QCOMPARE(d.at(2).types, QStringList{QStringLiteral("LORA")});
        for (const Source &s : d)
            QVERIFY2(s.validationError().isEmpty(), qPrintable(s.name));
    }
};

QTEST_GUILESS_MAIN(TestSource)
#include "tst_source.moc"
