// The preview image cache against the test hub's real PNGs: memory LRU, the disk cache after a
// restart, expiry, and images that are not images.
#include "imagecache.h"
#include "net/session.h"
#include "testhub.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Ui::ImageCache;

class TestImageCache : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    Net::Session m_session;

    QUrl image(const QString &name, int side = 64) const
    {
        return QUrl(m_hub.storageUrl().toString() + QStringLiteral("/images/%1-%2x%2.png").arg(name).arg(side));
    }

    int storageRequests() { return int(m_hub.requests(QStringLiteral("storage")).size()); }

    // Requests the image and waits for its answer; true when it arrived as an image.
    static bool load(ImageCache &cache, const QUrl &url, QImage *out = nullptr)
    {
        QSignalSpy ready(&cache, &ImageCache::ready);
        QSignalSpy failed(&cache, &ImageCache::failed);
        cache.request(url);
        if (!QTest::qWaitFor([&] { return ready.count() + failed.count() > 0; }, 15000))
            return false;
        if (ready.isEmpty())
            return false;
        if (out)
            *out = ready.first().at(1).value<QImage>();
        return ready.first().first().toUrl() == url;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString())); }
    void init() { QVERIFY(m_hub.reset()); }

    void theLeastRecentlyUsedImageLeavesMemoryFirst()
    {
        ImageCache::Options options;
        options.memoryBytes = 40 * 1024;  // two 64×64 ARGB images (16 KiB each), not three
        ImageCache cache(&m_session, options);
        const QUrl a = image(QStringLiteral("a")), b = image(QStringLiteral("b")), c = image(QStringLiteral("c"));
        QImage decoded;
        QVERIFY(load(cache, a, &decoded));
        QCOMPARE(decoded.size(), QSize(64, 64));
        QVERIFY(load(cache, b));
        QVERIFY(!cache.cached(a).isNull());  // a is now the most recently used
        QVERIFY(load(cache, c));
        QCOMPARE(cache.memoryCount(), 2);
        QVERIFY(cache.isInMemory(a));
        QVERIFY(!cache.isInMemory(b));
        QVERIFY(cache.isInMemory(c));
        // A memory hit still answers asynchronously and fetches nothing.
        const int fetches = cache.networkFetches();
        QVERIFY(load(cache, a));
        QCOMPARE(cache.networkFetches(), fetches);
    }

    // A card's picture: never answered from inside the call (painting does not wait), then
    // the image fetched once, cropped to the card's box and kept; the blurred one is another.
    void aThumbnailArrivesLaterCroppedToTheCardAndIsKept()
    {
        ImageCache cache(&m_session, {});
        const QUrl url = image(QStringLiteral("card"), 200);
        const QSize box(60, 90);
        QSignalSpy arrived(&cache, &ImageCache::thumbnailReady);
        QVERIFY(cache.thumbnail(url, box, false).isNull());
        QVERIFY(cache.thumbnail(url, box, false).isNull());  // asked again while on its way
        QTRY_COMPARE_WITH_TIMEOUT(arrived.count(), 1, 15000);
        QCOMPARE(arrived.first().first().toUrl(), url);
        const QImage thumb = cache.thumbnail(url, box, false);
        QCOMPARE(thumb.size(), box);
        QCOMPARE(cache.networkFetches(), 1);
        // Blurred: the same image, no second fetch, a picture of its own.
        QVERIFY(cache.thumbnail(url, box, true).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(arrived.count(), 2, 15000);
        QCOMPARE(cache.thumbnail(url, box, true).size(), box);
        QCOMPARE(cache.networkFetches(), 1);
        QCOMPARE(cache.thumbnailCount(), 2);
        // A picture that cannot load is not asked for again at every paint.
        const QUrl missing(m_hub.storageUrl().toString() + QStringLiteral("/nothing-here.png"));
        QSignalSpy failed(&cache, &ImageCache::failed);
        QVERIFY(cache.thumbnail(missing, box, false).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 15000);
        const int fetches = cache.networkFetches();
        QVERIFY(cache.thumbnail(missing, box, false).isNull());
        QCOMPARE(cache.networkFetches(), fetches);
    }

    void aRestartedCacheAnswersFromDiskWithoutTheNetwork()
    {
        QTemporaryDir dir;
        ImageCache::Options options;
        options.directory = dir.path();
        const QUrl url = image(QStringLiteral("persisted"), 96);
        {
            ImageCache first(&m_session, options);
            QVERIFY(load(first, url));
            QCOMPARE(first.networkFetches(), 1);
            QVERIFY(QFileInfo::exists(first.diskPath(url)));
        }
        const int before = storageRequests();
        ImageCache second(&m_session, options);
        QImage decoded;
        QVERIFY(load(second, url, &decoded));
        QCOMPARE(decoded.size(), QSize(96, 96));
        QCOMPARE(second.networkFetches(), 0);
        QCOMPARE(storageRequests(), before);
    }

    void anExpiredDiskEntryIsFetchedAgain()
    {
        QTemporaryDir dir;
        ImageCache::Options options;
        options.directory = dir.path();
        options.maxAge = std::chrono::hours(1);
        const QUrl url = image(QStringLiteral("ageing"));
        {
            ImageCache first(&m_session, options);
            QVERIFY(load(first, url));
        }
        QFile entry(ImageCache(nullptr, options).diskPath(url));
        QVERIFY(entry.open(QIODevice::ReadWrite));
        QVERIFY(entry.setFileTime(QDateTime::currentDateTime().addSecs(-2 * 3600), QFileDevice::FileModificationTime));
        entry.close();
        ImageCache second(&m_session, options);
        QVERIFY(load(second, url));
        QCOMPARE(second.networkFetches(), 1);
        // Written again, fresh.
        QVERIFY(QFileInfo(second.diskPath(url)).lastModified().secsTo(QDateTime::currentDateTime()) < 600);
    }

    void somethingThatIsNotAnImageFailsWithoutCrashingOrBeingCached()
    {
        QTemporaryDir dir;
        ImageCache::Options options;
        options.directory = dir.path();
        ImageCache cache(&m_session, options);
        // A text file where an image was promised.
        const QUrl text(m_hub.hfUrl().toString() +
                        QStringLiteral("/modeldock-demo/TinyStories-GGUF/resolve/main/README.md"));
        QSignalSpy failed(&cache, &ImageCache::failed);
        cache.request(text);
        QVERIFY(failed.wait(15000));
        QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("not an image")),
                 qPrintable(failed.first().at(1).toString()));
        QVERIFY(!QFileInfo::exists(cache.diskPath(text)));
        QVERIFY(!cache.isInMemory(text));

        // A damaged disk entry is dropped and the image fetched again.
        const QUrl url = image(QStringLiteral("damaged"));
        QFile damaged(cache.diskPath(url));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("\x89PNG\r\n\x1a\n but then nothing of the sort");
        damaged.close();
        QVERIFY(load(cache, url));
        QCOMPARE(cache.networkFetches(), 2);

        // Not a web address: refused without a request.
        QSignalSpy refused(&cache, &ImageCache::failed);
        cache.request(QUrl::fromLocalFile(QStringLiteral("/etc/hostname")));
        QVERIFY(refused.wait(2000));
        QCOMPARE(cache.networkFetches(), 2);
    }
};

QTEST_MAIN(TestImageCache)
#include "tst_imagecache.moc"
