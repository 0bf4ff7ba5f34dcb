// Journeys through the grid of cards (issue 14): the toggle beside the tree, cards with their
// picture, name, type and state, paging in on scroll, arrow keys, a card opened with Enter or a
// click (its version's pictures large), Download from a card, pictures rated for adults blurred
// or hidden as the setting changes, and the choice of view kept across a restart.
#include "carddelegate.h"
#include "catalog/syncengine.h"
#include "cataloggrid.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "detailspane.h"
#include "download/downloadpool.h"
#include "downloadrequester.h"
#include "downloadsummarydialog.h"
#include "imagecache.h"
#include "journeyfixture.h"
#include "previewviewer.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "settingsdialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Settings;

class TestJourneysGrid : public JourneyFixture
{
    Q_OBJECT
private:
    Ui::CatalogGrid *grid() const { return m_window->catalogGrid(); }

    // The card of a model, as a person finds it: words in the search box, then the card in sight.
    QModelIndex card(const QString &key, const QString &words)
    {
        const QPersistentModelIndex found = findModel(key, words);
        if (found.isValid())
            grid()->scrollTo(found);
        return found;
    }

    // The picture area of a card as painted on screen.
    QImage pictureOf(const QModelIndex &index) const
    {
        const QRect cell = grid()->visualRect(index);
        const QRect picture = Ui::CardDelegate::pictureRect(cell, grid()->fontMetrics());
        return grid()->viewport()->grab(picture).toImage();
    }

    // The picture arrived (painted from the image, not the placeholder's flat colour).
    bool showsPicture(const QModelIndex &index) const
    {
        const QImage image = pictureOf(index);
        const QColor placeholder = grid()->palette().color(QPalette::AlternateBase);
        const QPoint middle(image.width() / 2, image.height() * 3 / 4);
        return !image.isNull() && image.pixelColor(middle) != placeholder;
    }

    // What the card's state row shows (the tree's state column of the model).
    Ui::ItemState stateOfCard(const QString &key) const
    {
        QAbstractItemModel *rows = grid()->model();
        for (int row = 0; row < rows->rowCount(); ++row) {
            const QModelIndex index = rows->index(row, Ui::CatalogModel::StateColumn);
            if (index.data(Ui::CatalogModel::ModelKeyRole).toString() == key)
                return Ui::ItemState(index.data(Ui::ItemStateRole).toInt());
        }
        return Ui::ItemState::Cancelled;  // no such card
    }

    void clickCard(const QModelIndex &index)
    {
        const QRect cell = grid()->visualRect(index);
        const QRect picture = Ui::CardDelegate::pictureRect(cell, grid()->fontMetrics());
        QTest::mouseClick(grid()->viewport(), Qt::LeftButton, {}, picture.center());
    }

    Ui::SettingsDialog *openDesktopSettings()
    {
        m_window->settingsAction()->trigger();
        auto *dialog = m_window->findChild<Ui::SettingsDialog *>();
        if (!dialog || !QTest::qWaitForWindowExposed(dialog))
            return nullptr;
        auto *tabs = dialog->findChild<QTabWidget *>();
        for (int i = 0; tabs && i < tabs->count(); ++i) {
            if (tabs->tabText(i) == QLatin1String("Desktop"))
                QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(i).center());
        }
        return tabs && tabs->tabText(tabs->currentIndex()) == QLatin1String("Desktop") ? dialog : nullptr;
    }

    // Picks `choice` in the settings dialog's box for pictures rated for adults and applies it.
    void chooseNsfw(const QString &choice)
    {
        Ui::SettingsDialog *dialog = openDesktopSettings();
        QVERIFY(dialog);
        auto *box = qobject_cast<QComboBox *>(dialog->editorFor(QString::fromLatin1(Keys::NsfwImages)));
        QVERIFY(box);
        box->setFocus();
        const int wanted = box->findData(choice);
        QVERIFY(wanted >= 0);
        while (box->currentIndex() != wanted)
            QTest::keyClick(box, box->currentIndex() < wanted ? Qt::Key_Down : Qt::Key_Up);
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Apply), Qt::LeftButton);
        QVERIFY2(dialog->lastError().isEmpty(), qPrintable(dialog->lastError()));
        QCOMPARE(m_settings->string(Keys::NsfwImages), choice);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Close), Qt::LeftButton);
    }

    Ui::PreviewViewer *waitForGallery()
    {
        Ui::PreviewViewer *viewer = nullptr;
        (void)QTest::qWaitFor([&] { return (viewer = m_window->detailsPane()->gallery()) && viewer->isVisible(); },
                              15000);
        return viewer;
    }

