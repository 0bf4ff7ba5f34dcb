#pragma once

#include "itemstate.h"

#include <QStyledItemDelegate>

namespace Ui {

// Paints a state column from the shared typed roles only (ItemStateRole, ItemProgressRole) and
// the model's DisplayRole text: a style progress bar while a transfer runs, otherwise a small
// vector icon and the word. Colours come from the palette at paint time, so a light/dark switch
// needs nothing but a repaint, and vector icons stay sharp at any device pixel ratio.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ProgressDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The icon of a state, drawn into `rect` with colours that contrast with `palette`'s base.
    static void paintStateIcon(QPainter *painter, const QRectF &rect, ItemState state, const QPalette &palette,
                               bool selected);
    // A hue kept readable on the palette's base: darker on light bases, lighter on dark ones.
    static QColor toneFor(int hue, const QPalette &palette);
    // The "new"/"updated" badge at the right end of `cell`; returns its left edge.
    static int paintMark(QPainter *painter, const QRect &cell, ChangeMark mark, const QStyleOptionViewItem &option);
    // A pill with `text` at the right end of `cell` (highlight colours when primary); returns
    // its left edge.
    static int paintBadge(QPainter *painter, const QRect &cell, const QString &text, bool primary,
                          const QStyleOptionViewItem &option);
    static int badgeWidth(const QString &text, const QStyleOptionViewItem &option);
    static QFont badgeFont(const QStyleOptionViewItem &option);
};

}  // namespace Ui
