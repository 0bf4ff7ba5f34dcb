#include "hub/civitaiparser.h"

#include <QFile>
#include <QTest>

using Hub::CivitaiParser;

class TestCivitaiParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordedVersionGivesFileSizeHashAndWords()
    {
        QFile file(qEnvironmentVariable("MODELDOCK_SOURCE_DIR") +
                   QStringLiteral("/tests/hub/samples/civitai-model-version-1318.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto r = CivitaiParser::version(file.readAll(), QStringLiteral("version 1318"));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.id, 1318);
        QCOMPARE(r.value.modelId, 1244);
        QCOMPARE(r.value.trainedWords, QStringList{QStringLiteral("ttdddd")});
        QCOMPARE(r.value.files.size(), 1);
        const Hub::CivitaiFile &f = r.value.files.first();
        QCOMPARE(f.name, QStringLiteral("froggyStyle_toad.ckpt"));
        QCOMPARE(f.sizeBytes(), qint64(2546414.971679688 * 1024 + 0.5));
        QCOMPARE(f.sha256, QStringLiteral("0df040c8cd48125174b54c251a87822e8ed61d529a92c42c1fa1bef483b10b0d"));
    }

    void badItemsAreRejectedWithoutFailingThePage_data()
    {
        QTest::addColumn<QByteArray>("item");
        QTest::addColumn<int>("models");
        QTest::addColumn<int>("files");
        QTest::newRow("a model with a text id is rejected") << QByteArray(R"({"id": "x", "name": "n"})") << 1 << 1;
        QTest::newRow("a model without a name is rejected") << QByteArray(R"({"id": 7})") << 1 << 1;
        QTest::newRow("a file named with a path is dropped, the model kept")
            << QByteArray(
                   R"({"id": 7, "name": "n", "modelVersions": [{"id": 70, "files": [{"name": "../../x.safetensors", "sizeKB": 1, "downloadUrl": "https:\/\/h\/x"}]}]})")
            << 2 << 1;
        QTest::newRow("a file of 10 PiB is dropped")
            << QByteArray(
                   R"({"id": 7, "name": "n", "modelVersions": [{"id": 70, "files": [{"name": "x.safetensors", "sizeKB": 1.2e13, "downloadUrl": "https:\/\/h\/x"}]}]})")
            << 2 << 1;
        // Found by fuzz_civitai_json: a size beyond qint64 must be refused, not cast.
        QTest::newRow("a file of 2.6e19 bytes is dropped")
            << QByteArray(
                   R"({"id": 7, "name": "n", "modelVersions": [{"id": 70, "files": [{"name": "x.safetensors", "sizeKB": 25464142971679688, "downloadUrl": "https:\/\/h\/x"}]}]})")
            << 2 << 1;
        QTest::newRow("a negative file size is dropped")
            << QByteArray(
                   R"({"id": 7, "name": "n", "modelVersions": [{"id": 70, "files": [{"name": "x.safetensors", "sizeKB": -4, "downloadUrl": "https:\/\/h\/x"}]}]})")
            << 2 << 1;
        QTest::newRow("a file with a javascript: URL is dropped")
            << QByteArray(
                   R"({"id": 7, "name": "n", "modelVersions": [{"id": 70, "files": [{"name": "x.safetensors", "sizeKB": 1, "downloadUrl": "javascript:void"}]}]})")
            << 2 << 1;
    }
    void badItemsAreRejectedWithoutFailingThePage()
    {
        QFETCH(QByteArray, item);
        QFETCH(int, models);
        QFETCH(int, files);
        const QByteArray good =
            R"({"id": 1, "name": "Good", "modelVersions": [{"id": 10, "name": "v1", "files": [{"name": "g.safetensors", "sizeKB": 2, "primary": true, "downloadUrl": "https:\/\/h\/api/download/models/10", "hashes": {"SHA256": "0DF040C8CD48125174B54C251A87822E8ED61D529A92C42C1FA1BEF483B10B0D"}}]}]})";
        const QByteArray body = "{\"items\": [" + good + ", " + item + "], \"metadata\": {\"nextCursor\": \"7|8\"}}";
        const auto r = CivitaiParser::modelList(body, QStringLiteral("list"));
        QVERIFY(r.ok());
        QCOMPARE(r.value.models.size(), models);
        QCOMPARE(r.value.nextCursor, QStringLiteral("7|8"));
        int fileCount = 0;
        for (const auto &m : r.value.models)
            for (const auto &v : m.versions)
                fileCount += int(v.files.size());
        QCOMPARE(fileCount, files);
        QCOMPARE(r.rejected.size(), 1);
    }

    void aDownloadCountBeyondAnyIntegerCountsAsNone()
    {
        // Found by fuzz_civitai_json: the count was cast from a double without a bound.
        const auto r = CivitaiParser::version(
            QByteArray(R"({"id": 1, "name": "v", "stats": {"downloadCount": 1e300}, "files": []})"),
            QStringLiteral("Civitai version 1"));
        QVERIFY(r.ok());
        QCOMPARE(r.value.downloadCount, qint64(0));
    }

    void aPageWithoutItemsIsMalformed()
    {
        const auto r = CivitaiParser::modelList(R"({"error": "x"})", QStringLiteral("list"));
        QCOMPARE(r.error.kind, Net::ErrorKind::BadResponse);
    }
};

QTEST_GUILESS_MAIN(TestCivitaiParser)
#include "tst_civitaiparser.moc"
