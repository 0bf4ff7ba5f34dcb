// The headline journeys through the real window, as a person makes them: the app built the
// way main() builds it (GuiComposition + MainWindow) against the local test hub; rows of the
// catalog tree are clicked, Ctrl+D pressed, the summary dialog read and its Download button
// clicked. Each journey checks what the dialog offered and the verified files on disk, in
// the Hugging Face cache layout or the Civitai library.
#include "activity/activitylog.h"
#include "catalog/source.h"
#include "catalog/syncengine.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "detailspane.h"
#include "filelistmodel.h"
#include "download/downloadpool.h"
#include "downloadsdashboard.h"
#include "downloadsmodel.h"
#include "downloadrequester.h"
#include "downloadsummarydialog.h"
#include "guicomposition.h"
#include "mainwindow.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "sourcedialog.h"
#include "sourcesmodel.h"
#include "testhub.h"
#include "util/sha256.h"
#include "variantlist.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDockWidget>
#include <QFont>
#include <QDirIterator>
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
#include <QStatusBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QToolButton>
#include <QTreeWidget>

using namespace Settings;

namespace {
const QString kLlama = QStringLiteral("cortexso/llama3.2");
const QString kTiny = QStringLiteral("modeldock-demo/TinyStories-GGUF");

QString sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}
} // namespace