private Q_SLOTS:
    void initTestCase() { setUpJourneys(); }
    void cleanupTestCase() { tearDownJourneys(); }
    void cleanup()
    {
        closeDialogs();
        if (Ui::PreviewViewer *viewer = m_window->detailsPane()->gallery())
            viewer->close();
    }

    // A click on the toggle beside the search box shows cards instead of the tree; every card
    // has its picture, name, type, base model and state; more come in as the grid scrolls down.
    void theToggleShowsCardsThatPageInOnScroll()
    {
        QVERIFY(!grid()->isVisible());
        QTest::mouseClick(m_window->gridButton(), Qt::LeftButton);
        QVERIFY(m_window->gridAction()->isChecked());
        QTRY_VERIFY(grid()->isVisible());
        QVERIFY(!tree()->isVisible());

        const QModelIndex pack = card(QStringLiteral("civitai:4201"), QStringLiteral("Demo Style LoRA Pack"));
        QVERIFY(pack.isValid());
        QVERIFY(grid()->visualRect(pack).isValid());
        QCOMPARE(pack.data(Qt::DisplayRole).toString(), QStringLiteral("Demo Style LoRA Pack"));
        QCOMPARE(pack.data(Ui::CatalogModel::ModelKindRole).toString(), QStringLiteral("LORA"));
        QVERIFY(pack.data(Ui::CatalogModel::BaseModelsRole).toStringList().contains(QStringLiteral("SDXL 1.0")));
        QCOMPARE(stateOfCard(QStringLiteral("civitai:4201")), Ui::ItemState::None);
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(pack), 15000);
        shot(QStringLiteral("grid-one-card"));

        // More models than a page: the hub adds some, F5 syncs them.
        QVERIFY(!m_hub.mutateCatalog(180, 0, 0).isEmpty());
        QTest::keyClick(grid(), Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(m_app->engine()->isBusy(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_app->engine()->isBusy(), 120000);
        QLineEdit *search = m_window->searchField();
        search->selectAll();
        QTest::keyClick(search, Qt::Key_Backspace);
        Ui::CatalogModel *model = m_window->catalogPane()->model();
        QTRY_VERIFY(!model->isQueryPending() && model->query().text.isEmpty());
        QVERIFY2(model->totalCount() > Ui::CatalogModel::kPageSize, qPrintable(QString::number(model->totalCount())));
        QTRY_COMPARE(grid()->model()->rowCount(), Ui::CatalogModel::kPageSize);
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(grid()->indexAt(QPoint(20, 20))), 15000);
        shot(QStringLiteral("grid"));
        grid()->setFocus();
        QTest::keyClick(grid(), Qt::Key_End);
        QTRY_VERIFY_WITH_TIMEOUT(grid()->model()->rowCount() > Ui::CatalogModel::kPageSize, 10000);
        QTest::keyClick(grid(), Qt::Key_Home);
        QCOMPARE(grid()->currentIndex().row(), 0);
    }

    // Arrow keys move between cards (the details pane follows); Enter opens the card's model
    // with every picture of its version large; a click on another card does the same.
    void arrowKeysMoveAndEnterOrAClickOpensTheGallery()
    {
        QVERIFY(m_window->gridAction()->isChecked());
        QVERIFY(card(QStringLiteral("civitai:4201"), QStringLiteral("Demo")).isValid());
        QTRY_VERIFY(grid()->model()->rowCount() >= 3);
        grid()->setFocus();
        QTest::keyClick(grid(), Qt::Key_Home);
        QCOMPARE(grid()->currentIndex().row(), 0);
        QTest::keyClick(grid(), Qt::Key_Right);
        QCOMPARE(grid()->currentIndex().row(), 1);
        QCOMPARE(m_window->detailsPane()->modelKey(),
                 grid()->currentIndex().data(Ui::CatalogModel::ModelKeyRole).toString());
        QTest::keyClick(grid(), Qt::Key_Left);
        QCOMPARE(grid()->currentIndex().row(), 0);
        // Down goes to the card below, Up back.
        const QRect first = grid()->visualRect(grid()->currentIndex());
        const QRect last = grid()->visualRect(grid()->model()->index(grid()->model()->rowCount() - 1, 0));
        QVERIFY(last.top() > first.top());
        QTest::keyClick(grid(), Qt::Key_Down);
        const QRect below = grid()->visualRect(grid()->currentIndex());
        QVERIFY(below.top() > first.top());
        QCOMPARE(below.left(), first.left());
        QTest::keyClick(grid(), Qt::Key_Up);
        QCOMPARE(grid()->currentIndex().row(), 0);

        // The only card of a search, then Enter: both pictures of its newest version, the
        // first (rated X) blurred.
        QVERIFY(card(QStringLiteral("civitai:4214"), QStringLiteral("Filler LORA 14")).isValid());
        QTRY_COMPARE(grid()->model()->rowCount(), 1);
        grid()->setFocus();
        QTest::keyClick(grid(), Qt::Key_Home);
        QTest::keyClick(grid(), Qt::Key_Return);
        Ui::PreviewViewer *viewer = waitForGallery();
        QVERIFY(viewer);
        QCOMPARE(m_window->detailsPane()->modelKey(), QStringLiteral("civitai:4214"));
        QCOMPARE(viewer->count(), 2);
        QVERIFY(!viewer->imageLabel()->pixmap().isNull());
        shot(QStringLiteral("grid-gallery"));
        viewer->close();
        QTRY_VERIFY(!m_window->detailsPane()->gallery());

        // A click on the picture of a card opens it too.
        const QModelIndex pack = card(QStringLiteral("civitai:4201"), QStringLiteral("Demo Style LoRA Pack"));
        QVERIFY(pack.isValid());
        clickCard(pack);
        viewer = waitForGallery();
        QVERIFY(viewer);
        QCOMPARE(m_window->detailsPane()->modelKey(), QStringLiteral("civitai:4201"));
        QCOMPARE(viewer->count(), 1);  // v60 has one picture
        viewer->close();
    }

    // A card's Download button takes the model as the tree's row would (its newest version),
    // through the same summary; the file lands in the library and the card says so.
    void aCardsDownloadButtonDownloadsTheModel()
    {
        const QModelIndex lora = card(QStringLiteral("civitai:4210"), QStringLiteral("Filler LORA 10"));
        QVERIFY(lora.isValid());
        const QRect button = grid()->downloadButtonRect(lora);
        QVERIFY(grid()->viewport()->rect().contains(button));
        QApplication::setActiveWindow(m_window.get());
        QTest::mouseClick(grid()->viewport(), Qt::LeftButton, {}, button.center());
        Ui::DownloadSummaryDialog *summary = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((summary = m_window->requester()->summary()) && summary->isVisible(), 30000);
        QCOMPARE(ticked(summary).filter(QStringLiteral(".safetensors")).size(), 1);
        QVERIFY(!m_window->detailsPane()->gallery());  // the button downloads, it does not open
        QVERIFY(confirmAndWait(summary));
        verifyCivitaiModelInLibrary(4210);
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(stateOfCard(QStringLiteral("civitai:4210")), Ui::ItemState::Verified, 10000);
        shot(QStringLiteral("grid-downloaded"));
    }

    // Pictures rated for adults: blurred by default; "hide" in the settings leaves them out at
    // once (the next safe picture, or none), "show" shows them as they are.
    void theNsfwSettingBlursOrHidesPicturesLive()
    {
        QCOMPARE(m_settings->string(Keys::NsfwImages), QStringLiteral("blur"));
        Ui::CardDelegate *cards = grid()->cardDelegate();
        const QPersistentModelIndex mixed = card(QStringLiteral("civitai:4214"), QStringLiteral("Filler LORA 14"));
        QVERIFY(mixed.isValid());
        const Catalog::CardImage blurred = cards->cardImage(mixed);
        QVERIFY(blurred.obscured);
        QVERIFY(blurred.url.path().contains(QStringLiteral("-0-")));  // the first, rated X
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(mixed), 15000);
        const QImage blurredPicture = pictureOf(mixed);

        chooseNsfw(QStringLiteral("hide"));
        const Catalog::CardImage safe = cards->cardImage(mixed);
        QVERIFY(!safe.obscured);
        QVERIFY(safe.url.path().contains(QStringLiteral("-1-")));  // the second, rated PG
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(mixed) && pictureOf(mixed) != blurredPicture, 15000);

        const QPersistentModelIndex mature = card(QStringLiteral("civitai:4210"), QStringLiteral("Filler LORA 10"));
        QVERIFY(mature.isValid());
        QVERIFY(cards->cardImage(mature).hidden);
        QVERIFY(!showsPicture(mature));
        shot(QStringLiteral("grid-nsfw-hidden"));

        chooseNsfw(QStringLiteral("show"));
        QVERIFY(!cards->cardImage(mature).hidden);
        QVERIFY(!cards->cardImage(mature).obscured);
        QTRY_VERIFY_WITH_TIMEOUT(showsPicture(mature), 15000);
        chooseNsfw(QStringLiteral("blur"));
        QVERIFY(cards->cardImage(mature).obscured);
    }

    // The grid stays the view after a restart; the toggle brings the tree back.
    void theChoiceOfViewIsKeptAcrossARestart()
    {
        QVERIFY(m_window->gridAction()->isChecked());
        m_window->close();
        m_window.reset();
        m_app.reset();
        QVERIFY(startApp());
        QVERIFY(m_window->gridAction()->isChecked());
        QTRY_VERIFY(grid()->isVisible());
        QTest::mouseClick(m_window->gridButton(), Qt::LeftButton);
        QTRY_VERIFY(tree()->isVisible());
        QVERIFY(!grid()->isVisible());
    }
};

QTEST_MAIN(TestJourneysGrid)
#include "tst_journeys_grid.moc"
