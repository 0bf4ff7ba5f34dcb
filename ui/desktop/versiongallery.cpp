#include "versiongallery.h"

#include "imagecache.h"
#include "previewviewer.h"

#include <QWidget>

namespace Ui {

VersionGallery::VersionGallery(ImageCache *images, const QList<Catalog::CardImage> &pictures, QWidget *window)
    : QObject(window)
    , m_images(images)
    , m_pictures(pictures)
    , m_window(window)
{
}

void VersionGallery::start()
{
    connect(m_images, &ImageCache::ready, this, &VersionGallery::onReady);
    connect(m_images, &ImageCache::failed, this, [this](const QUrl &url) { onFailed(url); });
    for (const Catalog::CardImage &picture : std::as_const(m_pictures))
        m_waiting.insert(picture.url);
    // request() answers later, never from inside the call: every URL is in m_waiting first.
    for (const Catalog::CardImage &picture : std::as_const(m_pictures))
        m_images->request(picture.url);
    finishIfComplete();
}

void VersionGallery::onReady(const QUrl &url, const QImage &image)
{
    if (m_waiting.remove(url)) {
        m_loaded.insert(url, image);
        finishIfComplete();
    }
}

void VersionGallery::onFailed(const QUrl &url)
{
    if (m_waiting.remove(url))
        finishIfComplete();
}

void VersionGallery::finishIfComplete()
{
    if (!m_waiting.isEmpty())
        return;
    QList<QImage> images;
    for (const Catalog::CardImage &picture : std::as_const(m_pictures)) {
        const QImage image = m_loaded.value(picture.url);
        if (!image.isNull())
            images << (picture.obscured ? ImageCache::obscure(image) : image);
    }
    if (!images.isEmpty() && m_window) {
        auto *viewer = new PreviewViewer(images, 0, m_window);
        viewer->setObjectName(QStringLiteral("versionGallery"));
        viewer->setAttribute(Qt::WA_DeleteOnClose);
        viewer->open();
        Q_EMIT opened(viewer);
    }
    deleteLater();
}

}  // namespace Ui
