#include "hub/hfparser.h"

#include <QFile>
#include <QTest>

using Hub::HfParser;

// What Hugging Face answers look like after parsing, checked on recorded real answers and on
// the broken and hostile ones a hub (or a man in the middle of a mirror) could send.
class TestHfParser : public QObject
{
    Q_OBJECT
private:
    static QByteArray sample(const QString &name)
    {
        QFile file(qEnvironmentVariable("MODELDOCK_SOURCE_DIR") + QStringLiteral("/tests/hub/samples/") + name);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void recordedModelInfoGivesCommitTagsAndFiles()
    {
        const auto r = HfParser::modelInfo(sample(QStringLiteral("hf-model-info-google-bert-bert-base-uncased.json")),
                                           QStringLiteral("bert"));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.id, QStringLiteral("google-bert/bert-base-uncased"));
        QCOMPARE(r.value.author, QStringLiteral("google-bert"));
        QCOMPARE(r.value.sha, QStringLiteral("86b5e0934494bd15c9632b12f734a8a67f723594"));
        QCOMPARE(r.value.pipelineTag, QStringLiteral("fill-mask"));
        QVERIFY(r.value.tags.contains(QStringLiteral("license:apache-2.0")));
        QCOMPARE(r.value.siblings.size(), 16);
        QVERIFY(r.rejected.isEmpty());
    }

    void recordedTreeGivesSizesAndLfsHashes()
    {
        const auto r = HfParser::tree(sample(QStringLiteral("hf-tree-google-bert-bert-base-uncased-dd4bc8b2.json")),
                                      QStringLiteral("bert"));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const auto it = std::find_if(r.value.cbegin(), r.value.cend(), [](const Hub::HfTreeEntry &e) {
            return e.path == QLatin1String("pytorch_model.bin");
        });
        QVERIFY(it != r.value.cend());
        QCOMPARE(it->size, 440473133);
        QCOMPARE(it->lfsSha256, QStringLiteral("097417381d6c7230bd9e3557456d726de6e83245ec8b24f529f60198a67b203a"));
    }

    void badModelsInAListAreRejectedOneByOne_data()
    {
        QTest::addColumn<QByteArray>("item");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("a model without an id is skipped") << QByteArray(R"({"likes": 3})") << QStringLiteral("\"id\"");
        QTest::newRow("downloads given as text are a wrong type")
            << QByteArray(R"({"id": "a/b", "downloads": "many"})") << QStringLiteral("downloads");
        QTest::newRow("a negative like count is refused")
            << QByteArray(R"({"id": "a/b", "likes": -4})") << QStringLiteral("likes");
        QTest::newRow("a repo id that climbs out of its folder is refused")
            << QByteArray(R"({"id": "../etc"})") << QStringLiteral("namespace/name");
        QTest::newRow("a repo id with three parts is refused")
            << QByteArray(R"({"id": "a/b/c"})") << QStringLiteral("namespace/name");
        QTest::newRow("a commit that is not hex is refused")
            << QByteArray(R"({"id": "a/b", "sha": "zz"})") << QStringLiteral("sha");
        QTest::newRow("tags that are not strings are refused")
            << QByteArray(R"({"id": "a/b", "tags": [1, 2]})") << QStringLiteral("tags");
        QTest::newRow("a model that is not an object is refused") << QByteArray(R"("a/b")") << QStringLiteral("object");
    }
    void badModelsInAListAreRejectedOneByOne()
    {
        QFETCH(QByteArray, item);
        QFETCH(QString, messagePart);
        const QByteArray body = "[{\"id\": \"good/one\"}, " + item + ", {\"id\": \"good/two\"}]";
        const auto r = HfParser::modelList(body, QStringLiteral("list"));
        QVERIFY(r.ok());
        QCOMPARE(r.value.size(), 2);
        QCOMPARE(r.value.at(0).id, QStringLiteral("good/one"));
        QCOMPARE(r.value.at(1).id, QStringLiteral("good/two"));
        QCOMPARE(r.rejected.size(), 1);
        QVERIFY2(r.rejected.first().contains(messagePart), qPrintable(r.rejected.first()));
    }

