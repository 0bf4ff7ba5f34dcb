#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "library/storagelayout.h"
#include "net/session.h"
#include "plan/downloadplanner.h"
#include "plan/pathfilter.h"
#include "plan/requestbuilder.h"
#include "testhub.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using Download::Destination;
using Download::FileRequest;
using Plan::DownloadPlan;
using Plan::DownloadPlanner;
using Plan::DownloadTarget;

namespace {
const QString kTiny = QStringLiteral("modeldock-demo/TinyStories-GGUF");

QStringList paths(const DownloadPlan &plan)
{
    QStringList out;
    for (const FileRequest &file : plan.files)
        out << file.destination.relativePath;
    out.sort();
    return out;
}
}  // namespace

class TestDownloadPlanner : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    Net::Session m_session;
    std::unique_ptr<Hub::HuggingFaceClient> m_hf;
    std::unique_ptr<Hub::CivitaiClient> m_civitai;
    std::unique_ptr<DownloadPlanner> m_planner;
    const QString m_cache = QStringLiteral("/cache/hub");
    const QString m_library = QStringLiteral("/library");

    DownloadPlan plan(const QString &text, DownloadPlanner::Options options = {})
    {
        DownloadTarget target;
        QString error;
        if (!DownloadTarget::parse(text, &target, &error))
            qFatal("bad target in test: %s", qPrintable(error));
        options.hfCacheDir = m_cache;
        options.libraryDir = m_library;
        std::optional<DownloadPlan> result;
        m_planner->plan(target, options, this, [&result](const DownloadPlan &p) { result = p; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
            qFatal("the planner did not answer for %s", qPrintable(text));
        return *result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_hub.start({QStringLiteral("--catalog"), QStringLiteral("demo")}), qPrintable(m_hub.errorString()));
        m_hf = std::make_unique<Hub::HuggingFaceClient>(&m_session, m_hub.hfUrl());
        m_civitai = std::make_unique<Hub::CivitaiClient>(&m_session, m_hub.civitaiUrl());
        m_planner = std::make_unique<DownloadPlanner>(m_hf.get(), m_civitai.get());
    }

    void init() { m_session.credentials() = Net::Credentials(); }

    void targetsParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("display");
        QTest::newRow("a repository defaults to main")
            << QStringLiteral("cortexso/llama3.2") << true << QStringLiteral("cortexso/llama3.2");
        QTest::newRow("a repository at a branch") << QStringLiteral("cortexso/llama3.2@1b-gguf-q4-km") << true
                                                  << QStringLiteral("cortexso/llama3.2@1b-gguf-q4-km");
        QTest::newRow("a pull request revision")
            << QStringLiteral("a/b@refs/pr/1") << true << QStringLiteral("a/b@refs/pr/1");
        QTest::newRow("a Civitai model") << QStringLiteral("civitai:4201") << true << QStringLiteral("civitai:4201");
        QTest::newRow("a Civitai version")
            << QStringLiteral("civitai:4201@420007") << true << QStringLiteral("civitai:4201@420007");
        QTest::newRow("a collection") << QStringLiteral("collection:lora-pack/sixty-style-loras-0f8e") << true
                                      << QStringLiteral("collection:lora-pack/sixty-style-loras-0f8e");
        QTest::newRow("a name without namespace is refused") << QStringLiteral("llama") << false << QString();
        QTest::newRow("a climbing repository is refused") << QStringLiteral("../etc") << false << QString();
        QTest::newRow("a climbing revision is refused") << QStringLiteral("a/b@../../x") << false << QString();
        QTest::newRow("a non-numeric Civitai id is refused") << QStringLiteral("civitai:abc") << false << QString();
        QTest::newRow("an empty revision is refused") << QStringLiteral("a/b@") << false << QString();
    }
    void targetsParse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, display);
        DownloadTarget target;
        QString error;
        QCOMPARE(DownloadTarget::parse(text, &target, &error), valid);
        if (valid)
            QCOMPARE(target.displayName(), display);
        else
            QVERIFY(error.contains(text));
    }

    void globsMatchLikeHuggingFaceTools_data()
    {
        QTest::addColumn<QStringList>("includes");
        QTest::addColumn<QStringList>("excludes");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("no patterns keep everything")
            << QStringList() << QStringList() << QStringLiteral("a/b.bin") << true;
        QTest::newRow("a star crosses folders as in fnmatch")
            << QStringList{QStringLiteral("*.json")} << QStringList() << QStringLiteral("extras/t.json") << true;
        QTest::newRow("an include that does not match leaves the file out")
            << QStringList{QStringLiteral("*.gguf")} << QStringList() << QStringLiteral("README.md") << false;
        QTest::newRow("an exclude wins over an include")
            << QStringList{QStringLiteral("*.gguf")} << QStringList{QStringLiteral("*Q4_K_M*")}
            << QStringLiteral("t.Q4_K_M.gguf") << false;
        QTest::newRow("a folder pattern takes the whole folder")
            << QStringList{QStringLiteral("extras/")} << QStringList() << QStringLiteral("extras/t.json") << true;
        QTest::newRow("a question mark is one character")
            << QStringList{QStringLiteral("model-?.bin")} << QStringList() << QStringLiteral("model-10.bin") << false;
    }
    void globsMatchLikeHuggingFaceTools()
    {
        QFETCH(QStringList, includes);
        QFETCH(QStringList, excludes);
        QFETCH(QString, path);
        QFETCH(bool, accepted);
        QCOMPARE(Plan::PathFilter(includes, excludes).accepts(path), accepted);
    }

    void aHostileTreeEntryIsRefusedWithASentence_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("a climbing path") << QStringLiteral("../../.bashrc");
        QTest::newRow("an absolute path") << QStringLiteral("/etc/passwd");
        QTest::newRow("a backslash path") << QStringLiteral("..\\..\\x");
    }
    void aHostileTreeEntryIsRefusedWithASentence()
    {
        QFETCH(QString, path);
        Hub::HfTreeEntry entry;
        entry.path = path;
        entry.size = 10;
        entry.oid = QString(40, QLatin1Char('a'));
        FileRequest request;
        QString error;
        QVERIFY(!Plan::RequestBuilder::hfFile(QUrl(QStringLiteral("https://huggingface.co")), m_cache,
                                              QStringLiteral("evil/repo"), QStringLiteral("main"),
                                              QString(40, QLatin1Char('b')), entry, &request, &error));
        QVERIFY2(error.startsWith(QLatin1String("evil/repo: Refused the file name")), qPrintable(error));
        QVERIFY(request.url.isEmpty());
    }

    void resolveUrlsEncodeEachPathSegment()
    {
        const QUrl url = Plan::RequestBuilder::hfResolveUrl(QUrl(QStringLiteral("https://hf.example/mirror/")),
                                                            QStringLiteral("a/b"), QStringLiteral("c0ffee"),
                                                            QStringLiteral("sub dir/#1?.gguf"));
        QCOMPARE(url.toString(QUrl::FullyEncoded),
                 QStringLiteral("https://hf.example/mirror/a/b/resolve/c0ffee/sub%20dir/%231%3F.gguf"));
    }

    void aRepositoryIsPlannedAtItsCommit_data()
    {
        QTest::addColumn<QStringList>("includes");
        QTest::addColumn<QStringList>("excludes");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("every file without patterns")
            << QStringList() << QStringList()
            << QStringList{QStringLiteral(".gitattributes"),        QStringLiteral("README.md"),
                           QStringLiteral("config.json"),           QStringLiteral("extras/tokenizer_config.json"),
                           QStringLiteral("tinystories.Q2_K.gguf"), QStringLiteral("tinystories.Q4_K_M.gguf"),
                           QStringLiteral("tinystories.Q8_0.gguf")};
        QTest::newRow("only GGUF files but not the big one")
            << QStringList{QStringLiteral("*.gguf")} << QStringList{QStringLiteral("*Q4_K_M*")}
            << QStringList{QStringLiteral("tinystories.Q2_K.gguf"), QStringLiteral("tinystories.Q8_0.gguf")};
        QTest::newRow("JSON files in the root and in a subfolder")
            << QStringList{QStringLiteral("*.json")} << QStringList()
            << QStringList{QStringLiteral("config.json"), QStringLiteral("extras/tokenizer_config.json")};
    }
    void aRepositoryIsPlannedAtItsCommit()
    {
        QFETCH(QStringList, includes);
        QFETCH(QStringList, excludes);
        QFETCH(QStringList, expected);
        DownloadPlanner::Options options;
        options.includes = includes;
        options.excludes = excludes;
        const DownloadPlan result = plan(kTiny, options);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QVERIFY(result.refused.isEmpty());
        QCOMPARE(result.name, kTiny);
        QCOMPARE(paths(result), expected);
        for (const FileRequest &file : result.files) {
            const Destination &d = file.destination;
            const QJsonObject info = m_hub.fileInfo(kTiny, d.relativePath);
            QCOMPARE(d.kind, Destination::Kind::HfCache);
            QCOMPARE(d.root, m_cache);
            QCOMPARE(d.repoId, kTiny);
            QCOMPARE(d.revision, QStringLiteral("main"));
            QCOMPARE(d.commit, info.value(QLatin1String("commit")).toString());
            QCOMPARE(file.expectedSize, info.value(QLatin1String("size")).toInteger());
            if (info.value(QLatin1String("lfs")).toBool()) {
                QCOMPARE(file.expectedSha256, info.value(QLatin1String("sha256")).toString());
                QCOMPARE(d.blobKey, file.expectedSha256);
            } else {
                // Small git files: the hub gives no SHA-256; they are checked by their git
                // blob id and stored under it, as huggingface_hub does.
                QVERIFY(file.expectedSha256.isEmpty());
                QCOMPARE(d.blobKey, info.value(QLatin1String("oid")).toString());
                QCOMPARE(file.expectedGitOid, d.blobKey);
            }
            QCOMPARE(file.url.toString(), m_hub.hfUrl().toString() + QLatin1Char('/') + kTiny +
                                              QStringLiteral("/resolve/") + d.commit + QLatin1Char('/') +
                                              d.relativePath);
            QVERIFY(Library::StorageLayout::validate(d, nullptr));
        }
    }

    void aBranchOfACortexRepositoryResolvesToThatBranchsCommit()
    {
        const QString repo = QStringLiteral("cortexso/llama3.2");
        const QString branch = QStringLiteral("1b-gguf-q8-0");
        const DownloadPlan result = plan(repo + QLatin1Char('@') + branch);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(paths(result), (QStringList{QStringLiteral(".gitattributes"), QStringLiteral("model.gguf"),
                                             QStringLiteral("model.yml")}));
        const QJsonObject info = m_hub.fileInfo(repo, QStringLiteral("model.gguf"), branch);
        const QJsonObject onMain = m_hub.fileInfo(repo, QStringLiteral("README.md"), QStringLiteral("main"));
        QVERIFY(info.value(QLatin1String("commit")).toString() != onMain.value(QLatin1String("commit")).toString());
        for (const FileRequest &file : result.files) {
            QCOMPARE(file.destination.revision, branch);
            QCOMPARE(file.destination.commit, info.value(QLatin1String("commit")).toString());
        }
    }

    void aCivitaiModelPlansItsLatestPrimaryFileAndPreview()
    {
        const DownloadPlan result = plan(QStringLiteral("civitai:4201"));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        // One request: the preview image and the sidecars travel with the file.
        QCOMPARE(result.files.size(), 1);
        const FileRequest &model = result.files.at(0);
        QCOMPARE(model.destination.kind, Destination::Kind::Library);
        QCOMPARE(model.destination.root, m_library);
        QVERIFY2(model.destination.relativePath.startsWith(QLatin1String("Lora/")),
                 qPrintable(model.destination.relativePath));
        QVERIFY(model.destination.relativePath.endsWith(QLatin1String(".safetensors")));
        QCOMPARE(model.url.path(), QStringLiteral("/api/download/models/420060"));
        QCOMPARE(model.expectedSha256.size(), 64);
        QCOMPARE(model.expectedSha256, model.expectedSha256.toLower());
        QVERIFY(model.expectedSize > 0);  // sizeKB * 1024 is a whole number here, so exact
        const QJsonObject sidecar = model.destination.sidecar;
        QCOMPARE(sidecar.value(QLatin1String("modelId")).toInteger(), 4201);
        QCOMPARE(sidecar.value(QLatin1String("versionId")).toInteger(), 420060);
        QCOMPARE(sidecar.value(QLatin1String("sha256")).toString(), model.expectedSha256);
        QVERIFY(sidecar.value(QLatin1String("trainedWords")).toArray().contains(QStringLiteral("demostyle60")));
        QVERIFY(!sidecar.value(QLatin1String("baseModel")).toString().isEmpty());
        QVERIFY(sidecar.value(QLatin1String("sourceUrl")).toString().contains(QLatin1String("/models/4201")));

        const QString stem = model.destination.relativePath.section(QLatin1Char('.'), 0, -2);
        QCOMPARE(model.previewPath, stem + QStringLiteral(".preview.png"));
        QVERIFY(model.previewUrl.isValid());
        QCOMPARE(sidecar.value(QLatin1String("previewFile")).toString(),
                 model.previewPath.section(QLatin1Char('/'), -1));
        // Civitai Helper's file: the version object, with its model as /model-versions/{id} has it.
        const QJsonObject info = model.destination.otherSidecars.value(QLatin1String(".civitai.info")).toObject();
        QCOMPARE(info.value(QLatin1String("id")).toInteger(), 420060);
        QCOMPARE(info.value(QLatin1String("modelId")).toInteger(), 4201);
        QCOMPARE(info.value(QLatin1String("model")).toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("LORA"));
        QVERIFY(!info.value(QLatin1String("files")).toArray().isEmpty());
        QVERIFY(!model.destination.otherSidecars.contains(QLatin1String(".json")));  // A1111's only
    }

    void aCivitaiPackIsPlannedAsAnArchiveToExtract()
    {
        const DownloadPlan pack = plan(QStringLiteral("civitai:4216"));
        QVERIFY2(pack.ok(), qPrintable(pack.error.message));
        QCOMPARE(pack.files.first().destination.relativePath, QStringLiteral("Wildcards/demoWildcards_v10.zip"));
        QCOMPARE(pack.files.size(), 1);  // its preview image comes with it (FileRequest::previewUrl)
        QVERIFY(pack.files.first().archive);
        const DownloadPlan lora = plan(QStringLiteral("civitai:4201"));
        QVERIFY2(lora.ok(), qPrintable(lora.error.message));
        QVERIFY(!lora.files.first().archive);
    }

    void whichCivitaiFilesAreArchives_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("archive");
        QTest::newRow("an Archive zip") << QStringLiteral("Archive") << QStringLiteral("poses.zip") << true;
        QTest::newRow("Training Data as a tar.gz")
            << QStringLiteral("Training Data") << QStringLiteral("set.tar.gz") << true;
        QTest::newRow("an older pack typed Model") << QStringLiteral("Model") << QStringLiteral("pack.7z") << true;
        QTest::newRow("a model file") << QStringLiteral("Model") << QStringLiteral("lora.safetensors") << false;
        QTest::newRow("an Archive that is no archive by name")
            << QStringLiteral("Archive") << QStringLiteral("x.safetensors") << false;
        QTest::newRow("a zip of another type") << QStringLiteral("Config") << QStringLiteral("cfg.zip") << false;
    }
    void whichCivitaiFilesAreArchives()
    {
        QFETCH(QString, type);
        QFETCH(QString, name);
        QFETCH(bool, archive);
        Hub::CivitaiFile file;
        file.type = type;
        file.name = name;
        QCOMPARE(Plan::RequestBuilder::isCivitaiArchive(file), archive);
    }

    void aCivitaiVersionCanBeChosen()
    {
        const DownloadPlan result = plan(QStringLiteral("civitai:4201@420007"));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QVERIFY(!result.files.isEmpty());
        QCOMPARE(result.files.first().url.path(), QStringLiteral("/api/download/models/420007"));
        QCOMPARE(result.files.first().destination.sidecar.value(QLatin1String("versionId")).toInteger(), 420007);

        const DownloadPlan missing = plan(QStringLiteral("civitai:4201@999999"));
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error.message.contains(QLatin1String("999999")), qPrintable(missing.error.message));
    }

    void aVersionsOtherModelFileCanBeTakenInsteadOfItsPrimary()
    {
        // 420102 carries a primary fp16 file, an fp8 one and a GGUF quant.
        DownloadPlanner::Options options;
        options.civitaiFiles = {QStringLiteral("demoCheckpoint_v20_fp8.safetensors")};
        const DownloadPlan result = plan(QStringLiteral("civitai:4202@420102"), options);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        const FileRequest &model = result.files.first();
        QCOMPARE(model.destination.relativePath, QStringLiteral("Checkpoint/demoCheckpoint_v20_fp8.safetensors"));
        QVERIFY2(model.url.query().contains(QLatin1String("fp=fp8")), qPrintable(model.url.toString()));
        QCOMPARE(model.destination.sidecar.value(QLatin1String("remoteFileName")).toString(),
                 QStringLiteral("demoCheckpoint_v20_fp8.safetensors"));
        for (const FileRequest &file : result.files)
            QVERIFY(!file.destination.relativePath.endsWith(QLatin1String("demoCheckpoint_v20.safetensors")));

        options.civitaiFiles = {QStringLiteral("nothing-like-it.safetensors")};
        const DownloadPlan missing = plan(QStringLiteral("civitai:4202@420102"), options);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error.message.contains(QLatin1String("nothing-like-it")), qPrintable(missing.error.message));
    }

    void allVersionsOfACivitaiModelAreOneGroup()
    {
        DownloadPlanner::Options options;
        options.allVersions = true;
        const DownloadPlan result = plan(QStringLiteral("civitai:4201"), options);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QSet<QString> names;
        QSet<qint64> versions;
        for (const FileRequest &file : result.files) {
            names.insert(file.destination.relativePath);
            names.insert(file.previewPath);
            versions.insert(file.destination.sidecar.value(QLatin1String("versionId")).toInteger());
        }
        QCOMPARE(result.files.size(), 60);
        QCOMPARE(versions.size(), 60);
        QCOMPARE(names.size(), 2 * int(result.files.size()));  // no two files or previews share a path
    }

    void aCivitaiNameTakenInTheLibraryGetsTheVersionId_data()
    {
        QTest::addColumn<QJsonObject>("sidecar");  // of the file already there; empty: none
        QTest::addColumn<QString>("expected");
        const QJsonObject same{{QStringLiteral("modelId"), 77}, {QStringLiteral("versionId"), 770}};
        QTest::newRow("a file of another model keeps its name; ours gets the version id")
            << QJsonObject{{QStringLiteral("modelId"), 99}, {QStringLiteral("versionId"), 990}}
            << QStringLiteral("Lora/style-v770.safetensors");
        QTest::newRow("another version of the same model keeps its name too")
            << QJsonObject{{QStringLiteral("modelId"), 77}, {QStringLiteral("versionId"), 769}}
            << QStringLiteral("Lora/style-v770.safetensors");
        QTest::newRow("the user's own file without a sidecar is never overwritten")
            << QJsonObject() << QStringLiteral("Lora/style-v770.safetensors");
        QTest::newRow("this very version downloaded before keeps the name")
            << same << QStringLiteral("Lora/style.safetensors");
    }
    void aCivitaiNameTakenInTheLibraryGetsTheVersionId()
    {
        QFETCH(QJsonObject, sidecar);
        QFETCH(QString, expected);
        QTemporaryDir library;
        QVERIFY(QDir().mkpath(library.filePath(QStringLiteral("Lora"))));
        QFile existing(library.filePath(QStringLiteral("Lora/style.safetensors")));
        QVERIFY(existing.open(QIODevice::WriteOnly) && existing.write("weights") == 7);
        existing.close();
        if (!sidecar.isEmpty()) {
            QFile meta(library.filePath(QStringLiteral("Lora/style.modeldock.json")));
            QVERIFY(meta.open(QIODevice::WriteOnly));
            meta.write(QJsonDocument(sidecar).toJson());
        }
        Hub::CivitaiModel model;
        model.id = 77;
        model.name = QStringLiteral("Style");
        model.type = QStringLiteral("LORA");
        Hub::CivitaiVersion version;
        version.id = 770;
        version.name = QStringLiteral("v1");
        Hub::CivitaiFile file;
        file.id = 1;
        file.name = QStringLiteral("style.safetensors");
        file.primary = true;
        file.sha256 = QStringLiteral("ab").repeated(32);
        file.downloadUrl = QUrl(QStringLiteral("https://civitai.example/api/download/models/770"));
        version.files << file;
        version.images << Hub::CivitaiImage{QUrl(QStringLiteral("https://img.example/p.png")), 1, 1, 0,
                                            QStringLiteral("image")};
        QList<FileRequest> requests;
        QSet<QString> used;
        QString error;
        QVERIFY2(Plan::RequestBuilder::civitaiVersion(QUrl(QStringLiteral("https://civitai.example")), library.path(),
                                                      Library::LibraryLayout(), model, version, &used, &requests,
                                                      &error),
                 qPrintable(error));
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).destination.relativePath, expected);
        const bool renamed = expected != QLatin1String("Lora/style.safetensors");
        QCOMPARE(requests.at(0).destination.sidecar.value(QLatin1String("renamedFrom")).toString(),
                 renamed ? QStringLiteral("style.safetensors") : QString());
        // The preview follows the file's name.
        QCOMPARE(requests.at(0).previewPath,
                 expected.chopped(QStringLiteral(".safetensors").size()) + QStringLiteral(".preview.png"));
    }

    void aCollectionOfSixtyReposIsOneGroup()
    {
        const TestHub::Response listing =
            m_hub.get(QUrl(m_hub.hfUrl().toString() + QStringLiteral("/api/collections?owner=lora-pack")));
        const QString slug =
            QJsonDocument::fromJson(listing.body).array().at(0).toObject().value(QLatin1String("slug")).toString();
        QVERIFY(!slug.isEmpty());
        const DownloadPlan result = plan(QStringLiteral("collection:") + slug);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QVERIFY2(result.name.contains(QLatin1String("Sixty style LoRAs")), qPrintable(result.name));
        QSet<QString> repos;
        int loras = 0;
        for (const FileRequest &file : result.files) {
            repos.insert(file.destination.repoId);
            loras += file.destination.relativePath.endsWith(QLatin1String(".safetensors"));
        }
        QCOMPARE(repos.size(), 60);
        QCOMPARE(loras, 60);
        QVERIFY(result.files.size() >= 60);
        // In collection order: the first files belong to the first LoRA.
        QCOMPARE(result.files.first().destination.repoId, QStringLiteral("lora-pack/style-lora-001"));
    }

    void aGatedRepositoryFailsWithASentence_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("without a token") << QString();
        QTest::newRow("with a token that was not approved") << QStringLiteral("hf_test_unapproved");
    }
    void aGatedRepositoryFailsWithASentence()
    {
        QFETCH(QString, token);
        if (!token.isEmpty())
            m_session.credentials().setToken(m_hub.hfUrl(), token);
        const DownloadPlan result = plan(QStringLiteral("modeldock-demo/gated-llm"));
        QVERIFY(!result.ok());
        QVERIFY(result.files.isEmpty());
        QCOMPARE(result.error.kind, Net::ErrorKind::GatedRepo);
        QVERIFY2(result.error.message.contains(QLatin1String("modeldock-demo/gated-llm")),
                 qPrintable(result.error.message));
    }

    void anApprovedTokenOpensTheGatedRepository()
    {
        m_session.credentials().setToken(m_hub.hfUrl(), QStringLiteral("hf_test_valid"));
        const DownloadPlan result = plan(QStringLiteral("modeldock-demo/gated-llm"));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QVERIFY(paths(result).contains(QStringLiteral("model.safetensors")));
    }

    void aMissingRepositoryFailsWithASentence()
    {
        const DownloadPlan result = plan(QStringLiteral("modeldock-demo/does-not-exist"));
        QVERIFY(!result.ok());
        QVERIFY(result.files.isEmpty());
        // The Hub answers 401 RepoNotFound to anonymous callers (a private repo looks the same),
        // so Net maps it to Unauthorized; with a token it is a plain 404.
        QVERIFY(result.error.kind == Net::ErrorKind::NotFound || result.error.kind == Net::ErrorKind::Unauthorized);
        QVERIFY2(result.error.message.contains(QLatin1String("does-not-exist")), qPrintable(result.error.message));
    }

    void malformedJsonFailsThePlanWithASentence()
    {
        QVERIFY(m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("hf")},
                                              {QStringLiteral("path"), QString(QStringLiteral("/api/models/") + kTiny +
                                                                               QStringLiteral("/tree/"))},
                                              {QStringLiteral("count"), 1},
                                              {QStringLiteral("fault"), QStringLiteral("malformed_json")}}) >= 0);
        const DownloadPlan result = plan(kTiny);
        QVERIFY(!result.ok());
        QVERIFY(result.files.isEmpty());
        QCOMPARE(result.error.kind, Net::ErrorKind::BadResponse);
        QVERIFY(!result.error.message.isEmpty());
        m_hub.reset();
    }

    void patternsThatMatchNothingFailWithASentence()
    {
        DownloadPlanner::Options options;
        options.includes = {QStringLiteral("*.onnx")};
        const DownloadPlan result = plan(kTiny, options);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.message.contains(QLatin1String("--include")), qPrintable(result.error.message));
    }
};

QTEST_GUILESS_MAIN(TestDownloadPlanner)
#include "tst_downloadplanner.moc"
