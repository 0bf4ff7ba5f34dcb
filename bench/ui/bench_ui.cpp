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
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QTreeView>

using namespace Catalog;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

const QStringList kWords = {
    QStringLiteral("llama"), QStringLiteral("qwen"),     QStringLiteral("mistral"), QStringLiteral("phi"),
    QStringLiteral("gemma"), QStringLiteral("tiny"),     QStringLiteral("coder"),   QStringLiteral("vision"),
    QStringLiteral("chat"),  QStringLiteral("instruct"), QStringLiteral("base"),    QStringLiteral("math"),
    QStringLiteral("story"), QStringLiteral("lora"),     QStringLiteral("anime"),   QStringLiteral("portrait"),
    QStringLiteral("sdxl"),  QStringLiteral("flux"),     QStringLiteral("embed"),   QStringLiteral("rerank"),
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

// Runs the event loop for ms milliseconds. Not QTest::qWait: it sleeps up to 10 ms between
// event batches, which would hide the very stalls the probe measures.
void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

bool wait(const std::function<bool()> &done, int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > ms)
            return false;
        pause(20);
    }
    return true;
}

// With --trace: every event delivery that keeps the UI thread longer than 8 ms, with its
// receiver, so a stall names its cause.
class TracingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool tracing = false;
    QStringList slow;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!tracing || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer clock;
        clock.start();
        const qint64 cpu = threadCpuNs();
        const int type = event->type();
        const QString name =
            QString::fromLatin1(receiver->metaObject()->className()) + QLatin1Char('/') + receiver->objectName();
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        if (clock.elapsed() > 8)
            slow << QStringLiteral("%1 ms (cpu %4 ms)  event %2  %3")
                        .arg(clock.elapsed())
                        .arg(type)
                        .arg(name)
                        .arg((threadCpuNs() - cpu) / 1000000);
        return result;
    }

private:
    int m_depth = 0;
};

}  // namespace

