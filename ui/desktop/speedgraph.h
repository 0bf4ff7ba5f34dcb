#pragma once

#include <QWidget>

#include <deque>

namespace Ui {

// A small rolling graph of the total download speed, painted with QPainter. Samples are
// pushed by the dashboard on the pool's batched tick; the widget keeps the last N.
class SpeedGraph : public QWidget
{
    Q_OBJECT
public:
    explicit SpeedGraph(QWidget *parent = nullptr);

    void addSample(double bytesPerSecond);
    int sampleCount() const { return int(m_samples.size()); }
    double peak() const;

    QSize sizeHint() const override { return {240, 48}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::deque<double> m_samples;
    static constexpr std::size_t kMaxSamples = 240;  // one minute at 4 samples per second
};

} // namespace Ui
