// The parts of MainWindow about the grid of cards: showing it instead of the tree, opening a
// card (the model in the details pane and its pictures large), a card's Download button, and
// the setting for pictures rated for adults, applied as it changes.
#include "carddelegate.h"
#include "catalog/previewimages.h"
#include "cataloggrid.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "detailspane.h"
#include "mainwindow.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeView>

namespace Ui {

void MainWindow::connectGrid()
{
    if (!m_catalogPane)
        return;
    m_catalogGrid = new CatalogGrid(m_images, m_catalogStack);
    m_catalogGrid->setObjectName(QStringLiteral("catalogGrid"));
    m_catalogStack->addWidget(m_catalogGrid);
    m_catalogPane->setGrid(m_catalogGrid);
    m_gridAction->setEnabled(true);
    connect(m_catalogGrid, &CatalogGrid::openRequested, this, &MainWindow::openCard);
    connect(m_catalogGrid, &CatalogGrid::downloadRequested, this, &MainWindow::downloadCard);
    // The tree's context menu, on the cards too (they share the selection).
    m_catalogGrid->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_catalogGrid->addActions(m_catalogView->actions());
    if (m_settings) {
        const auto applyPolicy = [this] {
            const auto policy = Catalog::nsfwPolicyFromName(m_settings->string(Settings::Keys::NsfwImages));
            m_catalogGrid->setNsfwPolicy(policy);
            m_detailsPane->setNsfwPolicy(policy);
        };
        applyPolicy();
        connect(m_settings, &Settings::SettingsCenter::changed, this, [applyPolicy](const QStringList &keys) {
            if (keys.contains(QLatin1String(Settings::Keys::NsfwImages)))
                applyPolicy();
        });
    }
}

void MainWindow::showGrid(bool grid)
{
    if (!m_catalogGrid)
        return;
    QAbstractItemView *shown = grid ? static_cast<QAbstractItemView *>(m_catalogGrid) : m_catalogView;
    const bool hadFocus = m_catalogStack->currentWidget() && m_catalogStack->currentWidget()->hasFocus();
    m_catalogStack->setCurrentWidget(shown);
    // The current model stays in sight in the other view.
    QModelIndex current = shown->currentIndex();
    if (grid) {
        while (current.parent().isValid())
            current = current.parent();
    }
    if (current.isValid())
        shown->scrollTo(current);
    if (hadFocus || grid)
        shown->setFocus(Qt::OtherFocusReason);
}

void MainWindow::openCard(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    m_catalogView->selectionModel()->setCurrentIndex(index,
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (m_detailsPane->galleryPictures().isEmpty()) {
        statusBar()->showMessage(tr("%1 has no pictures to show").arg(index.data(Qt::DisplayRole).toString()), 5000);
        return;
    }
    m_detailsPane->openGallery();
}

void MainWindow::downloadCard(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    // The card becomes the selection, then the Download action does what it does for a row.
    m_catalogView->selectionModel()->setCurrentIndex(index,
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    downloadSelection();
}

}  // namespace Ui
