// Runs the real executables as a user would, under the offscreen platform.
#include "clirun.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class TestExecutables : public QObject
{
    Q_OBJECT
private:
    static QString binary(const char *name)
    {
        return qEnvironmentVariable("MODELDOCK_BIN_DIR") + QLatin1Char('/') + QLatin1String(name);
    }

    using Run = Cli::Result;
    static Run runCli(const QStringList &arguments)
    {
        return Cli::run(arguments, QProcessEnvironment::systemEnvironment(), 30000);
    }

private Q_SLOTS:
    void cliPrintsItsVersion()
    {
        const Run run = runCli({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(QLatin1String("modeldock-cli ")), qPrintable(run.out));
    }

    void cliHelpListsGlobalOptionsAndTheirEnvironmentVariables()
    {
        const Run run = runCli({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *expected : {"--data-dir", "MODELDOCK_DATA_DIR", "--hf-endpoint", "HF_ENDPOINT",
                                     "--civitai-endpoint", "--hf-cache", "--library", "--json"})
            QVERIFY2(run.out.contains(QLatin1String(expected)), expected);
    }

    void cliRejectsAnUnknownCommandWithExitCode2()
    {
        const Run run = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QLatin1String("unknown command")));
    }

    void cliRejectsAMalformedEndpoint()
    {
        const Run run = runCli({QStringLiteral("--hf-endpoint"), QStringLiteral("ftp://x"), QStringLiteral("help")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("not a usable endpoint")), qPrintable(run.err));
    }

    void guiStartsAndQuitsCleanlyOnSigterm()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        QTemporaryDir home;
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), home.filePath(QStringLiteral("data")));
        process.setProcessEnvironment(env);
        process.start(binary("modeldock"), {});
        QVERIFY(process.waitForStarted(10000));
        // Still running after start-up: the window came up without crashing.
        QVERIFY(!process.waitForFinished(1500));
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        // The composition root opened its settings store in the data folder.
        QVERIFY(QFile::exists(home.filePath(QStringLiteral("data/settings.sqlite"))));
    }
};

QTEST_GUILESS_MAIN(TestExecutables)
#include "tst_executables.moc"
