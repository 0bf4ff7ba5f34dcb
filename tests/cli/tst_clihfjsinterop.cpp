#include "clirun.h"
#include "hfcachecheck.h"
#include "testhub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The Hugging Face cache is shared: the official JavaScript client (@huggingface/hub, installed
// from npm into the build folder) reads what modeldock-cli downloaded, and modeldock-cli reuses
// what that client downloaded. Skipped when node is not installed.
class TestCliHfJsInterop : public QObject
{
    Q_OBJECT
private:
    using Run = Cli::Result;

    TestHub m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;

    QString cacheDir() const { return m_dir->filePath(QStringLiteral("hub")); }

    Run run(const QStringList &arguments)
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(QStringLiteral("HF_HUB_CACHE"), cacheDir());
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), m_dir->filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("MODELDOCK_LIBRARY"), m_dir->filePath(QStringLiteral("library")));
        env.insert(QStringLiteral("HF_ENDPOINT"), m_hub.hfUrl().toString());
        env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), m_hub.civitaiUrl().toString());
        return Cli::run(arguments, env, 40000);
    }

    void verifySnapshot(const QString &repo, const QString &revision, const QStringList &files)
    {
        HfCacheCheck::verifySnapshot(m_hub, cacheDir(), repo, revision, files);
    }

    bool nodeReady(QString *why)
    {
        if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty()) {
            *why = QStringLiteral("node is not installed");
            return false;
        }
        // Installed into the build directory (MODELDOCK_HFJS_DIR), shared with the conformance test.
        QProcess npm;
        npm.start(QStringLiteral("bash"),
                  {qEnvironmentVariable("MODELDOCK_SOURCE_DIR") + QStringLiteral("/tests/hub/conformance/run.sh"),
                   QStringLiteral("--install-only"), qEnvironmentVariable("MODELDOCK_HFJS_DIR")});
        if (!npm.waitForFinished(90000) || npm.exitCode() != 0) {
            *why = QStringLiteral("installing @huggingface/hub failed: ") +
                   QString::fromUtf8(npm.readAllStandardError()).left(300);
            return false;
        }
        return true;
    }

    QJsonObject node(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HFHUB_PACKAGE_DIR"), qEnvironmentVariable("MODELDOCK_HFJS_DIR"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral("node"), QStringList{qEnvironmentVariable("MODELDOCK_SOURCE_DIR") +
                                                          QStringLiteral("/tests/cli/interop/hfcache.mjs")} +
                                                  arguments);
        if (!process.waitForFinished(40000) || process.exitCode() != 0)
            qWarning("node failed: %s", process.readAllStandardError().constData());
        // The library prints progress lines of its own; the script's answer is the last line.
        const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
        return QJsonDocument::fromJson(lines.last()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(Cli::binary()).isExecutable(), qPrintable(Cli::binary()));
        QVERIFY2(m_hub.start({QStringLiteral("--catalog"), QStringLiteral("demo")}), qPrintable(m_hub.errorString()));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void theOfficialJsClientSeesWhatModelDockDownloaded()
    {
        QString why;
        if (!nodeReady(&why))
            QSKIP(qPrintable(why));
        const QString repo = QStringLiteral("cortexso/llama3.2");
        const Run result = run({QStringLiteral("download"), repo + QStringLiteral("@1b-gguf-q8-0")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        const QJsonObject scan = node({QStringLiteral("scan"), cacheDir()});
        QVERIFY2(scan.value(QLatin1String("warnings")).toArray().isEmpty(), QJsonDocument(scan).toJson().constData());
        const QJsonArray repos = scan.value(QLatin1String("repos")).toArray();
        QCOMPARE(repos.size(), 1);
        QCOMPARE(repos.at(0)[QLatin1String("name")].toString(), repo);
        const QJsonObject revision = repos.at(0)[QLatin1String("revisions")].toArray().at(0).toObject();
        QCOMPARE(revision.value(QLatin1String("refs")).toArray(), QJsonArray{QStringLiteral("1b-gguf-q8-0")});
        QHash<QString, qint64> sizes;
        for (const QJsonValue &file : revision.value(QLatin1String("files")).toArray())
            sizes.insert(file[QLatin1String("path")].toString(), file[QLatin1String("size")].toInteger());
        for (const QString &path :
             {QStringLiteral("model.gguf"), QStringLiteral("model.yml"), QStringLiteral(".gitattributes")})
            QCOMPARE(
                sizes.value(path, -1),
                m_hub.fileInfo(repo, path, QStringLiteral("1b-gguf-q8-0")).value(QLatin1String("size")).toInteger());
    }

    void whatTheOfficialJsClientDownloadedIsNotFetchedAgain()
    {
        QString why;
        if (!nodeReady(&why))
            QSKIP(qPrintable(why));
        const QString repo = QStringLiteral("lora-pack/style-lora-007");
        const QJsonObject snapshot = node({QStringLiteral("snapshot"), m_hub.hfUrl().toString(), repo, cacheDir()});
        QVERIFY2(!snapshot.value(QLatin1String("path")).toString().isEmpty(), "snapshotDownload failed");
        QVERIFY(m_hub.reset());

        const Run result = run({QStringLiteral("download"), repo});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        for (const QJsonValue &request : m_hub.requests()) {
            const QString path = request[QLatin1String("path")].toString();
            QVERIFY2(!path.contains(QLatin1String("/resolve/")), qPrintable(path));
        }
        QCOMPARE(m_hub.requests(QStringLiteral("storage")).size(), 0);
        verifySnapshot(repo, QStringLiteral("main"),
                       {QStringLiteral("style-lora-007.safetensors"), QStringLiteral("README.md")});
    }
};

QTEST_GUILESS_MAIN(TestCliHfJsInterop)
#include "tst_clihfjsinterop.moc"
