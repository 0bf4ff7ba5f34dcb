// The download journal: its schema and round-trips, and the promise it exists for — after a
// kill -9 at any moment, the next start continues every unfinished file from its partial file,
// re-fetches at most the last unflushed chunk, and never re-downloads a finished file.

#include "download/journal.h"
#include "download/partialfile.h"
#include "downloadtesthelpers.h"
#include "library/storagelayout.h"
#include "net/session.h"
#include "waits.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using namespace Download;
using namespace DownloadTest;
using namespace Qt::Literals::StringLiterals;

namespace {

TaskRecord findTask(const QString &journalPath, TaskId id)
{
    Journal journal(journalPath);
    QList<GroupRecord> groups;
    QList<TaskRecord> tasks;
    if (!journal.open() || !journal.load(&groups, &tasks))
        return {};
    for (const TaskRecord &t : std::as_const(tasks)) {
        if (t.id == id)
            return t;
    }
    return {};
}

QList<TaskRecord> allTasks(const QString &journalPath, QList<GroupRecord> *groups = nullptr)
{
    Journal journal(journalPath);
    QList<GroupRecord> g;
    QList<TaskRecord> tasks;
    if (!journal.open() || !journal.load(&g, &tasks))
        return {};
    if (groups)
        *groups = g;
    return tasks;
}

}  // namespace

