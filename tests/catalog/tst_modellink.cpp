// Links a person pastes, read as a model, a revision and a file.
#include "catalog/modellink.h"

#include <QTest>

using Catalog::ModelLink;

class TestModelLink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linksAreReadAsModelRevisionAndFile_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("revision");
        QTest::addColumn<QString>("path");
        QTest::newRow("a repo id") << QStringLiteral(" cortexso/llama3.2 ") << QStringLiteral("cortexso/llama3.2")
                                   << QString() << QString();
        QTest::newRow("a model page") << QStringLiteral("https://huggingface.co/cortexso/llama3.2")
                                      << QStringLiteral("cortexso/llama3.2") << QString() << QString();
        QTest::newRow("a branch") << QStringLiteral("https://huggingface.co/cortexso/llama3.2/tree/1b-gguf-q4-km")
                                  << QStringLiteral("cortexso/llama3.2") << QStringLiteral("1b-gguf-q4-km")
                                  << QString();
        QTest::newRow("a file in a subfolder")
            << QStringLiteral(
                   "https://huggingface.co/modeldock-demo/TinyStories-GGUF/blob/main/extras/tokenizer_config.json")
            << QStringLiteral("modeldock-demo/TinyStories-GGUF") << QStringLiteral("main")
            << QStringLiteral("extras/tokenizer_config.json");
        QTest::newRow("a resolve link on a local endpoint")
            << QStringLiteral(
                   "http://127.0.0.1:8080/modeldock-demo/TinyStories-GGUF/resolve/main/tinystories.Q2_K.gguf")
            << QStringLiteral("modeldock-demo/TinyStories-GGUF") << QStringLiteral("main")
            << QStringLiteral("tinystories.Q2_K.gguf");
        QTest::newRow("a Civitai version")
            << QStringLiteral("https://civitai.com/models/4201/demo-style?modelVersionId=420007")
            << QStringLiteral("civitai:4201") << QStringLiteral("420007") << QString();
        QTest::newRow("civitai.red") << QStringLiteral("https://civitai.red/models/4202")
                                     << QStringLiteral("civitai:4202") << QString() << QString();
    }
    void linksAreReadAsModelRevisionAndFile()
    {
        QFETCH(QString, text);
        ModelLink link;
        QVERIFY(ModelLink::parse(text, &link));
        QTEST(link.key, "key");
        QTEST(link.revision, "revision");
        QTEST(link.path, "path");
    }

    void otherTextIsRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("words") << QStringLiteral("a llama model");
        QTest::newRow("a site page") << QStringLiteral("https://huggingface.co/docs");
        QTest::newRow("a Civitai image") << QStringLiteral("https://civitai.com/images/123");
        QTest::newRow("not http") << QStringLiteral("file:///etc/passwd");
        QTest::newRow("an unknown page of a repo") << QStringLiteral("https://huggingface.co/a/b/discussions/3");
    }
    void otherTextIsRefused()
    {
        QFETCH(QString, text);
        ModelLink link;
        QVERIFY(!ModelLink::parse(text, &link));
    }
};

QTEST_GUILESS_MAIN(TestModelLink)
#include "tst_modellink.moc"
