// The download pool taking a Xet file from the test hub's CAS and xorb storage, as the window
// drives it: paused in the middle and resumed, the file goes on from the chunk holding its first
// missing byte instead of fetching its xorb range again from the start.
#include "download/downloadpool.h"
#include "downloadtesthelpers.h"
#include "net/session.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Download;
using namespace DownloadTest;

class TestXetDownload : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString())); }

    void aPausedXetFileGoesOnFromWhereItStopped()
    {
        QVERIFY2(m_hub.casUrl().isValid(), "the test hub runs without its Xet library");
        QTemporaryDir dir;
        const QString repo = u"modeldock-demo/Xet-GGUF"_s;
        const FileRequest request = hubFile(m_hub, repo, u"xet-tinystories.Q4_K_M.gguf"_s, dir.path());
        QVERIFY(m_hub.addScenario({{u"origin"_s, u"xorbs"_s}, {u"fault"_s, u"slow"_s}, {u"rate"_s, 4 << 20}}) > 0);
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), nullptr);
        const GroupId group = pool.createGroup(repo);
        const TaskId id = pool.addTask(group, request);
        QVERIFY(QTest::qWaitFor([&] { return pool.task(id).bytesDone >= request.expectedSize / 3; }, 30000));
        pool.pauseTask(id);
        QTRY_COMPARE(pool.task(id).state, TaskState::Paused);
        const qint64 paused = pool.task(id).bytesDone;
        QVERIFY(m_hub.reset());  // the slow fault too: the rest comes at full speed
        pool.resumeTask(id);
        QVERIFY(waitForGroup(pool, group, 60000));
        const TaskSnapshot done = pool.task(id);
        QCOMPARE(done.state, TaskState::Completed);
        QCOMPARE(sha256Of(done.finalPath), request.expectedSha256);
        qint64 sent = 0;
        for (const QJsonValue &r : m_hub.requests(u"xorbs"_s))
            sent += r[u"bytes_sent"_s].toInteger();
        qInfo("paused at %lld of %lld bytes; the xorb storage then sent %lld", paused, request.expectedSize, sent);
        // What was on disk is not fetched again (a chunk of slack for the one cut in two).
        QVERIFY2(sent <= request.expectedSize - paused + (256 << 10), qPrintable(QString::number(sent)));
    }
};

QTEST_GUILESS_MAIN(TestXetDownload)
#include "tst_xetdownload.moc"
