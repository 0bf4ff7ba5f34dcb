#include "imagecache.h"

#include "net/requestfactory.h"
#include "net/session.h"
#include "uilogging.h"
#include "util/futurewatch.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

namespace Ui {

namespace {

// Decodes at most maxSide on the longer edge: previews are thumbnails, and a huge image must
// not cost its full size in memory. Runs on a worker thread.
QImage decode(const QByteArray &bytes, int maxSide, QString *error)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > maxSide || size.height() > maxSide))
        reader.setScaledSize(size.scaled(maxSide, maxSide, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull()) {
        *error = reader.errorString();
        return {};
    }
    return image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

qint64 costOf(const QImage &image)
{
    return std::max<qint64>(1, image.sizeInBytes() / 1024);
}

}  // namespace

ImageCache::ImageCache(const Net::Session *session, const Options &options, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_options(options)
{
    m_memory.setMaxCost(std::max<qint64>(1, options.memoryBytes / 1024));
    m_thumbnails.setMaxCost(std::max<qint64>(1, options.thumbnailBytes / 1024));
    connect(this, &ImageCache::ready, this, &ImageCache::onImageForThumbnails);
    connect(this, &ImageCache::failed, this, &ImageCache::onImageFailedForThumbnails);
    if (!m_options.directory.isEmpty()) {
        QDir().mkpath(m_options.directory);
        pruneDisk();
    }
}

ImageCache::~ImageCache()
{
    const QList<QNetworkReply *> replies = m_replies.keys();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

QString ImageCache::key(const QUrl &url)
{
    return QString::fromLatin1(QCryptographicHash::hash(url.toEncoded(), QCryptographicHash::Sha256).toHex().left(40));
}

QImage ImageCache::obscure(const QImage &image)
{
    if (image.isNull())
        return image;
    // Scaled down to a few dozen pixels, nothing recognisable is left; scaled up smoothly, the
    // colours stay, so the card still looks like a picture.
    const QImage tiny = image.scaled(std::max(1, image.width() / 32), std::max(1, image.height() / 32),
                                     Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return tiny.scaled(image.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

QString ImageCache::thumbnailKey(const QString &imageKey, const QSize &box, bool obscured)
{
    return imageKey + QLatin1Char('|') + QString::number(box.width()) + QLatin1Char('x') +
           QString::number(box.height()) + (obscured ? QLatin1String("|o") : QLatin1String(""));
}

QImage ImageCache::thumbnail(const QUrl &url, const QSize &box, bool obscured)
{
    if (box.isEmpty())
        return {};
    const QString imageKey = key(url);
    const QString k = thumbnailKey(imageKey, box, obscured);
    if (const QImage *thumb = m_thumbnails.object(k))
        return *thumb;
    if (m_scaling.contains(k))
        return {};
    const auto failedAt = m_thumbnailFailures.constFind(imageKey);
    if (failedAt != m_thumbnailFailures.cend()) {
        if (QDateTime::currentMSecsSinceEpoch() - *failedAt < 60000)
            return {};
        m_thumbnailFailures.remove(imageKey);
    }
    const Wanted wanted{box, obscured};
    if (const QImage *image = m_memory.object(imageKey)) {
        scaleThumbnail(url, *image, wanted);
        return {};
    }
    QList<Wanted> &waiting = m_wanted[imageKey];
    for (const Wanted &w : std::as_const(waiting)) {
        if (w.box == box && w.obscured == obscured)
            return {};  // asked already; the image is on its way
    }
    waiting << wanted;
    request(url);
    return {};
}

void ImageCache::scaleThumbnail(const QUrl &url, const QImage &image, const Wanted &wanted)
{
    const QString k = thumbnailKey(key(url), wanted.box, wanted.obscured);
    if (m_scaling.contains(k) || m_thumbnails.contains(k))
        return;
    m_scaling.insert(k);
    Util::whenFinished(this, QtConcurrent::run([image, wanted] {
                           // Cover the box and crop the middle: every card the same size.
                           const QImage scaled =
                               image.scaled(wanted.box, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
                           QImage thumb = scaled.copy((scaled.width() - wanted.box.width()) / 2,
                                                      (scaled.height() - wanted.box.height()) / 2, wanted.box.width(),
                                                      wanted.box.height());
                           // Opaque pixels are copied onto the screen, not blended: cheaper to paint.
                           return (wanted.obscured ? obscure(thumb) : thumb).convertToFormat(QImage::Format_RGB32);
                       }),
                       [this, url, k](const QImage &thumb) {
                           m_scaling.remove(k);
                           m_thumbnails.insert(k, new QImage(thumb), costOf(thumb));
                           Q_EMIT thumbnailReady(url);
                       });
}

void ImageCache::onImageForThumbnails(const QUrl &url, const QImage &image)
{
    const QList<Wanted> waiting = m_wanted.take(key(url));
    for (const Wanted &wanted : waiting)
        scaleThumbnail(url, image, wanted);
}

void ImageCache::onImageFailedForThumbnails(const QUrl &url)
{
    const QString imageKey = key(url);
    if (m_wanted.remove(imageKey) > 0)
        m_thumbnailFailures.insert(imageKey, QDateTime::currentMSecsSinceEpoch());
}

QString ImageCache::diskPath(const QUrl &url) const
{
    if (m_options.directory.isEmpty())
        return {};
    return QDir(m_options.directory).filePath(key(url) + QStringLiteral(".img"));
}

QImage ImageCache::cached(const QUrl &url)
{
    const QImage *image = m_memory.object(key(url));
    return image ? *image : QImage();
}

void ImageCache::request(const QUrl &url)
{
    const QString k = key(url);
    if (const QImage *image = m_memory.object(k)) {
        const QImage copy = *image;
        QMetaObject::invokeMethod(
            this, [this, url, copy] { Q_EMIT ready(url, copy); }, Qt::QueuedConnection);
        return;
    }
    if (m_busy.contains(k))
        return;  // its answer is on the way
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) {
        QMetaObject::invokeMethod(
            this, [this, url] { Q_EMIT failed(url, tr("Only web images are shown.")); }, Qt::QueuedConnection);
        return;
    }
    m_busy.insert(k);
    if (m_options.directory.isEmpty())
        fetch(url, url, 0);
    else
        readDisk(url);
}

void ImageCache::readDisk(const QUrl &url)
{
    const QString path = diskPath(url);
    const qint64 maxAge = m_options.maxAge.count();
    const int maxSide = m_options.maxSide;
    Util::whenFinished(this, QtConcurrent::run([path, maxAge, maxSide] {
                           Loaded loaded;
                           const QFileInfo info(path);
                           if (!info.exists())
                               return loaded;
                           if (info.lastModified().secsTo(QDateTime::currentDateTime()) > maxAge) {
                               QFile::remove(path);  // expired: fetch it again
                               return loaded;
                           }
                           QFile file(path);
                           if (!file.open(QIODevice::ReadOnly))
                               return loaded;
                           loaded.image = decode(file.readAll(), maxSide, &loaded.error);
                           if (loaded.image.isNull())
                               QFile::remove(path);  // a damaged entry: fetch it again
                           else
                               loaded.found = true;
                           return loaded;
                       }),
                       [this, url](const Loaded &loaded) {
                           if (loaded.found) {
                               remember(url, loaded.image);
                               return;
                           }
                           if (!loaded.error.isEmpty())
                               qCInfo(lcUi) << "dropped a damaged cached image:" << loaded.error;
                           fetch(url, url, 0);
                       });
}

void ImageCache::fetch(const QUrl &url, const QUrl &at, int hops)
{
    if (!m_session) {
        finishFailed(url, tr("No network."));
        return;
    }
    ++m_networkFetches;
    // No credentials (the manager itself, not Session::get): preview images are public, and
    // tokens never go to image hosts.
    QNetworkRequest request = m_session->apiRequest(at, 20000);
    QNetworkReply *reply = m_session->network()->get(request);
    m_replies.insert(reply, url);
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64 total) {
        if (received > m_options.maxDownloadBytes || total > m_options.maxDownloadBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, hops] { onReply(reply, url, hops); });
}

void ImageCache::onReply(QNetworkReply *reply, const QUrl &url, int hops)
{
    reply->deleteLater();
    m_replies.remove(reply);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300 && status < 400) {
        const QUrl to = reply->url().resolved(reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl());
        const QString refusal = Net::redirectRefusal(reply->url(), to, hops, 5);
        if (!refusal.isEmpty()) {
            finishFailed(url, refusal);
            return;
        }
        fetch(url, to, hops + 1);
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        finishFailed(url, reply->error() == QNetworkReply::OperationCanceledError ? tr("The image is too large.")
                                                                                  : reply->errorString());
        return;
    }
    decodeDownloaded(url, reply->readAll());
}

void ImageCache::decodeDownloaded(const QUrl &url, const QByteArray &bytes)
{
    const int maxSide = m_options.maxSide;
    const QString path = diskPath(url);
    Util::whenFinished(this, QtConcurrent::run([bytes, maxSide, path] {
                           Loaded loaded;
                           loaded.image = decode(bytes, maxSide, &loaded.error);
                           // Only images that decode reach the disk, written whole or not at all.
                           if (!loaded.image.isNull() && !path.isEmpty()) {
                               QSaveFile file(path);
                               if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size())
                                   file.commit();
                           }
                           return loaded;
                       }),
                       [this, url](const Loaded &loaded) {
                           if (loaded.image.isNull())
                               finishFailed(url, tr("The preview is not an image we can show (%1).").arg(loaded.error));
                           else
                               remember(url, loaded.image);
                       });
}

void ImageCache::remember(const QUrl &url, const QImage &image)
{
    const QString k = key(url);
    m_busy.remove(k);
    m_memory.insert(k, new QImage(image), costOf(image));
    Q_EMIT ready(url, image);
}

void ImageCache::finishFailed(const QUrl &url, const QString &reason)
{
    m_busy.remove(key(url));
    qCInfo(lcUi) << "preview image failed:" << reason;
    Q_EMIT failed(url, reason);
}

void ImageCache::pruneDisk()
{
    const QString directory = m_options.directory;
    const qint64 maxAge = m_options.maxAge.count();
    const qint64 maxBytes = m_options.maxDiskBytes;
    // Off the UI thread: a cache folder can hold thousands of files.
    (void)QtConcurrent::run([directory, maxAge, maxBytes] {
        QFileInfoList entries = QDir(directory).entryInfoList({QStringLiteral("*.img")}, QDir::Files, QDir::Time);
        const QDateTime now = QDateTime::currentDateTime();
        qint64 total = 0;
        for (const QFileInfo &entry : std::as_const(entries)) {  // newest first
            total += entry.size();
            if (entry.lastModified().secsTo(now) > maxAge || total > maxBytes)
                QFile::remove(entry.absoluteFilePath());
        }
    });
}

}  // namespace Ui
