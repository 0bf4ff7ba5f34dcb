#include "clirun.h"
#include "testhub.h"
#include "util/sha256.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// Library layouts (issue 13), as a user of ComfyUI, AUTOMATIC1111 or Stability Matrix checks
// them: the real modeldock-cli downloads a Civitai LoRA and a checkpoint from the test hub,
// and each file must be in the folder that program reads, with the sidecars beside it that
// those programs read (the preview image, Civitai Helper's .civitai.info, A1111's card).
class TestCliLibraryLayout : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;

    QString library() const { return m_dir->filePath(QStringLiteral("library")); }

    QProcessEnvironment environment(const QHash<QString, QString> &extra = {}) const
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(QStringLiteral("HF_HUB_CACHE"), m_dir->filePath(QStringLiteral("hub")));
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), m_dir->filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("MODELDOCK_LIBRARY"), library());
        env.insert(QStringLiteral("HF_ENDPOINT"), m_hub.hfUrl().toString());
        env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), m_hub.civitaiUrl().toString());
        for (auto it = extra.cbegin(); it != extra.cend(); ++it)
            env.insert(it.key(), it.value());
        return env;
    }

    Cli::Result run(const QStringList &arguments, const QHash<QString, QString> &extra = {})
    {
        return Cli::run(arguments, environment(extra), 40000);
    }

    // The newest version of a Civitai model as the hub lists it.
    QJsonObject newestVersion(int modelId)
    {
        QUrl url = m_hub.civitaiUrl();
        url.setPath(QStringLiteral("/api/v1/models/%1").arg(modelId));
        return QJsonDocument::fromJson(m_hub.get(url).body)
            .object()
            .value(QLatin1String("modelVersions"))
            .toArray()
            .at(0)
            .toObject();
    }

    static QString primaryName(const QJsonObject &version)
    {
        for (const QJsonValue &file : version.value(QLatin1String("files")).toArray()) {
            if (file[QLatin1String("primary")].toBool())
                return file[QLatin1String("name")].toString();
        }
        return {};
    }

    static QJsonObject readJson(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    }

    // Every file under the library, relative to it: nothing may land anywhere else.
    QStringList filesInLibrary() const
    {
        QStringList files;
        for (QDirIterator it(library(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();)
            files << QDir(library()).relativeFilePath(it.next());
        files.sort();
        return files;
    }

    // The model's file in `folder`, verified, with ModelDock's sidecar, the preview, the
    // .civitai.info Civitai Helper reads and, for A1111, the card. Returns the file's stem.
    void verifyInFolder(int modelId, const QString &folder, bool webUiCard)
    {
        const QJsonObject version = newestVersion(modelId);
        const QString name = primaryName(version);
        QVERIFY(!name.isEmpty());
        const QString stem = QDir(library()).filePath(folder + QLatin1Char('/') + name.chopped(12));  // .safetensors
        const QString file = stem + QStringLiteral(".safetensors");
        QVERIFY2(QFileInfo(file).isFile(), qPrintable(file + QStringLiteral(" in ") + filesInLibrary().join(u' ')));
        QCOMPARE(Util::Sha256::hexOfFile(file), version.value(QLatin1String("files"))
                                                    .toArray()
                                                    .at(0)[QLatin1String("hashes")][QLatin1String("SHA256")]
                                                    .toString()
                                                    .toLower());
        QCOMPARE(readJson(stem + QStringLiteral(".modeldock.json")).value(QLatin1String("modelId")).toInt(), modelId);
        // The first image of the version, a real PNG from the image host.
        QFile preview(stem + QStringLiteral(".preview.png"));
        QVERIFY2(preview.open(QIODevice::ReadOnly), qPrintable(preview.fileName()));
        QVERIFY(preview.read(8).startsWith("\x89PNG"));
        // Civitai Helper's file: the version object, in the shape of /api/v1/model-versions/{id}.
        const QJsonObject info = readJson(stem + QStringLiteral(".civitai.info"));
        QCOMPARE(info.value(QLatin1String("id")).toInteger(), version.value(QLatin1String("id")).toInteger());
        QCOMPARE(info.value(QLatin1String("modelId")).toInt(), modelId);
        QCOMPARE(info.value(QLatin1String("baseModel")), version.value(QLatin1String("baseModel")));
        QCOMPARE(info.value(QLatin1String("files")), version.value(QLatin1String("files")));
        QCOMPARE(info.value(QLatin1String("images")), version.value(QLatin1String("images")));
        QVERIFY(!info.value(QLatin1String("model")).toObject().value(QLatin1String("name")).toString().isEmpty());
        const QString card = stem + QStringLiteral(".json");
        QCOMPARE(QFileInfo::exists(card), webUiCard);
        if (!webUiCard)
            return;
        const QJsonObject metadata = readJson(card);
        QStringList words;
        for (const QJsonValue &word : version.value(QLatin1String("trainedWords")).toArray())
            words << word.toString();
        QCOMPARE(metadata.value(QLatin1String("activation text")).toString(), words.join(QStringLiteral(", ")));
        const QString base = version.value(QLatin1String("baseModel")).toString();
        QCOMPARE(metadata.value(QLatin1String("sd version")).toString(),
                 base.startsWith(QLatin1String("SDXL")) ? QStringLiteral("SDXL") : QStringLiteral("SD1"));
        QVERIFY(metadata.value(QLatin1String("preferred weight")).isDouble());
        QCOMPARE(metadata.value(QLatin1String("preferred weight")).toDouble(), 0.0);
        QVERIFY(metadata.contains(QLatin1String("description")));
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
        QVERIFY(m_hub.reset());
    }

    void eachLayoutPutsTheFilesWhereItsProgramLooks_data()
    {
        QTest::addColumn<QString>("how");  // how the layout is chosen
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("loras");
        QTest::addColumn<QString>("checkpoints");
        QTest::addColumn<bool>("webUiCard");
        QTest::newRow("ModelDock's own folders, the default")
            << QString() << QStringLiteral("modeldock") << QStringLiteral("Lora") << QStringLiteral("Checkpoint")
            << false;
        QTest::newRow("ComfyUI's models folders, with --library-layout")
            << QStringLiteral("option") << QStringLiteral("comfyui") << QStringLiteral("models/loras")
            << QStringLiteral("models/checkpoints") << false;
        QTest::newRow("AUTOMATIC1111's folders and cards, with MODELDOCK_LIBRARY_LAYOUT")
            << QStringLiteral("environment") << QStringLiteral("a1111") << QStringLiteral("models/Lora")
            << QStringLiteral("models/Stable-diffusion") << true;
        QTest::newRow("Stability Matrix's shared folders, from the stored setting")
            << QStringLiteral("setting") << QStringLiteral("stabilitymatrix") << QStringLiteral("Models/Lora")
            << QStringLiteral("Models/StableDiffusion") << false;
    }
    void eachLayoutPutsTheFilesWhereItsProgramLooks()
    {
        QFETCH(QString, how);
        QFETCH(QString, layout);
        QFETCH(QString, loras);
        QFETCH(QString, checkpoints);
        QFETCH(bool, webUiCard);
        QStringList options;
        QHash<QString, QString> env;
        if (how == QLatin1String("option")) {
            options = {QStringLiteral("--library-layout"), layout};
        } else if (how == QLatin1String("environment")) {
            env.insert(QStringLiteral("MODELDOCK_LIBRARY_LAYOUT"), layout);
        } else if (how == QLatin1String("setting")) {
            const Cli::Result set =
                run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("library.layout=") + layout});
            QVERIFY2(set.exitCode == 0, qPrintable(set.all()));
        }
        for (const QString &model : {QStringLiteral("civitai:4201"), QStringLiteral("civitai:4202")}) {
            const Cli::Result result = run(QStringList{QStringLiteral("download"), model} + options, env);
            QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        }
        verifyInFolder(4201, loras, webUiCard);
        verifyInFolder(4202, checkpoints, webUiCard);
        // Nothing else: no partial, no stray folder of another layout.
        for (const QString &path : filesInLibrary()) {
            QVERIFY2(path.startsWith(loras + QLatin1Char('/')) || path.startsWith(checkpoints + QLatin1Char('/')),
                     qPrintable(path));
            QVERIFY2(!path.endsWith(QLatin1String(".incomplete")), qPrintable(path));
        }
        // The same download again finds everything in place and fetches nothing.
        QVERIFY(m_hub.reset());
        const Cli::Result again =
            run(QStringList{QStringLiteral("download"), QStringLiteral("civitai:4201")} + options, env);
        QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
        QCOMPARE(m_hub.requests(QStringLiteral("storage")).size(), 0);
    }

    void aTypeFolderTheUserSetWinsOverTheLayout()
    {
        const Cli::Result set =
            run({QStringLiteral("settings"), QStringLiteral("set"),
                 QStringLiteral(R"(library.typeFolders={"LORA": "models/loras/civitai", "Controlnet": "cn"})")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.all()));
        for (const QString &model : {QStringLiteral("civitai:4201"), QStringLiteral("civitai:4202")}) {
            const Cli::Result result =
                run({QStringLiteral("download"), model, QStringLiteral("--library-layout"), QStringLiteral("comfyui")});
            QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        }
        verifyInFolder(4201, QStringLiteral("models/loras/civitai"), false);
        verifyInFolder(4202, QStringLiteral("models/checkpoints"), false);  // not set: the layout's

        // A folder outside the library is refused, and nothing is stored.
        const Cli::Result refused = run({QStringLiteral("settings"), QStringLiteral("set"),
                                         QStringLiteral(R"(library.typeFolders={"LORA": "../../outside"})")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QLatin1String("library.typeFolders")) &&
                     refused.err.contains(QLatin1String("..")),
                 qPrintable(refused.all()));
        const Cli::Result stored =
            run({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("library.typeFolders")});
        QVERIFY2(stored.all().contains(QLatin1String("models/loras/civitai")), qPrintable(stored.all()));
    }

    void anUnknownLayoutIsAWrongCommandLine()
    {
        const Cli::Result result = run({QStringLiteral("download"), QStringLiteral("civitai:4201"),
                                        QStringLiteral("--library-layout"), QStringLiteral("invokeai")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QLatin1String("--library-layout")) &&
                     result.err.contains(QLatin1String("comfyui")),
                 qPrintable(result.all()));
        QVERIFY(m_hub.requests(QStringLiteral("civitai")).isEmpty());
    }

    void aPreviewTheImageHostRefusesNeverFailsTheFile()
    {
        QVERIFY(m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("storage")},
                                              {QStringLiteral("path"), QStringLiteral("/images/")},
                                              {QStringLiteral("fault"), QStringLiteral("status")},
                                              {QStringLiteral("status"), 404}}) > 0);
        const Cli::Result result = run({QStringLiteral("download"), QStringLiteral("civitai:4202"),
                                        QStringLiteral("--library-layout"), QStringLiteral("comfyui")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        const QString stem = QDir(library()).filePath(QStringLiteral("models/checkpoints/") +
                                                      primaryName(newestVersion(4202)).chopped(12));
        QVERIFY(QFileInfo(stem + QStringLiteral(".safetensors")).isFile());
        QVERIFY(QFileInfo(stem + QStringLiteral(".civitai.info")).isFile());
        QVERIFY(!QFileInfo::exists(stem + QStringLiteral(".preview.png")));
        bool asked = false;
        for (const QJsonValue &request : m_hub.requests(QStringLiteral("storage")))
            asked = asked || request[QLatin1String("path")].toString().contains(QLatin1String("/images/"));
        QVERIFY(asked);  // it was tried, once the file was in place

        // A later run of the same download gets the preview it missed.
        QVERIFY(m_hub.reset());
        const Cli::Result again = run({QStringLiteral("download"), QStringLiteral("civitai:4202"),
                                       QStringLiteral("--library-layout"), QStringLiteral("comfyui")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
        QVERIFY(QFileInfo(stem + QStringLiteral(".preview.png")).size() > 0);
    }
};

QTEST_GUILESS_MAIN(TestCliLibraryLayout)
#include "tst_clilibrarylayout.moc"
