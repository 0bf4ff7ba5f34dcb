// `modeldock-cli settings` as a script would use it: real binary, real settings database.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCliSettings : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run cli(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("HF_TOKEN"));
        process.setProcessEnvironment(env);
        process.start(qEnvironmentVariable("MODELDOCK_BIN_DIR") + QStringLiteral("/modeldock-cli"),
                      QStringList{QStringLiteral("--data-dir"), m_dir.path()} + arguments);
        Run run;
        if (process.waitForFinished(30000)) {
            run.exitCode = process.exitCode();
            run.out = QString::fromUtf8(process.readAllStandardOutput());
            run.err = QString::fromUtf8(process.readAllStandardError());
        }
        return run;
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
        const QJsonObject values = QJsonDocument::fromJson(run.out.toUtf8()).object().value(QLatin1String("values")).toObject();
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

    void usageErrorsExitWith2()
    {
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("novalue")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("rollback"), QStringLiteral("x")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("no.such")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliSettings)
#include "tst_clisettings.moc"
