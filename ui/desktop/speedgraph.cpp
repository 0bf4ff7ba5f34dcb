#include "speedgraph.h"

#include "download/types.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace Ui {

SpeedGraph::SpeedGraph(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("speedGraph"));
    setAccessibleName(tr("Download speed over the last minute"));
    setMinimumSize(fontMetrics().averageCharWidth() * 16, fontMetrics().height() * 2);
}

QSize SpeedGraph::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 32, fontMetrics().height() * 3};
}

void SpeedGraph::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange ||
        event->type() == QEvent::StyleChange)
        update();
}

void SpeedGraph::addSample(double bytesPerSecond)
{
    m_samples.push_back(std::max(0.0, bytesPerSecond));
    if (m_samples.size() > kMaxSamples)
        m_samples.pop_front();
    update();
}

double SpeedGraph::peak() const
{
    return m_samples.empty() ? 0.0 : *std::max_element(m_samples.begin(), m_samples.end());
}

void SpeedGraph::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(1, 1, -1, -1);
    painter.fillRect(area, palette().base());
    painter.setPen(palette().mid().color());
    painter.drawRect(area);
    if (m_samples.size() < 2)
        return;
    // Scale to the peak seen in the window, with head room, so the line never clips.
    const double top = std::max(peak() * 1.15, 1.0);
    const double step = area.width() / double(kMaxSamples - 1);
    const double startX = area.right() - step * double(m_samples.size() - 1);
    QPainterPath line;
    for (std::size_t i = 0; i < m_samples.size(); ++i) {
        const QPointF point(startX + step * double(i), area.bottom() - area.height() * (m_samples[i] / top));
        if (i == 0)
            line.moveTo(point);
        else
            line.lineTo(point);
    }
    QPainterPath fill = line;
    fill.lineTo(area.right(), area.bottom());
    fill.lineTo(startX, area.bottom());
    fill.closeSubpath();
    QColor highlight = palette().highlight().color();
    QColor translucent = highlight;
    translucent.setAlpha(60);
    painter.fillPath(fill, translucent);
    painter.setPen(QPen(highlight, 1.5));
    painter.drawPath(line);
    painter.setPen(palette().text().color());
    painter.drawText(area.adjusted(4, 2, -4, -2), Qt::AlignTop | Qt::AlignLeft,
                     Download::formatBytes(qint64(m_samples.back())) + tr("/s"));
}

}  // namespace Ui
