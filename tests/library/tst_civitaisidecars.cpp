#include "hub/civitaiparser.h"
#include "plan/civitaisidecars.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using Plan::CivitaiSidecars;

// What other programs read beside a Civitai file: Civitai Helper's "<stem>.civitai.info",
// A1111's "<stem>.json" card, and which image becomes "<stem>.preview.<ext>". Checked against
// the real /api/v1/model-versions/1318 answer from Civitai's API reference.
class TestCivitaiSidecars : public QObject
{
    Q_OBJECT
private:
    static QByteArray sample()
    {
        QFile file(qEnvironmentVariable("MODELDOCK_SOURCE_DIR") +
                   QStringLiteral("/tests/hub/samples/civitai-model-version-1318.json"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void theInfoFileIsTheVersionAsCivitaiSendsIt()
    {
        const QByteArray body = sample();
        QVERIFY(!body.isEmpty());
        const Hub::Result<Hub::CivitaiVersion> version = Hub::CivitaiParser::version(body, QStringLiteral("1318"));
        QVERIFY2(version.ok(), qPrintable(version.error.message));
        Hub::CivitaiModel model;
        model.id = 1244;
        model.name = QStringLiteral("froggy style");
        model.type = QStringLiteral("Checkpoint");
        model.description = QStringLiteral("<p>Frogs.</p>");
        model.tags = {QStringLiteral("frog")};
        const QJsonObject info = CivitaiSidecars::civitaiInfo(model, version.value);
        const QJsonObject original = QJsonDocument::fromJson(body).object();
        // Every field the hub sent, unchanged (hashes, files, images, stats…).
        for (auto it = original.begin(); it != original.end(); ++it) {
            if (it.key() != QLatin1String("model"))
                QVERIFY2(info.value(it.key()) == it.value(), qPrintable(it.key()));
        }
        QCOMPARE(info.value(QLatin1String("modelId")).toInteger(), 1244);
        const QJsonObject parent = info.value(QLatin1String("model")).toObject();
        QCOMPARE(parent.value(QLatin1String("name")).toString(), QStringLiteral("froggy style"));
        QCOMPARE(parent.value(QLatin1String("type")).toString(), QStringLiteral("Checkpoint"));
        // As Civitai Helper completes it: the model's description and tags.
        QCOMPARE(parent.value(QLatin1String("description")).toString(), QStringLiteral("<p>Frogs.</p>"));
        QCOMPARE(parent.value(QLatin1String("tags")).toArray(), QJsonArray{QStringLiteral("frog")});
    }

    void aVersionFromAModelListingGetsItsModelFilledIn()
    {
        Hub::CivitaiModel model;
        model.id = 4201;
        model.name = QStringLiteral("Style");
        model.type = QStringLiteral("LORA");
        model.nsfw = true;
        Hub::CivitaiVersion version;
        version.id = 420060;
        version.json = QJsonObject{{QStringLiteral("id"), 420060}, {QStringLiteral("name"), QStringLiteral("v60")}};
        const QJsonObject info = CivitaiSidecars::civitaiInfo(model, version);
        QCOMPARE(info.value(QLatin1String("modelId")).toInteger(), 4201);
        QCOMPARE(info.value(QLatin1String("name")).toString(), QStringLiteral("v60"));
        const QJsonObject parent = info.value(QLatin1String("model")).toObject();
        QCOMPARE(parent.value(QLatin1String("type")).toString(), QStringLiteral("LORA"));
        QCOMPARE(parent.value(QLatin1String("nsfw")).toBool(), true);
        QCOMPARE(parent.value(QLatin1String("poi")).toBool(), false);
    }

    void theWebUiCardSaysWhatA1111Shows()
    {
        Hub::CivitaiModel model;
        model.description = QStringLiteral("<p>Pixel art &amp; more.</p><p>Use it at 0.8<br>or less.</p>");
        Hub::CivitaiVersion version;
        version.baseModel = QStringLiteral("SDXL 1.0");
        version.trainedWords = {QStringLiteral("pixel art"), QStringLiteral("8bit")};
        version.description = QStringLiteral("<p>v2 of it</p>");
        const QJsonObject card = CivitaiSidecars::webUiMetadata(model, version);
        QCOMPARE(card.value(QLatin1String("activation text")).toString(), QStringLiteral("pixel art, 8bit"));
        QCOMPARE(card.value(QLatin1String("sd version")).toString(), QStringLiteral("SDXL"));
        QCOMPARE(card.value(QLatin1String("preferred weight")).toDouble(), 0.0);
        QCOMPARE(card.value(QLatin1String("description")).toString(),
                 QStringLiteral("Pixel art & more.\nUse it at 0.8\nor less."));
        QCOMPARE(card.value(QLatin1String("notes")).toString(), QStringLiteral("v2 of it"));
        QVERIFY(card.value(QLatin1String("preferred weight")).isDouble());
    }

    void theSdVersionFollowsTheBaseModel_data()
    {
        QTest::addColumn<QString>("baseModel");
        QTest::addColumn<QString>("sdVersion");
        QTest::newRow("SD 1.5 is SD1") << QStringLiteral("SD 1.5") << QStringLiteral("SD1");
        QTest::newRow("SD 1.4 is SD1") << QStringLiteral("SD 1.4") << QStringLiteral("SD1");
        QTest::newRow("SD 2.1 768 is SD2") << QStringLiteral("SD 2.1 768") << QStringLiteral("SD2");
        QTest::newRow("SDXL 1.0 is SDXL") << QStringLiteral("SDXL 1.0") << QStringLiteral("SDXL");
        QTest::newRow("SDXL Lightning is SDXL") << QStringLiteral("SDXL Lightning") << QStringLiteral("SDXL");
        QTest::newRow("Pony is an SDXL network") << QStringLiteral("Pony") << QStringLiteral("SDXL");
        QTest::newRow("Illustrious is an SDXL network") << QStringLiteral("Illustrious") << QStringLiteral("SDXL");
        QTest::newRow("Flux is not one A1111 knows") << QStringLiteral("Flux.1 D") << QStringLiteral("Unknown");
        QTest::newRow("SD 3.5 is not SD1 nor SD2") << QStringLiteral("SD 3.5") << QStringLiteral("Unknown");
        QTest::newRow("no base model") << QString() << QStringLiteral("Unknown");
    }
    void theSdVersionFollowsTheBaseModel()
    {
        QFETCH(QString, baseModel);
        QFETCH(QString, sdVersion);
        QCOMPARE(CivitaiSidecars::sdVersion(baseModel), sdVersion);
    }

    void thePreviewIsTheFirstStillImageAtCardSize()
    {
        Hub::CivitaiVersion version;
        QVERIFY(!CivitaiSidecars::previewUrl(version).isValid());
        Hub::CivitaiImage video;
        video.url = QUrl(QStringLiteral("https://image.civitai.com/key/uuid/original=true/1.mp4"));
        video.type = QStringLiteral("video");
        Hub::CivitaiImage image;
        image.url = QUrl(QStringLiteral("https://image.civitai.com/key/uuid/width=1216/2.jpeg"));
        image.type = QStringLiteral("image");
        version.images = {video, image};
        const QUrl preview = CivitaiSidecars::previewUrl(version);
        QCOMPARE(preview.toString(), QStringLiteral("https://image.civitai.com/key/uuid/width=450/2.jpeg"));
        QCOMPARE(CivitaiSidecars::previewSuffix(preview), QStringLiteral("jpeg"));
        // Only a video: that, since it is all there is.
        version.images = {video};
        QCOMPARE(CivitaiSidecars::previewUrl(version).toString(),
                 QStringLiteral("https://image.civitai.com/key/uuid/width=450/1.mp4"));
        // A URL that says no size is taken as it is; one without a suffix is saved as png.
        Hub::CivitaiImage plain;
        plain.url = QUrl(QStringLiteral("https://img.example/images/a-512x768"));
        version.images = {plain};
        QCOMPARE(CivitaiSidecars::previewUrl(version), plain.url);
        QCOMPARE(CivitaiSidecars::previewSuffix(plain.url), QStringLiteral("png"));
    }
};

QTEST_GUILESS_MAIN(TestCivitaiSidecars)
#include "tst_civitaisidecars.moc"
