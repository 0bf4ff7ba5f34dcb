// The partial file a download writes into: positional writes, truncation, syncing, and what a
// full disk does to a running download (a real 20 MiB tmpfs: writes past it fail with ENOSPC).

#include "download/partialfile.h"
#include "downloadtesthelpers.h"
#include "library/storagelayout.h"
#include "net/session.h"
#include "scopedtmpfs.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Download;
using namespace DownloadTest;
using namespace Qt::Literals::StringLiterals;

class TestPartialFile : public QObject
{
    Q_OBJECT

private:
    TestHub m_hub;
    QScopedPointer<QTemporaryDir> m_mountDir;
    bool m_mounted = false;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_hub.start({u"--big-file-mb"_s, u"16"_s}), qPrintable(m_hub.errorString())); }

    void cleanupTestCase()
    {
        if (m_mounted)
            QProcess::execute(u"umount"_s, {m_mountDir->path()});
    }

    void writesLandAtTheirOffsetsInAnyOrder()
    {
        QTemporaryDir dir;
        PartialFile file;
        QVERIFY(file.open(dir.filePath(u"sub/dir/x.incomplete"_s)));
        QCOMPARE(file.writeAt(6, "world", 5), 5);
        QCOMPARE(file.writeAt(0, "hello ", 6), 6);
        QCOMPARE(file.size(), 11);
        QCOMPARE(PartialFile::syncAndClose(file.duplicateDescriptor()), 0);
        QVERIFY(file.truncate(5));
        file.close();
        QFile check(dir.filePath(u"sub/dir/x.incomplete"_s));
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray("hello"));
    }

    void reopeningKeepsTheContent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"y.incomplete"_s);
        {
            PartialFile file;
            QVERIFY(file.open(path));
            QCOMPARE(file.writeAt(0, "12345", 5), 5);
        }
        PartialFile again;
        QVERIFY(again.open(path));
        QCOMPARE(again.size(), 5);
        QCOMPARE(PartialFile::sizeOf(path), 5);
        QCOMPARE(PartialFile::sizeOf(dir.filePath(u"missing"_s)), -1);
    }

    void aSmallFileFitsOnANearlyFullDisk()
    {
        // The margin grows with the download (1 MiB, or 1 % of a large one): a 1.5 MiB file
        // with 3 MiB free is taken, not refused for a fixed margin meant for large files.
        ScopedTmpfs disk(20);
        if (!disk.isMounted())
            QSKIP(qPrintable(disk.error()));
        disk.fill(3 * 1024 * 1024);
        QVERIFY2(disk.available() < 4 * 1024 * 1024, qPrintable(QString::number(disk.available())));
        const FileRequest request =
            hubFile(m_hub, u"modeldock-demo/TinyStories-GGUF"_s, u"tinystories.Q2_K.gguf"_s, disk.path());
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), nullptr);
        const GroupId group = pool.createGroup(u"fits"_s);
        const TaskId id = pool.addTask(group, request);
        QString refusal;
        QVERIFY2(pool.checkFreeSpace(group, &refusal), qPrintable(refusal));
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Completed, 15000);
        QCOMPARE(sha256Of(pool.task(id).finalPath), request.expectedSha256);
    }

    void aFullDiskPausesTheDownloadAndResumeFinishesItOnceSpaceIsFreed()
    {
        m_mountDir.reset(new QTemporaryDir);
        QProcess mount;
        mount.start(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=20m"_s, u"tmpfs"_s, m_mountDir->path()});
        if (!mount.waitForFinished(10000) || mount.exitStatus() != QProcess::NormalExit || mount.exitCode() != 0)
            QSKIP("mounting a 20 MiB tmpfs is not permitted here (needs root); the full-disk path is untested");
        m_mounted = true;
        const QString root = m_mountDir->path();

        // 10 MiB of filler leaves about 10 MiB for a 16 MiB download.
        QFile filler(root + u"/filler.bin"_s);
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray mib(1024 * 1024, 'x');
        for (int i = 0; i < 10; ++i)
            QCOMPARE(filler.write(mib), mib.size());
        filler.close();

        const FileRequest request =
            hubFile(m_hub, u"modeldock-demo/TinyStories-GGUF"_s, u"tinystories.Q4_K_M.gguf"_s, root);
        Net::Session session;
        DownloadPool pool(&session, fastOptions(), nullptr);
        const GroupId group = pool.createGroup(u"does not fit"_s);
        const TaskId id = pool.addTask(group, request);

        QString refusal;
        QVERIFY(!pool.checkFreeSpace(group, &refusal));
        QVERIFY2(refusal.contains(u"16.0 MiB"_s) && refusal.contains(u"free"_s), qPrintable(refusal));

        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Paused, 15000);
        const TaskSnapshot paused = pool.task(id);
        QCOMPARE(paused.errorKind, Net::ErrorKind::DiskFull);
        QVERIFY2(paused.errorText.contains(u"disk is full"_s), qPrintable(paused.errorText));
        QVERIFY(paused.bytesDone > 0 && paused.bytesDone < request.expectedSize);
        QVERIFY(!QFile::exists(Library::StorageLayout::finalPath(request.destination)));
        const QString partial = Library::StorageLayout::partialPath(request.destination);
        QVERIFY(PartialFile::sizeOf(partial) >= paused.bytesDone);

        QVERIFY(QFile::remove(filler.fileName()));
        m_hub.reset();
        pool.resumeTask(id);
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Completed, 15000);
        QCOMPARE(sha256Of(pool.task(id).finalPath), request.expectedSha256);
        // It continued from the bytes it had, not from zero.
        const QJsonArray log = m_hub.requests(u"storage"_s);
        QCOMPARE(log.size(), 1);
        QCOMPARE(header(log.at(0), "range"), u"bytes=%1-"_s.arg(paused.bytesDone));
    }
};

QTEST_GUILESS_MAIN(TestPartialFile)
#include "tst_partialfile.moc"
