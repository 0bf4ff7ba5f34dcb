#include "previewviewer.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

namespace Ui {

PreviewViewer::PreviewViewer(const QList<QImage> &images, int current, QWidget *parent)
    : QDialog(parent)
    , m_images(images)
    , m_image(new QLabel(this))
    , m_position(new QLabel(this))
    , m_previous(new QPushButton(tr("&Previous"), this))
    , m_next(new QPushButton(tr("&Next"), this))
{
    setObjectName(QStringLiteral("previewViewer"));
    setWindowTitle(tr("Preview"));
    m_image->setObjectName(QStringLiteral("previewLarge"));
    m_image->setAccessibleName(tr("Preview image, large"));
    m_image->setAlignment(Qt::AlignCenter);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_previous);
    buttons->addStretch(1);
    buttons->addWidget(m_position);
    buttons->addStretch(1);
    buttons->addWidget(m_next);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_image, 1);
    layout->addLayout(buttons);
    layout->addWidget(close);
    connect(m_previous, &QPushButton::clicked, this, [this] { show(m_current - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { show(m_current + 1); });
    show(current);
}

void PreviewViewer::show(int index)
{
    if (m_images.isEmpty())
        return;
    m_current = qBound(0, index, int(m_images.size()) - 1);
    const QImage &image = m_images.at(m_current);
    const QScreen *screen = this->screen();
    const QSize room = screen ? screen->availableSize() * 3 / 4 : QSize(1024, 768);
    const qreal ratio = devicePixelRatioF();
    QImage shown = image;
    if (image.width() > room.width() * ratio || image.height() > room.height() * ratio)
        shown = image.scaled(room * ratio, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QPixmap pixmap = QPixmap::fromImage(shown);
    pixmap.setDevicePixelRatio(ratio);
    m_image->setPixmap(pixmap);
    m_position->setText(tr("%1 of %2").arg(m_current + 1).arg(m_images.size()));
    m_previous->setEnabled(m_current > 0);
    m_next->setEnabled(m_current + 1 < m_images.size());
}

void PreviewViewer::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Left) {
        show(m_current - 1);
        return;
    }
    if (event->key() == Qt::Key_Right) {
        show(m_current + 1);
        return;
    }
    QDialog::keyPressEvent(event);
}

}  // namespace Ui
