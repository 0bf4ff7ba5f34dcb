// Runs the real executables as a user would, under the offscreen platform.
#include "clirun.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
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

    void cliTakesShortVersionAndOptionEqualsValue()
    {
        const Run version = runCli({QStringLiteral("-V")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.startsWith(QLatin1String("modeldock-cli ")), qPrintable(version.out));
        // --opt=value as --opt value: the value reaches the run (a bad endpoint is refused
        // naming it), and a good one is used.
        const Run bad = runCli({QStringLiteral("--hf-endpoint=ftp://x"), QStringLiteral("help")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QLatin1String("\"ftp://x\"")), qPrintable(bad.err));
        QTemporaryDir dir;
        const Run set = runCli({QStringLiteral("--data-dir=") + dir.path(), QStringLiteral("settings"),
                                QStringLiteral("set"), QStringLiteral("download.maxActive=3")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.all()));
        const Run get = runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("settings"),
                                QStringLiteral("get"), QStringLiteral("download.maxActive")});
        QVERIFY2(get.exitCode == 0 && get.out.contains(QLatin1String("3")), qPrintable(get.all()));
    }

    void cliHelpListsGlobalOptionsAndTheirEnvironmentVariables()
    {
        const Run run = runCli({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *expected : {"--data-dir", "MODELDOCK_DATA_DIR", "--hf-endpoint", "HF_ENDPOINT",
                                     "--civitai-endpoint", "--hf-cache", "--library", "--json", "-V", "Exit status: 0"})
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

    // Without a display (and with no platform plugin that could draw): no window is attempted.
    void guiAnswersVersionAndHelpWithoutAWindow()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        QTemporaryDir home;
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), home.filePath(QStringLiteral("data")));
        for (const QString &flag :
             {QStringLiteral("--version"), QStringLiteral("-V"), QStringLiteral("--help"), QStringLiteral("-h")}) {
            QProcess process;
            process.setProcessEnvironment(env);
            process.start(binary("modeldock"), {flag});
            QVERIFY(process.waitForFinished(10000));
            const QString out = QString::fromUtf8(process.readAllStandardOutput());
            QCOMPARE(process.exitStatus(), QProcess::NormalExit);
            QVERIFY2(process.exitCode() == 0,
                     qPrintable(flag + QLatin1Char(' ') + QString::fromUtf8(process.readAllStandardError())));
            if (flag.contains(QLatin1Char('V')) || flag == QLatin1String("--version")) {
                QVERIFY2(out.startsWith(QLatin1String("modeldock ")) && out.count(QLatin1Char('\n')) == 1,
                         qPrintable(out));
            } else {
                for (const char *expected : {"Usage:", "--version", "--help", "MODELDOCK_DATA_DIR"})
                    QVERIFY2(out.contains(QLatin1String(expected)), qPrintable(out));
            }
        }
        QVERIFY(!QFileInfo::exists(home.filePath(QStringLiteral("data"))));
    }

    // The hidden helper of the shell completions reads the catalog and writes nothing.
    void cliCompletesModelIdsFromTheLocalCatalog()
    {
        QTemporaryDir home;
        const QString data = home.filePath(QStringLiteral("data"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), data);
        const QStringList arguments{QStringLiteral("__complete-models"), QStringLiteral("TheBloke/")};
        Run run = Cli::run(arguments, env, 30000);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QString());
        QVERIFY(!QFileInfo::exists(data));
        {
            QDir().mkpath(data);
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("catalog"));
            db.setDatabaseName(QDir(data).filePath(QStringLiteral("catalog.sqlite")));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(
                query.exec(QStringLiteral("CREATE TABLE models(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)")));
            for (const char *key : {"TheBloke/b-GGUF", "civitai:42", "TheBloke/a_GGUF", "TheBloke_x/c"})
                QVERIFY(query.exec(QStringLiteral("INSERT INTO models(key) VALUES ('%1')").arg(QLatin1String(key))));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("catalog"));
        run = Cli::run(arguments, env, 30000);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QStringLiteral("TheBloke/a_GGUF\nTheBloke/b-GGUF\n"));
        run = Cli::run({QStringLiteral("__complete-models"), QStringLiteral("civitai:")}, env, 30000);
        QCOMPARE(run.out, QStringLiteral("civitai:42\n"));
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
