#include "progressdelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionProgressBar>

namespace Ui {

ProgressDelegate::ProgressDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QColor ProgressDelegate::toneFor(int hue, const QPalette &palette)
{
    const bool darkBase = palette.color(QPalette::Base).lightnessF() < 0.5;
    return QColor::fromHslF(hue / 360.0, 0.65, darkBase ? 0.68 : 0.36);
}

void ProgressDelegate::paintStateIcon(QPainter *painter, const QRectF &rect, ItemState state, const QPalette &palette,
                                      bool selected)
{
    if (state == ItemState::None)
        return;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor colour = text;
    switch (state) {
    case ItemState::Verified:
        colour = selected ? text : toneFor(130, palette);
        break;
    case ItemState::Failed:
        colour = selected ? text : toneFor(2, palette);
        break;
    case ItemState::UpdateAvailable:
        colour = selected ? text : toneFor(210, palette);
        break;
    case ItemState::Queued:
    case ItemState::Cancelled:
        colour = palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
        break;
    default:
        break;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal s = std::min(rect.width(), rect.height());
    const QRectF box(rect.center().x() - s / 2, rect.center().y() - s / 2, s, s);
    QPen pen(colour, std::max<qreal>(1.2, s / 7.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    const auto at = [&box](qreal x, qreal y) {
        return QPointF(box.left() + x * box.width(), box.top() + y * box.height());
    };
    switch (state) {
    case ItemState::Verified: {
        QPainterPath tick;
        tick.moveTo(at(0.18, 0.55));
        tick.lineTo(at(0.42, 0.78));
        tick.lineTo(at(0.84, 0.24));
        painter->drawPath(tick);
        break;
    }
    case ItemState::Failed:
        painter->drawLine(at(0.24, 0.24), at(0.76, 0.76));
        painter->drawLine(at(0.76, 0.24), at(0.24, 0.76));
        break;
    case ItemState::Paused:
        painter->drawLine(at(0.36, 0.22), at(0.36, 0.78));
        painter->drawLine(at(0.64, 0.22), at(0.64, 0.78));
        break;
    case ItemState::Queued:  // a clock: waiting for its turn
        painter->drawEllipse(QRectF(at(0.14, 0.14), at(0.86, 0.86)));
        painter->drawLine(at(0.5, 0.5), at(0.5, 0.28));
        painter->drawLine(at(0.5, 0.5), at(0.67, 0.58));
        break;
    case ItemState::Cancelled:
        painter->drawEllipse(QRectF(at(0.16, 0.16), at(0.84, 0.84)));
        painter->drawLine(at(0.28, 0.72), at(0.72, 0.28));
        break;
    case ItemState::UpdateAvailable: {
        QPainterPath arrow;
        arrow.moveTo(at(0.5, 0.82));
        arrow.lineTo(at(0.5, 0.2));
        arrow.moveTo(at(0.26, 0.44));
        arrow.lineTo(at(0.5, 0.2));
        arrow.lineTo(at(0.74, 0.44));
        painter->drawPath(arrow);
        break;
    }
    case ItemState::Downloading:
    case ItemState::Verifying: {
        QPainterPath arrow;  // only seen when the size is unknown and no bar can be drawn
        arrow.moveTo(at(0.5, 0.18));
        arrow.lineTo(at(0.5, 0.8));
        arrow.moveTo(at(0.26, 0.56));
        arrow.lineTo(at(0.5, 0.8));
        arrow.lineTo(at(0.74, 0.56));
        painter->drawPath(arrow);
        break;
    }
    case ItemState::None:
        break;
    }
    painter->restore();
}

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant stateValue = index.data(ItemStateRole);
    const auto state = ItemState(stateValue.toInt());
    const QVariant progressValue = index.data(ItemProgressRole);
    const double progress = progressValue.isValid() ? progressValue.toDouble() : -1.0;

    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QString text = item.text;
    item.text.clear();
    item.icon = QIcon();
    item.features &= ~QStyleOptionViewItem::HasDecoration;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);

    // The whole cell less the style's text margin, whatever the text's length.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect content = option.rect.adjusted(margin, 0, -margin, 0);
    if (isTransferring(state) && progress >= 0) {
        QStyleOptionProgressBar bar;
        bar.rect = content.adjusted(1, 2, -1, -2);
        bar.minimum = 0;
        bar.maximum = 1000;
        bar.progress = int(std::clamp(progress, 0.0, 1.0) * 1000);
        bar.text = text;
        bar.textVisible = true;
        bar.state = (option.state & ~QStyle::State_Selected) | QStyle::State_Horizontal;
        bar.palette = option.palette;
        bar.fontMetrics = option.fontMetrics;
        bar.direction = option.direction;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
        return;
    }
    const bool selected = option.state & QStyle::State_Selected;
    const int iconSize = option.fontMetrics.height();
    QRect textRect = content;
    const auto mark = ChangeMark(index.data(ItemMarkRole).toInt());
    if (mark != ChangeMark::None)
        textRect.setRight(paintMark(painter, content, mark, option) - iconSize / 3);
    if (state != ItemState::None && stateValue.isValid()) {
        const QRect iconRect(content.left() + 1, content.center().y() - iconSize / 2, iconSize, iconSize);
        paintStateIcon(painter, iconRect, state, option.palette, selected);
        textRect.setLeft(iconRect.right() + 1 + iconSize / 3);
    }
    const QString elided = option.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width());
    style->drawItemText(painter, textRect, int(Qt::AlignVCenter | Qt::AlignLeft), option.palette, true, elided,
                        selected ? QPalette::HighlightedText : QPalette::Text);
}

int ProgressDelegate::paintMark(QPainter *painter, const QRect &cell, ChangeMark mark,
                                const QStyleOptionViewItem &option)
{
    return paintBadge(painter, cell, changeMarkText(mark), mark == ChangeMark::New, option);
}

int ProgressDelegate::badgeWidth(const QString &text, const QStyleOptionViewItem &option)
{
    const QFontMetrics metrics(badgeFont(option));
    return metrics.horizontalAdvance(text) + metrics.height();
}

QFont ProgressDelegate::badgeFont(const QStyleOptionViewItem &option)
{
    QFont font = option.font;
    font.setBold(true);
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}

int ProgressDelegate::paintBadge(QPainter *painter, const QRect &cell, const QString &text, bool primary,
                                 const QStyleOptionViewItem &option)
{
    // A small pill at the right end of the cell, in the palette's own colours so it reads on
    // light and dark themes alike.
    const QFont font = badgeFont(option);
    const QFontMetrics metrics(font);
    const int height = std::min(cell.height() - 2, metrics.height() + 2);
    const int width = badgeWidth(text, option);
    const QRect pill(cell.right() - width, cell.center().y() - height / 2, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(primary ? option.palette.color(QPalette::Highlight) : toneFor(210, option.palette));
    painter->drawRoundedRect(QRectF(pill), height / 2.0, height / 2.0);
    painter->setFont(font);
    painter->setPen(primary ? option.palette.color(QPalette::HighlightedText) : option.palette.color(QPalette::Base));
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
    return pill.left();
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += option.fontMetrics.height() + option.fontMetrics.height() / 3;
    return size;
}

}  // namespace Ui
