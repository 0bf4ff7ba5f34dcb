#include "sourcesdelegate.h"

#include "progressdelegate.h"
#include "sourcesmodel.h"

#include <QApplication>
#include <QPainter>

namespace Ui {

QString SourcesDelegate::badgeText(const QModelIndex &index)
{
    const int added = index.data(SourcesModel::NewCountRole).toInt();
    const int changed = index.data(SourcesModel::ChangedCountRole).toInt();
    if (added > 0)
        return tr("%n new", nullptr, added);
    if (changed > 0)
        return tr("%n updated", nullptr, changed);
    return {};
}

void SourcesDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString badge = badgeText(index);
    if (badge.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QString text = item.text;
    item.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect content = option.rect.adjusted(margin + 2, 0, -margin - 2, 0);
    const int left = ProgressDelegate::paintBadge(painter, content, badge, true, option);
    QRect textRect = content;
    textRect.setRight(left - option.fontMetrics.averageCharWidth());
    const bool selected = option.state & QStyle::State_Selected;
    style->drawItemText(painter, textRect, int(Qt::AlignVCenter | Qt::AlignLeft), option.palette, true,
                        option.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width()),
                        selected ? QPalette::HighlightedText : QPalette::Text);
}

QSize SourcesDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString badge = badgeText(index);
    if (!badge.isEmpty())
        size.rwidth() += ProgressDelegate::badgeWidth(badge, option) + option.fontMetrics.averageCharWidth() * 2;
    return size;
}

}  // namespace Ui
