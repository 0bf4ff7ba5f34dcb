// Catalog::CatalogReader, the view's reader: pages and counts off the caller's thread, answers
// in the order asked, a newer query dropping what an older one still had waiting.
#include "catalog/catalogdatabase.h"
#include "catalog/catalogreader.h"
#include "catalog/catalogstore.h"
#include "catalog/sourcestore.h"
#include "catalog/syncwriter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Catalog;

namespace {
ModelRecord model(int n)
{
    ModelRecord m;
    m.key = QStringLiteral("acme/model-%1").arg(n, 3, 10, QLatin1Char('0'));
    m.hub = QStringLiteral("hf");
    m.hubId = m.key;
    m.name = m.key;
    m.author = QStringLiteral("acme");
    m.tags = {n % 2 ? QStringLiteral("odd") : QStringLiteral("even")};
    m.downloads = 1000 - n;
    m.lastModified = QDateTime::fromSecsSinceEpoch(1700000000 + n, Qt::UTC);
    m.fingerprint = m.lastModified.toString(Qt::ISODate);
    m.headCommit = QString(40, QLatin1Char('a'));
    m.details = DetailLevel::Complete;
    m.detailsCommit = m.headCommit;
    FileRecord file{QStringLiteral("model.gguf"), 100, QString(64, QLatin1Char('b')), {}, {}, false, {}};
    m.variants = {VariantRecord{
        QStringLiteral("main"), QStringLiteral("default"), QStringLiteral("main"), m.headCommit, {}, {file}, {}}};
    return m;
}
}  // namespace

class TestCatalogReader : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<CatalogDatabase> m_db;
    std::unique_ptr<CatalogStore> m_store;

    static CatalogStore::Query firstPage(const QString &text = {})
    {
        CatalogStore::Query query;
        query.text = text;
        query.offset = 0;
        query.limit = 20;
        return query;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<CatalogDatabase>(m_dir.filePath(QStringLiteral("catalog.sqlite")));
        QVERIFY2(m_db->open(), qPrintable(m_db->errorString()));
        Source source;
        source.name = QStringLiteral("acme");
        QString error;
        QVERIFY(SourceStore(m_db.get()).add(&source, &error));
        SyncBatch batch;
        batch.sourceId = source.id;
        for (int n = 1; n <= 50; ++n) {
            batch.upserts << model(n);
            batch.members << batch.upserts.last().key;
        }
        batch.at = QDateTime::currentDateTimeUtc();
        QVERIFY(SyncWriter::apply(m_db->path(), batch).ok);
        m_store = std::make_unique<CatalogStore>(m_db.get());
    }

    void aQueryAnswersItsFirstPageAndTheTotal()
    {
        CatalogReader reader(m_store.get());
        QSignalSpy answered(&reader, &CatalogReader::queryRead);
        reader.query(firstPage());
        QVERIFY(reader.isQueryPending());
        QVERIFY(answered.wait(10000));
        QVERIFY(!reader.isQueryPending());
        const auto page = answered.first().first().value<CatalogReader::Page>();
        QCOMPARE(page.total, 50);
        QCOMPARE(page.models.size(), 20);
        QVERIFY(page.error.isEmpty());
        QCOMPARE(page.models.first().variants.size(), 1);  // whole records, with their tree
    }

    void aPageAnswersWithItsOffset()
    {
        CatalogReader reader(m_store.get());
        QSignalSpy pages(&reader, &CatalogReader::pageRead);
        CatalogStore::Query query = firstPage();
        query.offset = 40;
        reader.page(query);
        QVERIFY(pages.wait(10000));
        QCOMPARE(pages.first().at(0).toInt(), 40);
        const auto page = pages.first().at(1).value<CatalogReader::Page>();
        QCOMPARE(page.models.size(), 10);
        QCOMPARE(page.total, -1);  // pages are not counted again
    }

    void aNewerQueryDropsWhatTheOlderOneHadWaiting()
    {
        CatalogReader reader(m_store.get());
        QSignalSpy answered(&reader, &CatalogReader::queryRead);
        QSignalSpy pages(&reader, &CatalogReader::pageRead);
        QSignalSpy records(&reader, &CatalogReader::recordsRead);
        reader.query(firstPage());  // runs
        CatalogStore::Query page = firstPage();
        page.offset = 20;
        reader.page(page);  // waits …
        reader.refresh({QStringLiteral("acme/model-001")});
        reader.query(firstPage(QStringLiteral("odd")));  // … and is moot now
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, 10000);
        QTRY_VERIFY(!reader.isQueryPending());
        // Only the newest query is answered: the first one's answer came after it was asked.
        const auto newest = answered.first().first().value<CatalogReader::Page>();
        QCOMPARE(newest.total, 25);
        QCOMPARE(pages.size(), 0);
        QCOMPARE(records.size(), 0);
    }

    void refreshesAskedInARowAreReadInOneJob()
    {
        CatalogReader reader(m_store.get());
        QSignalSpy records(&reader, &CatalogReader::recordsRead);
        reader.refresh({QStringLiteral("acme/model-001"), QStringLiteral("acme/model-002")});  // runs
        reader.refresh({QStringLiteral("acme/model-002"), QStringLiteral("acme/model-003")});  // waits …
        reader.refresh({QStringLiteral("acme/model-003"), QStringLiteral("acme/model-004")});  // … joined
        // The first runs at once; the two asked while it runs wait and are read as one job,
        // without the duplicate: 2 + 3 records in two answers.
        const auto read = [&] {
            int sum = 0;
            for (const QList<QVariant> &signal : std::as_const(records))
                sum += int(signal.first().value<QList<ModelRecord>>().size());
            return sum;
        };
        QTRY_COMPARE_WITH_TIMEOUT(read(), 5, 10000);
        QCOMPARE(records.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCatalogReader)
#include "tst_catalogreader.moc"
