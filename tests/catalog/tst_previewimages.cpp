// Which pictures a card and a gallery show under each choice for pictures rated for adults,
// from the images the Civitai adapter stores per version (and the single preview of older
// catalogs).
#include "catalog/civitaiadapter.h"
#include "catalog/previewimages.h"
#include "hub/civitaitypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Catalog;

namespace {
QUrl picture(int n)
{
    return QUrl(QStringLiteral("https://image.civitai.test/%1.jpeg").arg(n));
}

VariantRecord versionWith(const QList<int> &levels)
{
    VariantRecord variant;
    QJsonArray images;
    for (int i = 0; i < levels.size(); ++i)
        images.append(
            QJsonObject{{QStringLiteral("url"), picture(i).toString()}, {QStringLiteral("nsfwLevel"), levels.at(i)}});
    variant.extra.insert(QStringLiteral("images"), images);
    return variant;
}
}  // namespace

class TestPreviewImages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ratingsFromRAndAboveAreMature_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<bool>("mature");
        QTest::newRow("PG is safe") << 1 << false;
        QTest::newRow("PG-13 is safe") << 2 << false;
        QTest::newRow("R is mature") << 4 << true;
        QTest::newRow("X is mature") << 8 << true;
        QTest::newRow("XXX is mature") << 16 << true;
        QTest::newRow("blocked is mature") << 32 << true;
    }
    void ratingsFromRAndAboveAreMature()
    {
        QFETCH(int, level);
        QFETCH(bool, mature);
        QCOMPARE(isMatureLevel(level), mature);
        QCOMPARE(previewImages(versionWith({level}), false).first().mature, mature);
    }

    void anUnratedPictureIsAsMatureAsItsModel()
    {
        QVERIFY(!previewImages(versionWith({0}), false).first().mature);
        QVERIFY(previewImages(versionWith({0}), true).first().mature);
        // A rating says more than the model's flag.
        QVERIFY(!previewImages(versionWith({1}), true).first().mature);
    }

    void anOlderCatalogsSinglePreviewIsStillShown()
    {
        VariantRecord variant;
        variant.extra.insert(QStringLiteral("preview"), picture(7).toString());
        const QList<PreviewImage> images = previewImages(variant, false);
        QCOMPARE(images.size(), 1);
        QCOMPARE(images.first().url, picture(7));
        // Not a web address: nothing.
        variant.extra.insert(QStringLiteral("preview"), QStringLiteral("file:///etc/passwd"));
        QVERIFY(previewImages(variant, false).isEmpty());
    }

    void theCardShowsTheFirstPictureThePolicyLetsThrough()
    {
        const QList<PreviewImage> images = previewImages(versionWith({8, 1}), false);
        CardImage shown = cardImage(images, NsfwPolicy::Blur);
        QCOMPARE(shown.url, picture(0));
        QVERIFY(shown.obscured);
        shown = cardImage(images, NsfwPolicy::Show);
        QCOMPARE(shown.url, picture(0));
        QVERIFY(!shown.obscured);
        shown = cardImage(images, NsfwPolicy::Hide);
        QCOMPARE(shown.url, picture(1));
        QVERIFY(!shown.obscured && !shown.hidden);
    }

    void hidingEveryPictureLeavesACardThatSaysSo()
    {
        const CardImage shown = cardImage(previewImages(versionWith({4, 16}), false), NsfwPolicy::Hide);
        QVERIFY(shown.url.isEmpty());
        QVERIFY(shown.hidden);
        QVERIFY(!cardImage({}, NsfwPolicy::Hide).hidden);  // no pictures at all is not hiding
    }

    void theGalleryKeepsTheOrderAndObscuresOrLeavesOut()
    {
        const QList<PreviewImage> images = previewImages(versionWith({1, 8, 2}), false);
        QList<CardImage> gallery = galleryImages(images, NsfwPolicy::Blur);
        QCOMPARE(gallery.size(), 3);
        QCOMPARE(gallery.at(1).url, picture(1));
        QVERIFY(!gallery.at(0).obscured && gallery.at(1).obscured && !gallery.at(2).obscured);
        gallery = galleryImages(images, NsfwPolicy::Hide);
        QCOMPARE(gallery.size(), 2);
        QCOMPARE(gallery.at(1).url, picture(2));
        QCOMPARE(galleryImages(images, NsfwPolicy::Show).size(), 3);
    }

    void policyNamesAreTheSettingsChoices()
    {
        for (NsfwPolicy policy : {NsfwPolicy::Show, NsfwPolicy::Blur, NsfwPolicy::Hide})
            QCOMPARE(nsfwPolicyFromName(nsfwPolicyName(policy)), policy);
        QCOMPARE(nsfwPolicyFromName(QStringLiteral("nonsense")), NsfwPolicy::Blur);  // the safe default
    }

    void theAdapterKeepsEveryPictureOfAVersionWithItsRating()
    {
        Hub::CivitaiModel model;
        model.id = 77;
        model.name = QStringLiteral("Rated");
        model.type = QStringLiteral("LORA");
        Hub::CivitaiVersion version;
        version.id = 770;
        version.name = QStringLiteral("v1");
        for (int level : {8, 1}) {
            Hub::CivitaiImage image;
            image.url = picture(int(version.images.size()));
            image.nsfwLevel = level;
            image.type = QStringLiteral("image");
            version.images << image;
        }
        Hub::CivitaiImage video;
        video.url = QUrl(QStringLiteral("https://image.civitai.test/clip.mp4"));
        video.type = QStringLiteral("video");
        version.images << video;
        model.versions << version;
        const ModelRecord record = CivitaiAdapter::toRecord(model, QUrl(QStringLiteral("https://civitai.test")));
        const QList<PreviewImage> images = previewImages(record.variants.first(), record.nsfw);
        QCOMPARE(images.size(), 2);  // a video is no picture for a card
        QCOMPARE(images.at(0).nsfwLevel, 8);
        QVERIFY(images.at(0).mature);
        QCOMPARE(images.at(1).url, picture(1));
        QVERIFY(!images.at(1).mature);
    }
};

QTEST_GUILESS_MAIN(TestPreviewImages)
#include "tst_previewimages.moc"
