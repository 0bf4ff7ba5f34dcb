// What makes a file's bytes trustworthy: the written prefix is hashed ahead in steps while the
// download runs, fdatasync comes after flushBytes or flushInterval (on a manual clock) and only
// then are ranges durable, the final check commits a good file into place and quarantines a bad
// one, and results of jobs from before the file started over are dropped.

#include "download/filedigest.h"
#include "download/integritypipeline.h"
#include "download/partialfile.h"
#include "download/rangeplanner.h"
#include "library/storagelayout.h"
#include "manualclock.h"
#include "util/sha256.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Download;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(QList<Download::Segment>)

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QByteArray content(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = char((i * 7 + i / 4096) % 256);
    return bytes;
}

}  // namespace

class TestIntegrityPipeline : public QObject
{
    Q_OBJECT

private:
    // One file being downloaded: its request, partial file and ranges, as a task holds them.
    struct Transfer
    {
        PoolOptions options;
        ManualClock clock;
        QThreadPool io;
        FileRequest request;
        QList<Destination> links;
        PartialFile file;
        RangePlanner planner{options, clock};
        std::unique_ptr<IntegrityPipeline> pipeline;

        Transfer(const QString &root, const QByteArray &bytes)
        {
            options.flushBytes = 4 * kMiB;
            options.flushInterval = std::chrono::milliseconds(1000);
            request.expectedSize = bytes.size();
            request.expectedSha256 =
                QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
            request.displayName = u"model.bin"_s;
            request.destination.root = root;
            request.destination.relativePath = u"org/model.bin"_s;
            planner.startOver(bytes.size());
            TaskEnvironment env;
            env.io = &io;
            env.options = &options;
            env.clock = &clock;
            pipeline = std::make_unique<IntegrityPipeline>(1, request, links, file, planner, env);
            pipeline->restart();
        }
        ~Transfer() { io.waitForDone(); }

        bool open() { return file.open(Library::StorageLayout::partialPath(request.destination)); }
        // Writes [from, to) of `bytes` where the first range's request would put them.
        void write(const QByteArray &bytes, qint64 to)
        {
            const int key = planner.at(0).key;
            const qint64 from = planner.at(0).segment.pos;
            const qint64 n = file.writeAt(from, bytes.constData() + from, to - from);
            planner.advance(key, n);
            pipeline->written(n);
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<QList<Download::Segment>>();
        qRegisterMetaType<Download::VerifyOutcome>();
    }

    void theWrittenPrefixIsHashedAheadOnceAStepIsWritten()
    {
        QTemporaryDir dir;
        const QByteArray bytes = content(10 * kMiB + 123);
        Transfer d(dir.path(), bytes);
        QVERIFY(d.open());
        d.write(bytes, 3 * kMiB);
        d.pipeline->hashAhead();  // less than a step (4 MiB): nothing to do yet
        QCOMPARE(d.pipeline->hashedTo(), qint64(0));
        d.write(bytes, 10 * kMiB);
        d.pipeline->hashAhead();  // the whole prefix written so far
        QTRY_COMPARE(d.pipeline->hashedTo(), 10 * kMiB);
        d.write(bytes, bytes.size());
        d.pipeline->hashAhead();  // a short tail is left for the final check
        QVERIFY(!d.pipeline->syncing());
        d.io.waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(d.pipeline->hashedTo(), 10 * kMiB);
    }