class TestJourneys : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SettingsCenter> m_settings;
    std::unique_ptr<App::GuiComposition> m_app;
    std::unique_ptr<Ui::MainWindow> m_window;
    Config::RuntimeConfig m_runtime;

    // The app as main() builds it on the data folder of this run; a second call is a restart.
    bool startApp()
    {
        QString error;
        m_app = App::GuiComposition::create(m_runtime, m_settings.get(), &error);
        if (!m_app) {
            qWarning() << error;
            return false;
        }
        m_window = std::make_unique<Ui::MainWindow>(m_app->services());
        m_window->resize(1400, 900);
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        // An X server without a window manager (screenshots under Xvfb) never activates a
        // window for the platform; Qt's own active window, which shortcuts follow, is set above.
        return QTest::qWaitForWindowExposed(m_window.get());
    }

    // Storage serves this file at `rate` bytes/s, so it is still running when the journey acts.
    int slowDown(const QString &repo, const QString &revision, const QString &path, int rate)
    {
        const QString sha = m_hub.fileInfo(repo, path, revision).value(QStringLiteral("sha256")).toString();
        return m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("storage")},
                                             {QStringLiteral("path"), sha},
                                             {QStringLiteral("fault"), QStringLiteral("slow")},
                                             {QStringLiteral("rate"), rate}});
    }

    // Downloads a branch of a repo through the tree and Ctrl+D; returns the new group once
    // its first bytes arrived.
    Download::GroupId startBranch(const QString &repo, const QString &branch)
    {
        const QModelIndex row = childNamed(findModel(repo), branch);
        if (!row.isValid())
            return 0;
        click(row);
        Ui::DownloadSummaryDialog *summary = pressDownload();
        if (!summary)
            return 0;
        Download::DownloadPool *pool = m_app->pool();
        const qsizetype before = pool->groups().size();
        QTest::mouseClick(summary->downloadButton(), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return pool->groups().size() == before + 1; }, 10000))
            return 0;
        const Download::GroupId group = pool->groups().last();
        const bool moving = QTest::qWaitFor([&] {
            for (Download::TaskId id : pool->tasks(group)) {
                if (pool->request(id).expectedSize > 1024 * 1024 && pool->task(id).bytesDone > 0)
                    return true;
            }
            return false;
        }, 20000);
        return moving ? group : 0;
    }

    QTreeView *tree() const { return m_window->catalogView(); }
    QSortFilterProxyModel *proxy() const { return m_window->catalogPane()->proxy(); }
    QString cache() const { return m_dir->filePath(QStringLiteral("hub")); }
    QString library() const { return m_dir->filePath(QStringLiteral("library")); }

    bool settled() const
    {
        return QTest::qWaitFor([this] { return !m_window->catalogPane()->model()->isQueryPending(); }, 10000);
    }

    // Types into the search box until the tree shows the model; returns its row.
    QPersistentModelIndex findModel(const QString &key, const QString &words = {})
    {
        // From every source, as after a click on "All sources".
        QListView *sources = m_window->sourcesView();
        if (sources->currentIndex().row() != 0) {
            const QModelIndex all = sources->model()->index(0, 0);
            QTest::mouseClick(sources->viewport(), Qt::LeftButton, {}, sources->visualRect(all).center());
        }
        QLineEdit *search = m_window->searchField();
        search->selectAll();
        QTest::keyClick(search, Qt::Key_Backspace);
        QTest::keyClicks(search, words.isEmpty() ? key.section(QLatin1Char('/'), -1) : words);
        QPersistentModelIndex found;
        // The rows of this very search (typing is debounced): not those of an earlier one.
        (void)QTest::qWaitFor([&] {
            Ui::CatalogModel *model = m_window->catalogPane()->model();
            if (model->isQueryPending() || model->query().text != search->text().simplified()
                || model->query().sourceId != sources->currentIndex().data(Ui::SourcesModel::SourceIdRole).toLongLong())
                return false;
            for (int row = 0; row < proxy()->rowCount(); ++row) {
                if (proxy()->index(row, 0).data(Ui::CatalogModel::ModelKeyRole).toString() == key)
                    found = proxy()->index(row, 0);
            }
            return found.isValid();
        }, 10000);
        return found;
    }

    QModelIndex childNamed(const QModelIndex &parent, const QString &variant)
    {
        tree()->expand(parent);
        for (int row = 0; row < proxy()->rowCount(parent); ++row) {
            const QModelIndex child = proxy()->index(row, 0, parent);
            if (child.data(Ui::CatalogModel::VariantNameRole).toString() == variant)
                return child;
        }
        return {};
    }

    // A mouse click on the row's name, as a person selects it.
    void click(const QModelIndex &index, Qt::KeyboardModifiers modifiers = {})
    {
        tree()->scrollTo(index);
        const QRect rect = tree()->visualRect(index);
        QTest::mouseClick(tree()->viewport(), Qt::LeftButton, modifiers, rect.center() + QPoint(rect.width() / 4, 0));
    }

    // Ctrl+D over the tree; the summary once its files are listed.
    Ui::DownloadSummaryDialog *pressDownload()
    {
        // The offscreen platform does not give the window back its activation when a dialog
        // closes; a person's window is active when they press keys.
        QApplication::setActiveWindow(m_window.get());
        tree()->setFocus();
        QTest::keyClick(tree(), Qt::Key_D, Qt::ControlModifier);
        Ui::DownloadSummaryDialog *summary = nullptr;
        (void)QTest::qWaitFor([&] { return (summary = m_window->requester()->summary()) && summary->isVisible(); }, 30000);
        return summary;
    }

    // "group/name" of each ticked file, the files the dialog will fetch.
    static QStringList ticked(const Ui::DownloadSummaryDialog *summary)
    {
        QStringList out;
        const QList<bool> ticks = summary->ticks();
        QTreeWidget *files = summary->fileTree();
        for (int g = 0; g < files->topLevelItemCount(); ++g) {
            QTreeWidgetItem *group = files->topLevelItem(g);
            for (int f = 0; f < group->childCount(); ++f) {
                const int row = group->child(f)->data(0, Ui::DownloadSummaryDialog::RowRole).toInt();
                if (ticks.value(row))
                    out << group->text(0) + QLatin1Char('/') + group->child(f)->text(0);
            }
        }
        out.sort();
        return out;
    }

    // Clicks Download and waits until the new group's tasks are all verified.
    bool confirmAndWait(Ui::DownloadSummaryDialog *summary, Download::GroupId *groupOut = nullptr)
    {
        Download::DownloadPool *pool = m_app->pool();
        const qsizetype before = pool->groups().size();
        QTest::mouseClick(summary->downloadButton(), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return pool->groups().size() == before + 1; }, 10000))
            return false;
        const Download::GroupId group = pool->groups().last();
        if (groupOut)
            *groupOut = group;
        return QTest::qWaitFor([&] {
            for (Download::TaskId id : pool->tasks(group)) {
                if (pool->task(id).state != Download::TaskState::Completed)
                    return false;
            }
            return true;
        }, 60000);
    }

    // The file as the hub has it at `revision` is in snapshots/<commit>/ with refs/<revision>.
    void verifyHfFile(const QString &repo, const QString &revision, const QString &path)
    {
        const QJsonObject info = m_hub.fileInfo(repo, path, revision);
        const QString commit = info.value(QStringLiteral("commit")).toString();
        QVERIFY2(commit.size() == 40, qPrintable(repo + QLatin1Char('@') + revision));
        const QString folder = cache() + QStringLiteral("/models--") + QString(repo).replace(u'/', QStringLiteral("--"));
        const QString file = folder + QStringLiteral("/snapshots/") + commit + QLatin1Char('/') + path;
        QVERIFY2(QFileInfo::exists(file), qPrintable(file));
        QCOMPARE(sha256Of(file), info.value(QStringLiteral("sha256")).toString());
        QFile ref(folder + QStringLiteral("/refs/") + revision);
        QVERIFY2(ref.open(QIODevice::ReadOnly), qPrintable(ref.fileName()));
        QCOMPARE(QString::fromLatin1(ref.readAll()).trimmed(), commit);
    }

    QString snapshotFolder(const QString &repo, const QString &revision)
    {
        const QString folder = cache() + QStringLiteral("/models--") + QString(repo).replace(u'/', QStringLiteral("--"));
        QFile ref(folder + QStringLiteral("/refs/") + revision);
        if (!ref.open(QIODevice::ReadOnly))
            return {};
        return folder + QStringLiteral("/snapshots/") + QString::fromLatin1(ref.readAll()).trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_hub.start({QStringLiteral("--big-file-mb"), QStringLiteral("4")}), qPrintable(m_hub.errorString()));
        m_dir = std::make_unique<QTemporaryDir>();
        QProcessEnvironment env;
        env.insert(QStringLiteral("HF_ENDPOINT"), m_hub.hfUrl().toString());
        env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), m_hub.civitaiUrl().toString());
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), m_dir->filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("HF_HUB_CACHE"), cache());
        env.insert(QStringLiteral("MODELDOCK_LIBRARY"), library());
        m_runtime = Config::RuntimeConfig::fromEnvironment(env);
        QDir().mkpath(m_runtime.dataDir);
        m_settings = std::make_unique<SettingsCenter>(SettingsSchema::standard(m_runtime),
                                                      QDir(m_runtime.dataDir).filePath(QStringLiteral("settings.sqlite")));
        QString error;
        QVERIFY2(m_settings->open(&error), qPrintable(error));
        QVERIFY(m_settings->apply({{QString::fromLatin1(Keys::MaxActive), 8}, {QString::fromLatin1(Keys::MaxPerHost), 6}},
                                  ChangeSource::Gui).ok);
        QVERIFY(startApp());
        // F5, as a person refreshes; then the tree reads the synced catalog.
        QTest::keyClick(tree(), Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(m_app->engine()->isBusy(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_app->engine()->isBusy(), 60000);
        QVERIFY(settled());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_app.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void cleanup()
    {
        // A dialog a failed journey left open must not swallow the next journey's keys.
        if (QDialog *open = m_window->requester()->summaryDialog())
            open->reject();
    }

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
        QCOMPARE(ticked(summary), (QStringList{group + QStringLiteral("/.gitattributes"), group + QStringLiteral("/model.gguf"),
                                               group + QStringLiteral("/model.yml")}));
        const QString text = summary->summaryLabel()->text();
        QVERIFY2(text.startsWith(QStringLiteral("3 files to download, 3")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Free space on")), qPrintable(text));
        QVERIFY(summary->downloadButton()->isEnabled());
        if (!qEnvironmentVariableIsEmpty("MODELDOCK_JOURNEY_SCREENSHOT"))
            summary->grab().save(qEnvironmentVariable("MODELDOCK_JOURNEY_SCREENSHOT"));
        QVERIFY(confirmAndWait(summary));
        verifyHfFile(kLlama, QStringLiteral("1b-gguf-q4-km"), QStringLiteral("model.gguf"));
        verifyHfFile(kLlama, QStringLiteral("1b-gguf-q4-km"), QStringLiteral("model.yml"));
        // Only that branch: no other quantization, nothing of main.
        const QString folder = cache() + QStringLiteral("/models--cortexso--llama3.2");
        QCOMPARE(QDir(folder + QStringLiteral("/refs")).entryList(QDir::Files), QStringList{QStringLiteral("1b-gguf-q4-km")});
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
        QVERIFY(confirmAndWait(summary));
        verifyHfFile(kTiny, QStringLiteral("main"), QStringLiteral("tinystories.Q2_K.gguf"));
        const QString snapshot = snapshotFolder(kTiny, QStringLiteral("main"));
        QVERIFY(!QFileInfo::exists(snapshot + QStringLiteral("/tinystories.Q8_0.gguf")));
        QVERIFY(!QFileInfo::exists(snapshot + QStringLiteral("/tinystories.Q4_K_M.gguf")));
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
        QTest::mouseClick(files->viewport(), Qt::LeftButton, {}, QPoint(rect.left() + indicator / 2 + 2, rect.center().y()));
        QCOMPARE(readme->checkState(0), Qt::Unchecked);
        QTRY_VERIFY2(summary->summaryLabel()->text().startsWith(QStringLiteral("4 files to download")),
                     qPrintable(summary->summaryLabel()->text()));
        QVERIFY(confirmAndWait(summary));
        verifyHfFile(kTiny, QStringLiteral("main"), QStringLiteral("tinystories.Q4_K_M.gguf"));
        verifyHfFile(kTiny, QStringLiteral("main"), QStringLiteral("extras/tokenizer_config.json"));
        const QString snapshot = snapshotFolder(kTiny, QStringLiteral("main"));
        QVERIFY(!QFileInfo::exists(snapshot + QStringLiteral("/tinystories.Q8_0.gguf")));
        QVERIFY(!QFileInfo::exists(snapshot + QStringLiteral("/README.md")));
    }

    // Journey 5: "all versions" of a 60-version Civitai LoRA, from the dialog's check box and
    // from the model's context menu action, in one pack.
    void journey5_allVersionsOfACivitaiLoraDownloadSixtyFiles()
    {
        const QPersistentModelIndex model = findModel(QStringLiteral("civitai:4201"), QStringLiteral("Demo Style LoRA Pack"));
        QVERIFY(model.isValid());
        QCOMPARE(proxy()->rowCount(model), 60);
        click(model);
        QVERIFY(tree()->actions().contains(m_window->downloadAllVersionsAction()));
        QVERIFY(m_window->downloadAllVersionsAction()->isEnabled());
        // The model row alone: its newest version.
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        QStringList files = ticked(summary);
        QCOMPARE(files.filter(QStringLiteral(".safetensors")).size(), 1);
        QVERIFY(summary->allVersionsBox()->isVisible());
        QVERIFY(!summary->allVersionsBox()->isChecked());
        QTest::mouseClick(summary->allVersionsBox(), Qt::LeftButton, {}, QPoint(8, summary->allVersionsBox()->height() / 2));
        // The summary is planned again with every version. Not compared by address: the new
        // dialog may be allocated where the old one was.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->requester()->summary() && m_window->requester()->summary()->isVisible()
                                     && m_window->requester()->summary()->allVersionsBox()->isChecked()
                                     && ticked(m_window->requester()->summary()).filter(QStringLiteral(".safetensors")).size() == 60,
                                 30000);
        summary = m_window->requester()->summary();
        QVERIFY(summary->allVersionsBox()->isChecked());
        files = ticked(summary);
        QCOMPARE(files.filter(QStringLiteral(".safetensors")).size(), 60);
        QCOMPARE(summary->fileTree()->topLevelItemCount(), 60);  // one group per version
        QVERIFY2(summary->summaryLabel()->text().startsWith(QStringLiteral("120 files")),
                 qPrintable(summary->summaryLabel()->text()));  // each version: its file and a preview
        summary->reject();
        // The context menu's action says the same: a right click selects the row, then the action.
        click(findModel(QStringLiteral("civitai:4201"), QStringLiteral("Demo Style LoRA Pack")));
        QVERIFY(m_window->downloadAllVersionsAction()->isEnabled());
        m_window->downloadAllVersionsAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->requester()->summary() && m_window->requester()->summary()->isVisible(), 30000);
        summary = m_window->requester()->summary();
        QCOMPARE(ticked(summary).filter(QStringLiteral(".safetensors")).size(), 60);
        Download::GroupId group = 0;
        QVERIFY(confirmAndWait(summary, &group));
        QCOMPARE(m_app->pool()->tasks(group).size(), 120);
        QStringList weights;
        for (QDirIterator it(library(), {QStringLiteral("*.safetensors")}, QDir::Files, QDirIterator::Subdirectories);
             it.hasNext();)
            weights << it.next();
        QCOMPARE(weights.size(), 60);
        for (const QString &path : std::as_const(weights))
            QVERIFY2(path.startsWith(library() + QStringLiteral("/Lora/")), qPrintable(path));
    }

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
        QVERIFY(confirmAndWait(summary, &group));
        QCOMPARE(m_app->pool()->group(group).name, QStringLiteral("60 models"));
        for (int i : {1, 30, 60}) {
            const QString repo = QStringLiteral("lora-pack/style-lora-%1").arg(i, 3, 10, QLatin1Char('0'));
            verifyHfFile(repo, QStringLiteral("main"), QStringLiteral("style-lora-%1.safetensors").arg(i, 3, 10, QLatin1Char('0')));
        }
    }

    // Journey 4: a Civitai version carrying several model files (fp16 primary, fp8, GGUF): the
    // fp8 file's row takes that file, not the primary one.
    void journey4_aCivitaiVersionsFp8FileDownloadsInsteadOfItsPrimary()
    {
        Catalog::Source source;
        source.name = QStringLiteral("checkpoints");
        source.kind = Catalog::Source::Kind::CivitaiQuery;
        source.types = {QStringLiteral("Checkpoint")};
        QString error;
        QVERIFY2(m_app->engine()->addSource(&source, &error), qPrintable(error));
        QVERIFY(m_app->engine()->isSyncing(source.id) || m_app->engine()->refresh(source.id));
        QTRY_VERIFY_WITH_TIMEOUT(!m_app->engine()->isBusy(), 60000);

        const QPersistentModelIndex model = findModel(QStringLiteral("civitai:4202"), QStringLiteral("Demo Checkpoint"));
        QVERIFY(model.isValid());
        const QPersistentModelIndex version = childNamed(model, QStringLiteral("v2.0"));
        QVERIFY(version.isValid());
        tree()->expand(version);
        const QString fp8Name = QStringLiteral("demoCheckpoint_v20_fp8.safetensors");
        QModelIndex fp8;
        QStringList files;
        for (int row = 0; row < proxy()->rowCount(version); ++row) {
            const QModelIndex file = proxy()->index(row, 0, version);
            files << file.data(Ui::CatalogModel::FilePathRole).toString();
            if (files.last() == fp8Name)
                fp8 = file;
        }
        QVERIFY2(fp8.isValid(), qPrintable(files.join(u' ')));
        QVERIFY(files.contains(QStringLiteral("demoCheckpoint_v20-Q4_K_M.gguf")));  // every model file is listed
        click(fp8);
        // The details pane lists them too, the primary (default) one in bold.
        QTRY_COMPARE(m_window->detailsPane()->modelKey(), QStringLiteral("civitai:4202"));
        Ui::FileListModel *list = m_window->detailsPane()->files();
        for (int r = 0; r < list->rowCount(); ++r) {
            const QModelIndex name = list->index(r, Ui::FileListModel::NameColumn);
            const bool bold = name.data(Qt::FontRole).value<QFont>().bold();
            if (name.data().toString() == QStringLiteral("demoCheckpoint_v20.safetensors"))
                QVERIFY(bold);
            else
                QVERIFY2(!bold, qPrintable(name.data().toString()));
        }
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        const QStringList offered = ticked(summary);
        QCOMPARE(offered.filter(QStringLiteral(".safetensors")), QStringList{QStringLiteral("Demo Checkpoint · v2.0/") + fp8Name});
        QVERIFY(confirmAndWait(summary));
        const QString file = library() + QStringLiteral("/Checkpoint/") + fp8Name;
        QVERIFY2(QFileInfo::exists(file), qPrintable(file));
        const TestHub::Response listing =
            m_hub.get(QUrl(m_hub.civitaiUrl().toString() + QStringLiteral("/api/v1/model-versions/420102")));
        QString sha;
        for (const QJsonValue &f : QJsonDocument::fromJson(listing.body)[QStringLiteral("files")].toArray()) {
            if (f[QStringLiteral("name")].toString() == fp8Name)
                sha = f[QStringLiteral("hashes")][QStringLiteral("SHA256")].toString().toLower();
        }
        QCOMPARE(sha256Of(file), sha);
        QVERIFY(!QFileInfo::exists(library() + QStringLiteral("/Checkpoint/demoCheckpoint_v20.safetensors")));
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
        QCOMPARE(variants->topLevelItemCount(), int(m_window->catalogPane()->model()->recordFor(qwen)->variants.size()));
        QTreeWidgetItem *row = variants->findItems(QStringLiteral("0.5b-gguf-q4-km"), Qt::MatchExactly).value(0);
        QVERIFY(row);
        QVERIFY(!row->text(Ui::VariantList::SizeColumn).isEmpty());
        QVERIFY(row->text(Ui::VariantList::StateColumn).isEmpty());
        if (!qEnvironmentVariableIsEmpty("MODELDOCK_VARIANTS_SCREENSHOT"))
            m_window->grab().save(qEnvironmentVariable("MODELDOCK_VARIANTS_SCREENSHOT"));
        QTest::mouseClick(variants->buttonFor(QStringLiteral("0.5b-gguf-q4-km")), Qt::LeftButton);
        Ui::DownloadSummaryDialog *summary = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((summary = m_window->requester()->summary()) && summary->isVisible(), 30000);
        const QString group = qwen + QStringLiteral(" · 0.5b-gguf-q4-km");
        QCOMPARE(ticked(summary), (QStringList{group + QStringLiteral("/.gitattributes"), group + QStringLiteral("/model.gguf"),
                                               group + QStringLiteral("/model.yml")}));
        QVERIFY(confirmAndWait(summary));
        verifyHfFile(qwen, QStringLiteral("0.5b-gguf-q4-km"), QStringLiteral("model.gguf"));
        QVERIFY(!QFileInfo::exists(cache() + QStringLiteral("/models--cortexso--qwen2.5/refs/1.5b-gguf-q4-km")));
        QTRY_VERIFY_WITH_TIMEOUT(variants->findItems(QStringLiteral("0.5b-gguf-q4-km"), Qt::MatchExactly)
                                     .value(0)->text(Ui::VariantList::StateColumn).startsWith(QStringLiteral("Verified")),
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
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(snapshotFolder(kTiny, QStringLiteral("main"))
                                                   + QStringLiteral("/tinystories.Q8_0.gguf")),
                                 30000);
        Ui::FileListModel *list = m_window->detailsPane()->files();
        for (int r = 0; r < list->rowCount(); ++r)
            QCOMPARE(list->index(r, Ui::FileListModel::NameColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
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
        QVERIFY(proxy()->index(0, 0).data(Ui::CatalogModel::ModelKeyRole).toString().startsWith(QStringLiteral("modeldock-demo/plain-model-")));
    }

    // Journey 8: a pasted link opens the model with the branch (or version) it names selected;
    // Ctrl+D then downloads exactly that.
    void journey8_aPastedLinkSelectsItsBranchAndDownloads()
    {
        const QString qwen = QStringLiteral("cortexso/qwen2.5");
        QApplication::clipboard()->setText(m_hub.hfUrl().toString() + QStringLiteral("/cortexso/qwen2.5/tree/1.5b-gguf-q4-km"));
        QApplication::setActiveWindow(m_window.get());
        tree()->setFocus();
        QTest::keyClick(tree(), Qt::Key_V, Qt::ControlModifier);
        QTRY_COMPARE(tree()->currentIndex().data(Ui::CatalogModel::VariantNameRole).toString(), QStringLiteral("1.5b-gguf-q4-km"));
        QCOMPARE(tree()->currentIndex().data(Ui::CatalogModel::ModelKeyRole).toString(), qwen);
        QCOMPARE(tree()->selectionModel()->selectedRows().size(), 1);
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        const QString group = qwen + QStringLiteral(" · 1.5b-gguf-q4-km");
        QCOMPARE(ticked(summary), (QStringList{group + QStringLiteral("/.gitattributes"), group + QStringLiteral("/model.gguf"),
                                               group + QStringLiteral("/model.yml")}));
        QVERIFY(confirmAndWait(summary));
        verifyHfFile(qwen, QStringLiteral("1.5b-gguf-q4-km"), QStringLiteral("model.gguf"));

        // A Civitai link names the version by its id; File → Open link takes it from the clipboard.
        QApplication::clipboard()->setText(QStringLiteral("https://civitai.com/models/4201/demo?modelVersionId=420007"));
        m_window->openLinkAction()->trigger();
        QTRY_COMPARE(tree()->currentIndex().data(Ui::CatalogModel::ModelKeyRole).toString(), QStringLiteral("civitai:4201"));
        QCOMPARE(tree()->currentIndex().data(Ui::CatalogModel::VariantNameRole).toString(), QStringLiteral("v7"));
        // Not a link: said in the status bar, nothing selected changes.
        m_window->openLink(QStringLiteral("just some words"));
        QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Not a model link")));
    }

    // A Civitai file of `modelId` in the library, checked against its sidecar's SHA-256.
    void verifyCivitaiModelInLibrary(qint64 modelId)
    {
        QDirIterator it(m_dir->filePath(QStringLiteral("library")), {QStringLiteral("*.modeldock.json")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile sidecar(it.next());
            QVERIFY(sidecar.open(QIODevice::ReadOnly));
            const QJsonObject meta = QJsonDocument::fromJson(sidecar.readAll()).object();
            if (meta.value(QLatin1String("modelId")).toInteger() != modelId)
                continue;
            const QString stem = sidecar.fileName().chopped(int(QStringLiteral(".modeldock.json").size()));
            QDir dir = QFileInfo(sidecar.fileName()).dir();
            for (const QString &candidate : dir.entryList(QDir::Files)) {
                const QString path = dir.filePath(candidate);
                if (path.startsWith(stem + u'.') && !path.endsWith(QLatin1String(".modeldock.json"))
                    && !path.endsWith(QLatin1String(".png"))) {
                    QCOMPARE(Util::Sha256::hexOfFile(path), meta.value(QLatin1String("sha256")).toString());
                    return;
                }
            }
        }
        QFAIL(qPrintable(QStringLiteral("no file of Civitai model %1 in the library").arg(modelId)));
    }

    void journey7_aSearchOnTheHubsFindsAModelNoSourceListsAndItDownloads()
    {
        // "Filler Upscaler 15" (civitai:4215) is in no configured source: the local search finds
        // nothing, Ctrl+Enter in the search field asks the hubs, the result appears in the tree.
        const QString key = QStringLiteral("civitai:4215");
        QVERIFY(!m_app->services().store->model(key));
        QLineEdit *search = m_window->searchField();
        QApplication::setActiveWindow(m_window.get());
        search->setFocus();
        search->selectAll();
        QTest::keyClick(search, Qt::Key_Backspace);
        QTest::keyClicks(search, QStringLiteral("Filler Upscaler"));
        QVERIFY(m_window->searchHubsAction()->isEnabled());
        QCOMPARE(m_window->searchHubsAction()->text(), QStringLiteral("Search Hugging Face and Civitai for “Filler Upscaler”"));
        QVERIFY(search->actions().contains(m_window->searchHubsAction()));
        QTest::keyClick(search, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Searching Hugging Face and Civitai")));
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("The hubs found")),
                                  qPrintable(m_window->statusBar()->currentMessage()), 15000);
        QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("The hubs found 1 model")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QVERIFY(m_app->services().store->model(key));
        const QPersistentModelIndex row = findModel(key, QStringLiteral("Filler Upscaler"));
        QVERIFY(row.isValid());
        click(row);
        if (!qEnvironmentVariableIsEmpty("MODELDOCK_HUBSEARCH_SCREENSHOT"))
            m_window->grab().save(qEnvironmentVariable("MODELDOCK_HUBSEARCH_SCREENSHOT"));
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        QVERIFY(!ticked(summary).isEmpty());
        QVERIFY(confirmAndWait(summary));
        verifyCivitaiModelInLibrary(4215);
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
        QTRY_VERIFY_WITH_TIMEOUT(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Could not open nobody/no-such-model")),
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
        QVERIFY2(!texts.filter(QStringLiteral("Download finished: cortexso/llama3.2@1b-gguf-q4-km")).isEmpty(),
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
            (void)QTest::qWaitFor([&] {
                box = m_window->dashboard()->findChild<QMessageBox *>(QStringLiteral("confirmCancel"));
                return box && box->isVisible();
            }, 5000);
            return box;
        };
        QMessageBox *box = pressDelete();
        QVERIFY(box);
        QVERIFY2(box->informativeText().contains(QStringLiteral("will be deleted")), qPrintable(box->informativeText()));
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
        QVERIFY2(text.contains(QStringLiteral("does not answer")) && text.contains(QStringLiteral("queued"))
                     && text.contains(kLlama),
                 qPrintable(text));
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
            (void)QTest::qWaitFor([&] {
                box = m_window->findChild<QMessageBox *>(QStringLiteral("confirmQuit"));
                return box && box->isVisible();
            }, 5000);
            return box;
        };
        QMessageBox *box = pressQuit();
        QVERIFY(box);
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
    }
};

QTEST_MAIN(TestJourneys)
#include "tst_journeys.moc"
