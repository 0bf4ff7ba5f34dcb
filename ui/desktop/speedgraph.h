#pragma once

#include <QWidget>

#include <deque>

namespace Ui {

// A small rolling graph of the total download speed, painted with QPainter from the palette
// (repainted when the palette changes, so it follows a light/dark switch). The dashboard
// pushes a sample on its own clock; the widget keeps the last minute.
class SpeedGraph : public QWidget
{
    Q_OBJECT
public:
    explicit SpeedGraph(QWidget *parent = nullptr);

    void addSample(double bytesPerSecond);
    int sampleCount() const { return int(m_samples.size()); }
    double peak() const;

    double lastSample() const { return m_samples.empty() ? 0.0 : m_samples.back(); }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    std::deque<double> m_samples;
    static constexpr std::size_t kMaxSamples = 120;  // one minute at 2 samples per second
};

}  // namespace Ui
