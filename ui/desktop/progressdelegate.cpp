#include "progressdelegate.h"

#include "download/types.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace Ui {

ProgressDelegate::ProgressDelegate(int progressRole, int stateRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_progressRole(progressRole)
    , m_stateRole(stateRole)
{
}

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant progressValue = index.data(m_progressRole);
    const QVariant stateValue = index.data(m_stateRole);
    const auto state = static_cast<Download::TaskState>(stateValue.toInt());
    const double progress = progressValue.isValid() ? progressValue.toDouble() : -1.0;
    const bool showBar = stateValue.isValid() && progress >= 0
                         && !Download::isTerminal(state) && state != Download::TaskState::Queued;
    if (!showBar) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = int(progress * 1000);
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    bar.fontMetrics = option.fontMetrics;
    bar.direction = option.direction;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace Ui
