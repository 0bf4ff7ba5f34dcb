#pragma once

#include "catalog/previewimages.h"

#include <QListView>

namespace Ui {

class CardDelegate;
class ImageCache;

// The catalog as a grid of cards (CardDelegate), over the same rows as the tree: the top
// level of CatalogPane's proxy, with the tree's selection model, so the details pane, Ctrl+D
// and the context menu act on the same models whichever view is shown. Arrow keys move
// between cards; a click on a card or Enter opens it (openRequested: the model in the details
// pane and its gallery large), a click on a card's Download button asks for its download.
class CatalogGrid : public QListView
{
    Q_OBJECT
public:
    explicit CatalogGrid(ImageCache *images /*may be null*/, QWidget *parent = nullptr);

    CardDelegate *cardDelegate() const { return m_delegate; }
    void setNsfwPolicy(Catalog::NsfwPolicy policy);
    Catalog::NsfwPolicy nsfwPolicy() const;
    void setModel(QAbstractItemModel *model) override;

    // Where a card's Download button is, in viewport coordinates (tests click it).
    QRect downloadButtonRect(const QModelIndex &index) const;

Q_SIGNALS:
    void openRequested(const QModelIndex &index);
    void downloadRequested(const QModelIndex &index);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void changeEvent(QEvent *event) override;

private:
    void updateCellSize();
    void repaintCardsShowing(const QUrl &url);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    CardDelegate *m_delegate;
    QPersistentModelIndex m_pressed;
    bool m_pressedOnButton = false;
};

}  // namespace Ui
