// UI responsiveness: the real MainWindow over a 100,000-model catalog (written with the core's
// SyncWriter), ~500 downloads queued and running against the test hub under a bandwidth cap,
// and scripted use — typing searches, scrolling, expanding, selecting, dashboard actions —
// while a 5 ms timer probe records the longest time the UI thread was away from its event
// loop. Prints the figure and one JSON line; exits 1 when it reaches the budget (50 ms).

#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "catalog/syncwriter.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "download/downloadpool.h"
#include "downloadrequester.h"
#include "downloadsdashboard.h"
#include "downloadsmodel.h"
#include "guicomposition.h"
#include "mainwindow.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "sourcesmodel.h"
#include "stallprobe.h"
#include "testhub.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTreeView>

using namespace Catalog;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

const QStringList kWords = {
    QStringLiteral("llama"),  QStringLiteral("qwen"),   QStringLiteral("mistral"), QStringLiteral("phi"),
    QStringLiteral("gemma"),  QStringLiteral("tiny"),   QStringLiteral("coder"),   QStringLiteral("vision"),
    QStringLiteral("chat"),   QStringLiteral("instruct"), QStringLiteral("base"),  QStringLiteral("math"),
    QStringLiteral("story"),  QStringLiteral("lora"),   QStringLiteral("anime"),   QStringLiteral("portrait"),
    QStringLiteral("sdxl"),   QStringLiteral("flux"),   QStringLiteral("embed"),   QStringLiteral("rerank"),
};

// A model as a Hugging Face GGUF repo would give it: one or two quantizations, a README.
ModelRecord syntheticModel(int i)
{
    const QString a = kWords.at(i % kWords.size());
    const QString b = kWords.at((i / 7) % kWords.size());
    ModelRecord m;
    m.key = QStringLiteral("bench-org-%1/%2-%3-%4").arg(i % 1000).arg(a, b).arg(i);
    m.hub = QStringLiteral("hf");
    m.hubId = m.key;
    m.name = m.key;
    m.author = m.key.section(QLatin1Char('/'), 0, 0);
    m.description = QStringLiteral("A %1 %2 model, number %3, quantized for local use.").arg(a, b).arg(i);
    m.tags = {QStringLiteral("gguf"), a, b};
    m.kind = QStringLiteral("text-generation");
    m.downloads = 5000000 / (i + 1) + (i * 37) % 1000;
    m.likes = m.downloads / 50;
    m.lastModified = QDateTime::fromSecsSinceEpoch(1700000000 + qint64(i) * 61, Qt::UTC);
    m.fingerprint = m.lastModified.toString(Qt::ISODate);
    m.headCommit = QStringLiteral("%1").arg(i, 40, 16, QLatin1Char('0'));
    m.details = DetailLevel::Complete;
    m.detailsCommit = m.headCommit;
    for (const QString &quant : {QStringLiteral("Q4_K_M"), QStringLiteral("Q8_0")}) {
        if (quant == QLatin1String("Q8_0") && i % 2)
            break;
        VariantRecord variant;
        variant.name = quant;
        variant.kind = QStringLiteral("quantization");
        variant.revision = QStringLiteral("main");
        variant.commit = m.headCommit;
        FileRecord file;
        file.path = QStringLiteral("%1-%2.%3.gguf").arg(a, b, quant);
        file.size = 1000000LL * (1 + i % 9);
        file.sha256 = QStringLiteral("%1").arg(i * 2 + (quant == QLatin1String("Q8_0")), 64, 16, QLatin1Char('0'));
        file.primary = true;
        variant.files << file;
        m.variants << variant;
    }
    return m;
}

