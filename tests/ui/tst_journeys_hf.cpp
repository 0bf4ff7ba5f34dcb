// Journeys through Hugging Face repos: a quantization branch, a quantization inside main, a GGUF
// model row, a variant's own button, ticks in the file list, and a download asked for offline.
#include "activity/activitylog.h"
#include "catalog/source.h"
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
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace Settings;

class TestJourneysHf : public JourneyFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { setUpJourneys(); }
    void cleanupTestCase() { tearDownJourneys(); }
    void cleanup() { closeDialogs(); }

    // Journey 1: one quantization branch of a cortexso-style repo.
    void journey1_aQuantizationBranchDownloadsThatBranchsCommit()
    {
        const QPersistentModelIndex model = findModel(kLlama);
        QVERIFY(model.isValid());
        const QModelIndex branch = childNamed(model, QStringLiteral("1b-gguf-q4-km"));
        QVERIFY(branch.isValid());
        click(branch);
        QCOMPARE(tree()->selectionModel()->selectedRows().size(), 1);
        // Long names elide in the middle; the tooltip has the whole name.
        QCOMPARE(tree()->textElideMode(), Qt::ElideMiddle);
        QVERIFY(model.data(Qt::ToolTipRole).toString().startsWith(kLlama));
        QCOMPARE(branch.data(Qt::ToolTipRole).toString(), QStringLiteral("1b-gguf-q4-km"));
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        const QString group = kLlama + QStringLiteral(" · 1b-gguf-q4-km");
        // The branch's commit as a whole, as `modeldock-cli download cortexso/llama3.2@1b-gguf-q4-km`.
        QCOMPARE(ticked(summary),
                 (QStringList{group + QStringLiteral("/.gitattributes"), group + QStringLiteral("/model.gguf"),
                              group + QStringLiteral("/model.yml")}));
        const QString text = summary->summaryLabel()->text();
        QVERIFY2(text.startsWith(QStringLiteral("3 files to download, 3")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Free space on")), qPrintable(text));
        QVERIFY(summary->downloadButton()->isEnabled());
        shot(QStringLiteral("journey1-branch-summary"));
        QVERIFY(confirmAndWait(summary));
        verifyHfFile(kLlama, QStringLiteral("1b-gguf-q4-km"), QStringLiteral("model.gguf"));
        verifyHfFile(kLlama, QStringLiteral("1b-gguf-q4-km"), QStringLiteral("model.yml"));
        // Only that branch: no other quantization, nothing of main.
        const QString folder = cache() + QStringLiteral("/models--cortexso--llama3.2");
        QCOMPARE(QDir(folder + QStringLiteral("/refs")).entryList(QDir::Files),
                 QStringList{QStringLiteral("1b-gguf-q4-km")});
        QCOMPARE(QDir(folder + QStringLiteral("/snapshots")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
    }

    // Journey 2: one quantization of a repo that holds several in main.
    void journey2_oneQuantizationInsideMainDownloadsOnlyItsFile()
    {
        const QPersistentModelIndex model = findModel(kTiny);
        QVERIFY(model.isValid());
        const QModelIndex quant = childNamed(model, QStringLiteral("Q2_K"));
        QVERIFY(quant.isValid());
        click(quant);
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        QCOMPARE(ticked(summary), QStringList{kTiny + QStringLiteral(" · Q2_K/tinystories.Q2_K.gguf")});
        shot(QStringLiteral("journey2-quantization-summary"));
        QVERIFY(confirmAndWait(summary));
        verifyHfFile(kTiny, QStringLiteral("main"), QStringLiteral("tinystories.Q2_K.gguf"));
        const QString snapshot = snapshotFolder(kTiny, QStringLiteral("main"));
        QVERIFY(!QFileInfo::exists(snapshot + QStringLiteral("/tinystories.Q8_0.gguf")));
        QVERIFY(!QFileInfo::exists(snapshot + QStringLiteral("/tinystories.Q4_K_M.gguf")));
    }

    // A Hugging Face file stored in Xet: chosen and downloaded as any other, it comes through
    // its reconstruction (the hub's CAS and xorb storage, not the plain storage route), and its
    // row in the dashboard says how much the network brought.
    void aXetFileDownloadsThroughXetAndTheDashboardSaysWhatWasFetched()
    {
        const QString repo = QStringLiteral("modeldock-demo/Xet-GGUF");
        const QString file = QStringLiteral("xet-tinystories.Q4_K_M.gguf");
        QVERIFY2(m_hub.casUrl().isValid(), "the test hub runs without its Xet library");
        QVERIFY(m_hub.reset());
        const QPersistentModelIndex model = findModel(repo);
        QVERIFY(model.isValid());
        const QModelIndex quant = childNamed(model, QStringLiteral("Q4_K_M"));
        QVERIFY(quant.isValid());
        click(quant);
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        QVERIFY2(ticked(summary).join(u',').contains(file), qPrintable(ticked(summary).join(u',')));
        Download::GroupId group = 0;
        QVERIFY(confirmAndWait(summary, &group));
        verifyHfFile(repo, QStringLiteral("main"), file);
        const QString sha = m_hub.fileInfo(repo, file).value(QLatin1String("sha256")).toString();
        int casRequests = 0;
        for (const QJsonValue &request : m_hub.requests(QStringLiteral("cas")))
            casRequests += request[QLatin1String("path")].toString().contains(QLatin1String("/reconstructions/"));
        QVERIFY(casRequests >= 1);
        // The plain storage route serves only the header the details pane reads (a few MiB).
        qint64 plainBytes = 0;
        for (const QJsonValue &request : m_hub.requests(QStringLiteral("storage"))) {
            if (request[QLatin1String("path")].toString().contains(sha))
                plainBytes += request[QLatin1String("bytes_sent")].toInteger();
        }
        QVERIFY2(plainBytes <= 8 * 1024 * 1024, qPrintable(QString::number(plainBytes)));
        QVERIFY(!m_hub.requests(QStringLiteral("xorbs")).isEmpty());

        Ui::DownloadsModel *downloads = m_window->dashboard()->model();
        QTRY_VERIFY(downloads->indexForGroup(group).isValid());
        const QModelIndex groupRow = downloads->indexForGroup(group);
        QString said;
        for (int row = 0; row < downloads->rowCount(groupRow); ++row) {
            const QString text =
                downloads->index(row, Ui::DownloadsModel::ErrorColumn, groupRow).data(Qt::DisplayRole).toString();
            if (text.startsWith(QLatin1String("Xet: fetched")))
                said = text;
        }
        if (said.isEmpty()) {  // a group of one file shows the file on its own row
            said = downloads->index(groupRow.row(), Ui::DownloadsModel::ErrorColumn, groupRow.parent())
                       .data(Qt::DisplayRole)
                       .toString();
        }
        QVERIFY2(said.startsWith(QLatin1String("Xet: fetched")) && said.contains(QLatin1String("reused")),
                 qPrintable(said));
        m_window->downloadsView()->scrollToBottom();  // the newest group, for the picture
        shot(QStringLiteral("xet-dashboard"));
    }

    // Journey 3: the model row of a GGUF repo takes the recommended quantization and the
    // files without weights; the others are offered unticked, one click away.
    void journey3_aGgufModelRowTakesTheRecommendedQuantizationOnly()
    {
        const QPersistentModelIndex model = findModel(kTiny);
        QVERIFY(model.isValid());
        click(model);
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        const QString main = kTiny + QStringLiteral(" · ");
        QCOMPARE(ticked(summary), (QStringList{main + QStringLiteral("Q4_K_M/tinystories.Q4_K_M.gguf"),
                                               main + QStringLiteral("main/.gitattributes"),
                                               main + QStringLiteral("other files/README.md"),
                                               main + QStringLiteral("other files/config.json"),
                                               main + QStringLiteral("other files/extras/tokenizer_config.json")}));
        // Q8_0 is listed, unticked; Q2_K (journey 2) is listed as already on disk.
        QTreeWidgetItem *q8 = summary->itemFor(QStringLiteral("tinystories.Q8_0.gguf"));
        QVERIFY(q8);
        QCOMPARE(q8->checkState(0), Qt::Unchecked);
        QTreeWidgetItem *q2 = summary->itemFor(QStringLiteral("tinystories.Q2_K.gguf"));
        QVERIFY(q2);
        QCOMPARE(q2->text(Ui::DownloadSummaryDialog::StateColumn), QStringLiteral("already on disk"));
        // Unticking a file there leaves it out: the README stays on the hub.
        QTreeWidgetItem *readme = summary->itemFor(QStringLiteral("README.md"));
        QVERIFY(readme);
        QTreeWidget *files = summary->fileTree();
        files->scrollToItem(readme);
        const QRect rect = files->visualItemRect(readme);
        const int indicator = files->style()->pixelMetric(QStyle::PM_IndicatorWidth);
        QTest::mouseClick(files->viewport(), Qt::LeftButton, {},
                          QPoint(rect.left() + indicator / 2 + 2, rect.center().y()));
        QCOMPARE(readme->checkState(0), Qt::Unchecked);
        QTRY_VERIFY2(summary->summaryLabel()->text().startsWith(QStringLiteral("4 files to download")),
                     qPrintable(summary->summaryLabel()->text()));
        shot(QStringLiteral("journey3-model-row-summary"));
        QVERIFY(confirmAndWait(summary));
        verifyHfFile(kTiny, QStringLiteral("main"), QStringLiteral("tinystories.Q4_K_M.gguf"));
        verifyHfFile(kTiny, QStringLiteral("main"), QStringLiteral("extras/tokenizer_config.json"));
        const QString snapshot = snapshotFolder(kTiny, QStringLiteral("main"));
        QVERIFY(!QFileInfo::exists(snapshot + QStringLiteral("/tinystories.Q8_0.gguf")));
        QVERIFY(!QFileInfo::exists(snapshot + QStringLiteral("/README.md")));
    }

    // The details pane lists the variants with their sizes and a Download button each, which
    // takes exactly that variant; its state follows.
    void aVariantsOwnDownloadButtonTakesExactlyThatVariant()
    {
        const QString qwen = QStringLiteral("cortexso/qwen2.5");
        const QPersistentModelIndex model = findModel(qwen);
        QVERIFY(model.isValid());
        click(model);
        QTRY_COMPARE(m_window->detailsPane()->modelKey(), qwen);
        Ui::VariantList *variants = m_window->detailsPane()->variantList();
        QTRY_VERIFY(variants->buttonFor(QStringLiteral("0.5b-gguf-q4-km")));
        QCOMPARE(variants->topLevelItemCount(),
                 int(m_window->catalogPane()->model()->recordFor(qwen)->variants.size()));
        QTreeWidgetItem *row = variants->findItems(QStringLiteral("0.5b-gguf-q4-km"), Qt::MatchExactly).value(0);
        QVERIFY(row);
        QVERIFY(!row->text(Ui::VariantList::SizeColumn).isEmpty());
        QVERIFY(row->text(Ui::VariantList::StateColumn).isEmpty());
        shot(QStringLiteral("variant-buttons"));
        QTest::mouseClick(variants->buttonFor(QStringLiteral("0.5b-gguf-q4-km")), Qt::LeftButton);
        Ui::DownloadSummaryDialog *summary = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((summary = m_window->requester()->summary()) && summary->isVisible(), 30000);
        const QString group = qwen + QStringLiteral(" · 0.5b-gguf-q4-km");
        QCOMPARE(ticked(summary),
                 (QStringList{group + QStringLiteral("/.gitattributes"), group + QStringLiteral("/model.gguf"),
                              group + QStringLiteral("/model.yml")}));
        QVERIFY(confirmAndWait(summary));
        verifyHfFile(qwen, QStringLiteral("0.5b-gguf-q4-km"), QStringLiteral("model.gguf"));
        QVERIFY(!QFileInfo::exists(cache() + QStringLiteral("/models--cortexso--qwen2.5/refs/1.5b-gguf-q4-km")));
        QTRY_VERIFY_WITH_TIMEOUT(variants->findItems(QStringLiteral("0.5b-gguf-q4-km"), Qt::MatchExactly)
                                     .value(0)
                                     ->text(Ui::VariantList::StateColumn)
                                     .startsWith(QStringLiteral("Verified")),
                                 10000);
    }

    // Ticks in the file list belong to the model shown: showing another model drops them, and
    // they clear once the download they joined has started.
    void ticksBelongToTheModelShownAndClearOnceADownloadStarts()
    {
        Ui::CatalogModel *catalog = m_window->catalogPane()->model();
        QTreeView *files = m_window->detailsPane()->fileView();
        const auto tickQ8 = [&] {
            Ui::FileListModel *list = m_window->detailsPane()->files();
            for (int r = 0; r < list->rowCount(); ++r) {
                const QModelIndex name = list->index(r, Ui::FileListModel::NameColumn);
                if (name.data().toString() == QStringLiteral("tinystories.Q8_0.gguf")) {
                    files->setFocus();
                    files->setCurrentIndex(name);
                    QTest::keyClick(files, Qt::Key_Space);  // a person's tick, by keyboard
                    return name.data(Qt::CheckStateRole).toInt() == Qt::Checked;
                }
            }
            return false;
        };
        QPersistentModelIndex tiny = findModel(kTiny);
        click(tiny);
        QTRY_COMPARE(m_window->detailsPane()->modelKey(), kTiny);
        QVERIFY(tickQ8());
        QCOMPARE(catalog->checkedFiles().size(), 1);
        // Another model shown: the tick does not wait out of sight for the next download.
        click(findModel(kLlama));
        QTRY_COMPARE(m_window->detailsPane()->modelKey(), kLlama);
        QVERIFY(catalog->checkedFiles().isEmpty());

        tiny = findModel(kTiny);
        click(tiny);
        QTRY_COMPARE(m_window->detailsPane()->modelKey(), kTiny);
        QVERIFY(tickQ8());
        click(tiny);  // the model row selected again; the tick adds its file
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        QVERIFY(ticked(summary).contains(kTiny + QStringLiteral(" · Q8_0/tinystories.Q8_0.gguf")));
        QTest::mouseClick(summary->downloadButton(), Qt::LeftButton);
        QTRY_VERIFY(catalog->checkedFiles().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            QFileInfo::exists(snapshotFolder(kTiny, QStringLiteral("main")) + QStringLiteral("/tinystories.Q8_0.gguf")),
            30000);
        Ui::FileListModel *list = m_window->detailsPane()->files();
        for (int r = 0; r < list->rowCount(); ++r)
            QCOMPARE(list->index(r, Ui::FileListModel::NameColumn).data(Qt::CheckStateRole).toInt(),
                     int(Qt::Unchecked));
    }

    // Journey 11: offline. The hub does not answer when Download is pressed: the summary says
    // the pick is queued and its button says Queue; once the hub answers again the branch
    // downloads with no further click.
    void journey11_aDownloadAskedForOfflineIsQueuedAndStartsWhenTheHubAnswers()
    {
        const QString branch = QStringLiteral("1b-gguf-q8-0");
        const QPersistentModelIndex model = findModel(kLlama);
        QVERIFY(model.isValid());
        const QModelIndex row = childNamed(model, branch);
        QVERIFY(row.isValid());
        click(row);
        const int drop = m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("hf")},
                                                       {QStringLiteral("fault"), QStringLiteral("drop")}});
        QVERIFY(drop > 0);
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        const QString text = summary->summaryLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("does not answer")) && text.contains(QStringLiteral("Queue it")) &&
                     !text.contains(QStringLiteral("0 files")) && text.contains(kLlama),
                 qPrintable(text));
        shot(QStringLiteral("journey11-offline-queued"));
        QPushButton *queue = summary->downloadButton();
        QVERIFY(queue->isEnabled());
        QCOMPARE(queue->text(), QStringLiteral("&Queue"));
        Download::DownloadPool *pool = m_app->pool();
        const qsizetype before = pool->groups().size();
        QTest::mouseClick(queue, Qt::LeftButton);
        QTRY_COMPARE(m_window->requester()->waitingCount(), 1);
        QCOMPARE(pool->groups().size(), before);  // nothing to fetch yet
        QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("waiting for the hub")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        // The hub answers again: the branch starts and finishes without another question.
        QVERIFY(m_hub.removeScenario(drop));
        QTRY_VERIFY_WITH_TIMEOUT(pool->groups().size() == before + 1, 30000);
        QCOMPARE(m_window->requester()->waitingCount(), 0);
        const Download::GroupId group = pool->groups().last();
        QTRY_VERIFY_WITH_TIMEOUT(pool->group(group).isFinished(), 60000);
        QCOMPARE(pool->group(group).completed, pool->group(group).total);
        verifyHfFile(kLlama, branch, QStringLiteral("model.gguf"));
        bool noted = false;
        for (const Activity::Event &event : m_app->activityLog()->events())
            noted = noted || event.text.contains(QStringLiteral("Queued until the hub answers"));
        QVERIFY(noted);
    }
};

QTEST_MAIN(TestJourneysHf)
#include "tst_journeys_hf.moc"
