#include "../download/scopedtmpfs.h"
#include "clirun.h"
#include "download/datafolderlock.h"
#include "download/journal.h"
#include "hfcachecheck.h"
#include "testhub.h"
#include "util/sha256.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Runs the real modeldock-cli binary against the local test hub, as a user or a script would,
// and checks what they would check: exit codes, what is printed, and the files in the cache.
class TestCliDownload : public QObject
{
    Q_OBJECT
private:
    using Run = Cli::Result;

    TestHub m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    QHash<QString, QString> m_extraEnv;  // per test: more variables, or overrides
    const QString m_tiny = QStringLiteral("modeldock-demo/TinyStories-GGUF");

    QString cacheDir() const { return m_dir->filePath(QStringLiteral("hub")); }
    QString repoDir(const QString &repo) const { return HfCacheCheck::repoDir(cacheDir(), repo); }

    QProcessEnvironment environment(const QString &hfToken = {}) const
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(QStringLiteral("HF_HUB_CACHE"), cacheDir());
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), m_dir->filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("MODELDOCK_LIBRARY"), m_dir->filePath(QStringLiteral("library")));
        env.insert(QStringLiteral("HF_ENDPOINT"), m_hub.hfUrl().toString());
        env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), m_hub.civitaiUrl().toString());
        if (!hfToken.isEmpty())
            env.insert(QStringLiteral("HF_TOKEN"), hfToken);
        for (auto it = m_extraEnv.cbegin(); it != m_extraEnv.cend(); ++it)
            env.insert(it.key(), it.value());
        return env;
    }

    Run run(const QStringList &arguments, const QString &hfToken = {}, int timeoutMs = 40000)
    {
        return Cli::run(arguments, environment(hfToken), timeoutMs);
    }

    void verifySnapshot(const QString &repo, const QString &revision, const QStringList &files,
                        bool runSucceeded = true)
    {
        HfCacheCheck::verifySnapshot(m_hub, cacheDir(), repo, revision, files, runSucceeded);
    }

    QString journalPath() const { return m_dir->filePath(QStringLiteral("data/downloads.sqlite")); }
    // The bytes the journal holds for every task: what a restart can keep.
    qint64 journaledBytes() const
    {
        Download::Journal journal(journalPath());
        QList<Download::GroupRecord> groups;
        QList<Download::TaskRecord> tasks;
        if (!journal.open() || !journal.load(&groups, &tasks))
            return 0;
        qint64 bytes = 0;
        for (const Download::TaskRecord &task : std::as_const(tasks))
            bytes += Download::bytesWritten(task.segments);
        return bytes;
    }

    // Reads a running process's output until `needle` shows up (or the time is up).
    static bool waitForOutput(QProcess &process, QByteArray *seen, const QByteArray &needle, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        process.waitForStarted();
        while (!seen->contains(needle) && timer.elapsed() < timeoutMs && process.state() != QProcess::NotRunning) {
            process.waitForReadyRead(100);
            *seen += process.readAllStandardOutput() + process.readAllStandardError();
        }
        *seen += process.readAllStandardOutput() + process.readAllStandardError();
        return seen->contains(needle);
    }

    QJsonObject civitaiModel(int id)
    {
        QUrl url = m_hub.civitaiUrl();
        url.setPath(QStringLiteral("/api/v1/models/%1").arg(id));
        return QJsonDocument::fromJson(m_hub.get(url).body).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(Cli::binary()).isExecutable(), qPrintable(Cli::binary()));
        QVERIFY2(m_hub.start({QStringLiteral("--catalog"), QStringLiteral("demo"), QStringLiteral("--big-file-mb"),
                              QStringLiteral("24")}),
                 qPrintable(m_hub.errorString()));
    }

    void init()
    {
        m_extraEnv.clear();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(m_hub.reset());
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing to download")
            << QStringList{QStringLiteral("download")} << QStringLiteral("say what to download");
        QTest::newRow("a name without namespace") << QStringList{QStringLiteral("download"), QStringLiteral("llama")}
                                                  << QStringLiteral("\"llama\" is not something to download");
        QTest::newRow("all versions with a repository")
            << QStringList{QStringLiteral("download"), m_tiny, QStringLiteral("--all-versions")}
            << QStringLiteral("--all-versions applies");
        QTest::newRow("zero active downloads")
            << QStringList{QStringLiteral("download"), m_tiny, QStringLiteral("--max-active"), QStringLiteral("0")}
            << QStringLiteral("--max-active needs a whole number");
        QTest::newRow("a rate that is not a number")
            << QStringList{QStringLiteral("download"), m_tiny, QStringLiteral("--limit-rate"), QStringLiteral("fast")}
            << QStringLiteral("--limit-rate needs bytes per second");
        QTest::newRow("an unknown option") << QStringList{QStringLiteral("download"), m_tiny, QStringLiteral("--bogus")}
                                           << QStringLiteral("Unknown option 'bogus'.");
    }
    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run result = run(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY(m_hub.requests().isEmpty());  // nothing was asked of the hub
    }

    void theHelpSaysThatPerHostCountsFiles()
    {
        const Run help = run({QStringLiteral("help"), QStringLiteral("download")});
        QCOMPARE(help.exitCode, 0);
        const QString text = help.out + help.err;
        QVERIFY2(text.contains(QLatin1String("--per-host N         files downloading at once from one host")),
                 qPrintable(text));
        QVERIFY(!text.contains(QLatin1String("connections per host")));
    }

    void aRepositoryIsDownloadedIntoTheHuggingFaceCache()
    {
        const Run result = run({QStringLiteral("download"), m_tiny, QStringLiteral("--exclude"),
                                QStringLiteral("*Q4_K_M*"), QStringLiteral("--limit-rate"), QStringLiteral("64M")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        const QStringList files{QStringLiteral("README.md"),
                                QStringLiteral("config.json"),
                                QStringLiteral("extras/tokenizer_config.json"),
                                QStringLiteral("tinystories.Q2_K.gguf"),
                                QStringLiteral("tinystories.Q8_0.gguf"),
                                QStringLiteral(".gitattributes")};
        verifySnapshot(m_tiny, QStringLiteral("main"), files);
        QVERIFY2(result.all().contains(QLatin1String("6 of 6 file(s) verified")), qPrintable(result.all()));
        QVERIFY2(
            result.all().contains(QStringLiteral("finished: modeldock-demo/TinyStories-GGUF · tinystories.Q8_0.gguf")),
            qPrintable(result.all()));
        QVERIFY(!QFileInfo::exists(repoDir(m_tiny) + QStringLiteral("/blobs/") +
                                   m_hub.fileInfo(m_tiny, QStringLiteral("tinystories.Q4_K_M.gguf"))
                                       .value(QLatin1String("sha256"))
                                       .toString()));

        // Running it again finds everything in place and fetches nothing.
        QVERIFY(m_hub.reset());
        const Run again =
            run({QStringLiteral("download"), m_tiny, QStringLiteral("--exclude"), QStringLiteral("*Q4_K_M*")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(m_hub.requests(QStringLiteral("storage")).size(), 0);
    }

    // What scripts rely on: stdout holds only the local path of what was downloaded (so
    // `cd "$(modeldock-cli download ns/name)"` works); the rest is on stderr, and --quiet
    // leaves only what went wrong there.
    void stdoutNamesTheDownloadedModelAndStderrTheRest()
    {
        // Every command's options take "--option=VALUE" as well as "--option VALUE".
        const Run result =
            run({QStringLiteral("download"), m_tiny, QStringLiteral("--include=*Q2_K*"), QStringLiteral("--quiet")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        const QString commit =
            m_hub.fileInfo(m_tiny, QStringLiteral("tinystories.Q2_K.gguf")).value(QLatin1String("commit")).toString();
        QCOMPARE(result.out, repoDir(m_tiny) + QStringLiteral("/snapshots/") + commit + u'\n');
        QCOMPARE(result.err, QString());
        QVERIFY(QFileInfo(result.out.trimmed() + QStringLiteral("/tinystories.Q2_K.gguf")).isFile());

        // Without --quiet the story is told on stderr; the result line is the same. Not a
        // terminal: no cursor movement.
        const Run again = run({QStringLiteral("download"), m_tiny, QStringLiteral("--include"),
                               QStringLiteral("*Q2_K*"), QStringLiteral("--verbose")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
        QCOMPARE(again.out, result.out);
        QVERIFY2(again.err.contains(QLatin1String("1 of 1 file(s) verified")), qPrintable(again.err));
        QVERIFY2(again.err.contains(QLatin1String("modeldock.")), qPrintable(again.err));  // the debug log
        QVERIFY(!again.err.contains(QLatin1String("\x1b[")));

        // A Civitai file is named by itself, in the library.
        const Run civitai = run({QStringLiteral("download"), QStringLiteral("civitai:4202"), QStringLiteral("-q")});
        QVERIFY2(civitai.exitCode == 0, qPrintable(civitai.all()));
        const QString file = civitai.out.trimmed();
        QVERIFY2(file.startsWith(m_dir->filePath(QStringLiteral("library"))) &&
                     file.endsWith(QLatin1String(".safetensors")),
                 qPrintable(civitai.all()));
        QVERIFY(QFileInfo(file).isFile());
        QCOMPARE(civitai.all().count(u'\n'), 1);
    }

    void aBranchIsDownloadedWithItsRef()
    {
        const QString repo = QStringLiteral("cortexso/llama3.2");
        const Run result = run({QStringLiteral("download"), repo + QStringLiteral("@1b-gguf-q4-km")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        verifySnapshot(repo, QStringLiteral("1b-gguf-q4-km"),
                       {QStringLiteral("model.gguf"), QStringLiteral("model.yml")});
    }

    void aFailingFileIsNamedWhileTheOthersComplete()
    {
        QVERIFY(m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("hf")},
                                              {QStringLiteral("path"), QStringLiteral("tinystories.Q8_0.gguf")},
                                              {QStringLiteral("fault"), QStringLiteral("status")},
                                              {QStringLiteral("status"), 404}}) > 0);
        const Run result = run({QStringLiteral("download"), m_tiny, QStringLiteral("--include"),
                                QStringLiteral("*.json"), QStringLiteral("--include"), QStringLiteral("*Q8_0*"),
                                QStringLiteral("--include"), QStringLiteral("*Q2_K*")});
        QCOMPARE(result.exitCode, 1);
        const QStringList failures = result.err.split(QLatin1Char('\n')).filter(QStringLiteral("failed: "));
        QVERIFY2(!failures.isEmpty(), qPrintable(result.all()));
        for (const QString &line : failures) {
            QVERIFY2(line.contains(QLatin1String("tinystories.Q8_0.gguf: ")), qPrintable(line));
            QVERIFY2(line.trimmed().endsWith(QLatin1Char('.')), qPrintable(line));  // a sentence, not a code
        }
        QVERIFY2(result.all().contains(QLatin1String("3 of 4 file(s) verified")), qPrintable(result.all()));
        verifySnapshot(m_tiny, QStringLiteral("main"),
                       {QStringLiteral("config.json"), QStringLiteral("extras/tokenizer_config.json"),
                        QStringLiteral("tinystories.Q2_K.gguf")},
                       false);
    }

    void jsonModePrintsOneObjectPerLine()
    {
        const Run result =
            run({QStringLiteral("--json"), QStringLiteral("download"), QStringLiteral("cortexso/qwen2.5")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QSet<QString> events;
        QJsonObject summary;
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &line : lines) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
            QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), qPrintable(line));
            events.insert(doc.object().value(QLatin1String("event")).toString());
            if (doc.object().value(QLatin1String("event")).toString() == QLatin1String("summary"))
                summary = doc.object();
        }
        QVERIFY(events.contains(QStringLiteral("planned")));
        QVERIFY(events.contains(QStringLiteral("finished")));
        QCOMPARE(summary.value(QLatin1String("failed")).toInt(), 0);
        QCOMPARE(summary.value(QLatin1String("completed")).toInt(), summary.value(QLatin1String("files")).toInt());
        QVERIFY(summary.value(QLatin1String("files")).toInt() >= 3);
    }

    void aGatedRepositoryNeedsTheTokenWhichIsNeverShownNorSentToStorage()
    {
        const Run denied = run({QStringLiteral("download"), QStringLiteral("modeldock-demo/gated-llm")});
        QCOMPARE(denied.exitCode, 1);
        QVERIFY2(denied.err.contains(QLatin1String("modeldock-demo/gated-llm is a gated model")),
                 qPrintable(denied.err));
        // The CLI says where its user sets the token, not the desktop app's settings.
        QVERIFY2(denied.err.contains(QLatin1String("HF_TOKEN")) && !denied.err.contains(QLatin1String("settings")),
                 qPrintable(denied.err));

        QVERIFY(m_hub.reset());
        const Run allowed = run({QStringLiteral("download"), QStringLiteral("modeldock-demo/gated-llm")},
                                QStringLiteral("hf_test_valid"));
        QVERIFY2(allowed.exitCode == 0, qPrintable(allowed.out + allowed.err));
        QVERIFY(!QString(allowed.out + allowed.err).contains(QLatin1String("hf_test_valid")));
        const QJsonArray storage = m_hub.requests(QStringLiteral("storage"));
        QVERIFY(!storage.isEmpty());
        for (const QJsonValue &request : storage)
            QVERIFY(request[QLatin1String("headers")][QLatin1String("authorization")].toString().isEmpty());
    }

    // A user logged in with `hf auth login` (the token in $HF_HOME/token) downloads a gated
    // model with no HF_TOKEN and no ModelDock setting.
    void theTokenOfHfAuthLoginOpensAGatedRepository()
    {
        const QString home = m_dir->filePath(QStringLiteral("hf-home"));
        QVERIFY(QDir().mkpath(home));
        QFile token(home + QStringLiteral("/token"));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("hf_test_valid\n");
        token.close();
        QVERIFY(m_hub.reset());
        m_extraEnv.insert(QStringLiteral("HF_HOME"), home);
        m_extraEnv.insert(QStringLiteral("HF_HUB_CACHE"), cacheDir());  // HF_HOME would move the cache
        const Run allowed = run({QStringLiteral("download"), QStringLiteral("modeldock-demo/gated-llm"),
                                 QStringLiteral("--data-dir"), m_dir->filePath(QStringLiteral("data-login"))});
        m_extraEnv.clear();
        QVERIFY2(allowed.exitCode == 0, qPrintable(allowed.out + allowed.err));
        QVERIFY(!QString(allowed.out + allowed.err).contains(QLatin1String("hf_test_valid")));
        // The hub saw the file's token.
        bool sent = false;
        for (const QJsonValue &request : m_hub.requests(QStringLiteral("hf")))
            sent = sent || request[QLatin1String("headers")][QLatin1String("authorization")].toString() ==
                               QLatin1String("Bearer hf_test_valid");
        QVERIFY(sent);
    }

    void aCivitaiModelLandsInTheLibraryWithSidecarAndPreview()
    {
        const Run result = run({QStringLiteral("download"), QStringLiteral("civitai:4202")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QDir lora(m_dir->filePath(QStringLiteral("library/Checkpoint")));
        const QStringList models = lora.entryList({QStringLiteral("*.safetensors")}, QDir::Files);
        QCOMPARE(models.size(), 1);
        const QString stem = models.first().section(QLatin1Char('.'), 0, -2);
        QFile sidecar(lora.filePath(stem + QStringLiteral(".modeldock.json")));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject meta = QJsonDocument::fromJson(sidecar.readAll()).object();
        QCOMPARE(meta.value(QLatin1String("modelId")).toInteger(), 4202);
        QCOMPARE(meta.value(QLatin1String("sha256")).toString(),
                 Util::Sha256::hexOfFile(lora.filePath(models.first())));
        QVERIFY(QFileInfo(lora.filePath(stem + QStringLiteral(".preview.png"))).size() > 0);
    }

    void aCivitaiVersionsOtherFilesArePickedWithInclude()
    {
        // Since 2026 a version may carry several model files (here: the primary, an fp8 and a
        // GGUF file). Without --include the primary is taken and the others are named.
        const Run plain = run({QStringLiteral("download"), QStringLiteral("civitai:4202@420102")});
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.out + plain.err));
        const QString said = plain.out + plain.err;
        QVERIFY2(said.contains(QLatin1String("took the primary file")) &&
                     said.contains(QLatin1String("_fp8.safetensors")) && said.contains(QLatin1String("--include")),
                 qPrintable(said));
        const Run fp8 = run({QStringLiteral("download"), QStringLiteral("civitai:4202@420102"),
                             QStringLiteral("--include"), QStringLiteral("*fp8*")});
        QVERIFY2(fp8.exitCode == 0, qPrintable(fp8.out + fp8.err));
        QDir checkpoints(m_dir->filePath(QStringLiteral("library/Checkpoint")));
        const QStringList picked = checkpoints.entryList({QStringLiteral("*fp8*.safetensors")}, QDir::Files);
        QCOMPARE(picked.size(), 1);
        QFile sidecar(
            checkpoints.filePath(picked.first().section(QLatin1Char('.'), 0, -2) + QStringLiteral(".modeldock.json")));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(sidecar.readAll()).object().value(QLatin1String("sha256")).toString(),
                 Util::Sha256::hexOfFile(checkpoints.filePath(picked.first())));
        const Run none = run({QStringLiteral("download"), QStringLiteral("civitai:4202@420102"),
                              QStringLiteral("--include"), QStringLiteral("*.nothing")});
        QCOMPARE(none.exitCode, 1);
        const QString refusal = none.out + none.err;
        QVERIFY2(refusal.contains(QLatin1String("no file matches --include/--exclude")), qPrintable(refusal));
    }

    void anInterruptedDownloadResumesWithARangeRequest()
    {
        const QString big = QStringLiteral("tinystories.Q4_K_M.gguf");
        const QString sha = m_hub.fileInfo(m_tiny, big).value(QLatin1String("sha256")).toString();
        // Slow enough (2 MiB/s for 24 MiB) to be killed in the middle.
        QVERIFY(m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("storage")},
                                              {QStringLiteral("path"), QString(QStringLiteral("/lfs/") + sha)},
                                              {QStringLiteral("count"), 1},
                                              {QStringLiteral("fault"), QStringLiteral("slow")},
                                              {QStringLiteral("rate"), 2 * 1024 * 1024}}) > 0);
        const QStringList arguments{QStringLiteral("download"), m_tiny, QStringLiteral("--include"), big};
        QProcess first;
        first.setProcessEnvironment(environment());
        first.start(Cli::binary(), arguments);
        QVERIFY(first.waitForStarted());
        QByteArray firstOutput;
        QTRY_VERIFY_WITH_TIMEOUT(
            (firstOutput += first.readAllStandardOutput() + first.readAllStandardError()).contains("started: "), 15000);
        // Several MiB arrive and are flushed to the journal.
        QTRY_VERIFY_WITH_TIMEOUT(journaledBytes() >= 4 * 1024 * 1024, 20000);
        first.kill();  // SIGKILL: no chance to clean up, like a crash or power loss
        QVERIFY(first.waitForFinished());
        QVERIFY(QFileInfo::exists(repoDir(m_tiny) + QStringLiteral("/blobs/") + sha +
                                  QStringLiteral(".modeldock.incomplete")));

        QVERIFY(m_hub.reset());
        const Run second = run(arguments);
        QVERIFY2(second.exitCode == 0, qPrintable(second.out + second.err));
        verifySnapshot(m_tiny, QStringLiteral("main"), {big});
        bool resumed = false;
        for (const QJsonValue &request : m_hub.requests(QStringLiteral("storage"))) {
            const QString range = request[QLatin1String("headers")][QLatin1String("range")].toString();
            if (range.startsWith(QLatin1String("bytes=")) && !range.startsWith(QLatin1String("bytes=0-")))
                resumed = true;
        }
        QVERIFY2(resumed, "the second run did not ask for the rest of the file with a Range request");
    }

    void aFileDeletedAfterItsDownloadIsFetchedAgain()
    {
        const QString repo = QStringLiteral("lora-pack/style-lora-003");
        const QStringList files{QStringLiteral("style-lora-003.safetensors"), QStringLiteral("README.md")};
        const Run first = run({QStringLiteral("download"), repo});
        QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
        QVERIFY(QDir(cacheDir()).removeRecursively());

        QVERIFY(m_hub.reset());
        const Run again = run({QStringLiteral("download"), repo});
        QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
        QVERIFY2(again.all().contains(QLatin1String("2 of 2 file(s) verified")), qPrintable(again.all()));
        verifySnapshot(repo, QStringLiteral("main"), files);
        QCOMPARE(m_hub.requests(QStringLiteral("storage")).size(), 1);
    }

    void otherUnfinishedDownloadsInTheJournalAreLeftAlone()
    {
        // The desktop app left a download queued in the same data folder.
        const QJsonObject other =
            m_hub.fileInfo(QStringLiteral("lora-pack/style-lora-010"), QStringLiteral("style-lora-010.safetensors"));
        Download::TaskRecord queued;
        queued.id = 1;
        queued.group = 1;
        queued.request.url =
            QUrl(m_hub.hfUrl().toString() + QStringLiteral("/lora-pack/style-lora-010/resolve/") +
                 other.value(QLatin1String("commit")).toString() + QStringLiteral("/style-lora-010.safetensors"));
        queued.request.displayName = QStringLiteral("lora-pack/style-lora-010 · style-lora-010.safetensors");
        queued.request.expectedSha256 = other.value(QLatin1String("sha256")).toString();
        queued.request.destination.root = m_dir->filePath(QStringLiteral("elsewhere"));
        queued.request.destination.relativePath = QStringLiteral("style-lora-010.safetensors");
        {
            QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("data"))));
            Download::Journal journal(journalPath());
            QVERIFY(journal.open());
            QVERIFY(journal.addGroup(1, QStringLiteral("desktop pack")));
            QVERIFY(journal.saveTask(queued));
        }
        const Run result = run({QStringLiteral("download"), QStringLiteral("lora-pack/style-lora-003")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QVERIFY2(!result.all().contains(QLatin1String("Paused")), qPrintable(result.all()));

        Download::Journal journal(journalPath());
        QVERIFY(journal.open());
        QList<Download::GroupRecord> groups;
        QList<Download::TaskRecord> tasks;
        QVERIFY(journal.load(&groups, &tasks));
        QCOMPARE(tasks.size(), 3);  // the app's task, and the CLI's two under ids of their own
        for (const Download::TaskRecord &task : std::as_const(tasks)) {
            if (task.id != 1)
                continue;
            QCOMPARE(task.state, Download::TaskState::Queued);
            QCOMPARE(task.request, queued.request);
        }
        for (const QJsonValue &request : m_hub.requests())
            QVERIFY(!request[QLatin1String("path")].toString().contains(QLatin1String("style-lora-010")));
    }

    void aSecondProcessWithTheSameDataFolderIsToldWhoHasIt()
    {
        QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("data"))));
        Download::DataFolderLock lock;
        QString error;
        QVERIFY2(lock.lock(m_dir->filePath(QStringLiteral("data")), QStringLiteral("test"), &error), qPrintable(error));
        const Run result = run({QStringLiteral("download"), QStringLiteral("lora-pack/style-lora-003")});
        QCOMPARE(result.exitCode, 1);
        const QString expected =
            QStringLiteral("ModelDock is already downloading with this data folder (pid %1); close it")
                .arg(QCoreApplication::applicationPid());
        QVERIFY2(result.err.contains(expected) && result.err.contains(QLatin1String("--data-dir")),
                 qPrintable(result.err));
        QVERIFY(m_hub.requests().isEmpty());
    }

    void aFullDiskIsSaidOnceAndTheDownloadResumesByItself()
    {
        ScopedTmpfs disk(80);  // room for the free-space check's margin, then filled up
        if (!disk.isMounted())
            QSKIP(qPrintable(disk.error()));
        m_extraEnv.insert(QStringLiteral("HF_HUB_CACHE"), disk.path());
        const QString file = QStringLiteral("tinystories.Q8_0.gguf");
        const QString sha = m_hub.fileInfo(m_tiny, file).value(QLatin1String("sha256")).toString();
        QVERIFY(m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("storage")},
                                              {QStringLiteral("path"), QString(QStringLiteral("/lfs/") + sha)},
                                              {QStringLiteral("count"), 1},
                                              {QStringLiteral("fault"), QStringLiteral("slow")},
                                              {QStringLiteral("rate"), 256 * 1024}}) > 0);
        QProcess cli;
        cli.setProcessEnvironment(environment());
        cli.start(Cli::binary(), {QStringLiteral("download"), m_tiny, QStringLiteral("--include"), file});
        QByteArray out;
        QVERIFY2(waitForOutput(cli, &out, "started: ", 15000), out.constData());
        const QString filler = disk.fill(0);
        QVERIFY2(waitForOutput(cli, &out, "resumes by itself", 15000), out.constData());
        QVERIFY2(out.contains("The disk is full") &&
                     out.contains(QString(QStringLiteral("Free space on ") + disk.path()).toUtf8()),
                 out.constData());
        QVERIFY(QFile::remove(filler));
        QVERIFY(cli.waitForFinished(20000));
        out += cli.readAllStandardOutput() + cli.readAllStandardError();
        QCOMPARE(cli.exitCode(), 0);
        QCOMPARE(out.count("resumes by itself"), 1);
        QVERIFY2(out.contains("1 of 1 file(s) verified"), out.constData());
        QCOMPARE(Util::Sha256::hexOfFile(disk.path() +
                                         QStringLiteral("/models--modeldock-demo--TinyStories-GGUF/blobs/") + sha),
                 sha);
    }

    void aWriteErrorOfAFullDiskIsSaidAndTheDownloadResumesWithoutAMount()
    {
        // Without mount permission (CI) the kernel's full device stands in for the disk: the
        // partial file is a link to /dev/full until the test "frees space" by removing it.
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full");
        const QString repo = QStringLiteral("lora-pack/style-lora-003");
        const QString sha = m_hub.fileInfo(repo, QStringLiteral("style-lora-003.safetensors"))
                                .value(QLatin1String("sha256"))
                                .toString();
        const QString partial =
            repoDir(repo) + QStringLiteral("/blobs/") + sha + QStringLiteral(".modeldock.incomplete");
        QVERIFY(QDir().mkpath(repoDir(repo) + QStringLiteral("/blobs")));
        QVERIFY(QFile::link(QStringLiteral("/dev/full"), partial));
        QProcess cli;
        cli.setProcessEnvironment(environment());
        cli.start(Cli::binary(), {QStringLiteral("download"), repo});
        QByteArray out;
        QVERIFY2(waitForOutput(cli, &out, "resumes by itself", 15000), out.constData());
        QVERIFY(out.contains("paused: The disk is full"));
        QVERIFY(QFile::remove(partial));
        QVERIFY(cli.waitForFinished(20000));
        out += cli.readAllStandardOutput() + cli.readAllStandardError();
        QVERIFY2(cli.exitCode() == 0, out.constData());
        verifySnapshot(repo, QStringLiteral("main"),
                       {QStringLiteral("style-lora-003.safetensors"), QStringLiteral("README.md")});
    }

    void aCivitaiFileNameAnotherModelHasGetsTheVersionId()
    {
        const QJsonObject model = civitaiModel(4202);
        const QJsonObject version = model.value(QLatin1String("modelVersions")).toArray().at(0).toObject();
        const qint64 versionId = version.value(QLatin1String("id")).toInteger();
        QString name;
        for (const QJsonValue &f : version.value(QLatin1String("files")).toArray()) {
            if (f[QLatin1String("primary")].toBool())
                name = f[QLatin1String("name")].toString();
        }
        QVERIFY(name.endsWith(QLatin1String(".safetensors")));
        const QString stem = name.chopped(12);
        // Another model's file is in the library under that very name.
        const QDir folder(m_dir->filePath(QStringLiteral("library/Checkpoint")));
        QVERIFY(QDir().mkpath(folder.path()));
        QFile theirs(folder.filePath(name));
        QVERIFY(theirs.open(QIODevice::WriteOnly) && theirs.write("another model's weights") > 0);
        theirs.close();
        QFile theirSidecar(folder.filePath(stem + QStringLiteral(".modeldock.json")));
        QVERIFY(theirSidecar.open(QIODevice::WriteOnly));
        theirSidecar.write(
            QJsonDocument(QJsonObject{{QStringLiteral("modelId"), 9999}, {QStringLiteral("versionId"), 99990}})
                .toJson());
        theirSidecar.close();

        const Run result = run({QStringLiteral("download"), QStringLiteral("civitai:4202")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QFile untouched(folder.filePath(name));
        QVERIFY(untouched.open(QIODevice::ReadOnly));
        QCOMPARE(untouched.readAll(), QByteArray("another model's weights"));
        const QString ours = stem + QStringLiteral("-v%1").arg(versionId);
        QCOMPARE(Util::Sha256::hexOfFile(folder.filePath(ours + QStringLiteral(".safetensors"))),
                 version.value(QLatin1String("files"))
                     .toArray()
                     .at(0)[QLatin1String("hashes")][QLatin1String("SHA256")]
                     .toString()
                     .toLower());
        QFile sidecar(folder.filePath(ours + QStringLiteral(".modeldock.json")));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject meta = QJsonDocument::fromJson(sidecar.readAll()).object();
        QCOMPARE(meta.value(QLatin1String("renamedFrom")).toString(), name);
        QCOMPARE(meta.value(QLatin1String("versionId")).toInteger(), versionId);
        QVERIFY(QFileInfo::exists(folder.filePath(ours + QStringLiteral(".preview.png"))));

        // Downloading the same version again finds it under its own name: nothing fetched.
        QVERIFY(m_hub.reset());
        const Run again = run({QStringLiteral("download"), QStringLiteral("civitai:4202")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
        QCOMPARE(m_hub.requests(QStringLiteral("storage")).size(), 0);
    }

    void aCivitaiTokenStaysWithCivitai()
    {
        const Run denied = run({QStringLiteral("download"), QStringLiteral("civitai:4204")});
        QCOMPARE(denied.exitCode, 1);
        QVERIFY2(denied.all().contains(QLatin1String("CIVITAI_API_TOKEN")), qPrintable(denied.all()));

        QVERIFY(m_hub.reset());
        m_extraEnv.insert(QStringLiteral("CIVITAI_API_TOKEN"), QStringLiteral("civitai_test_token"));
        const Run allowed = run({QStringLiteral("download"), QStringLiteral("civitai:4204")});
        QVERIFY2(allowed.exitCode == 0, qPrintable(allowed.out + allowed.err));
        QVERIFY(!QString(allowed.out + allowed.err).contains(QLatin1String("civitai_test_token")));
        bool sentToCivitai = false;
        for (const QJsonValue &request : m_hub.requests(QStringLiteral("civitai"))) {
            if (request[QLatin1String("path")].toString().startsWith(QLatin1String("/api/download/")))
                sentToCivitai = request[QLatin1String("headers")][QLatin1String("authorization")].toString() ==
                                QLatin1String("Bearer civitai_test_token");
        }
        QVERIFY(sentToCivitai);
        const QJsonArray storage = m_hub.requests(QStringLiteral("storage"));
        QVERIFY(!storage.isEmpty());
        for (const QJsonValue &request : storage) {
            QVERIFY(request[QLatin1String("headers")][QLatin1String("authorization")].toString().isEmpty());
            QVERIFY(!request[QLatin1String("path")].toString().contains(QLatin1String("token=")));
            QVERIFY(!request[QLatin1String("path")].toString().contains(QLatin1String("civitai_test_token")));
        }
    }

    void aCorruptedSmallGitFileFailsWithItsGitBlobIdNamed()
    {
        QVERIFY(m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("hf")},
                                              {QStringLiteral("path"), QStringLiteral("config.json")},
                                              {QStringLiteral("fault"), QStringLiteral("corrupt_byte")},
                                              {QStringLiteral("offset"), 5},
                                              {QStringLiteral("count"), 2}}) > 0);
        const Run result =
            run({QStringLiteral("download"), m_tiny, QStringLiteral("--include"), QStringLiteral("config.json")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.all().contains(QLatin1String("git blob id")), qPrintable(result.all()));
        QVERIFY(!QFileInfo::exists(repoDir(m_tiny) + QStringLiteral("/snapshots")));
    }
};

QTEST_GUILESS_MAIN(TestCliDownload)
#include "tst_clidownload.moc"
