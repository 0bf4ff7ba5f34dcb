// `modeldock-cli settings` as a script would use it: real binary, real settings database;
// and the stored settings deciding what the other commands do, against the local test hub.
#include "clirun.h"
#include "config/runtimeconfig.h"
#include "settings/settingscenter.h"
#include "testhub.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestCliSettings : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    using Run = Cli::Result;
    Run cli(const QStringList &arguments, const QString &dataDir = {}, const QStringList &environment = {})
    {
        // Nothing from the machine may pin a value; the default cache stays in the test folder.
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.filePath(QStringLiteral("xdg-cache")));
        for (const QString &assignment : environment)
            env.insert(assignment.section(QLatin1Char('='), 0, 0), assignment.section(QLatin1Char('='), 1));
        return Cli::run(
            QStringList{QStringLiteral("--data-dir"), dataDir.isEmpty() ? m_dir.path() : dataDir} + arguments, env);
    }

private Q_SLOTS:
    void setGetHistoryRollbackExportImport()
    {
        QVERIFY(m_dir.isValid());
        Run run = cli({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("download.maxActive=7"),
                       QStringLiteral("network.hfToken=hf_topsecret")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QLatin1String("version 1")), qPrintable(run.out));

        run = cli({QStringLiteral("--json"), QStringLiteral("settings"), QStringLiteral("get")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject values =
            QJsonDocument::fromJson(run.out.toUtf8()).object().value(QLatin1String("values")).toObject();
        QCOMPARE(values.value(QLatin1String("download.maxActive")).toInteger(), 7);
        QVERIFY(!run.out.contains(QLatin1String("topsecret")));

        // One invalid key refuses the whole set, with the key and the rule, exit 1.
        run = cli({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("download.maxActive=3"),
                   QStringLiteral("network.hfEndpoint=not a url")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("network.hfEndpoint")), qPrintable(run.err));
        QVERIFY(cli({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("download.maxActive")})
                    .out.contains(QLatin1String("= 7")));

        run = cli({QStringLiteral("settings"), QStringLiteral("history")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QLatin1String("download.maxActive: 4 -> 7")));
        QVERIFY(!run.out.contains(QLatin1String("topsecret")));

        const QString exported = m_dir.filePath(QStringLiteral("export.json"));
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("export"), exported}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("rollback"), QStringLiteral("0")}).exitCode, 0);
        QVERIFY(cli({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("download.maxActive")})
                    .out.contains(QLatin1String("= 4")));
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("import"), exported}).exitCode, 0);
        QVERIFY(cli({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("download.maxActive")})
                    .out.contains(QLatin1String("= 7")));
    }

    void storedSettingsDecideWhereADownloadGoesUnlessAFlagOrTheEnvironmentSaysOtherwise()
    {
        TestHub hub;
        QVERIFY2(hub.start({QStringLiteral("--big-file-mb"), QStringLiteral("2")}), qPrintable(hub.errorString()));
        const QString data = m_dir.filePath(QStringLiteral("download-data"));
        const QString stored = m_dir.filePath(QStringLiteral("stored-cache"));
        const QString repo = QStringLiteral("modeldock-demo/plain-model-01");
        const QString repoFolder = QStringLiteral("/models--modeldock-demo--plain-model-01/refs/main");
        Run run = cli({QStringLiteral("settings"), QStringLiteral("set"),
                       QStringLiteral("network.hfEndpoint=") + hub.hfUrl().toString(),
                       QStringLiteral("network.civitaiEndpoint=") + hub.civitaiUrl().toString(),
                       QStringLiteral("library.hfCacheDir=") + stored},
                      data);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // No flag, no variable: the stored endpoint and folder.
        run = cli({QStringLiteral("download"), repo}, data);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(QFileInfo::exists(stored + repoFolder));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("xdg-cache/huggingface/hub"))));
        QVERIFY(!hub.requests(QStringLiteral("hf")).isEmpty());

        // HF_HUB_CACHE wins over the stored folder for that run only.
        const QString fromEnv = m_dir.filePath(QStringLiteral("env-cache"));
        run = cli({QStringLiteral("download"), repo}, data, {QStringLiteral("HF_HUB_CACHE=") + fromEnv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(QFileInfo::exists(fromEnv + repoFolder));
        // And a flag wins over both.
        const QString fromFlag = m_dir.filePath(QStringLiteral("flag-cache"));
        run = cli({QStringLiteral("--hf-cache"), fromFlag, QStringLiteral("download"), repo}, data,
                  {QStringLiteral("HF_HUB_CACHE=") + fromEnv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(QFileInfo::exists(fromFlag + repoFolder));
        // Neither was stored: `settings get` still shows the stored folder, and says what a
        // variable would change for that run.
        run = cli({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("library.hfCacheDir")}, data,
                  {QStringLiteral("HF_HUB_CACHE=") + fromEnv});
        QVERIFY2(run.out.contains(QStringLiteral("= ") + stored), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("HF_HUB_CACHE")), qPrintable(run.out));

        // The stored endpoint reaches the catalog commands too.
        QVERIFY(hub.reset());
        run = cli({QStringLiteral("--json"), QStringLiteral("sync")}, data);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(!hub.requests(QStringLiteral("hf")).isEmpty());
        QVERIFY(!hub.requests(QStringLiteral("civitai")).isEmpty());
    }

    void aRunningAppSeesACliChangeAndNumbersItsNextChangeAfterIt()
    {
        const QString data = m_dir.filePath(QStringLiteral("clash-data"));
        QDir().mkpath(data);
        // What the desktop app holds open while it runs.
        Settings::SettingsCenter app(Settings::SettingsSchema::standard(Config::RuntimeConfig::defaults()),
                                     QDir(data).filePath(QStringLiteral("settings.sqlite")));
        QString error;
        QVERIFY2(app.open(&error), qPrintable(error));
        app.watchForOutsideChanges(std::chrono::milliseconds(50));
        QVERIFY(app.apply({{QStringLiteral("download.maxActive"), 6}}, Settings::ChangeSource::Gui).ok);

        const Run run =
            cli({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("download.maxPerHost=2")}, data);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("version 2")), qPrintable(run.out));
        QTRY_COMPARE_WITH_TIMEOUT(app.integer("download.maxPerHost"), 2, 5000);
        const Settings::ApplyResult next =
            app.apply({{QStringLiteral("download.bandwidthLimit"), 1000}}, Settings::ChangeSource::File);
        QVERIFY2(next.ok, qPrintable(next.errorString()));
        QCOMPARE(next.version, 3);
        QCOMPARE(app.history().at(1).source, QStringLiteral("cli"));
    }

    void getCreatesNoFolderAndNamesStoredValuesThatNoLongerValidate()
    {
        const QString data = m_dir.filePath(QStringLiteral("get-data"));
        const QString library = m_dir.filePath(QStringLiteral("get-library/models"));
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("set"),
                      QStringLiteral("library.libraryDir=") + library, QStringLiteral("download.maxActive=9")},
                     data)
                     .exitCode,
                 0);
        QVERIFY(QDir(m_dir.filePath(QStringLiteral("get-library"))).removeRecursively());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("older-build"));
            db.setDatabaseName(QDir(data).filePath(QStringLiteral("settings.sqlite")));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                QStringLiteral("UPDATE overrides SET value = '{\"v\":500}' WHERE key = 'download.maxActive'")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("older-build"));
        const Run run = cli({QStringLiteral("settings"), QStringLiteral("get")}, data);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!QFileInfo::exists(library));
        QVERIFY2(run.out.contains(QStringLiteral("library.libraryDir = ") + library), qPrintable(run.out));
        QVERIFY2(run.err.contains(QLatin1String("download.maxActive")) && run.err.contains(QLatin1String("default")),
                 qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("download.maxActive = 4")), qPrintable(run.out));
    }

    void exportTakesIncludeSecretsBeforeOrAfterTheFileAndImportSaysItCameFromTheCli()
    {
        const QString data = m_dir.filePath(QStringLiteral("export-data"));
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("network.hfToken=hf_exported")},
                     data)
                     .exitCode,
                 0);
        const QString after = m_dir.filePath(QStringLiteral("after.json"));
        const QString before = m_dir.filePath(QStringLiteral("before.json"));
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("export"), after, QStringLiteral("--include-secrets")},
                     data)
                     .exitCode,
                 0);
        QCOMPARE(
            cli({QStringLiteral("settings"), QStringLiteral("export"), QStringLiteral("--include-secrets"), before},
                data)
                .exitCode,
            0);
        for (const QString &path : {after, before}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(file.readAll().contains("hf_exported"), qPrintable(path));
        }
        QVERIFY(!QFileInfo::exists(QStringLiteral("--include-secrets")));
        // Tokens inside: only the owner may read the export, even where it replaced a file
        // others could read; the settings database that holds them is private too.
        const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        const QFileDevice::Permissions others =
            QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;
        QVERIFY(QFile::setPermissions(after, ownerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("export"), after, QStringLiteral("--include-secrets")},
                     data)
                     .exitCode,
                 0);
        for (const QString &path : {after, before}) {
            QVERIFY2(!(QFileInfo(path).permissions() & others), qPrintable(path));
            QVERIFY2(QFileInfo(path).permissions() & QFileDevice::ReadOwner, qPrintable(path));
        }
        for (const QString &name : {QStringLiteral("settings.sqlite"), QStringLiteral("settings.sqlite-wal")}) {
            const QString path = QDir(data).filePath(name);
            if (name.endsWith(QLatin1String("-wal")) && !QFileInfo::exists(path))
                continue;  // checkpointed away when the last connection closed
            QVERIFY2(QFileInfo::exists(path), qPrintable(path));
            QVERIFY2(!(QFileInfo(path).permissions() & others), qPrintable(path));
        }
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("export")}, data).exitCode, 2);

        const QString other = m_dir.filePath(QStringLiteral("import-data"));
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("import"), before}, other).exitCode, 0);
        const Run history =
            cli({QStringLiteral("--json"), QStringLiteral("settings"), QStringLiteral("history")}, other);
        const QJsonObject record =
            QJsonDocument::fromJson(history.out.split(QLatin1Char('\n')).first().toUtf8()).object();
        QCOMPARE(record.value(QLatin1String("source")).toString(), QStringLiteral("cli (file import)"));
    }

    void usageErrorsExitWith2()
    {
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("novalue")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("rollback"), QStringLiteral("x")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("no.such")}).exitCode, 2);
        // Options are read by the same parser as every other command's: an unknown one is named.
        const Run unknown = cli({QStringLiteral("settings"), QStringLiteral("history"), QStringLiteral("--since=3")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(QLatin1String("settings history: Unknown option 'since'")),
                 qPrintable(unknown.err));
        QVERIFY2(unknown.out.isEmpty(), qPrintable(unknown.out));
    }
};

QTEST_GUILESS_MAIN(TestCliSettings)
#include "tst_clisettings.moc"
