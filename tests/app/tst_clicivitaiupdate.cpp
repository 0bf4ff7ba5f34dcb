// `modeldock-cli update civitai:ID` and `rollback civitai:ID` as a script would run them:
// real binary, real library folder, the local test hub adding a version to the model.
#include "clirun.h"
#include "testhub.h"
#include "updates/libraryversions.h"
#include "util/sha256.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCliCivitaiUpdate : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    QTemporaryDir m_dir;
    qint64 m_model = 0;

    QString library() const { return m_dir.filePath(QStringLiteral("library")); }
    using Run = Cli::Result;
    Run cli(const QStringList &arguments)
    {
        return Cli::run(QStringList{QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("data")),
                                    QStringLiteral("--hf-endpoint"), m_hub.hfUrl().toString(),
                                    QStringLiteral("--civitai-endpoint"), m_hub.civitaiUrl().toString(),
                                    QStringLiteral("--hf-cache"), m_dir.filePath(QStringLiteral("hub")),
                                    QStringLiteral("--library"), library()} +
                        arguments);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        {
            // The hub's mutations are deterministic: a scratch hub tells which model changes.
            TestHub scout;
            QVERIFY2(scout.start(), qPrintable(scout.errorString()));
            m_model = qint64(scout.mutateCatalog(0, 1, 0)
                                 .value(QLatin1String("civitai"))
                                 .toObject()
                                 .value(QLatin1String("changed"))
                                 .toArray()
                                 .first()
                                 .toDouble());
        }
        QVERIFY(m_model > 0);
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
    }

    void updateSwitchesTheLibraryFileAndRollbackSwitchesBack()
    {
        const QString model = QStringLiteral("civitai:%1").arg(m_model);
        Run run = cli({QStringLiteral("download"), model});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const Updates::LibraryVersions versions(library());
        const Updates::LibraryVersion before = versions.current(m_model);
        QVERIFY(before.isValid());
        const QString visible = QDir(library()).filePath(before.primary);
        const QString oldSha = Util::Sha256::hexOfFile(visible);

        run = cli({QStringLiteral("update"), model});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.all().contains(QLatin1String("up to date")), qPrintable(run.all()));

        m_hub.mutateCatalog(0, 1, 0);
        run = cli({QStringLiteral("--json"), QStringLiteral("update"), model});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const QJsonObject result =
            QJsonDocument::fromJson(run.out.trimmed().split(QLatin1Char('\n')).last().toUtf8()).object();
        QVERIFY(result.value(QLatin1String("ok")).toBool());
        QCOMPARE(result.value(QLatin1String("from")).toString(), QString::number(before.versionId));
        const qint64 newVersion = result.value(QLatin1String("to")).toString().toLongLong();
        QVERIFY(newVersion > 0 && newVersion != before.versionId);
        QCOMPARE(versions.current(m_model).versionId, newVersion);
        QVERIFY(Util::Sha256::hexOfFile(visible) != oldSha);

        run = cli({QStringLiteral("rollback"), model});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.all().contains(QString::number(before.versionId)), qPrintable(run.all()));
        QCOMPARE(Util::Sha256::hexOfFile(visible), oldSha);
        QCOMPARE(versions.current(m_model).versionId, before.versionId);

        run = cli({QStringLiteral("rollback"), model});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("no earlier version")), qPrintable(run.err));
    }

    void wrongModelNamesAreUsageErrors()
    {
        const Run run = cli({QStringLiteral("update"), QStringLiteral("civitai:abc")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("civitai:MODEL_ID")), qPrintable(run.err));
        QCOMPARE(cli({QStringLiteral("rollback"), QStringLiteral("justaname")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliCivitaiUpdate)
#include "tst_clicivitaiupdate.moc"