class TestJournal : public QObject
{
    Q_OBJECT

private:
    TestHub m_hub;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_hub.start({u"--big-file-mb"_s, u"16"_s}), qPrintable(m_hub.errorString())); }

    void init() { QTest::failOnWarning(QRegularExpression(u"journal query failed"_s)); }

    void aNewJournalIsAtTheLatestSchemaAndReopens()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"journal.sqlite"_s);
        {
            Journal journal(path);
            QVERIFY2(journal.open(), qPrintable(journal.errorString()));
            QCOMPARE(journal.schemaVersion(), 4);
            QVERIFY(journal.addGroup(1, u"pack"_s));
        }
        Journal again(path);
        QVERIFY(again.open());
        QCOMPARE(again.schemaVersion(), 4);
        QList<GroupRecord> groups;
        QList<TaskRecord> tasks;
        QVERIFY(again.load(&groups, &tasks));
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups.first().name, u"pack"_s);
    }

    void aTaskRoundTripsWithItsRangesAndError()
    {
        QTemporaryDir dir;
        Journal journal(dir.filePath(u"journal.sqlite"_s));
        QVERIFY(journal.open());
        QVERIFY(journal.addGroup(7, u"group"_s));
        TaskRecord r;
        r.id = 42;
        r.group = 7;
        r.order = 3;
        r.request.url = QUrl(u"https://huggingface.co/a/b/resolve/0123/x.gguf"_s);
        r.request.expectedSha256 = u"ab"_s.repeated(32);
        r.request.expectedSize = 5'000'000'000LL;
        r.request.displayName = u"a/b · x.gguf"_s;
        r.request.destination.kind = Destination::Kind::HfCache;
        r.request.destination.root = dir.path();
        r.request.destination.repoId = u"a/b"_s;
        r.request.destination.commit = u"0123"_s;
        r.request.destination.relativePath = u"x.gguf"_s;
        r.request.destination.sidecar = QJsonObject{{u"modelId"_s, 4201}};
        r.state = TaskState::Paused;
        r.segments = {Segment{0, 100, 2'500'000'000LL}, Segment{2'500'000'000LL, 2'600'000'000LL, 5'000'000'000LL}};
        r.validator = u"\"etag\""_s;
        r.total = 5'000'000'000LL;
        r.attempts = 2;
        r.errorKind = Net::ErrorKind::DiskFull;
        r.errorText = u"The disk is full."_s;
        Destination other = r.request.destination;
        other.commit = u"4567"_s;
        other.revision = u"v2"_s;
        r.links = {other};
        QVERIFY(journal.saveTask(r));
        QVERIFY(journal.addMember(8, 42));

        const TaskRecord back = findTask(journal.path(), 42);
        QCOMPARE(back.request, r.request);
        QCOMPARE(back.state, TaskState::Paused);
        QCOMPARE(back.segments, r.segments);
        QCOMPARE(back.validator, r.validator);
        QCOMPARE(back.total, r.total);
        QCOMPARE(back.errorKind, Net::ErrorKind::DiskFull);
        QCOMPARE(back.errorText, r.errorText);
        QCOMPARE(back.links, r.links);

        QVERIFY(journal.saveProgress(42, {Segment{0, 2'500'000'000LL, 2'500'000'000LL}}, u"\"new\""_s, 7));
        const TaskRecord progressed = findTask(journal.path(), 42);
        QCOMPARE(progressed.segments.size(), 1);
        QCOMPARE(progressed.validator, u"\"new\""_s);
        QCOMPARE(bytesWritten(progressed.segments), 2'500'000'000LL);
    }

    void aPoolThatRestoresNothingNeverReusesAJournaledId()
    {
        QTemporaryDir dir;
        const QString journalPath = dir.filePath(u"journal.sqlite"_s);
        TaskRecord other;
        other.id = 5;
        other.group = 3;
        other.request.url = QUrl(u"https://example.org/other.bin"_s);
        other.request.destination.root = dir.path();
        other.request.destination.relativePath = u"other.bin"_s;
        other.state = TaskState::Paused;
        {
            Journal journal(journalPath);
            QVERIFY(journal.open());
            QVERIFY(journal.addGroup(3, u"someone else's"_s));
            QVERIFY(journal.saveTask(other));
        }
        Journal journal(journalPath);
        QVERIFY(journal.open());
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), &journal);  // like `modeldock-cli update`: no restore
        const GroupId group = pool.createGroup(u"mine"_s);
        QCOMPARE(group, GroupId(4));
        const TaskId id = pool.addTask(
            group, hubFile(m_hub, u"lora-pack/style-lora-004"_s, u"style-lora-004.safetensors"_s, dir.path()));
        QCOMPARE(id, TaskId(6));
        const TaskRecord untouched = findTask(journalPath, 5);
        QCOMPARE(untouched.request, other.request);
        QCOMPARE(untouched.state, TaskState::Paused);
        QVERIFY(waitForGroup(pool, group, 10000));
    }

    void aPausedTaskStaysPausedAcrossARestartAndThenCompletes()
    {
        QTemporaryDir dir;
        const QString journalPath = dir.filePath(u"journal.sqlite"_s);
        const FileRequest request =
            hubFile(m_hub, u"modeldock-demo/TinyStories-GGUF"_s, u"tinystories.Q8_0.gguf"_s, dir.path());
        TaskId id = 0;
        qint64 pausedAt = 0;
        {
            Journal journal(journalPath);
            QVERIFY(journal.open());
            PoolOptions options = fastOptions();
            options.bandwidthLimit = 1024 * 1024;
            Net::Session session;
            DownloadPool pool(&session, options, &journal);
            const GroupId group = pool.createGroup(u"paused"_s);
            id = pool.addTask(group, request);
            QTRY_VERIFY_WITH_TIMEOUT(pool.task(id).bytesDone > 512 * 1024, 5000);
            pool.pauseTask(id);
            QTRY_COMPARE(pool.task(id).state, TaskState::Paused);
            QTRY_VERIFY(bytesWritten(findTask(journalPath, id).segments) == pool.task(id).bytesDone);
            pausedAt = pool.task(id).bytesDone;
        }
        Journal journal(journalPath);
        QVERIFY(journal.open());
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), &journal);
        pool.restoreFromJournal();
        QVERIFY(TestWait::holdsFor(300ms, [&] { return pool.task(id).state == TaskState::Paused; }));
        QCOMPARE(pool.task(id).bytesDone, pausedAt);
        QVERIFY(m_hub.reset());
        pool.resumeTask(id);
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Completed, 10000);
        QCOMPARE(sha256Of(pool.task(id).finalPath), request.expectedSha256);
        const QJsonArray log = m_hub.requests(u"storage"_s);
        QCOMPARE(log.size(), 1);
        QCOMPARE(header(log.at(0), "range"), u"bytes=%1-"_s.arg(pausedAt));
    }

    void aRestartWithEveryByteOnDiskGoesStraightToVerification_data()
    {
        QTest::addColumn<TaskState>("journaled");
        QTest::newRow("killed while verifying") << TaskState::Verifying;
        QTest::newRow("killed after the last byte, before the check began") << TaskState::Downloading;
    }
    void aRestartWithEveryByteOnDiskGoesStraightToVerification()
    {
        QFETCH(TaskState, journaled);
        QVERIFY(m_hub.reset());
        QTemporaryDir dir;
        const QString journalPath = dir.filePath(u"journal.sqlite"_s);
        const FileRequest request = hubFile(m_hub, u"modeldock-demo/TinyStories-GGUF"_s, u"tinystories.Q8_0.gguf"_s,
                                            dir.path(), Destination::Kind::HfCache);
        // What a kill -9 during (or just before) the final check leaves: the whole file in the
        // partial, its ranges journaled as complete.
        const QByteArray bytes = hubBytes(m_hub, request.url);
        QCOMPARE(qint64(bytes.size()), request.expectedSize);
        const QString partial = Library::StorageLayout::partialPath(request.destination);
        QVERIFY(QDir().mkpath(QFileInfo(partial).absolutePath()));
        QFile file(partial);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
        file.close();
        {
            Journal journal(journalPath);
            QVERIFY(journal.open());
            QVERIFY(journal.addGroup(1, u"crashed"_s));
            TaskRecord r;
            r.id = 1;
            r.group = 1;
            r.request = request;
            r.state = journaled;
            const qint64 half = request.expectedSize / 2;
            r.segments = {Segment{0, half, half}, Segment{half, request.expectedSize, request.expectedSize}};
            r.validator = u"\"%1\""_s.arg(request.expectedSha256);
            r.total = request.expectedSize;
            QVERIFY(journal.saveTask(r));
        }
        QVERIFY(m_hub.reset());

        Journal journal(journalPath);
        QVERIFY(journal.open());
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), &journal);
        pool.restoreFromJournal();
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(1).state, TaskState::Completed, 5000);
        QCOMPARE(sha256Of(Library::StorageLayout::finalPath(request.destination)), request.expectedSha256);
        QCOMPARE(m_hub.requests().size(), 0);  // nothing fetched again
        QCOMPARE(findTask(journalPath, 1).state, TaskState::Completed);
    }

    void aRefusedResumeStartsOverFromTheFirstByte()
    {
        QVERIFY(m_hub.reset());
        QTemporaryDir dir;
        const QString journalPath = dir.filePath(u"journal.sqlite"_s);
        FileRequest request =
            hubFile(m_hub, u"modeldock-demo/TinyStories-GGUF"_s, u"tinystories.Q2_K.gguf"_s, dir.path());
        // The journal believes the file is longer than it is (its size was unknown), so the
        // resume asks for bytes past its end and the server answers 416.
        request.expectedSize = -1;
        const qint64 size = m_hub.fileInfo(u"modeldock-demo/TinyStories-GGUF"_s, u"tinystories.Q2_K.gguf"_s)
                                .value("size"_L1)
                                .toInteger();
        const QString partial = Library::StorageLayout::partialPath(request.destination);
        QVERIFY(QDir().mkpath(QFileInfo(partial).absolutePath()));
        QFile file(partial);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(QByteArray(size + 100, 'x')) == size + 100);
        file.close();
        {
            Journal journal(journalPath);
            QVERIFY(journal.open());
            QVERIFY(journal.addGroup(1, u"resume"_s));
            TaskRecord r;
            r.id = 1;
            r.group = 1;
            r.request = request;
            r.state = TaskState::Downloading;
            r.segments = {Segment{0, size + 100, -1}};
            r.validator = u"\"%1\""_s.arg(request.expectedSha256);
            QVERIFY(journal.saveTask(r));
        }
        Journal journal(journalPath);
        QVERIFY(journal.open());
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), &journal);
        pool.restoreFromJournal();
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(pool.task(1).state), 10000);
        QVERIFY2(pool.task(1).state == TaskState::Completed, qPrintable(pool.task(1).errorText));
        QCOMPARE(sha256Of(Library::StorageLayout::finalPath(request.destination)), request.expectedSha256);
        const QJsonArray storage = m_hub.requests(u"storage"_s);
        QCOMPARE(storage.size(), 2);
        QCOMPARE(storage.at(0).toObject().value("status"_L1).toInt(), 416);
        QVERIFY(header(storage.at(1), "range").isEmpty());  // from the first byte
    }

    void finishedHistoryIsPrunedButUnfinishedWorkIsKept()
    {
        QVERIFY(m_hub.reset());
        QTemporaryDir dir;
        const QString journalPath = dir.filePath(u"journal.sqlite"_s);
        PoolOptions options = fastOptions();
        options.historyGroups = 3;
        // An unfinished group from long ago, and six finished runs after it.
        {
            Journal journal(journalPath);
            QVERIFY(journal.open());
            QVERIFY(journal.addGroup(1, u"old but unfinished"_s));
            TaskRecord paused;
            paused.id = 1;
            paused.group = 1;
            paused.request = hubFile(m_hub, u"lora-pack/style-lora-002"_s, u"style-lora-002.safetensors"_s, dir.path());
            paused.state = TaskState::Paused;
            QVERIFY(journal.saveTask(paused));
        }
        const FileRequest lora = hubFile(m_hub, u"lora-pack/style-lora-001"_s, u"style-lora-001.safetensors"_s,
                                         dir.path(), Destination::Kind::HfCache);
        for (int run = 0; run < 6; ++run) {
            Journal journal(journalPath);
            QVERIFY(journal.open());
            Net::Session session;
            DownloadPool pool(&session, options, &journal);
            pool.restoreFromJournal();
            const GroupId group = pool.createGroup(u"run %1"_s.arg(run));
            pool.addTask(group, lora);
            QVERIFY(waitForGroup(pool, group, 10000));
        }
        {
            Journal journal(journalPath);
            QVERIFY(journal.open());
            Net::Session session;
            DownloadPool pool(&session, options, &journal);
            pool.restoreFromJournal();
            QCOMPARE(pool.task(1).state, TaskState::Paused);
        }
        QList<GroupRecord> groups;
        const QList<TaskRecord> tasks = allTasks(journalPath, &groups);
        QStringList names;
        for (const GroupRecord &g : std::as_const(groups))
            names << g.name;
        QCOMPARE(names, QStringList({u"old but unfinished"_s, u"run 3"_s, u"run 4"_s, u"run 5"_s}));
        QCOMPARE(tasks.size(), 2);  // the paused one, and the lora all kept runs share
        QCOMPARE(groups.last().members.size(), 1);
    }

    void aKilledProcessResumesFromItsJournalInTheNextOne()
    {
        QVERIFY(m_hub.reset());
        QTemporaryDir dir;
        const QString journalPath = dir.filePath(u"journal.sqlite"_s);
        const FileRequest small = hubFile(m_hub, u"lora-pack/style-lora-001"_s, u"style-lora-001.safetensors"_s,
                                          dir.path(), Destination::Kind::HfCache);
        const FileRequest big = hubFile(m_hub, u"modeldock-demo/TinyStories-GGUF"_s, u"tinystories.Q4_K_M.gguf"_s,
                                        dir.path(), Destination::Kind::HfCache);
        QFile requests(dir.filePath(u"requests.json"_s));
        QVERIFY(requests.open(QIODevice::WriteOnly));
        requests.write(QJsonDocument(QJsonArray{small.toJson(), big.toJson()}).toJson());
        requests.close();

        QProcess first;
        first.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        first.start(QStringLiteral(MODELDOCK_DOWNLOADWORKER),
                    {u"--journal"_s, journalPath, u"--requests"_s, requests.fileName(), u"--limit"_s,
                     QString::number(4 * 1024 * 1024)});
        QVERIFY(first.waitForStarted());
        // Wait until the small file is finished and the big one has durable progress, then kill.
        const TaskId smallId = 1, bigId = 2;
        QTRY_VERIFY_WITH_TIMEOUT(findTask(journalPath, smallId).state == TaskState::Completed &&
                                     bytesWritten(findTask(journalPath, bigId).segments) >= 3 * 1024 * 1024,
                                 15000);
        first.kill();  // SIGKILL: no destructor, no last journal write
        QVERIFY(first.waitForFinished());
        const qint64 journaled = bytesWritten(findTask(journalPath, bigId).segments);
        const qint64 onDisk = PartialFile::sizeOf(Library::StorageLayout::partialPath(big.destination));
        QVERIFY2(onDisk >= journaled, "the journal claimed bytes that never reached the disk");
        QVERIFY(journaled < big.expectedSize);
        const int seqBeforeRestart = m_hub.requests().last().toObject().value("seq"_L1).toInt();

        QProcess second;
        second.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        second.start(QStringLiteral(MODELDOCK_DOWNLOADWORKER), {u"--journal"_s, journalPath, u"--restore"_s});
        QVERIFY(second.waitForFinished(30000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);

        QCOMPARE(sha256Of(Library::StorageLayout::finalPath(big.destination)), big.expectedSha256);
        QCOMPARE(sha256Of(Library::StorageLayout::finalPath(small.destination)), small.expectedSha256);
        QJsonArray after;
        for (const QJsonValue &r : m_hub.requests()) {
            if (r.toObject().value("seq"_L1).toInt() > seqBeforeRestart)
                after.append(r);
        }
        // Only the big file went out again, and from where the journal said, not from zero.
        QVERIFY(!after.isEmpty());
        for (const QJsonValue &r : std::as_const(after))
            QVERIFY(!r.toObject().value("path"_L1).toString().contains(small.expectedSha256));
        const QJsonArray storage = requestsFor(m_hub, u"storage"_s, big.expectedSha256);
        const QJsonValue resume = storage.last();
        QVERIFY(resume.toObject().value("seq"_L1).toInt() > seqBeforeRestart);
        const QString range = header(resume, "range");
        QVERIFY2(range.startsWith("bytes="_L1), qPrintable(range));
        const qint64 resumedAt = range.mid(6).section(u'-', 0, 0).toLongLong();
        QVERIFY2(resumedAt >= journaled - 1024 * 1024 && resumedAt <= onDisk,
                 qPrintable(u"resumed at %1, journaled %2, on disk %3"_s.arg(resumedAt).arg(journaled).arg(onDisk)));
        QCOMPARE(findTask(journalPath, bigId).state, TaskState::Completed);
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
