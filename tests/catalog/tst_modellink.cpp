// What a pasted link or name opens: the links people copy from the hubs' pages (and from a
// mirror or the configured endpoint), and what must not open anything.

#include "catalog/modellink.h"

#include <QTest>

using Catalog::ModelLink;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(ModelLink::Hub)

class TestModelLink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linksOpenTheirModel_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<ModelLink::Hub>("hub");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("revision");
        QTest::addColumn<QString>("path");
        QTest::addColumn<qint64>("version");
        const auto hf = ModelLink::Hub::HuggingFace;
        const auto civ = ModelLink::Hub::Civitai;
        QTest::newRow("a model page") << u"https://huggingface.co/cortexso/llama3.2"_s << hf << u"cortexso/llama3.2"_s
                                      << QString() << QString() << qint64(0);
        QTest::newRow("a branch") << u"https://huggingface.co/cortexso/llama3.2/tree/1b-gguf-q4-km"_s << hf
                                  << u"cortexso/llama3.2"_s << u"1b-gguf-q4-km"_s << QString() << qint64(0);
        QTest::newRow("a file page") << u"https://huggingface.co/TheBloke/Foo-GGUF/blob/main/sub/foo.Q4_K_M.gguf"_s << hf
                                     << u"TheBloke/Foo-GGUF"_s << u"main"_s << u"sub/foo.Q4_K_M.gguf"_s << qint64(0);
        QTest::newRow("a download link") << u"https://huggingface.co/a/b/resolve/main/model.gguf?download=true"_s << hf
                                         << u"a/b"_s << u"main"_s << u"model.gguf"_s << qint64(0);
        QTest::newRow("a mirror") << u"https://hf-mirror.com/cortexso/qwen2.5/tree/0.5b-gguf-q4-km"_s << hf
                                  << u"cortexso/qwen2.5"_s << u"0.5b-gguf-q4-km"_s << QString() << qint64(0);
        QTest::newRow("a local endpoint") << u"http://127.0.0.1:8080/modeldock-demo/TinyStories-GGUF"_s << hf
                                          << u"modeldock-demo/TinyStories-GGUF"_s << QString() << QString() << qint64(0);
        QTest::newRow("a name") << u"  cortexso/llama3.2 "_s << hf << u"cortexso/llama3.2"_s << QString() << QString()
                                << qint64(0);
        QTest::newRow("a name at a branch") << u"cortexso/llama3.2@3b-gguf-q4-km"_s << hf << u"cortexso/llama3.2"_s
                                            << u"3b-gguf-q4-km"_s << QString() << qint64(0);
        QTest::newRow("a Civitai model") << u"https://civitai.com/models/4201/demo-style-lora"_s << civ
                                         << u"civitai:4201"_s << QString() << QString() << qint64(0);
        QTest::newRow("a Civitai version") << u"https://civitai.com/models/4201?modelVersionId=420017"_s << civ
                                           << u"civitai:4201"_s << QString() << QString() << qint64(420017);
        QTest::newRow("civitai.red") << u"https://civitai.red/models/4202?modelVersionId=420101"_s << civ
                                     << u"civitai:4202"_s << QString() << QString() << qint64(420101);
        QTest::newRow("the configured Civitai endpoint") << u"http://127.0.0.1:8081/models/4207"_s << civ
                                                         << u"civitai:4207"_s << QString() << QString() << qint64(0);
        QTest::newRow("a Civitai download link") << u"https://civitai.com/api/download/models/420102"_s << civ
                                                 << QString() << QString() << QString() << qint64(420102);
        QTest::newRow("civitai:ID@VERSION") << u"civitai:4201@420003"_s << civ << u"civitai:4201"_s << QString()
                                            << QString() << qint64(420003);
    }
    void linksOpenTheirModel()
    {
        QFETCH(QString, text);
        QFETCH(ModelLink::Hub, hub);
        QFETCH(QString, key);
        QFETCH(QString, revision);
        QFETCH(QString, path);
        QFETCH(qint64, version);
        const ModelLink link = ModelLink::parse(text, QUrl(u"http://127.0.0.1:8081"_s));
        QCOMPARE(link.hub, hub);
        QCOMPARE(link.key, key);
        QCOMPARE(link.revision, revision);
        QCOMPARE(link.path, path);
        QCOMPARE(link.versionId, version);
    }

    void otherTextOpensNothing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("a word") << u"llama"_s;
        QTest::newRow("three parts") << u"a/b/c"_s;
        QTest::newRow("a dataset") << u"https://huggingface.co/datasets/foo/bar"_s;
        QTest::newRow("a path escaping the repo") << u"https://huggingface.co/a/../etc"_s;
        QTest::newRow("dots as a name") << u"../passwd"_s;
        QTest::newRow("another scheme") << u"file:///etc/passwd"_s;
        QTest::newRow("a Civitai page that is no model") << u"https://civitai.com/images/123"_s;
        QTest::newRow("two lines") << u"a/b\nc/d"_s;
    }
    void otherTextOpensNothing()
    {
        QFETCH(QString, text);
        QVERIFY(!ModelLink::parse(text).isValid());
    }

    void aFilePathThatEscapesIsDropped()
    {
        const ModelLink link = ModelLink::parse(u"https://huggingface.co/a/b/blob/main/../../x"_s);
        QVERIFY(link.isValid());
        QCOMPARE(link.key, u"a/b"_s);
        QVERIFY(link.path.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestModelLink)
#include "tst_modellink.moc"
