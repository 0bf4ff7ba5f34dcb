#pragma once

#include "catalog/previewimages.h"

#include <QHash>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QSet>

class QWidget;

namespace Ui {

class ImageCache;
class PreviewViewer;

// Every picture of one version, loaded through ImageCache and shown large in a PreviewViewer
// once all have answered (those that failed are left out). Obscured pictures (a mature one
// under "blur") stay obscured here too. Deletes itself when the viewer opened or nothing came.
class VersionGallery : public QObject
{
    Q_OBJECT
public:
    VersionGallery(ImageCache *images, const QList<Catalog::CardImage> &pictures, QWidget *window);

    void start();

Q_SIGNALS:
    void opened(Ui::PreviewViewer *viewer);

private:
    void onReady(const QUrl &url, const QImage &image);
    void onFailed(const QUrl &url);
    void finishIfComplete();

    ImageCache *m_images;
    QList<Catalog::CardImage> m_pictures;
    QPointer<QWidget> m_window;
    QHash<QUrl, QImage> m_loaded;
    QSet<QUrl> m_waiting;
};

}  // namespace Ui
