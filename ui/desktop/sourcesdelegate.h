#pragma once

#include <QStyledItemDelegate>

namespace Ui {

// Paints a Sources row as the style does, with a "N new" badge (or "N updated") at its right
// end, read from SourcesModel's count roles.
class SourcesDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The badge of a row, empty when there is nothing new.
    static QString badgeText(const QModelIndex &index);
};

}  // namespace Ui
