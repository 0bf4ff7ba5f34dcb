#pragma once

#include <QDialog>
#include <QImage>
#include <QList>

class QLabel;
class QPushButton;

namespace Ui {

// A preview image shown large (as large as fits three quarters of the screen, never blown up
// past its own size), with Previous/Next (and the arrow keys) through the gallery it came
// from. The images are the ones already loaded; nothing is fetched here.
class PreviewViewer : public QDialog
{
    Q_OBJECT
public:
    PreviewViewer(const QList<QImage> &images, int current, QWidget *parent = nullptr);

    int current() const { return m_current; }
    int count() const { return int(m_images.size()); }
    QLabel *imageLabel() const { return m_image; }
    void show(int index);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QList<QImage> m_images;
    int m_current = 0;
    QLabel *m_image;
    QLabel *m_position;
    QPushButton *m_previous;
    QPushButton *m_next;
};

}  // namespace Ui
