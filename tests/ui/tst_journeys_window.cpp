// Journeys through the window's own tools: a 60-model collection, a source added in the window,
// pasted links, the Activity panel, cancelling with data on disk, quitting with downloads.
#include "activity/activitylog.h"
#include "catalog/source.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "detailspane.h"
#include "download/downloadpool.h"
#include "downloadrequester.h"
#include "downloadsdashboard.h"
#include "downloadsmodel.h"
#include "downloadsummarydialog.h"
#include "filelistmodel.h"
#include "journeyfixture.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "sourcedialog.h"
#include "sourcesmodel.h"
#include "util/sha256.h"
#include "variantlist.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QDockWidget>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace Settings;

class TestJourneysWindow : public JourneyFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { setUpJourneys(); }
    void cleanupTestCase() { tearDownJourneys(); }
    void cleanup() { closeDialogs(); }

    // Journey 6: a 60-model Hugging Face collection, as a source: select it, select all, Ctrl+D.
    void journey6_aSixtyModelCollectionDownloadsEveryMember()
    {
        const TestHub::Response listing =
            m_hub.get(QUrl(m_hub.hfUrl().toString() + QStringLiteral("/api/collections?owner=lora-pack")));
        QString slug;
        for (const QJsonValue &entry : QJsonDocument::fromJson(listing.body).array()) {
            if (entry[QStringLiteral("slug")].toString().contains(QStringLiteral("sixty-style-loras")))
                slug = entry[QStringLiteral("slug")].toString();
        }
        QVERIFY(!slug.isEmpty());
        Catalog::Source source;
        source.name = QStringLiteral("sixty loras");
        source.kind = Catalog::Source::Kind::HfCollection;
        source.target = slug;
        QString error;
        QVERIFY2(m_app->engine()->addSource(&source, &error), qPrintable(error));
        QVERIFY(m_app->engine()->isSyncing(source.id) || m_app->engine()->refresh(source.id));
        QTRY_VERIFY_WITH_TIMEOUT(!m_app->engine()->isBusy(), 60000);
        m_window->searchField()->clear();
        auto *sources = m_window->catalogPane()->sourcesModel();
        QModelIndex sourceRow;
        for (int r = 0; r < sources->rowCount(); ++r) {
            if (sources->index(r).data(Ui::SourcesModel::SourceIdRole).toLongLong() == source.id)
                sourceRow = sources->index(r);
        }
        QVERIFY(sourceRow.isValid());
        QListView *list = m_window->sourcesView();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(sourceRow).center());
        QTRY_COMPARE(proxy()->rowCount(), 60);
        QVERIFY(settled());
        click(proxy()->index(0, 0));
        QTest::keyClick(tree(), Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(tree()->selectionModel()->selectedRows().size(), 60);
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        const QStringList files = ticked(summary);
        QCOMPARE(files.size(), 120);  // each LoRA repo: its weights and README
        QCOMPARE(files.filter(QStringLiteral(".safetensors")).size(), 60);
        QCOMPARE(summary->fileTree()->topLevelItemCount(), 60);
        Download::GroupId group = 0;
        shot(QStringLiteral("journey6-collection-summary"));
        QVERIFY(confirmAndWait(summary, &group));
        QCOMPARE(m_app->pool()->group(group).name, QStringLiteral("60 models"));
        for (int i : {1, 30, 60}) {
            const QString repo = QStringLiteral("lora-pack/style-lora-%1").arg(i, 3, 10, QLatin1Char('0'));
            verifyHfFile(repo, QStringLiteral("main"),
                         QStringLiteral("style-lora-%1.safetensors").arg(i, 3, 10, QLatin1Char('0')));
        }
    }

    // Journey 9: a source added in the window syncs at once and its models appear; a source
    // the engine refuses leaves the dialog open with the reason.
    void journey9_aSourceAddedInTheWindowSyncsAndItsModelsAppear()
    {
        QVERIFY(m_window->addSourceAction()->isEnabled());
        QVERIFY(m_window->sourcesView()->actions().contains(m_window->addSourceAction()));  // its context menu
        m_window->addSourceAction()->trigger();
        Ui::SourceDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<Ui::SourceDialog *>()) && dialog->isVisible());
        // No name: refused, and said.
        QTest::keyClick(dialog, Qt::Key_Return);
        QTRY_VERIFY(dialog->errorLabel()->isVisible());
        QVERIFY(dialog->isVisible());
        QTest::keyClicks(dialog->nameField(), QStringLiteral("plain models"));
        dialog->kindBox()->setCurrentIndex(dialog->kindBox()->findData(int(Ui::SourceDialog::Kind::HfSearch)));
        QTest::keyClicks(dialog->textField(), QStringLiteral("plain-model"));
        shot(QStringLiteral("journey9-source-dialog"));
        QTest::keyClick(dialog, Qt::Key_Return);
        QTRY_VERIFY(!m_window->findChild<Ui::SourceDialog *>());
        QTRY_VERIFY_WITH_TIMEOUT(!m_app->engine()->isBusy(), 60000);
        auto *sources = m_window->catalogPane()->sourcesModel();
        QModelIndex added;
        QTRY_VERIFY([&] {
            for (int r = 0; r < sources->rowCount(); ++r) {
                if (sources->index(r).data().toString().startsWith(QStringLiteral("plain models")))
                    added = sources->index(r);
            }
            return added.isValid() && added.data(Ui::SourcesModel::ModelCountRole).toInt() == 12;
        }());
        // The earlier journeys' search words go; then the new source.
        m_window->searchField()->selectAll();
        QTest::keyClick(m_window->searchField(), Qt::Key_Backspace);
        QListView *list = m_window->sourcesView();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(added).center());
        QTRY_COMPARE(proxy()->rowCount(), 12);
        QVERIFY(proxy()
                    ->index(0, 0)
                    .data(Ui::CatalogModel::ModelKeyRole)
                    .toString()
                    .startsWith(QStringLiteral("modeldock-demo/plain-model-")));
        shot(QStringLiteral("journey9-source-synced"));
    }

    // Journey 9, second half: a double click on the source opens it for editing with its
    // fields filled; a smaller "at most" syncs down to that many models; Remove asks, then the
    // source and its models leave the catalog.
    void journey9_aSourceIsEditedAndRemovedInTheWindow()
    {
        QListView *list = m_window->sourcesView();
        auto *sources = m_window->catalogPane()->sourcesModel();
        const auto rowOf = [&] {
            for (int r = 0; r < sources->rowCount(); ++r) {
                if (sources->index(r).data().toString().startsWith(QStringLiteral("plain models")))
                    return sources->index(r);
            }
            return QModelIndex();
        };
        QModelIndex row = rowOf();
        QVERIFY(row.isValid());
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(row).center());
        QVERIFY(m_window->editSourceAction()->isEnabled());
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(row).center());
        Ui::SourceDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<Ui::SourceDialog *>()) && dialog->isVisible());
        QCOMPARE(dialog->nameField()->text(), QStringLiteral("plain models"));
        QCOMPARE(dialog->textField()->text(), QStringLiteral("plain-model"));
        QCOMPARE(Ui::SourceDialog::Kind(dialog->kindBox()->currentData().toInt()), Ui::SourceDialog::Kind::HfSearch);
        QSpinBox *limit = dialog->limitBox();
        limit->setFocus();
        limit->selectAll();
        QTest::keyClicks(limit, QStringLiteral("5"));
        QCOMPARE(limit->value(), 5);
        shot(QStringLiteral("journey9-edit-source"));
        QTest::keyClick(dialog, Qt::Key_Return);
        QTRY_VERIFY(!m_window->findChild<Ui::SourceDialog *>());
        QTRY_VERIFY_WITH_TIMEOUT(rowOf().data(Ui::SourcesModel::ModelCountRole).toInt() == 5, 30000);

        row = rowOf();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(row).center());
        m_window->removeSourceAction()->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("confirmRemoveSource"))) &&
                    box->isVisible());
        QVERIFY(box->text().contains(QStringLiteral("plain models")));
        shot(QStringLiteral("journey9-remove-source"));
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("removeSource")), Qt::LeftButton);
        QTRY_VERIFY(!rowOf().isValid());
        QVERIFY(!m_app->services().sources->sourceByName(QStringLiteral("plain models")));
        // Its models are gone from the catalog: the search finds none.
        QVERIFY(
            !findModel(QStringLiteral("modeldock-demo/plain-model-00001"), QStringLiteral("plain-model")).isValid());
    }

    // Journey 8: a pasted link opens the model with the branch (or version) it names selected;
    // Ctrl+D then downloads exactly that.
    void journey8_aPastedLinkSelectsItsBranchAndDownloads()
    {
        const QString qwen = QStringLiteral("cortexso/qwen2.5");
        QApplication::clipboard()->setText(m_hub.hfUrl().toString() +
                                           QStringLiteral("/cortexso/qwen2.5/tree/1.5b-gguf-q4-km"));
        QApplication::setActiveWindow(m_window.get());
        tree()->setFocus();
        QTest::keyClick(tree(), Qt::Key_V, Qt::ControlModifier);
        QTRY_COMPARE(tree()->currentIndex().data(Ui::CatalogModel::VariantNameRole).toString(),
                     QStringLiteral("1.5b-gguf-q4-km"));
        QCOMPARE(tree()->currentIndex().data(Ui::CatalogModel::ModelKeyRole).toString(), qwen);
        QCOMPARE(tree()->selectionModel()->selectedRows().size(), 1);
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        const QString group = qwen + QStringLiteral(" · 1.5b-gguf-q4-km");
        QCOMPARE(ticked(summary),
                 (QStringList{group + QStringLiteral("/.gitattributes"), group + QStringLiteral("/model.gguf"),
                              group + QStringLiteral("/model.yml")}));
        shot(QStringLiteral("journey8-pasted-link-summary"));
        QVERIFY(confirmAndWait(summary));
        verifyHfFile(qwen, QStringLiteral("1.5b-gguf-q4-km"), QStringLiteral("model.gguf"));

        // A Civitai link names the version by its id; File → Open link takes it from the clipboard.
        QApplication::clipboard()->setText(
            QStringLiteral("https://civitai.com/models/4201/demo?modelVersionId=420007"));
        m_window->openLinkAction()->trigger();
        QTRY_COMPARE(tree()->currentIndex().data(Ui::CatalogModel::ModelKeyRole).toString(),
                     QStringLiteral("civitai:4201"));
        QCOMPARE(tree()->currentIndex().data(Ui::CatalogModel::VariantNameRole).toString(), QStringLiteral("v7"));
        // Not a link: said in the status bar, nothing selected changes.
        m_window->openLink(QStringLiteral("just some words"));
        QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Not a model link")));
    }

    void journey8_aLinkToAModelNoSourceListsIsFetchedFromTheHubAndDownloads()
    {
        // Civitai model 4213 is in no configured source: the link asks the hub for it, keeps it
        // in the catalog, selects it, and Ctrl+D downloads it.
        const QString key = QStringLiteral("civitai:4213");
        QVERIFY(!m_app->services().store->model(key));
        m_window->openLink(QStringLiteral("https://civitai.com/models/4213/filler-controlnet"));
        QTRY_COMPARE_WITH_TIMEOUT(tree()->currentIndex().data(Ui::CatalogModel::ModelKeyRole).toString(), key, 15000);
        QVERIFY(m_app->services().store->model(key));
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        QVERIFY(!ticked(summary).isEmpty());
        QVERIFY(confirmAndWait(summary));
        verifyCivitaiModelInLibrary(4213);
        // A repo the hub does not have: said, nothing else happens.
        m_window->openLink(QStringLiteral("nobody/no-such-model"));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Could not open nobody/no-such-model")),
            15000);
    }

    // The Activity panel says what happened to downloads and syncs, and comes back from View
    // once closed.
    void theActivityPanelListsDownloadsAndSyncsAndComesBackFromView()
    {
        QStringList sources;
        QStringList texts;
        for (const Activity::Event &event : m_app->activityLog()->events()) {
            sources << event.source;
            texts << event.text;
        }
        QVERIFY2(sources.contains(QStringLiteral("sync")), qPrintable(texts.join(u'\n')));
        QVERIFY2(!texts.filter(QStringLiteral("Download finished: cortexso/qwen2.5@1.5b-gguf-q4-km")).isEmpty(),
                 qPrintable(texts.join(u'\n')));
        QDockWidget *dock = m_window->activityDock();
        QVERIFY(dock);
        dock->close();
        QVERIFY(!dock->isVisible());
        QAction *reopen = nullptr;
        for (QAction *menu : m_window->menuBar()->actions()) {
            if (menu->menu() && menu->menu()->actions().contains(dock->toggleViewAction()))
                reopen = dock->toggleViewAction();
        }
        QVERIFY(reopen);  // in the View menu
        reopen->trigger();
        QTRY_VERIFY(dock->isVisible());
    }

    // Journey 10, first half: cancelling an item with data on disk says how much will be
    // deleted; keeping it changes nothing; confirming cancels it and removes the partial file.
    void journey10_cancellingWithDataOnDiskAsksAndRemovesThePartialFile()
    {
        const int slow = slowDown(kLlama, QStringLiteral("1b-gguf-q8-0"), QStringLiteral("model.gguf"), 256 * 1024);
        QVERIFY(slow > 0);
        const auto restore = qScopeGuard([&] { m_hub.removeScenario(slow); });
        const Download::GroupId group = startBranch(kLlama, QStringLiteral("1b-gguf-q8-0"));
        QVERIFY(group);
        Download::DownloadPool *pool = m_app->pool();
        const QString blobs = cache() + QStringLiteral("/models--cortexso--llama3.2/blobs");
        const auto partials = [&] {
            return QDir(blobs).entryList({QStringLiteral("*.modeldock.incomplete")}, QDir::Files);
        };
        QTRY_VERIFY(!partials().isEmpty());

        QTreeView *downloads = m_window->downloadsView();
        const auto pressDelete = [&] {
            // The dashboard adds the group's row on its next tick.
            (void)QTest::qWaitFor([&] { return m_window->dashboard()->model()->indexForGroup(group).isValid(); }, 5000);
            const QModelIndex row = m_window->dashboard()->model()->indexForGroup(group);
            QApplication::setActiveWindow(m_window.get());
            downloads->setFocus();
            downloads->scrollTo(row);
            QTest::mouseClick(downloads->viewport(), Qt::LeftButton, {}, downloads->visualRect(row).center());
            QTest::keyClick(downloads, Qt::Key_Delete);
            QMessageBox *box = nullptr;
            (void)QTest::qWaitFor(
                [&] {
                    box = m_window->dashboard()->findChild<QMessageBox *>(QStringLiteral("confirmCancel"));
                    return box && box->isVisible();
                },
                5000);
            return box;
        };
        QMessageBox *box = pressDelete();
        QVERIFY(box);
        shot(QStringLiteral("journey10-cancel-confirmation"));
        QVERIFY2(box->informativeText().contains(QStringLiteral("will be deleted")),
                 qPrintable(box->informativeText()));
        QVERIFY2(box->informativeText().contains(QStringLiteral("B")), qPrintable(box->informativeText()));  // a size
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("keepDownloading")), Qt::LeftButton);
        QTRY_VERIFY(!m_window->dashboard()->findChild<QMessageBox *>(QStringLiteral("confirmCancel")));
        QCOMPARE(pool->group(group).cancelled, 0);

        box = pressDelete();
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("cancelAndDelete")), Qt::LeftButton);
        QTRY_VERIFY(pool->group(group).isFinished());
        QVERIFY(pool->group(group).cancelled > 0);
        QTRY_VERIFY(partials().isEmpty());
    }

    // Journey 10, second half: Ctrl+Q with a download running asks; Cancel keeps the app;
    // "Quit, resume next time" ends it; the next start resumes the download to verified.
    void journey10_quittingWithDownloadsAsksAndTheyResumeAtTheNextStart()
    {
        const QString branch = QStringLiteral("3b-gguf-q4-km");
        int slow = slowDown(kLlama, branch, QStringLiteral("model.gguf"), 256 * 1024);
        QVERIFY(slow > 0);
        const Download::GroupId group = startBranch(kLlama, branch);
        QVERIFY(group);
        const QString groupName = m_app->pool()->group(group).name;
        const auto pressQuit = [&] {
            QApplication::setActiveWindow(m_window.get());
            QTest::keyClick(tree(), Qt::Key_Q, Qt::ControlModifier);
            QMessageBox *box = nullptr;
            (void)QTest::qWaitFor(
                [&] {
                    box = m_window->findChild<QMessageBox *>(QStringLiteral("confirmQuit"));
                    return box && box->isVisible();
                },
                5000);
            return box;
        };
        QMessageBox *box = pressQuit();
        QVERIFY(box);
        shot(QStringLiteral("journey10-quit-confirmation"));
        QVERIFY2(box->text().contains(QStringLiteral("not finished")), qPrintable(box->text()));
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("cancelQuit")), Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("confirmQuit")));
        QVERIFY(m_window->isVisible());
        QVERIFY(!m_app->pool()->group(group).isFinished());

        box = pressQuit();
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("quitResumeLater")), Qt::LeftButton);
        QTRY_VERIFY(!m_window->isVisible());
        QVERIFY(!m_app->pool()->group(group).isFinished());
        // The app ends; the next start finds the download in the journal and finishes it.
        m_window.reset();
        m_app.reset();
        m_hub.removeScenario(slow);
        QVERIFY(startApp());
        Download::DownloadPool *pool = m_app->pool();
        Download::GroupId restored = 0;
        for (Download::GroupId id : pool->groups()) {
            if (pool->group(id).name == groupName)
                restored = id;
        }
        QVERIFY2(restored, qPrintable(groupName));
        QTRY_VERIFY_WITH_TIMEOUT(pool->group(restored).isFinished(), 30000);
        QCOMPARE(pool->group(restored).completed, pool->group(restored).total);
        verifyHfFile(kLlama, branch, QStringLiteral("model.gguf"));
        // The picture once the window caught up: the restored group done in the dashboard.
        QTRY_VERIFY(m_window->dashboard()
                        ->model()
                        ->indexForGroup(restored)
                        .siblingAtColumn(Ui::DownloadsModel::StateColumn)
                        .data()
                        .toString()
                        .contains(QStringLiteral("2/2 done")));
        shot(QStringLiteral("journey10-restarted-finished"));
    }
};

QTEST_MAIN(TestJourneysWindow)
#include "tst_journeys_window.moc"
