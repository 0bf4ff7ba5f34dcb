#include "cataloggrid.h"

#include "carddelegate.h"
#include "catalogmodel.h"
#include "imagecache.h"

#include <QKeyEvent>
#include <QMouseEvent>

namespace Ui {

CatalogGrid::CatalogGrid(ImageCache *images, QWidget *parent)
    : QListView(parent)
    , m_delegate(new CardDelegate(images, this))
{
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setWrapping(true);
    setFlow(QListView::LeftToRight);
    // Every card has the same size: the layout needs no item's size hint, 2,000 cards lay out at once.
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionRectVisible(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setItemDelegate(m_delegate);
    setMouseTracking(false);
    setAccessibleName(tr("Catalog as cards"));
    updateCellSize();
    if (images) {
        connect(images, &ImageCache::thumbnailReady, this, &CatalogGrid::repaintCardsShowing);
    }
}

void CatalogGrid::repaintCardsShowing(const QUrl &url)
{
    // Only the cards on screen with this picture: a full repaint per arriving picture would
    // paint every card a dozen times while a screenful of pictures comes in.
    const QSize cell = gridSize();
    if (!model() || cell.isEmpty())
        return;
    const QRect area = viewport()->rect();
    for (int y = area.top() + cell.height() / 2 - cell.height(); y < area.bottom() + cell.height();
         y += cell.height()) {
        for (int x = area.left() + cell.width() / 2; x < area.right(); x += cell.width()) {
            const QModelIndex index = indexAt(QPoint(x, std::clamp(y, area.top(), area.bottom())));
            if (index.isValid() && m_delegate->cardImage(index).url == url)
                update(index);
        }
    }
}

void CatalogGrid::setModel(QAbstractItemModel *model)
{
    if (QAbstractItemModel *old = this->model())
        disconnect(old, &QAbstractItemModel::dataChanged, this, &CatalogGrid::onDataChanged);
    QListView::setModel(model);
    if (model)
        connect(model, &QAbstractItemModel::dataChanged, this, &CatalogGrid::onDataChanged);
}

void CatalogGrid::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    // The state is another column of the row, which QListView would not repaint on its own.
    if (topLeft.parent() != rootIndex() || topLeft.column() == modelColumn())
        return;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
        update(model()->index(row, modelColumn(), rootIndex()));
}

void CatalogGrid::setNsfwPolicy(Catalog::NsfwPolicy policy)
{
    if (policy == m_delegate->nsfwPolicy())
        return;
    m_delegate->setNsfwPolicy(policy);
    viewport()->update();
}

Catalog::NsfwPolicy CatalogGrid::nsfwPolicy() const
{
    return m_delegate->nsfwPolicy();
}

void CatalogGrid::updateCellSize()
{
    setGridSize(CardDelegate::cardSize(fontMetrics()));
}

QRect CatalogGrid::downloadButtonRect(const QModelIndex &index) const
{
    const QRect cell = visualRect(index);
    return cell.isValid() ? CardDelegate::downloadButtonRect(cell, fontMetrics()) : QRect();
}

void CatalogGrid::mousePressEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    m_pressed = index;
    m_pressedOnButton = index.isValid() && downloadButtonRect(index).contains(event->position().toPoint());
    QListView::mousePressEvent(event);
}

void CatalogGrid::mouseReleaseEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    const bool click = event->button() == Qt::LeftButton && index.isValid() && index == m_pressed &&
                       event->modifiers() == Qt::NoModifier;
    const bool onButton = click && m_pressedOnButton && downloadButtonRect(index).contains(event->position().toPoint());
    QListView::mouseReleaseEvent(event);
    m_pressed = QPersistentModelIndex();
    if (onButton)
        Q_EMIT downloadRequested(index);
    else if (click)
        Q_EMIT openRequested(index);
}

void CatalogGrid::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentIndex().isValid()) {
        event->accept();
        Q_EMIT openRequested(currentIndex());
        return;
    }
    QListView::keyPressEvent(event);
}

QModelIndex CatalogGrid::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    // Qt 6.4's icon mode answers End with the last row of a layout batch, which is no row
    // once everything is laid out: End stayed put. The last card it is.
    if (cursorAction == MoveEnd && model()) {
        const int rows = model()->rowCount(rootIndex());
        return rows > 0 ? model()->index(rows - 1, modelColumn(), rootIndex()) : QModelIndex();
    }
    return QListView::moveCursor(cursorAction, modifiers);
}

void CatalogGrid::changeEvent(QEvent *event)
{
    QListView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateCellSize();
}

}  // namespace Ui