    void bytesBecomeDurableAfterFlushBytesOrFlushInterval()
    {
        QTemporaryDir dir;
        const QByteArray bytes = content(6 * kMiB);
        Transfer d(dir.path(), bytes);
        QVERIFY(d.open());
        QSignalSpy durable(d.pipeline.get(), &IntegrityPipeline::durable);
        QSignalSpy finished(d.pipeline.get(), &IntegrityPipeline::syncFinished);

        d.write(bytes, kMiB);
        d.pipeline->sync(false);  // neither 4 MiB nor a second: not yet
        QVERIFY(!d.pipeline->syncing());
        d.clock.advanceMs(999);
        d.pipeline->sync(false);
        QVERIFY(!d.pipeline->syncing());
        d.clock.advanceMs(1);  // a second since the first unsynced byte
        d.pipeline->sync(false);
        QVERIFY(d.pipeline->syncing());
        QCOMPARE(d.pipeline->unsynced(), qint64(0));
        QTRY_COMPARE(durable.size(), 1);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(durable.at(0).at(0).value<QList<Segment>>(), (QList<Segment>{{0, kMiB, 6 * kMiB}}));

        // 4 MiB more: no need to wait for the interval.
        d.write(bytes, 5 * kMiB);
        d.pipeline->sync(false);
        QVERIFY(d.pipeline->syncing());
        QTRY_COMPARE(durable.size(), 2);
        QCOMPARE(durable.at(1).at(0).value<QList<Segment>>(), (QList<Segment>{{0, 5 * kMiB, 6 * kMiB}}));

        // Forced (a pause): whatever is unsynced, at once.
        d.write(bytes, 5 * kMiB + 10);
        d.pipeline->sync(true);
        QTRY_COMPARE(durable.size(), 3);
    }

    void aGoodFileIsCommittedIntoPlace()
    {
        QTemporaryDir dir;
        const QByteArray bytes = content(9 * kMiB + 17);
        Transfer d(dir.path(), bytes);
        QVERIFY(d.open());
        d.write(bytes, bytes.size());
        d.pipeline->hashAhead();
        QSignalSpy verified(d.pipeline.get(), &IntegrityPipeline::verified);
        d.pipeline->verify();  // waits for the running hash, then checks the tail
        QTRY_COMPARE(verified.size(), 1);
        const auto outcome = verified.at(0).at(0).value<VerifyOutcome>();
        QCOMPARE(outcome.result, VerifyOutcome::Result::Committed);
        QCOMPARE(outcome.actualSha256, d.request.expectedSha256);
        const QString final = Library::StorageLayout::finalPath(d.request.destination);
        QCOMPARE(Util::Sha256::hexOfFile(final), d.request.expectedSha256);
        QVERIFY(!QFile::exists(Library::StorageLayout::partialPath(d.request.destination)));
        QVERIFY(!d.file.isOpen());
    }

    void aDamagedFileIsQuarantinedWithTheReason()
    {
        QTemporaryDir dir;
        QByteArray bytes = content(kMiB);
        Transfer d(dir.path(), bytes);
        bytes[1000] = char(bytes.at(1000) ^ 0x55);  // what arrives is not what the hub listed
        QVERIFY(d.open());
        d.write(bytes, bytes.size());
        QSignalSpy verified(d.pipeline.get(), &IntegrityPipeline::verified);
        d.pipeline->verify();
        QTRY_COMPARE(verified.size(), 1);
        const auto outcome = verified.at(0).at(0).value<VerifyOutcome>();
        QCOMPARE(outcome.result, VerifyOutcome::Result::HashMismatch);
        QVERIFY(QFile::exists(outcome.quarantinePath));
        QVERIFY(!QFile::exists(Library::StorageLayout::finalPath(d.request.destination)));
        const QString reason = IntegrityPipeline::mismatchReason(outcome, d.request);
        QVERIFY2(reason.startsWith(u"its SHA-256 "_s) && reason.contains(d.request.expectedSha256.left(12)),
                 qPrintable(reason));
    }

    void mismatchReasonsNameWhatDiffers_data()
    {
        QTest::addColumn<int>("result");
        QTest::addColumn<QString>("gitOid");
        QTest::addColumn<QString>("reason");
        QTest::newRow("a wrong size names both sizes")
            << int(VerifyOutcome::Result::SizeMismatch) << QString() << u"it has 90 bytes, not 100"_s;
        QTest::newRow("a wrong SHA-256 names both hashes")
            << int(VerifyOutcome::Result::HashMismatch) << QString()
            << u"its SHA-256 bbbbbbbbbbbb… is not the hub's aaaaaaaaaaaa…"_s;
        QTest::newRow("a file kept in git names its blob ids")
            << int(VerifyOutcome::Result::HashMismatch) << u"cccccccccccccccc"_s
            << u"its git blob id dddddddddddd… is not the hub's cccccccccccc…"_s;
    }
    void mismatchReasonsNameWhatDiffers()
    {
        QFETCH(int, result);
        QFETCH(QString, gitOid);
        QFETCH(QString, reason);
        FileRequest request;
        request.expectedSize = 100;
        request.expectedGitOid = gitOid;
        request.expectedSha256 = gitOid.isEmpty() ? QString(64, u'a') : QString();
        VerifyOutcome outcome;
        outcome.result = VerifyOutcome::Result(result);
        outcome.actualSize = 90;
        outcome.actualSha256 = QString(64, u'b');
        outcome.actualGitOid = QString(40, u'd');
        QCOMPARE(IntegrityPipeline::mismatchReason(outcome, request), reason);
    }

