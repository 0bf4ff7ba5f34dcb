// The journal writer: the pool's rows are written on a thread of their own, coalesced, one
// transaction per batch. What it must keep: a group action is one commit and one
// notification, the journal on disk holds every row after it and a restart reads them back,
// and a process killed in the middle of a commit leaves the journal as the last commit left it.

#include "download/journal.h"
#include "download/journalwriter.h"
#include "downloadtesthelpers.h"
#include "net/session.h"
#include "waits.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace std::chrono_literals;
using namespace Download;
using namespace DownloadTest;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString kTiny = u"modeldock-demo/TinyStories-GGUF"_s;
const QString kBig = u"tinystories.Q4_K_M.gguf"_s;  // --big-file-mb below
constexpr int kItems = 500;

QList<TaskRecord> readTasks(const QString &path, QList<GroupRecord> *groups = nullptr)
{
    Journal journal(path);
    QList<GroupRecord> g;
    QList<TaskRecord> tasks;
    if (!journal.open() || !journal.load(&g, &tasks))
        return {};
    if (groups)
        *groups = g;
    return tasks;
}

QString integrity(const QString &path)
{
    const QString name = u"integrity-check"_s;
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"PRAGMA integrity_check"_s) && query.next())
                result = query.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

TaskRecord simpleRow(TaskId id, TaskState state)
{
    TaskRecord r;
    r.id = id;
    r.group = 1;
    r.order = id;
    r.state = state;
    r.request.url = QUrl(u"http://127.0.0.1:9/file-%1"_s.arg(id));
    r.request.destination.kind = Destination::Kind::Library;
    r.request.destination.root = u"/tmp/unused"_s;
    r.request.destination.relativePath = u"Lora/file-%1.safetensors"_s.arg(id);
    return r;
}

}  // namespace

