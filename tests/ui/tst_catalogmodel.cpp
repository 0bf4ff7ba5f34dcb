#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/sourcestore.h"
#include "catalog/syncwriter.h"
#include "catalogmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Catalog;

namespace {
ModelRecord model(const QString &key, qint64 downloads)
{
    ModelRecord m;
    m.key = key;
    m.hub = QStringLiteral("hf");
    m.hubId = key;
    m.name = key;
    m.author = key.section(QLatin1Char('/'), 0, 0);
    m.downloads = downloads;
    m.lastModified = QDateTime::fromSecsSinceEpoch(1700000000 + downloads, Qt::UTC);
    m.fingerprint = m.lastModified.toString(Qt::ISODate);
    m.headCommit = QString(40, QLatin1Char('a'));
    m.details = DetailLevel::Complete;
    m.detailsCommit = m.headCommit;
    FileRecord q4{QStringLiteral("model.Q4_K_M.gguf"), 100, QString(64, QLatin1Char('b')), {}, {}, true, {}};
    FileRecord q8{QStringLiteral("model.Q8_0.gguf"), 200, QString(64, QLatin1Char('c')), {}, {}, true, {}};
    m.variants = {VariantRecord{QStringLiteral("Q4_K_M"), QStringLiteral("quantization"), QStringLiteral("main"),
                                m.headCommit, {}, {q4}, {}},
                  VariantRecord{QStringLiteral("Q8_0"), QStringLiteral("quantization"), QStringLiteral("main"),
                                m.headCommit, {}, {q8}, {}}};
    return m;
}
} // namespace

// The catalog tree over a real catalog file: model → variant → file, lazily expanded, with
// typed roles and checkable files, checked by QAbstractItemModelTester.
class TestCatalogModel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<CatalogDatabase> m_db;
    std::unique_ptr<CatalogStore> m_store;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store.reset();
        m_db.reset();
        QFile::remove(m_dir.filePath(QStringLiteral("catalog.sqlite")));
        m_db = std::make_unique<CatalogDatabase>(m_dir.filePath(QStringLiteral("catalog.sqlite")));
        QVERIFY2(m_db->open(), qPrintable(m_db->errorString()));
        Source s;
        s.name = QStringLiteral("test");
        QString error;
        QVERIFY(SourceStore(m_db.get()).add(&s, &error));
        SyncBatch b;
        b.sourceId = s.id;
        b.upserts = {model(QStringLiteral("cortexso/llama3.2"), 500), model(QStringLiteral("cortexso/qwen2.5"), 300),
                     model(QStringLiteral("TheBloke/TinyLlama"), 900)};
        for (const ModelRecord &m : b.upserts)
            b.members << m.key;
        b.at = QDateTime::currentDateTimeUtc();
        QVERIFY(SyncWriter::apply(m_db->path(), b).ok);
        m_store = std::make_unique<CatalogStore>(m_db.get());
    }

    void passesTheModelTesterThroughSearchExpandAndStateChanges()
    {
        Ui::CatalogModel catalog(m_store.get());
        QAbstractItemModelTester tester(&catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
        catalog.setQuery({});
        QCOMPARE(catalog.rowCount(), 3);
        for (int row = 0; row < catalog.rowCount(); ++row) {
            const QModelIndex m = catalog.index(row, 0);
            QCOMPARE(catalog.rowCount(m), 2);
            QCOMPARE(catalog.rowCount(catalog.index(0, 0, m)), 1);
        }
        QString error;
        QVERIFY(m_store->setFileState(QStringLiteral("cortexso/qwen2.5"), QStringLiteral("Q8_0"),
                                      QStringLiteral("model.Q8_0.gguf"), LocalState::Verified, &error));
        catalog.refreshStates();
        Catalog::CatalogStore::Query q;
        q.text = QStringLiteral("qwen");
        catalog.setQuery(q);
        QCOMPARE(catalog.rowCount(), 1);
        const QModelIndex qwen = catalog.index(0, 0);
        const QModelIndex file = catalog.index(0, 0, catalog.index(1, 0, qwen));
        QCOMPARE(file.data(Ui::CatalogModel::FilePathRole).toString(), QStringLiteral("model.Q8_0.gguf"));
        QCOMPARE(file.siblingAtColumn(Ui::CatalogModel::StateColumn).data(Ui::CatalogModel::StateRole).toInt(),
                 int(LocalState::Verified));
        QCOMPARE(file.data(Ui::CatalogModel::SizeRole).toLongLong(), 200);
    }

    void filesCanBeCheckedAndAreReportedAsRefs()
    {
        Ui::CatalogModel catalog(m_store.get());
        QAbstractItemModelTester tester(&catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
        catalog.setQuery({});
        const QModelIndex m = catalog.index(0, 0);
        const QModelIndex file = catalog.index(0, 0, catalog.index(0, 0, m));
        QVERIFY(file.flags() & Qt::ItemIsUserCheckable);
        QVERIFY(!(m.flags() & Qt::ItemIsUserCheckable));
        QVERIFY(catalog.setData(file, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(file.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        const QList<Ui::CatalogModel::FileRef> refs = catalog.checkedFiles();
        QCOMPARE(refs.size(), 1);
        QCOMPARE(refs.first().modelKey, m.data(Ui::CatalogModel::ModelKeyRole).toString());
        QCOMPARE(refs.first().variant, file.data(Ui::CatalogModel::VariantNameRole).toString());
        catalog.clearChecks();
        QVERIFY(catalog.checkedFiles().isEmpty());
    }

    void sortRoleGivesRawNumbers()
    {
        Ui::CatalogModel catalog(m_store.get());
        catalog.setQuery({});
        for (int row = 0; row < catalog.rowCount(); ++row) {
            const QVariant downloads = catalog.index(row, Ui::CatalogModel::DownloadsColumn).data(Ui::CatalogModel::SortRole);
            QVERIFY(downloads.toLongLong() >= 300);
        }
    }
};

QTEST_MAIN(TestCatalogModel)
#include "tst_catalogmodel.moc"