int main(int argc, char *argv[])
{
    TracingApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ModelDockBench"));
    QApplication::setApplicationName(QStringLiteral("bench_ui"));
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("models"), QStringLiteral("catalog size"), QStringLiteral("N"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("items"), QStringLiteral("download items to queue (about)"), QStringLiteral("N"),
                      QStringLiteral("500")});
    parser.addOption(
        {QStringLiteral("keep"), QStringLiteral("keep (and reuse) the catalog in DIR"), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("budget-ms"), QStringLiteral("fail at this stall"), QStringLiteral("MS"),
                      QStringLiteral("50")});
    parser.addOption({QStringLiteral("own"), QStringLiteral("judge the stall less the time the UI thread waited for a "
                                                            "core (for machines shared with other busy processes)")});
    parser.addOption({QStringLiteral("trace"), QStringLiteral("list event deliveries over 8 ms")});
    parser.addOption(
        {QStringLiteral("cap"), QStringLiteral("bandwidth cap in KiB/s"), QStringLiteral("KIB"), QStringLiteral("16")});
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
    for (const QString &name : {QStringLiteral("downloads.sqlite"), QStringLiteral("downloads.sqlite-wal"),
                                QStringLiteral("downloads.sqlite-shm"), QStringLiteral("settings.sqlite")})
        QFile::remove(QDir(dataDir).filePath(name));
    QElapsedTimer clock;
    clock.start();

    TestHub hub;
    if (!hub.start({QStringLiteral("--catalog"), QStringLiteral("generated"), QStringLiteral("--models"),
                    QStringLiteral("100000")})) {
        out() << "the test hub did not start: " << hub.errorString() << '\n';
        return 2;
    }
    // The generated catalog is kept as a template (with --keep, across runs); each run starts
    // from a copy, so no download state of an earlier run leaks in.
    const QString templatePath = QDir(root).filePath(QStringLiteral("catalog-template.sqlite"));
    const QString catalogPath = QDir(dataDir).filePath(QStringLiteral("catalog.sqlite"));
    {
        bool ready = false;
        if (QFile::exists(templatePath)) {
            CatalogDatabase existing(templatePath);
            ready = existing.open() && CatalogStore(&existing).modelCount() >= models;
        }
        if (!ready) {
            out() << "writing a " << models << "-model catalog with SyncWriter…\n";
            out().flush();
            QFile::remove(templatePath);
            QString error;
            if (!generateCatalog(templatePath, models, &error)) {
                out() << "could not write the catalog: " << error << '\n';
                return 2;
            }
        }
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(catalogPath + suffix);
        if (!QFile::copy(templatePath, catalogPath)) {
            out() << "could not copy the catalog to " << catalogPath << '\n';
            return 2;
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

    // The models to download come from the hub's generated catalog, synced for real. These two
    // authors own only GGUF repos (every 4th generated model): a 16–20 KiB weights file beside
    // a README and mostly a config, so the cap keeps weights queued or running while small
    // files finish around them.
    QList<qint64> downloadSources;
    for (const QString &author : {QStringLiteral("gen-org-4"), QStringLiteral("gen-org-8")}) {
        Source source;
        source.name = QStringLiteral("Bench downloads ") + author;
        source.kind = Source::Kind::HfQuery;
        source.author = author;
        source.limit = items / 5;
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
        query.limit = items / 5;
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
    out() << picks.size() << " models, " << queued << " download items queued after " << clock.elapsed() / 1000
          << " s\n";
    out().flush();

    // Scripted use while the probe watches.
    StallProbe probe(5);
    QLineEdit *search = window.searchField();
    QTreeView *tree = window.catalogView();
    QTreeView *dashboardView = window.downloadsView();
    window.sourcesView()->setCurrentIndex(window.sourcesView()->model()->index(0, 0));
    pause(500);
    probe.start();
    app.tracing = parser.isSet(QStringLiteral("trace"));
    QElapsedTimer scripted;
    scripted.start();

    probe.setPhase(QStringLiteral("typing searches"));
    for (const QString &text :
         {QStringLiteral("llama"), QStringLiteral("qwen coder"), QStringLiteral("bench-org-42"),
          QStringLiteral("story 77"), QStringLiteral("gguf"), QStringLiteral("vision instruct 1234")}) {
        for (const QChar ch : text) {
            search->insert(QString(ch));
            pause(60);
        }
        pause(500);
        search->clear();
        pause(300);
    }
    search->insert(QStringLiteral("gen"));
    pause(600);

    probe.setPhase(QStringLiteral("scrolling the catalog"));
    search->clear();
    pause(600);
    for (int step = 0; step < 80; ++step) {
        QScrollBar *bar = tree->verticalScrollBar();
        bar->setValue(step < 40 ? bar->value() + bar->pageStep() / 3 : bar->value() - bar->pageStep() / 2);
        pause(20);
    }

    probe.setPhase(QStringLiteral("expanding and selecting models"));
    for (int row = 0; row < std::min(40, proxy->rowCount()); ++row) {
        const QModelIndex index = proxy->index(row, 0);
        if (row % 4 == 0)
            tree->expand(index);
        tree->setCurrentIndex(index);
        pause(50);
    }
    tree->selectAll();
    pause(200);
    tree->clearSelection();

    probe.setPhase(QStringLiteral("dashboard: select, pause, resume, scroll"));
    const QModelIndex group = downloads->index(0, 0);
    dashboardView->selectionModel()->select(group, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QElapsedTimer actionClock;
    actionClock.start();
    qint64 cpu = threadCpuNs();
    window.dashboard()->trigger(Ui::DownloadsDashboard::Action::Pause);
    const qint64 pauseMs = actionClock.restart();
    const qint64 pauseCpuMs = (threadCpuNs() - cpu) / 1000000;
    pause(800);
    actionClock.restart();
    cpu = threadCpuNs();
    window.dashboard()->trigger(Ui::DownloadsDashboard::Action::Resume);
    const qint64 resumeMs = actionClock.elapsed();
    const qint64 resumeCpuMs = (threadCpuNs() - cpu) / 1000000;
    pause(800);
    for (int step = 0; step < 60; ++step) {
        QScrollBar *bar = dashboardView->verticalScrollBar();
        bar->setValue(step < 30 ? bar->value() + bar->pageStep() / 2 : bar->value() - bar->pageStep() / 2);
        pause(20);
    }
    dashboardView->selectAll();
    pause(300);
    window.dashboard()->trigger(Ui::DownloadsDashboard::Action::MoveDown);
    pause(300);
    dashboardView->clearSelection();

    probe.setPhase(QStringLiteral("downloads running, window idle"));
    pause(3000);
    probe.stop();
    app.tracing = false;
    for (const QString &line : std::as_const(app.slow))
        out() << "slow: " << line << '\n';

    int active = 0;
    int done = 0;
    for (Download::TaskId id : pool->tasks(pool->groups().value(0))) {
        const Download::TaskState state = pool->task(id).state;
        active += Download::isActive(state) || state == Download::TaskState::Queued;
        done += state == Download::TaskState::Completed;
    }
    const double longest = probe.longestMs();
    out() << "\npausing the whole group took " << pauseMs << " ms (" << pauseCpuMs << " ms on the CPU), resuming it "
          << resumeMs << " ms (" << resumeCpuMs << " ms on the CPU)\n";
    out() << "scripted use: " << scripted.elapsed() / 1000.0 << " s, " << probe.ticks() << " probe ticks\n"
          << "downloads: " << queued << " items, " << done << " verified and " << active
          << " still queued or active at the end\n"
          << "stalls: p50 " << probe.percentileMs(0.5) << " ms, p99 " << probe.percentileMs(0.99) << " ms, "
          << probe.stallsOver(16) << " over 16 ms\n"
          << "longest UI-thread stall: " << QString::number(longest, 'f', 1) << " ms (during " << probe.longestPhase()
          << "; on the CPU " << QString::number(probe.longestBusyMs(), 'f', 1) << " ms, waiting for a CPU "
          << QString::number(probe.longestRunQueueMs(), 'f', 1) << " ms), budget " << budget << " ms\n"
          << "longest stall not spent waiting for a CPU: " << QString::number(probe.longestOwnMs(), 'f', 1)
          << " ms (during " << probe.longestOwnPhase() << ")\n"
          << "longest UI-thread computing between two probe ticks: " << QString::number(probe.longestCpuMs(), 'f', 1)
          << " ms\n";
    // On a machine shared with other busy processes the wall-clock figure mostly measures
    // them; the scheduler's run-queue time tells the two apart (--own judges without it).
    const bool judgeWall = !parser.isSet(QStringLiteral("own")) || !probe.hasSchedulerStats();
    const double judged = judgeWall ? longest : probe.longestOwnMs();
    out() << "verdict on the " << (judgeWall ? "wall-clock stall" : "stall less run-queue wait") << ": "
          << QString::number(judged, 'f', 1) << " ms " << (judged < budget ? "<" : ">=") << ' ' << budget << " ms\n";
    const QJsonObject json{{QStringLiteral("models"), models},
                           {QStringLiteral("items"), queued},
                           {QStringLiteral("longest_stall_ms"), longest},
                           {QStringLiteral("longest_phase"), probe.longestPhase()},
                           {QStringLiteral("longest_busy_ms"), probe.longestBusyMs()},
                           {QStringLiteral("longest_run_queue_ms"), probe.longestRunQueueMs()},
                           {QStringLiteral("longest_own_ms"), probe.longestOwnMs()},
                           {QStringLiteral("longest_cpu_ms"), probe.longestCpuMs()},
                           {QStringLiteral("judged_ms"), judged},
                           {QStringLiteral("p99_ms"), probe.percentileMs(0.99)},
                           {QStringLiteral("over_16ms"), probe.stallsOver(16)}};
    out() << QJsonDocument(json).toJson(QJsonDocument::Compact) << '\n';
    out().flush();
    return judged < budget ? 0 : 1;
}