    void hostileFileNamesAndAbsurdSizesAreDroppedFromAModel_data()
    {
        QTest::addColumn<QByteArray>("sibling");
        QTest::newRow("a path with .. is dropped") << QByteArray(R"({"rfilename": "../../.bashrc"})");
        QTest::newRow("an absolute path is dropped") << QByteArray(R"({"rfilename": "/etc/passwd"})");
        QTest::newRow("a backslash path is dropped") << QByteArray(R"({"rfilename": "a\\..\\b"})");
        QTest::newRow("a control character is dropped") << QByteArray(R"({"rfilename": "a\u0007b.gguf"})");
        QTest::newRow("a size of 1 EiB is dropped")
            << QByteArray(R"({"rfilename": "x.gguf", "size": 1152921504606846976})");
        QTest::newRow("a malformed LFS hash is dropped")
            << QByteArray(R"({"rfilename": "x.gguf", "lfs": {"sha256": "abc"}})");
    }
    void hostileFileNamesAndAbsurdSizesAreDroppedFromAModel()
    {
        QFETCH(QByteArray, sibling);
        const QByteArray body =
            R"({"id": "a/b", "sha": "0123456789012345678901234567890123456789", "siblings": [{"rfilename": "ok.gguf", "size": 5}, )" +
            sibling + "]}";
        const auto r = HfParser::modelInfo(body, QStringLiteral("a/b"));
        QVERIFY(r.ok());
        QCOMPARE(r.value.siblings.size(), 1);
        QCOMPARE(r.value.siblings.first().path, QStringLiteral("ok.gguf"));
        QCOMPARE(r.rejected.size(), 1);
    }

    void malformedBodiesFailTheCall_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("truncated JSON") << QByteArray("[{\"id\": \"a/b\"}, {\"trunc");
        QTest::newRow("an object where a list belongs") << QByteArray(R"({"error": "nope"})");
        QTest::newRow("an empty body") << QByteArray();
    }
    void malformedBodiesFailTheCall()
    {
        QFETCH(QByteArray, body);
        const auto r = HfParser::modelList(body, QStringLiteral("the model list"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error.kind, Net::ErrorKind::BadResponse);
        QVERIFY(r.error.message.contains(QStringLiteral("the model list")));
    }

    void treeEntriesOfAnUnknownKindAreNamedNotDroppedSilently()
    {
        const QByteArray body =
            QByteArray(
                R"([{"type": "file", "path": "a.bin", "size": 3, "oid": "0123456789012345678901234567890123456789"},)") +
            R"({"type": "directory", "path": "sub", "size": 0, "oid": "0123456789012345678901234567890123456789"},)" +
            R"({"type": "submodule", "path": "vendor/lib", "size": 0, "oid": "0123456789012345678901234567890123456789"}])";
        const auto r = HfParser::tree(body, QStringLiteral("a/b"));
        QVERIFY(r.ok());
        QCOMPARE(r.value.size(), 2);
        QCOMPARE(r.rejected.size(), 1);
        QVERIFY2(r.rejected.first().contains(QLatin1String("vendor/lib")) &&
                     r.rejected.first().contains(QLatin1String("submodule")),
                 qPrintable(r.rejected.first()));
    }

    void refsNeedBranchesAndSafeNames()
    {
        // moc cannot read raw strings that span lines, so the body is built from one-line pieces.
        const QByteArray body =
            QByteArray(R"({"branches": [)") +
            R"({"name": "main", "ref": "refs/heads/main", "targetCommit": "0123456789012345678901234567890123456789"},)" +
            R"({"name": "../x", "ref": "refs/heads/x", "targetCommit": "0123456789012345678901234567890123456789"},)" +
            R"({"name": "q4", "ref": "refs/heads/q4", "targetCommit": "nothex"}], "tags": [], "converts": []})";
        const auto r = HfParser::refs(body, QStringLiteral("a/b"));
        QVERIFY(r.ok());
        QCOMPARE(r.value.branches.size(), 1);
        QCOMPARE(r.rejected.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestHfParser)
#include "tst_hfparser.moc"
