// One ModelDock per data folder: two instances of the class, and the real modeldock binary
// launched against a folder this test already holds.
#include "singleinstance.h"

#include <QDir>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using Ui::SingleInstance;

class TestSingleInstance : public QObject
{
    Q_OBJECT
private:
    static QString binary()
    {
        return QDir(qEnvironmentVariable("MODELDOCK_BIN_DIR")).filePath(QStringLiteral("modeldock"));
    }

    static QProcessEnvironment appEnvironment(const QString &dataDir)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), dataDir);
        // Nothing listens there: the app stays offline and quiet.
        env.insert(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://127.0.0.1:1"));
        env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), QStringLiteral("http://127.0.0.1:1"));
        env.insert(QStringLiteral("HF_HUB_CACHE"), QDir(dataDir).filePath(QStringLiteral("hub")));
        env.insert(QStringLiteral("MODELDOCK_LIBRARY"), QDir(dataDir).filePath(QStringLiteral("library")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(dataDir).filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), QDir(dataDir).filePath(QStringLiteral("cache")));
        return env;
    }

private Q_SLOTS:
    void theSecondInstanceAsksTheFirstToShowItself()
    {
        QTemporaryDir dir;
        SingleInstance first(dir.path());
        QSignalSpy activations(&first, &SingleInstance::activationRequested);
        QCOMPARE(first.claim(), SingleInstance::Role::Primary);
        // The second one blocks while it waits for the answer, as it does before its event
        // loop starts; the first answers from this thread's event loop.
        const QString path = dir.path();
        QFuture<SingleInstance::Role> second = QtConcurrent::run([path] {
            SingleInstance instance(path);
            return instance.claim(5000);
        });
        QTRY_VERIFY_WITH_TIMEOUT(second.isFinished(), 10000);
        QCOMPARE(second.result(), SingleInstance::Role::Secondary);
        QCOMPARE(activations.count(), 1);
    }

    void anotherDataFolderIsAnotherInstance()
    {
        QTemporaryDir a;
        QTemporaryDir b;
        SingleInstance first(a.path());
        SingleInstance other(b.path());
        QCOMPARE(first.claim(), SingleInstance::Role::Primary);
        QCOMPARE(other.claim(), SingleInstance::Role::Primary);
        QVERIFY(first.serverName() != other.serverName());
    }

    void aLockLeftByACrashedProcessDoesNotBlockTheNextStart()
    {
        QTemporaryDir dir;
        {
            // A lock file naming a process that no longer exists.
            QFile lock(QDir(dir.path()).filePath(QStringLiteral("modeldock.lock")));
            QVERIFY(lock.open(QIODevice::WriteOnly));
            lock.write("999999\nmodeldock\n" + QSysInfo::machineHostName().toUtf8() + "\n");
        }
        SingleInstance instance(dir.path());
        QCOMPARE(instance.claim(), SingleInstance::Role::Primary);
    }

    void aSecondLaunchOfTheAppRaisesTheFirstAndExitsZero()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QProcess first;
        first.setProcessEnvironment(appEnvironment(data));
        first.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        first.start(binary(), {});
        QVERIFY2(first.waitForStarted(10000), qPrintable(first.errorString()));
        // The first one is up once it answers on its socket.
        const QString name = SingleInstance::serverNameFor(data);
        QVERIFY(QTest::qWaitFor(
            [&] {
                QLocalSocket probe;
                probe.connectToServer(name);
                return probe.waitForConnected(200);
            },
            20000));

        QProcess second;
        second.setProcessEnvironment(appEnvironment(data));
        second.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        second.start(binary(), {});
        QVERIFY(second.waitForFinished(15000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        QCOMPARE(first.state(), QProcess::Running);

        // SIGTERM ends the first one through its normal shutdown.
        first.terminate();
        QVERIFY(first.waitForFinished(15000));
        QCOMPARE(first.exitCode(), 0);
        // With the first one gone, the folder is free again.
        SingleInstance next(data);
        QCOMPARE(next.claim(), SingleInstance::Role::Primary);
    }
};

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
