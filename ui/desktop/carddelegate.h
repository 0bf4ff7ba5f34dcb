#pragma once

#include "catalog/previewimages.h"
#include "progressdelegate.h"

#include <QStyledItemDelegate>

namespace Ui {

class ImageCache;

// Paints one model of the catalog as a card in the grid: the picture of its newest version
// (from ImageCache's thumbnails, scaled off the UI thread), name, type, base model, downloads,
// likes, the download state (as the tree's state column paints it) and a Download button. It
// paints only: no widget per card, so thousands of cards scroll smoothly. Reads CatalogModel's
// roles on the row and its state column's sibling; pictures rated for adults follow the policy.
class CardDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit CardDelegate(ImageCache *images /*may be null*/, QObject *parent = nullptr);

    void setNsfwPolicy(Catalog::NsfwPolicy policy) { m_policy = policy; }
    Catalog::NsfwPolicy nsfwPolicy() const { return m_policy; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The card's size for a font: the grid's cell, the same for every card.
    static QSize cardSize(const QFontMetrics &metrics);
    // Where the parts of a card drawn in `cell` are.
    static QRect pictureRect(const QRect &cell, const QFontMetrics &metrics);
    static QRect downloadButtonRect(const QRect &cell, const QFontMetrics &metrics);

    // What the card of `index` shows under the current policy (tests, the gallery).
    Catalog::CardImage cardImage(const QModelIndex &index) const;
    // Cards painted since the last call, and those of them whose picture was still on its way
    // (the bench's check that a paint was complete).
    int takePaintedCards() const { return std::exchange(m_painted, 0); }
    int takeMissingPictures() const { return std::exchange(m_missing, 0); }

private:
    void paintPicture(QPainter *painter, const QRect &rect, const QStyleOptionViewItem &option,
                      const QModelIndex &index) const;

    ImageCache *m_images;
    Catalog::NsfwPolicy m_policy = Catalog::NsfwPolicy::Blur;
    ProgressDelegate m_state;  // the state row, painted exactly as the tree's state column
    mutable int m_painted = 0;
    mutable int m_missing = 0;
};

}  // namespace Ui
