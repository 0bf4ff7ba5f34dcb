#include "carddelegate.h"

#include "catalogmodel.h"
#include "imagecache.h"

#include <QPainter>

#include <utility>

namespace Ui {

namespace {
constexpr int kMargin = 4;   // between the cell and the card's frame
constexpr int kPadding = 6;  // inside the frame

int pictureWidth(const QFontMetrics &metrics)
{
    return metrics.averageCharWidth() * 26;
}

int pictureHeight(const QFontMetrics &metrics)
{
    return pictureWidth(metrics) * 5 / 4;  // Civitai's pictures are mostly portrait
}

int lineHeight(const QFontMetrics &metrics)
{
    return metrics.height() + 2;
}

int buttonHeight(const QFontMetrics &metrics)
{
    return metrics.height() + 8;
}
}  // namespace

CardDelegate::CardDelegate(ImageCache *images, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_images(images)
{
}

QSize CardDelegate::cardSize(const QFontMetrics &metrics)
{
    const int width = pictureWidth(metrics) + 2 * (kMargin + kPadding);
    const int height = 2 * (kMargin + kPadding) + pictureHeight(metrics) + 3 * lineHeight(metrics) +
                       buttonHeight(metrics) + 2 * kPadding;
    return {width, height};
}

QSize CardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return cardSize(option.fontMetrics);
}

QRect CardDelegate::pictureRect(const QRect &cell, const QFontMetrics &metrics)
{
    return {cell.left() + kMargin + kPadding, cell.top() + kMargin + kPadding, pictureWidth(metrics),
            pictureHeight(metrics)};
}

QRect CardDelegate::downloadButtonRect(const QRect &cell, const QFontMetrics &metrics)
{
    const QRect picture = pictureRect(cell, metrics);
    const QString text = tr("Download");
    const int width = metrics.horizontalAdvance(text) + 4 * metrics.averageCharWidth();
    const int top = picture.bottom() + 1 + kPadding + 3 * lineHeight(metrics);
    return {picture.right() + 1 - width, top, width, buttonHeight(metrics)};
}

Catalog::CardImage CardDelegate::cardImage(const QModelIndex &index) const
{
    return Catalog::cardImage(index.data(CatalogModel::PreviewImagesRole).value<QList<Catalog::PreviewImage>>(),
                              m_policy);
}

void CardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QPalette &palette = opt.palette;
    const QFontMetrics &metrics = opt.fontMetrics;
    const bool selected = opt.state & QStyle::State_Selected;
    const bool focused = opt.state & QStyle::State_HasFocus;
    painter->save();

    // The frame: the highlight colour marks the selection, a thicker line the current card.
    // Square corners without antialiasing: antialiased rounded frames doubled the cost of a card.
    const QRect frame = opt.rect.adjusted(kMargin, kMargin, -kMargin - 1, -kMargin - 1);
    painter->fillRect(frame,
                      selected ? palette.color(QPalette::Highlight).lighter(175) : palette.color(QPalette::Base));
    painter->setPen(
        QPen(selected || focused ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid), focused ? 2 : 1));
    painter->drawRect(focused ? frame.adjusted(1, 1, 0, 0) : frame);

    const QRect picture = pictureRect(opt.rect, metrics);
    paintPicture(painter, picture, opt, index);

    // Text: name (bold), type and base model, downloads and likes.
    const QColor text = palette.color(QPalette::Text);
    int y = picture.bottom() + 1 + kPadding;
    const int width = picture.width();
    QFont bold = opt.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QString name = index.data(Qt::DisplayRole).toString();
    painter->drawText(QRect(picture.left(), y, width, lineHeight(metrics)), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(name, Qt::ElideRight, width));
    y += lineHeight(metrics);
    painter->setFont(opt.font);
    QStringList kind;
    const QString type = index.data(CatalogModel::ModelKindRole).toString();
    if (!type.isEmpty())
        kind << type;
    const QStringList bases = index.data(CatalogModel::BaseModelsRole).toStringList();
    if (!bases.isEmpty())
        kind << bases.first();
    painter->setPen(palette.color(QPalette::PlaceholderText));
    painter->drawText(QRect(picture.left(), y, width, lineHeight(metrics)), Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(kind.join(QStringLiteral(" · ")), Qt::ElideRight, width));
    y += lineHeight(metrics);
    const QModelIndex downloads = index.siblingAtColumn(CatalogModel::DownloadsColumn);
    const QModelIndex likes = index.siblingAtColumn(CatalogModel::LikesColumn);
    const QString counts =
        tr("↓ %1 · ♥ %2").arg(downloads.data(Qt::DisplayRole).toString(), likes.data(Qt::DisplayRole).toString());
    painter->drawText(QRect(picture.left(), y, width, lineHeight(metrics)), Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(counts, Qt::ElideRight, width));

    // The state as the tree's state column shows it, then the Download button.
    const QRect button = downloadButtonRect(opt.rect, metrics);
    QStyleOptionViewItem stateOption = option;
    stateOption.state &= ~(QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_MouseOver);
    stateOption.rect = QRect(picture.left(), button.top(), button.left() - picture.left() - kPadding, button.height());
    stateOption.features &= ~QStyleOptionViewItem::Alternate;
    const QModelIndex state = index.siblingAtColumn(CatalogModel::StateColumn);
    m_state.paint(painter, stateOption, state);

    // Drawn flat rather than as a style push button: a style's gradients per card cost more
    // than the rest of the card while scrolling.
    painter->fillRect(button, palette.color(QPalette::Button));
    painter->setPen(palette.color(QPalette::Mid));
    painter->drawRect(button.adjusted(0, 0, -1, -1));
    painter->setPen(palette.color(QPalette::ButtonText));
    painter->drawText(button, Qt::AlignCenter, tr("Download"));
    ++m_painted;
    painter->restore();
}

void CardDelegate::paintPicture(QPainter *painter, const QRect &rect, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const Catalog::CardImage shown = cardImage(index);
    const QPalette &palette = option.palette;
    QImage image;
    if (!shown.url.isEmpty() && m_images) {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        image = m_images->thumbnail(shown.url, (QSizeF(rect.size()) * ratio).toSize(), shown.obscured);
        if (image.isNull())
            ++m_missing;
    }
    if (!image.isNull()) {
        painter->drawImage(rect, image);
    } else {
        painter->fillRect(rect, palette.color(QPalette::AlternateBase));
        QString note;
        if (shown.hidden)
            note = tr("Pictures rated for adults are hidden");
        else if (shown.url.isEmpty())
            note = tr("No picture");
        else
            note = tr("Loading picture…");
        painter->setPen(palette.color(QPalette::PlaceholderText));
        painter->drawText(rect.adjusted(kPadding, kPadding, -kPadding, -kPadding), Qt::AlignCenter | Qt::TextWordWrap,
                          note);
    }
    if (shown.obscured) {
        // Says why the picture is blurred; the setting shows it.
        ProgressDelegate::paintBadge(
            painter,
            QRect(rect.left(), rect.top() + kPadding, rect.width() - kPadding, option.fontMetrics.height() + 4),
            tr("NSFW"), true, option);
    }
}

}  // namespace Ui
