// The Xet term ledger over real files: what a recorded download offers a new revision (exact
// terms, sub-ranges with per-chunk sizes), and that changed or deleted files offer nothing.
#include "xet/termledger.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Xet;
using namespace Qt::StringLiterals;

namespace {

const QString kXorbA = QString(64, u'a');
const QString kXorbB = QString(64, u'b');
const QString kSha = QString(64, u'5');

Term term(const QString &xorb, quint32 start, quint32 end, qint64 length, qint64 offset,
          const QList<quint32> &sizes = {})
{
    Term t;
    t.xorbHash = xorb;
    t.chunks = {start, end};
    t.unpackedLength = length;
    t.fileOffset = offset;
    t.chunkByteSizes = sizes;
    return t;
}

bool writeFile(const QString &path, qint64 size)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(QByteArray(size, 'x')) == size;
}

}  // namespace

class TestXetTermLedger : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TermLedger> m_ledger;
    QString path(const QString &name) const { return m_dir->filePath(name); }

    // v1 of a model: A[0,4) 3000 bytes (sizes known), B[0,2) 1000 bytes (sizes unknown).
    QString recordFirstVersion()
    {
        const QString file = path(u"model-v1.safetensors"_s);
        if (!writeFile(file, 4000))
            return {};
        Reconstruction r;
        r.terms = {term(kXorbA, 0, 4, 3000, 0, {500, 700, 800, 1000}), term(kXorbB, 0, 2, 1000, 3000)};
        return m_ledger->record(kSha, file, r) ? file : QString();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_ledger = std::make_unique<TermLedger>(path(u"state/xet-terms.sqlite"_s));
        QVERIFY2(m_ledger->open(), qPrintable(m_ledger->errorString()));
    }
    void cleanup()
    {
        m_ledger.reset();
        m_dir.reset();
    }

    void anExactTermIsFoundWhereItLanded()
    {
        const QString file = recordFirstVersion();
        QVERIFY2(!file.isEmpty(), qPrintable(m_ledger->errorString()));
        QCOMPARE(m_ledger->fileCount(), 1);
        const QList<LocalTerm> found = m_ledger->findLocal(
            {term(kXorbB, 0, 2, 1000, 0), term(kXorbB, 2, 4, 1000, 1000), term(QString(64, u'c'), 0, 1, 10, 2000)});
        QCOMPARE(found.size(), 3);
        QCOMPARE(found[0], (LocalTerm{file, 3000, 1000}));
        QVERIFY(!found[1].isValid());
        QVERIFY(!found[2].isValid());
    }

    void aSubRangeOfATermWithChunkSizesIsFound_data()
    {
        QTest::addColumn<quint32>("start");
        QTest::addColumn<quint32>("end");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<qint64>("offset");
        QTest::newRow("the middle chunks") << 1u << 3u << qint64(1500) << qint64(500);
        QTest::newRow("the last chunk") << 3u << 4u << qint64(1000) << qint64(2000);
        QTest::newRow("the whole term, exactly") << 0u << 4u << qint64(3000) << qint64(0);
        QTest::newRow("a length the sizes contradict") << 1u << 3u << qint64(1501) << qint64(-1);
        QTest::newRow("chunks past the recorded term") << 3u << 5u << qint64(1100) << qint64(-1);
    }
    void aSubRangeOfATermWithChunkSizesIsFound()
    {
        QFETCH(quint32, start);
        QFETCH(quint32, end);
        QFETCH(qint64, length);
        QFETCH(qint64, offset);
        const QString file = recordFirstVersion();
        QVERIFY(!file.isEmpty());
        const LocalTerm found = m_ledger->findLocal({term(kXorbA, start, end, length, 0)}).value(0);
        QCOMPARE(found.offset, offset);
        if (offset >= 0)
            QCOMPARE(found, (LocalTerm{file, offset, length}));
    }

    void aTermWithoutChunkSizesServesOnlyExactMatches()
    {
        QVERIFY(!recordFirstVersion().isEmpty());
        QVERIFY(!m_ledger->findLocal({term(kXorbB, 1, 2, 400, 0)}).value(0).isValid());
    }

    void aChangedOrDeletedFileIsForgotten()
    {
        const QString file = recordFirstVersion();
        QVERIFY(!file.isEmpty());
        QVERIFY(writeFile(file, 3999));  // another size: not what was recorded
        QVERIFY(!m_ledger->findLocal({term(kXorbB, 0, 2, 1000, 0)}).value(0).isValid());
        QCOMPARE(m_ledger->fileCount(), 0);

        const QString again = recordFirstVersion();
        QVERIFY(QFile::remove(again));
        QCOMPARE(m_ledger->forgetMissing(), 1);
        QCOMPARE(m_ledger->fileCount(), 0);
    }

    void recordingAPathAgainReplacesItsTerms()
    {
        const QString file = recordFirstVersion();
        QVERIFY(!file.isEmpty());
        Reconstruction r;
        r.terms = {term(kXorbB, 5, 6, 4000, 0)};
        QVERIFY(m_ledger->record(kSha, file, r));
        QCOMPARE(m_ledger->fileCount(), 1);
        QVERIFY(!m_ledger->findLocal({term(kXorbB, 0, 2, 1000, 0)}).value(0).isValid());
        QCOMPARE(m_ledger->findLocal({term(kXorbB, 5, 6, 4000, 0)}).value(0), (LocalTerm{file, 0, 4000}));
    }

    void termsNotWhollyInTheFileAreNotRecorded()
    {
        const QString file = path(u"range.bin"_s);
        QVERIFY(writeFile(file, 1500));
        Reconstruction r;
        Term first = term(kXorbA, 0, 1, 1000, 0);
        first.skip = 200;  // a range answer's first term starts before the file's bytes
        r.terms = {first, term(kXorbA, 1, 2, 700, 800), term(kXorbA, 2, 3, 600, 1500)};
        QVERIFY(m_ledger->record(kSha, file, r));
        const QList<LocalTerm> found = m_ledger->findLocal(r.terms);
        QVERIFY(!found[0].isValid());
        QCOMPARE(found[1], (LocalTerm{file, 800, 700}));
        QVERIFY(!found[2].isValid());
    }

    void recordingAFileThatIsNotThereFails()
    {
        QVERIFY(!m_ledger->record(kSha, path(u"absent"_s), Reconstruction()));
        QVERIFY(m_ledger->errorString().contains(u"does not exist"_s));
    }

    void anotherThreadUsesItsOwnConnection()
    {
        const QString file = recordFirstVersion();
        QVERIFY(!file.isEmpty());
        LocalTerm found;
        QThread *thread = QThread::create([&] { found = m_ledger->findLocal({term(kXorbB, 0, 2, 1000, 0)}).value(0); });
        thread->start();
        QVERIFY(thread->wait(10000));
        delete thread;
        QCOMPARE(found, (LocalTerm{file, 3000, 1000}));
    }

    void aLedgerFromANewerModelDockIsRefused()
    {
        m_ledger.reset();
        {
            TermLedger ledger(path(u"state/xet-terms.sqlite"_s));
            QVERIFY(ledger.open());
        }
        // Bump the version through a plain connection, as a newer release would have.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bump"_s);
            db.setDatabaseName(path(u"state/xet-terms.sqlite"_s));
            QVERIFY(db.open());
            QSqlQuery(db).exec(u"UPDATE schema_version SET version = 99"_s);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"bump"_s);
        TermLedger ledger(path(u"state/xet-terms.sqlite"_s));
        QVERIFY(!ledger.open());
        QVERIFY2(ledger.errorString().contains(u"newer ModelDock"_s), qPrintable(ledger.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestXetTermLedger)
#include "tst_xettermledger.moc"