class TestJournalWriter : public QObject
{
    Q_OBJECT

private:
    TestHub m_hub;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_hub.start({u"--big-file-mb"_s, u"16"_s}), qPrintable(m_hub.errorString())); }

    void init() { QTest::failOnWarning(QRegularExpression(u"journal (query|commit) failed|could not write"_s)); }

    void pausingAFiveHundredItemGroupIsOneCommitOneNotificationAndSurvivesARestart()
    {
        QTemporaryDir dir;
        const QString journalPath = dir.filePath(u"downloads.sqlite"_s);
        QList<TaskId> ids;
        QStringList partials;
        {
            Journal journal(journalPath);
            QVERIFY2(journal.open(), qPrintable(journal.errorString()));
            PoolOptions options = fastOptions();
            options.maxActive = 4;
            options.maxPerHost = 4;
            options.bandwidthLimit = 256 * 1024;  // the first four stay mid-transfer
            Net::Session session;
            DownloadPool pool(&session, options, &journal);
            const GroupId group = pool.createGroup(u"five hundred"_s);
            // One real hub file, written to 500 places: 500 tasks of one group.
            const FileRequest big = hubFile(m_hub, kTiny, kBig, dir.path());
            for (int i = 0; i < kItems; ++i) {
                FileRequest request = big;
                request.destination.relativePath = u"pack/item-%1.gguf"_s.arg(i);
                request.displayName = u"item %1"_s.arg(i);
                ids << pool.addTask(group, request);
                partials << dir.filePath(request.destination.relativePath + u".modeldock.incomplete"_s);
            }
            QCOMPARE(ids.size(), kItems);
            const auto downloading = [&] {
                int n = 0;
                for (TaskId id : std::as_const(ids))
                    n += pool.task(id).state == TaskState::Downloading && pool.task(id).bytesDone > 0;
                return n;
            };
            QTRY_COMPARE_WITH_TIMEOUT(downloading(), 4, 20000);
            // Some of their bytes durable and journaled before the pause.
            const auto anyDurable = [&] {
                pool.flushJournal();
                const QList<TaskRecord> rows = readTasks(journalPath);
                return std::any_of(rows.cbegin(), rows.cend(),
                                   [](const TaskRecord &r) { return bytesWritten(r.segments) > 0; });
            };
            QTRY_VERIFY_WITH_TIMEOUT(anyDurable(), 10000);

            QVERIFY(pool.flushJournal());
            const quint64 before = pool.journalCommits();
            QSignalSpy changed(&pool, &DownloadPool::tasksChanged);
            pool.inOneJournalTransaction([&] { pool.pauseGroup(group); });
            for (TaskId id : std::as_const(ids))
                QCOMPARE(pool.task(id).state, TaskState::Paused);
            QVERIFY(pool.flushJournal());
            QCOMPARE(pool.journalCommits(), before + 1);  // 500 rows, one transaction

            // And one notification names them all.
            QTRY_VERIFY(!changed.isEmpty());
            const auto first = changed.first().first().value<QList<TaskId>>();
            const QSet<TaskId> notified(first.cbegin(), first.cend());
            for (TaskId id : std::as_const(ids))
                QVERIFY(notified.contains(id));
        }
        // The pool is gone, as after a quit: the journal on disk says paused for every row.
        const QList<TaskRecord> rows = readTasks(journalPath);
        QCOMPARE(rows.size(), kItems);
        int withBytes = 0;
        for (const TaskRecord &row : rows) {
            QCOMPARE(row.state, TaskState::Paused);
            const qint64 written = bytesWritten(row.segments);
            withBytes += written > 0;
            // Never a byte the partial file does not hold.
            if (written > 0)
                QVERIFY(QFileInfo(partials.at(ids.indexOf(row.id))).size() >= written);
        }
        QVERIFY2(withBytes >= 1, "the transfers that were running kept their durable progress");

        // A restart reads all 500 back, still paused, and starts none of them.
        Journal journal(journalPath);
        QVERIFY(journal.open());
        Net::Session session;
        DownloadPool restarted(&session, fastOptions(), &journal);
        restarted.restoreFromJournal();
        QCOMPARE(restarted.groups().size(), 1);
        QCOMPARE(restarted.tasks(restarted.groups().first()).size(), kItems);
        QVERIFY(TestWait::holdsFor(300ms, [&] {
            return std::all_of(ids.cbegin(), ids.cend(),
                               [&](TaskId id) { return restarted.task(id).state == TaskState::Paused; });
        }));
        restarted.cancelGroup(restarted.groups().first());
    }

    void aRowRecordedTwiceIsWrittenOnceWithItsNewestValues()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"journal.sqlite"_s);
        {
            Journal journal(path);
            QVERIFY(journal.open());
        }
        JournalWriter writer(path);
        QVERIFY2(writer.isOpen(), qPrintable(writer.errorString()));
        writer.addGroup(1, u"group"_s);
        writer.saveTask(simpleRow(1, TaskState::Queued));
        writer.saveTask(simpleRow(2, TaskState::Queued));
        writer.saveProgress(1, {Segment{0, 10, 100}}, u"\"v\""_s, 100);
        TaskRecord paused = simpleRow(1, TaskState::Paused);
        paused.segments = {Segment{0, 10, 100}};
        paused.validator = u"\"v\""_s;
        paused.total = 100;
        writer.saveTask(paused);
        writer.saveProgress(1, {Segment{0, 20, 100}}, u"\"v\""_s, 100);  // folds into the pending row
        // Removed, then added again: the new row must come after the removal.
        writer.removeTask(2);
        writer.saveTask(simpleRow(2, TaskState::Failed));
        writer.saveOrder({2, 1});
        writer.saveOrder({1, 2});  // only the newest order is written
        QVERIFY(writer.flush());
        QCOMPARE(writer.commits(), quint64(1));

        QList<GroupRecord> groups;
        const QList<TaskRecord> rows = readTasks(path, &groups);
        QCOMPARE(groups.size(), 1);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).id, TaskId(1));  // load orders by queue order
        QCOMPARE(rows.at(0).state, TaskState::Paused);
        QCOMPARE(rows.at(0).segments, QList<Segment>({Segment{0, 20, 100}}));
        QCOMPARE(rows.at(1).id, TaskId(2));
        QCOMPARE(rows.at(1).state, TaskState::Failed);
    }

    void progressOfATaskNotYetWrittenIsAppliedAfterItsRow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"journal.sqlite"_s);
        {
            Journal journal(path);
            QVERIFY(journal.open());
        }
        JournalWriter writer(path);
        writer.saveTask(simpleRow(7, TaskState::Downloading));
        QVERIFY(writer.flush());
        writer.saveProgress(7, {Segment{0, 5, 50}}, u"\"e\""_s, 50);
        writer.saveProgress(7, {Segment{0, 30, 50}}, u"\"e\""_s, 50);
        QVERIFY(writer.flush());
        QCOMPARE(writer.commits(), quint64(2));
        const QList<TaskRecord> rows = readTasks(path);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().segments, QList<Segment>({Segment{0, 30, 50}}));
        QCOMPARE(rows.first().total, 50);
    }

    void aKillInTheMiddleOfACommitLeavesTheLastCommittedJournal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"journal.sqlite"_s);
        int killedWhileWriting = 0;
        for (int kill = 0; kill < 6; ++kill) {
            QProcess worker;
            worker.start(QStringLiteral(MODELDOCK_JOURNALWORKER),
                         {u"--journal"_s, path, u"--tasks"_s, QString::number(kItems)});
            QVERIFY(worker.waitForStarted());
            // Let it commit a few rounds, then kill it somewhere inside the next ones.
            QString output;
            int committed = -1;
            QElapsedTimer clock;
            clock.start();
            while (committed < 0 || clock.elapsed() < 300 + QRandomGenerator::global()->bounded(200)) {
                QVERIFY2(worker.state() == QProcess::Running, worker.readAllStandardError().constData());
                worker.waitForReadyRead(20);
                output += QString::fromUtf8(worker.readAllStandardOutput());
                static const QRegularExpression roundLine(u"round (\\d+)\\n"_s);
                for (auto it = roundLine.globalMatch(output); it.hasNext();)
                    committed = it.next().captured(1).toInt();
                QVERIFY(clock.elapsed() < 30000);
            }
            ::kill(pid_t(worker.processId()), SIGKILL);
            QVERIFY(worker.waitForFinished());
            output += QString::fromUtf8(worker.readAllStandardOutput());
            static const QRegularExpression roundLine(u"round (\\d+)\\n"_s);
            for (auto it = roundLine.globalMatch(output); it.hasNext();)
                committed = it.next().captured(1).toInt();
            killedWhileWriting += output.trimmed().section(u'\n', -1).startsWith(u"writing"_s);

            // Readable, whole, and exactly one round: the last one reported or the one being
            // written when the kill came (committed, but not yet reported). Never a mix.
            QCOMPARE(integrity(path), u"ok"_s);
            const QList<TaskRecord> rows = readTasks(path);
            QCOMPARE(rows.size(), kItems);
            const int round = rows.first().attempts;
            QVERIFY2(round == committed || round == committed + 1,
                     qPrintable(u"journal at round %1, last reported %2"_s.arg(round).arg(committed)));
            for (const TaskRecord &row : rows) {
                QCOMPARE(row.attempts, round);
                QCOMPARE(row.state, round % 2 ? TaskState::Paused : TaskState::Queued);
                QCOMPARE(row.segments.first().pos, round * 1000LL);
            }
        }
        // The worker spends most of its time committing, so some kills landed mid-commit.
        QVERIFY2(killedWhileWriting > 0, "no kill came while a round was being written");
    }
};

QTEST_GUILESS_MAIN(TestJournalWriter)
#include "tst_journalwriter.moc"
