// The engine's value types: what the journal stores must come back unchanged, and the texts a
// user sees (group summaries) read as sentences.

#include "download/taskrecord.h"
#include "download/types.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Download;
using namespace Qt::Literals::StringLiterals;

class TestTypes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void destinationsSurviveAJsonRoundTrip_data()
    {
        QTest::addColumn<Destination>("destination");
        Destination hf;
        hf.kind = Destination::Kind::HfCache;
        hf.root = u"/home/u/.cache/huggingface/hub"_s;
        hf.repoId = u"cortexso/llama3.2"_s;
        hf.revision = u"1b-gguf-q4-km"_s;
        hf.commit = u"0123456789abcdef0123456789abcdef01234567"_s;
        hf.relativePath = u"model.gguf"_s;
        hf.blobKey = u"ab"_s.repeated(32);
        QTest::newRow("an HF cache file keeps repo, revision, commit and blob") << hf;
        Destination lib;
        lib.kind = Destination::Kind::Library;
        lib.root = u"/models"_s;
        lib.repoId = u"civitai:4201"_s;
        lib.relativePath = u"Lora/demoStyle_v60.safetensors"_s;
        lib.sidecar = QJsonObject{{u"modelId"_s, 4201}, {u"trainedWords"_s, QJsonArray{u"demostyle60"_s}}};
        QTest::newRow("a library file keeps its Civitai sidecar") << lib;
        Destination plain;
        plain.root = u"/tmp/x"_s;
        plain.relativePath = u"a b/ü.bin"_s;
        QTest::newRow("a plain file keeps a path with spaces and non-ASCII") << plain;
    }
    void destinationsSurviveAJsonRoundTrip()
    {
        QFETCH(Destination, destination);
        const QByteArray text = QJsonDocument(destination.toJson()).toJson();
        QCOMPARE(Destination::fromJson(QJsonDocument::fromJson(text).object()), destination);
    }

    void aFileRequestSurvivesAJsonRoundTripWithAHugeSize()
    {
        FileRequest r;
        r.url = QUrl(u"https://huggingface.co/a/b/resolve/c/d%20e.gguf?download=true"_s);
        r.expectedSha256 = u"cd"_s.repeated(32);
        r.expectedSize = 123'456'789'012LL;
        r.displayName = u"a/b · d e.gguf"_s;
        r.destination.relativePath = u"d e.gguf"_s;
        QCOMPARE(FileRequest::fromJson(r.toJson()), r);
        FileRequest unknown = r;
        unknown.expectedSize = -1;
        unknown.expectedSha256.clear();
        QCOMPARE(FileRequest::fromJson(unknown.toJson()), unknown);
        FileRequest archive = r;
        archive.archive = true;
        QCOMPARE(FileRequest::fromJson(archive.toJson()), archive);
        QVERIFY(!FileRequest::fromJson(r.toJson()).archive);  // journals from before know no archives
    }

    void theSameDestinationHasTheSameKey()
    {
        Destination a;
        a.root = u"/r"_s;
        a.relativePath = u"x"_s;
        Destination b = a;
        b.sidecar = QJsonObject{{u"k"_s, 1}};
        QCOMPARE(a.key(), b.key());
        b.relativePath = u"y"_s;
        QVERIFY(a.key() != b.key());
    }

    void stateNamesAreStable()
    {
        for (TaskState s : {TaskState::Queued, TaskState::Connecting, TaskState::Downloading, TaskState::Paused,
                            TaskState::Verifying, TaskState::Completed, TaskState::Failed, TaskState::Cancelled})
            QCOMPARE(taskStateFromName(taskStateName(s)), s);
        QCOMPARE(taskStateName(TaskState::Downloading), u"downloading"_s);
        QVERIFY(isTerminal(TaskState::Failed) && !isTerminal(TaskState::Paused));
    }

    void groupSummaries_data()
    {
        QTest::addColumn<GroupSnapshot>("group");
        QTest::addColumn<QString>("summary");
        GroupSnapshot g;
        g.total = 80;
        g.completed = 37;
        g.failed = 2;
        g.bytesTotal = 2LL * 1024 * 1024 * 1024;
        g.bytesDone = g.bytesTotal - 1288490189LL;
        QTest::newRow("a running pack says what is done, failed and left")
            << g << u"37/80 done, 2 failed, 1.2 GiB left"_s;
        GroupSnapshot done;
        done.total = done.completed = 60;
        done.bytesTotal = done.bytesDone = 1000;
        QTest::newRow("a finished pack says only that it is done") << done << u"60/60 done"_s;
    }
    void groupSummaries()
    {
        QFETCH(GroupSnapshot, group);
        QFETCH(QString, summary);
        QCOMPARE(group.summary(), summary);
    }

    void damagedRangesNeverClaimBytes()
    {
        QCOMPARE(segmentsFromJson("[[0,50,100],[100,90,200]]"),
                 (QList<Segment>{Segment{0, 50, 100}, Segment{100, 100, 200}}));
        QCOMPARE(segmentsFromJson("not json"), QList<Segment>{});
        const QList<Segment> ranges{Segment{0, 10, 20}, Segment{20, 25, -1}};
        QCOMPARE(segmentsFromJson(segmentsToJson(ranges)), ranges);
        QCOMPARE(bytesWritten(ranges), 15);
    }

    void resumeKeepsEveryByteOnDisk_data()
    {
        QTest::addColumn<QList<Segment>>("journal");
        QTest::addColumn<qint64>("fileSize");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<QList<Segment>>("resumed");
        const qint64 M = 1024 * 1024;
        // What a kill -9 leaves with ranges taken in order: the last range not yet started,
        // beginning past the end of the partial file. Nothing written may be thrown away.
        QTest::newRow("an unstarted range past the end of the file")
            << QList<Segment>{{0, 128 * M, 128 * M}, {128 * M, 200 * M, 256 * M}, {256 * M, 256 * M, 1024 * M}}
            << 200 * M << 1024 * M
            << QList<Segment>{{0, 128 * M, 128 * M}, {128 * M, 200 * M, 256 * M}, {256 * M, 256 * M, 1024 * M}};
        QTest::newRow("holes between ranges become ranges of their own")
            << QList<Segment>{{0, 10, 100}, {300, 350, 400}} << qint64(350) << qint64(500)
            << QList<Segment>{{0, 10, 100}, {100, 100, 300}, {300, 350, 400}, {400, 400, 500}};
        QTest::newRow("a file shorter than the journal loses only its torn tail")
            << QList<Segment>{{0, 100, 100}, {100, 180, 200}, {200, 290, 300}} << qint64(250) << qint64(300)
            << QList<Segment>{{0, 100, 100}, {100, 180, 200}, {200, 250, 300}};
        QTest::newRow("a range wholly past a truncated file starts again")
            << QList<Segment>{{0, 100, 100}, {100, 200, 200}} << qint64(50) << qint64(200)
            << QList<Segment>{{0, 50, 100}, {100, 100, 200}};
        QTest::newRow("ranges out of order and overlapping")
            << QList<Segment>{{50, 80, 120}, {0, 60, 60}} << qint64(120) << qint64(120)
            << QList<Segment>{{0, 60, 60}, {60, 80, 120}};
        QTest::newRow("no journal ranges: the whole file")
            << QList<Segment>{} << qint64(0) << qint64(300) << QList<Segment>{{0, 0, 300}};
        QTest::newRow("size unknown: one open range")
            << QList<Segment>{{0, 40, -1}} << qint64(30) << qint64(-1) << QList<Segment>{{0, 30, -1}};
    }
    void resumeKeepsEveryByteOnDisk()
    {
        QFETCH(QList<Segment>, journal);
        QFETCH(qint64, fileSize);
        QFETCH(qint64, total);
        QFETCH(QList<Segment>, resumed);
        QCOMPARE(resumableSegments(journal, fileSize, total), resumed);
    }
};

QTEST_GUILESS_MAIN(TestTypes)
#include "tst_types.moc"
