// One downloading process per data folder: a second one is told who holds it, a lock left by a
// process that died is taken over, and releasing it frees the folder.

#include "download/datafolderlock.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using Download::DataFolderLock;

class TestDataFolderLock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aSecondHolderIsToldWhoHasTheFolder()
    {
        QTemporaryDir dir;
        DataFolderLock first;
        QString error;
        QVERIFY2(first.lock(dir.path(), QStringLiteral("close it."), &error), qPrintable(error));
        QVERIFY(first.isLocked());

        DataFolderLock second;
        QVERIFY(!second.lock(dir.path(), QStringLiteral("close it, or use --data-dir."), &error));
        QVERIFY(!second.isLocked());
        QCOMPARE(error,
                 QStringLiteral(
                     "ModelDock is already downloading with this data folder (pid %1); close it, or use --data-dir.")
                     .arg(QCoreApplication::applicationPid()));
    }

    void releasingTheLockFreesTheFolder()
    {
        QTemporaryDir dir;
        QString error;
        {
            DataFolderLock first;
            QVERIFY(first.lock(dir.path(), {}, &error));
        }
        DataFolderLock next;
        QVERIFY2(next.lock(dir.path(), {}, &error), qPrintable(error));
    }

    void aLockLeftByAProcessThatDiedIsTakenOver()
    {
        QTemporaryDir dir;
        // A process that has exited: its pid is free, its lock file stays (as after kill -9).
        QProcess gone;
        qint64 deadPid = 0;
        connect(&gone, &QProcess::started, this, [&gone, &deadPid] { deadPid = gone.processId(); });
        gone.start(QStringLiteral("true"), {});
        QVERIFY(gone.waitForFinished());
        QVERIFY(deadPid > 0);
        QFile file(DataFolderLock::lockPath(dir.path()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::number(deadPid) + '\n' + QCoreApplication::applicationName().toUtf8() + '\n' +
                   QSysInfo::machineHostName().toUtf8() + '\n');
        file.close();
        DataFolderLock lock;
        QString error;
        QVERIFY2(lock.lock(dir.path(), {}, &error), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDataFolderLock)
#include "tst_datafolderlock.moc"
