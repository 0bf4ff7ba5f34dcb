// Measures the catalog against a large generated test-hub catalog: a full sync, a no-change
// sync (time and the requests the hub saw), search latency over many queries, and the size
// of the database. Prints a table and one JSON line for scripts, and exits 1 when a sync
// fails or a floor is missed (full sync <= 60 s, no-change sync <= 5 s, search p95 <= 20 ms).

#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/civitaiadapter.h"
#include "catalog/hfadapter.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "net/session.h"
#include "testhub.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace Catalog;

namespace {
SyncState syncAndWait(SyncEngine &engine, qint64 sourceId)
{
    SyncState result;
    QEventLoop loop;
    QObject::connect(&engine, &SyncEngine::syncFinished, &loop, [&](qint64 id, const SyncState &s) {
        if (id == sourceId) {
            result = s;
            loop.quit();
        }
    });
    if (!engine.refresh(sourceId))
        return result;
    loop.exec();
    return result;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(qMin<qsizetype>(values.size() - 1, qsizetype(double(values.size()) * p)));
}
}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("models"), QStringLiteral("generated catalog size"), QStringLiteral("N"),
                      QStringLiteral("100000")});
    parser.addOption(
        {QStringLiteral("queries"), QStringLiteral("search queries"), QStringLiteral("N"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("keep"), QStringLiteral("keep the catalog in DIR"), QStringLiteral("DIR")});
    parser.process(app);
    const int models = parser.value(QStringLiteral("models")).toInt();
    const int queries = parser.value(QStringLiteral("queries")).toInt();
    QTextStream out(stdout);

    TestHub hub;
    QElapsedTimer hubClock;
    hubClock.start();
    if (!hub.start({QStringLiteral("--catalog"), QStringLiteral("generated"), QStringLiteral("--models"),
                    QString::number(models)})) {
        out << "the test hub did not start: " << hub.errorString() << '\n';
        return 1;
    }
    const qint64 hubStartMs = hubClock.elapsed();

    QTemporaryDir temporary;
    const QDir dir(parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep")) : temporary.path());
    QDir().mkpath(dir.path());
    QFile::remove(dir.filePath(QStringLiteral("catalog.sqlite")));
    Net::Session session;
    Hub::HuggingFaceClient hfClient(&session, hub.hfUrl());
    Hub::CivitaiClient civitaiClient(&session, hub.civitaiUrl());
    HfAdapter hfAdapter(&hfClient);
    CivitaiAdapter civitaiAdapter(&civitaiClient);
    CatalogDatabase database(dir.filePath(QStringLiteral("catalog.sqlite")));
    if (!database.open()) {
        out << database.errorString() << '\n';
        return 1;
    }
    SourceStore sources(&database);
    CatalogStore store(&database);
    SyncEngine engine(&database, &sources);
    engine.addAdapter(&hfAdapter);
    engine.addAdapter(&civitaiAdapter);

    Source all;
    all.name = QStringLiteral("everything");
    all.sort = QStringLiteral("downloads");
    all.limit = models;
    QString error;
    if (!sources.add(&all, &error)) {
        out << error << '\n';
        return 1;
    }

    hub.reset();
    const SyncState full = syncAndWait(engine, all.id);
    const int fullRequests = int(hub.requests(QStringLiteral("hf")).size());
    hub.reset();
    const SyncState again = syncAndWait(engine, all.id);
    const QJsonArray againLog = hub.requests(QStringLiteral("hf"));
    const int againRequests = int(againLog.size());
    int notModified = 0;
    for (const QJsonValue &r : againLog)
        notModified += r.toObject().value(QLatin1String("status")).toInt() == 304 ? 1 : 0;

    // Queries a user types: whole and partial names, organisations, tags, two words.
    QStringList words;
    QRandomGenerator random(42);
    for (int i = 0; i < queries; ++i) {
        const int n = int(random.bounded(models));
        switch (i % 6) {
        case 0:
            words << QStringLiteral("model-%1").arg(n);
            break;
        case 1:
            words << QStringLiteral("gen-org-%1").arg(n % 500);
            break;
        case 2:
            words << QStringLiteral("gguf");
            break;
        case 3:
            words << QStringLiteral("mod");
            break;
        case 4:
            words << QStringLiteral("llama model-%1").arg(n / 10);
            break;
        case 5:
            words << QStringLiteral("text-generation");
            break;
        }
    }
    QList<double> latencies;
    int hits = 0;
    for (const QString &text : std::as_const(words)) {
        CatalogStore::Query q;
        q.text = text;
        q.limit = 50;
        QElapsedTimer t;
        t.start();
        hits += store.search(q).isEmpty() ? 0 : 1;
        latencies << double(t.nsecsElapsed()) / 1e6;
    }

    QSqlQuery checkpoint(database.connection());
    checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    const qint64 dbBytes =
        QFileInfo(database.path()).size() + QFileInfo(database.path() + QStringLiteral("-wal")).size();

    const double p50 = percentile(latencies, 0.50);
    const double p95 = percentile(latencies, 0.95);
    out << "\nCatalog benchmark: " << models << " generated models (test hub started in " << hubStartMs << " ms)\n\n";
    out << QStringLiteral("| %1 | %2 | %3 |\n")
               .arg(QStringLiteral("measure"), -34)
               .arg(QStringLiteral("value"), -22)
               .arg(QStringLiteral("floor"), -10);
    out << "|------------------------------------|------------------------|------------|\n";
    auto row = [&](const QString &what, const QString &value, const QString &floor) {
        out << QStringLiteral("| %1 | %2 | %3 |\n").arg(what, -34).arg(value, -22).arg(floor, -10);
    };
    row(QStringLiteral("full sync"), QStringLiteral("%1 s").arg(double(full.elapsedMs) / 1000.0, 0, 'f', 1),
        QStringLiteral("<= 60 s"));
    row(QStringLiteral("  models added / pages / requests"),
        QStringLiteral("%1 / %2 / %3").arg(full.counts.added).arg(full.counts.pages).arg(fullRequests), QString());
    row(QStringLiteral("no-change sync"), QStringLiteral("%1 s").arg(double(again.elapsedMs) / 1000.0, 0, 'f', 2),
        QStringLiteral("<= 5 s"));
    row(QStringLiteral("  requests / 304 / pages unchanged"),
        QStringLiteral("%1 / %2 / %3 of %4")
            .arg(againRequests)
            .arg(notModified)
            .arg(again.counts.pagesUnchanged)
            .arg(again.counts.pages),
        QString());
    row(QStringLiteral("  added / changed / removed"),
        QStringLiteral("%1 / %2 / %3").arg(again.counts.added).arg(again.counts.changed).arg(again.counts.removed),
        QString());
    row(QStringLiteral("search p50 (%1 queries)").arg(queries), QStringLiteral("%1 ms").arg(p50, 0, 'f', 2), QString());
    row(QStringLiteral("search p95"), QStringLiteral("%1 ms").arg(p95, 0, 'f', 2), QStringLiteral("<= 20 ms"));
    row(QStringLiteral("  queries with results"), QStringLiteral("%1").arg(hits), QString());
    row(QStringLiteral("database size"), QStringLiteral("%1 MiB").arg(double(dbBytes) / 1048576.0, 0, 'f', 1),
        QString());
    row(QStringLiteral("catalog models"), QString::number(store.modelCount()), QString());
    out << '\n'
        << QJsonDocument(QJsonObject{{QStringLiteral("models"), models},
                                     {QStringLiteral("fullSyncSeconds"), double(full.elapsedMs) / 1000.0},
                                     {QStringLiteral("fullSyncState"), SyncState::phaseName(full.phase)},
                                     {QStringLiteral("fullSyncRequests"), fullRequests},
                                     {QStringLiteral("noChangeSyncSeconds"), double(again.elapsedMs) / 1000.0},
                                     {QStringLiteral("noChangeSyncRequests"), againRequests},
                                     {QStringLiteral("noChangeSync304"), notModified},
                                     {QStringLiteral("searchP50Ms"), p50},
                                     {QStringLiteral("searchP95Ms"), p95},
                                     {QStringLiteral("databaseBytes"), dbBytes}})
               .toJson(QJsonDocument::Compact)
        << '\n';
    const bool synced = full.phase == SyncState::Phase::Synced && again.phase == SyncState::Phase::Synced;
    if (!synced)
        out << "sync failed: " << full.describe() << " / " << again.describe() << '\n';
    // The floors: a missed one fails the run, so CI and scripts notice a regression.
    struct Floor
    {
        const char *what;
        double value;
        double limit;
        const char *unit;
    };
    const Floor floors[] = {{"full sync", double(full.elapsedMs) / 1000.0, 60.0, "s"},
                            {"no-change sync", double(again.elapsedMs) / 1000.0, 5.0, "s"},
                            {"search p95", p95, 20.0, "ms"}};
    bool floorsMet = true;
    for (const Floor &f : floors) {
        if (f.value > f.limit) {
            floorsMet = false;
            out << "FLOOR MISSED: " << f.what << " took " << QString::number(f.value, 'f', 2) << ' ' << f.unit
                << " (floor " << f.limit << ' ' << f.unit << ")\n";
        }
    }
    if (synced && floorsMet)
        out << "All floors met.\n";
    return synced && floorsMet ? 0 : 1;
}