bool generateCatalog(const QString &path, int models, QString *error)
{
    CatalogDatabase database(path);
    if (!database.open()) {
        *error = database.errorString();
        return false;
    }
    SourceStore sources(&database);
    // Ten sources of 10,000: each batch replaces its own source's membership only.
    constexpr int kBatch = 10000;
    for (int start = 0; start < models; start += kBatch) {
        Source source;
        source.name = QStringLiteral("Bench catalog %1").arg(start / kBatch + 1);
        source.kind = Source::Kind::HfQuery;
        source.author = QStringLiteral("bench-org");
        source.limit = kBatch;
        if (!sources.add(&source, error))
            return false;
        SyncBatch batch;
        batch.sourceId = source.id;
        for (int i = start; i < std::min(models, start + kBatch); ++i) {
            batch.upserts << syntheticModel(i);
            batch.members << batch.upserts.last().key;
        }
        batch.at = QDateTime::currentDateTimeUtc();
        const ApplyResult result = SyncWriter::apply(path, batch);
        if (!result.ok) {
            *error = result.error;
            return false;
        }
        out() << "  catalog: " << std::min(models, start + kBatch) << " models written\n";
        out().flush();
    }
    return true;
}

bool wait(const std::function<bool()> &done, int ms)
{
    return QTest::qWaitFor(done, ms);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ModelDockBench"));
    QApplication::setApplicationName(QStringLiteral("bench_ui"));
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("models"), QStringLiteral("catalog size"), QStringLiteral("N"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("items"), QStringLiteral("download items to queue (about)"), QStringLiteral("N"), QStringLiteral("500")});
    parser.addOption({QStringLiteral("keep"), QStringLiteral("keep (and reuse) the catalog in DIR"), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("budget-ms"), QStringLiteral("fail at this stall"), QStringLiteral("MS"), QStringLiteral("50")});
    parser.addOption({QStringLiteral("cap"), QStringLiteral("bandwidth cap in KiB/s"), QStringLiteral("KIB"), QStringLiteral("48")});
    parser.process(app);
    const int models = parser.value(QStringLiteral("models")).toInt();
    const int items = parser.value(QStringLiteral("items")).toInt();
    const double budget = parser.value(QStringLiteral("budget-ms")).toDouble();

    QTemporaryDir temp;
    const QString root = parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep")) : temp.path();
    const QString dataDir = QDir(root).filePath(QStringLiteral("data"));
    QDir().mkpath(dataDir);
    // Downloads start from nothing each run; the catalog may be reused.
    QDir(QDir(root).filePath(QStringLiteral("hub"))).removeRecursively();
    QFile::remove(QDir(dataDir).filePath(QStringLiteral("downloads.sqlite")));
    QElapsedTimer clock;
    clock.start();

    TestHub hub;
    if (!hub.start({QStringLiteral("--catalog"), QStringLiteral("generated"), QStringLiteral("--models"), QStringLiteral("100000")})) {
        out() << "the test hub did not start: " << hub.errorString() << '\n';
        return 2;
    }
    const QString catalogPath = QDir(dataDir).filePath(QStringLiteral("catalog.sqlite"));
    {
        CatalogDatabase existing(catalogPath);
        const bool ready = QFile::exists(catalogPath) && existing.open() && CatalogStore(&existing).modelCount() >= models;
        if (!ready) {
            out() << "writing a " << models << "-model catalog with SyncWriter…\n";
            out().flush();
            QFile::remove(catalogPath);
            QString error;
            if (!generateCatalog(catalogPath, models, &error)) {
                out() << "could not write the catalog: " << error << '\n';
                return 2;
            }
        }
    }
    out() << "catalog ready after " << clock.elapsed() / 1000 << " s\n";

    QProcessEnvironment env;
    env.insert(QStringLiteral("HF_ENDPOINT"), hub.hfUrl().toString());
    env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), hub.civitaiUrl().toString());
    env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), dataDir);
    env.insert(QStringLiteral("HF_HUB_CACHE"), QDir(root).filePath(QStringLiteral("hub")));
    env.insert(QStringLiteral("MODELDOCK_LIBRARY"), QDir(root).filePath(QStringLiteral("library")));
    const Config::RuntimeConfig runtime = Config::RuntimeConfig::fromEnvironment(env);
    Settings::SettingsCenter settings(Settings::SettingsSchema::standard(runtime),
                                      QDir(dataDir).filePath(QStringLiteral("settings.sqlite")));
    QString error;
    if (!settings.open(&error)) {
        out() << error << '\n';
        return 2;
    }
    using Settings::Keys::BandwidthLimit;
    settings.apply({{QString::fromLatin1(Settings::Keys::MaxActive), 4},
                    {QString::fromLatin1(Settings::Keys::MaxPerHost), 4},
                    {QString::fromLatin1(BandwidthLimit), parser.value(QStringLiteral("cap")).toLongLong() * 1024}},
                   Settings::ChangeSource::Gui);
    std::unique_ptr<App::GuiComposition> composition = App::GuiComposition::create(runtime, &settings, &error);
    if (!composition) {
        out() << error << '\n';
        return 2;
    }
    composition->engine()->setBackgroundEnabled(false);  // only what the script does

    // The models to download come from the hub's generated catalog, synced for real.
    QList<qint64> downloadSources;
    for (const QString &author : {QStringLiteral("gen-org-1"), QStringLiteral("gen-org-2")}) {
        Source source;
        source.name = QStringLiteral("Bench downloads ") + author;
        source.kind = Source::Kind::HfQuery;
        source.author = author;
        source.limit = items / 4 + 10;
        for (const Source &known : composition->sources()->sources()) {
            if (known.name == source.name)
                source.id = known.id;
        }
        if (source.id == 0 && !composition->engine()->addSource(&source, &error)) {
            out() << error << '\n';
            return 2;
        }
        downloadSources << source.id;
        if (!composition->engine()->isSyncing(source.id))
            composition->engine()->refresh(source.id);
    }
    if (!wait([&] { return !composition->engine()->isBusy(); }, 120000)) {
        out() << "the sync of the download sources did not finish\n";
        return 2;
    }

    Ui::MainWindow window(composition->services());
    window.resize(1400, 900);
    window.show();
    QSortFilterProxyModel *proxy = window.catalogPane()->proxy();
    if (!wait([&] { return proxy->rowCount() > 0 && !window.catalogPane()->model()->isQueryPending(); }, 30000)) {
        out() << "the catalog did not show\n";
        return 2;
    }

    // Queue ~items files through the window's own Download path (planner, summary, pool).
    QList<Ui::DownloadRequester::Pick> picks;
    for (qint64 sourceId : std::as_const(downloadSources)) {
        CatalogStore::Query query;
        query.sourceId = sourceId;
        query.limit = items / 4 + 10;
        query.sort = CatalogStore::Sort::Downloads;
        for (const ModelRecord &m : composition->store()->search(query))
            picks << Ui::DownloadRequester::Pick{m.key, {}, {}};
    }
    window.requester()->request(picks, &window);
    if (!wait([&] { return window.requester()->summaryDialog() != nullptr; }, 120000)) {
        out() << "planning the downloads did not finish\n";
        return 2;
    }
    window.requester()->summaryDialog()->accept();
    Download::DownloadPool *pool = composition->pool();
    Ui::DownloadsModel *downloads = window.dashboard()->model();
    if (!wait([&] { return downloads->rowCount() == 1 && downloads->rowCount(downloads->index(0, 0)) > 0; }, 30000)) {
        out() << "the downloads did not reach the dashboard\n";
        return 2;
    }
    const int queued = downloads->rowCount(downloads->index(0, 0));
    out() << picks.size() << " models, " << queued << " download items queued after " << clock.elapsed() / 1000 << " s\n";
    out().flush();

    // Scripted use while the probe watches.
    StallProbe probe(5);
    QLineEdit *search = window.searchField();
    QTreeView *tree = window.catalogView();
    QTreeView *dashboardView = window.downloadsView();
    window.sourcesView()->setCurrentIndex(window.sourcesView()->model()->index(0, 0));
    QTest::qWait(500);
    probe.start();
    QElapsedTimer scripted;
    scripted.start();

    probe.setPhase(QStringLiteral("typing searches"));
    for (const QString &text : {QStringLiteral("llama"), QStringLiteral("qwen coder"), QStringLiteral("bench-org-42"),
                                QStringLiteral("story 77"), QStringLiteral("gguf"), QStringLiteral("vision instruct 1234")}) {
        for (const QChar ch : text) {
            search->insert(QString(ch));
            QTest::qWait(60);
        }
        QTest::qWait(500);
        search->clear();
        QTest::qWait(300);
    }
    search->insert(QStringLiteral("gen"));
    QTest::qWait(600);

    probe.setPhase(QStringLiteral("scrolling the catalog"));
    search->clear();
    QTest::qWait(600);
    for (int step = 0; step < 80; ++step) {
        QScrollBar *bar = tree->verticalScrollBar();
        bar->setValue(step < 40 ? bar->value() + bar->pageStep() / 3 : bar->value() - bar->pageStep() / 2);
        QTest::qWait(20);
    }

    probe.setPhase(QStringLiteral("expanding and selecting models"));
    for (int row = 0; row < std::min(40, proxy->rowCount()); ++row) {
        const QModelIndex index = proxy->index(row, 0);
        if (row % 4 == 0)
            tree->expand(index);
        tree->setCurrentIndex(index);
        QTest::qWait(50);
    }
    tree->selectAll();
    QTest::qWait(200);
    tree->clearSelection();

    probe.setPhase(QStringLiteral("dashboard: select, pause, resume, scroll"));
    const QModelIndex group = downloads->index(0, 0);
    dashboardView->selectionModel()->select(group, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    window.dashboard()->trigger(Ui::DownloadsDashboard::Action::Pause);
    QTest::qWait(800);
    window.dashboard()->trigger(Ui::DownloadsDashboard::Action::Resume);
    QTest::qWait(800);
    for (int step = 0; step < 60; ++step) {
        QScrollBar *bar = dashboardView->verticalScrollBar();
        bar->setValue(step < 30 ? bar->value() + bar->pageStep() / 2 : bar->value() - bar->pageStep() / 2);
        QTest::qWait(20);
    }
    dashboardView->selectAll();
    QTest::qWait(300);
    window.dashboard()->trigger(Ui::DownloadsDashboard::Action::MoveDown);
    QTest::qWait(300);
    dashboardView->clearSelection();

    probe.setPhase(QStringLiteral("downloads running, window idle"));
    QTest::qWait(3000);
    probe.stop();

    int active = 0;
    int done = 0;
    for (Download::TaskId id : pool->tasks(pool->groups().value(0))) {
        const Download::TaskState state = pool->task(id).state;
        active += Download::isActive(state) || state == Download::TaskState::Queued;
        done += state == Download::TaskState::Completed;
    }
    const double longest = probe.longestMs();
    out() << "\nscripted use: " << scripted.elapsed() / 1000.0 << " s, " << probe.ticks() << " probe ticks\n"
          << "downloads: " << queued << " items, " << done << " verified and " << active << " still queued or active at the end\n"
          << "stalls: p50 " << probe.percentileMs(0.5) << " ms, p99 " << probe.percentileMs(0.99) << " ms, "
          << probe.stallsOver(16) << " over 16 ms\n"
          << "longest UI-thread stall: " << QString::number(longest, 'f', 1) << " ms (during " << probe.longestPhase()
          << "), budget " << budget << " ms\n";
    const QJsonObject json{{QStringLiteral("models"), models},
                           {QStringLiteral("items"), queued},
                           {QStringLiteral("longest_stall_ms"), longest},
                           {QStringLiteral("longest_phase"), probe.longestPhase()},
                           {QStringLiteral("p99_ms"), probe.percentileMs(0.99)},
                           {QStringLiteral("over_16ms"), probe.stallsOver(16)}};
    out() << QJsonDocument(json).toJson(QJsonDocument::Compact) << '\n';
    out().flush();
    return longest < budget ? 0 : 1;
}