    void aVerdictSaysWhatTheTaskDoesNext_data()
    {
        QTest::addColumn<int>("result");
        QTest::addColumn<bool>("contentChanged");
        QTest::addColumn<int>("hashRetries");
        QTest::addColumn<int>("action");
        QTest::addColumn<QString>("sentencePart");
        using Action = IntegrityPipeline::Verdict::Action;
        QTest::newRow("a committed file is done")
            << int(VerifyOutcome::Result::Committed) << false << 0 << int(Action::Complete) << QString();
        QTest::newRow("a first mismatch is downloaded again")
            << int(VerifyOutcome::Result::HashMismatch) << false << 0 << int(Action::DownloadAgain)
            << u"failed verification (its SHA-256"_s;
        QTest::newRow("a second mismatch fails, naming the kept copy")
            << int(VerifyOutcome::Result::HashMismatch) << false << 1 << int(Action::Fail)
            << u"failed verification twice"_s;
        QTest::newRow("a file that changed on the hub fails at once")
            << int(VerifyOutcome::Result::SizeMismatch) << true << 0 << int(Action::Fail)
            << u"changed on the hub during the download"_s;
        QTest::newRow("a disk error fails with its sentence")
            << int(VerifyOutcome::Result::Error) << false << 0 << int(Action::Fail) << u"could not sync"_s;
    }
    void aVerdictSaysWhatTheTaskDoesNext()
    {
        QFETCH(int, result);
        QFETCH(bool, contentChanged);
        QFETCH(int, hashRetries);
        QFETCH(int, action);
        QFETCH(QString, sentencePart);
        FileRequest request;
        request.expectedSize = 100;
        request.expectedSha256 = QString(64, u'a');
        VerifyOutcome outcome;
        outcome.result = VerifyOutcome::Result(result);
        outcome.actualSize = 90;
        outcome.actualSha256 = QString(64, u'b');
        outcome.quarantinePath = u"/x/model.bin.quarantine"_s;
        outcome.error = u"could not sync"_s;
        const IntegrityPipeline::Verdict verdict =
            IntegrityPipeline::judge(outcome, request, u"model.bin"_s, contentChanged, hashRetries);
        QCOMPARE(int(verdict.action), action);
        QVERIFY2(verdict.error.message.contains(sentencePart), qPrintable(verdict.error.message));
        const bool mismatch =
            result == int(VerifyOutcome::Result::HashMismatch) || result == int(VerifyOutcome::Result::SizeMismatch);
        QCOMPARE(!verdict.reason.isEmpty(), mismatch);
        if (verdict.action == IntegrityPipeline::Verdict::Action::Fail && mismatch) {
            QCOMPARE(verdict.error.kind, Net::ErrorKind::HashMismatch);
            QVERIFY(verdict.error.message.contains(u"The bad copy was kept as /x/model.bin.quarantine."_s));
        }
    }

    void resultsFromBeforeTheFileStartedOverAreDropped()
    {
        QTemporaryDir dir;
        const QByteArray bytes = content(6 * kMiB);
        Transfer d(dir.path(), bytes);
        QVERIFY(d.open());
        QSignalSpy durable(d.pipeline.get(), &IntegrityPipeline::durable);
        d.write(bytes, 5 * kMiB);
        d.pipeline->hashAhead();
        d.pipeline->sync(true);
        d.pipeline->discard();  // cancelled (or restart(): started over) while both jobs run
        d.io.waitForDone();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(durable.size(), 0);
        QCOMPARE(d.pipeline->hashedTo(), qint64(0));
        QVERIFY(!d.pipeline->syncing());  // the sync itself is over, whatever its generation
    }
};

QTEST_GUILESS_MAIN(TestIntegrityPipeline)
#include "tst_integritypipeline.moc"
