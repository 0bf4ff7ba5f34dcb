#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <chrono>

class QNetworkReply;

namespace Net {
class Session;
}

namespace Ui {

// Preview images (Civitai) for the details pane: an in-memory LRU of decoded images in front of
// a disk cache of the downloaded bytes whose entries expire. Disk reads, decoding and disk
// writes run on worker threads; the network reply lives on the caller's thread (the process's
// Net::Session). A broken image is reported with failed() and never cached.
class ImageCache : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString directory;                           // disk cache; empty: memory only
        qint64 memoryBytes = 48LL * 1024 * 1024;     // decoded pixels kept in memory
        std::chrono::seconds maxAge{7 * 24 * 3600};  // disk entries older than this are fetched again
        qint64 maxDiskBytes = 256LL * 1024 * 1024;   // oldest entries go first beyond this
        qint64 maxDownloadBytes = 16LL * 1024 * 1024;
        int maxSide = 768;                           // decoded images are scaled down to fit
        qint64 thumbnailBytes = 32LL * 1024 * 1024;  // card pictures kept in memory
    };

    // `session` may be null: then nothing is fetched (memory and disk only).
    ImageCache(const Net::Session *session, const Options &options, QObject *parent = nullptr);
    ~ImageCache() override;

    // The decoded image from memory (and marks it recently used); null when not in memory.
    QImage cached(const QUrl &url);
    // Memory, then disk, then network. Answers later with ready() or failed(), never from
    // inside this call. Only http and https URLs are fetched.
    void request(const QUrl &url);

    // A card's picture: the image scaled to cover `box` (device pixels) and cropped to it,
    // obscured when asked (a mature picture under "blur"). Null until thumbnailReady(url): the
    // image is requested as needed and scaled on a worker thread, so painting never waits. Kept
    // in the same cache's memory (LRU, Options::thumbnailBytes); a URL that failed is not asked
    // again for a minute.
    QImage thumbnail(const QUrl &url, const QSize &box, bool obscured);
    int thumbnailCount() const { return int(m_thumbnails.count()); }
    // The picture made unrecognisable (a tiny copy scaled up smoothly); safe on any thread.
    static QImage obscure(const QImage &image);

    bool isInMemory(const QUrl &url) const { return m_memory.contains(key(url)); }
    int memoryCount() const { return int(m_memory.count()); }
    QString diskPath(const QUrl &url) const;
    int networkFetches() const { return m_networkFetches; }

Q_SIGNALS:
    void ready(const QUrl &url, const QImage &image);
    void failed(const QUrl &url, const QString &reason);
    void thumbnailReady(const QUrl &url);

private:
    struct Loaded
    {
        QImage image;
        bool found = false;  // a fresh disk entry existed
        QString error;
    };
    static QString key(const QUrl &url);
    void readDisk(const QUrl &url);
    void fetch(const QUrl &url, const QUrl &at, int hops);
    void onReply(QNetworkReply *reply, const QUrl &url, int hops);
    void decodeDownloaded(const QUrl &url, const QByteArray &bytes);
    void remember(const QUrl &url, const QImage &image);
    void finishFailed(const QUrl &url, const QString &reason);
    void pruneDisk();
    struct Wanted
    {
        QSize box;
        bool obscured = false;
    };
    static QString thumbnailKey(const QString &imageKey, const QSize &box, bool obscured);
    void scaleThumbnail(const QUrl &url, const QImage &image, const Wanted &wanted);
    void onImageForThumbnails(const QUrl &url, const QImage &image);
    void onImageFailedForThumbnails(const QUrl &url);

    const Net::Session *m_session;
    Options m_options;
    QCache<QString, QImage> m_memory;  // cost: KiB of pixels
    QSet<QString> m_busy;              // a load of this key is under way
    QHash<QNetworkReply *, QUrl> m_replies;
    int m_networkFetches = 0;
    QCache<QString, QImage> m_thumbnails;        // cost: KiB of pixels
    QSet<QString> m_scaling;                     // thumbnail keys being scaled
    QHash<QString, QList<Wanted>> m_wanted;      // image key → thumbnails waiting for it
    QHash<QString, qint64> m_thumbnailFailures;  // image key → when it failed (ms since epoch)
};

}  // namespace Ui
