#include "library/storagelayout.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using Library::Destination;
using Library::StorageLayout;

namespace {
const QString kCommit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
const QString kSha = QStringLiteral("a3f1c0ffee00000000000000000000000000000000000000000000000000beef");

Destination hfDestination(const QString &root, const QString &path = QStringLiteral("model.gguf"))
{
    Destination d;
    d.kind = Destination::Kind::HfCache;
    d.root = root;
    d.repoId = QStringLiteral("cortexso/llama3.2");
    d.revision = QStringLiteral("main");
    d.commit = kCommit;
    d.relativePath = path;
    d.blobKey = kSha;
    return d;
}

Destination libraryDestination(const QString &root)
{
    Destination d;
    d.kind = Destination::Kind::Library;
    d.root = root;
    d.repoId = QStringLiteral("civitai:4201");
    d.relativePath = QStringLiteral("Lora/pixel style.safetensors");
    d.sidecar = QJsonObject{
        {QStringLiteral("modelId"), 4201}, {QStringLiteral("versionId"), 42010}, {QStringLiteral("sha256"), kSha}};
    return d;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
}  // namespace

class TestStorageLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hfPathsFollowTheHuggingFaceCacheLayout()
    {
        const Destination d = hfDestination(QStringLiteral("/cache/hub"), QStringLiteral("sub/dir/model.gguf"));
        QCOMPARE(StorageLayout::finalPath(d), QStringLiteral("/cache/hub/models--cortexso--llama3.2/snapshots/") +
                                                  kCommit + QStringLiteral("/sub/dir/model.gguf"));
        QCOMPARE(StorageLayout::partialPath(d), QStringLiteral("/cache/hub/models--cortexso--llama3.2/blobs/") + kSha +
                                                    QStringLiteral(".modeldock.incomplete"));
        QCOMPARE(StorageLayout::hfRefPath(d), QStringLiteral("/cache/hub/models--cortexso--llama3.2/refs/main"));
        QCOMPARE(StorageLayout::hfSymlinkTarget(d), QStringLiteral("../../../../blobs/") + kSha);
    }

    void libraryPathsKeepTheFileBesideItsSidecar()
    {
        const Destination d = libraryDestination(QStringLiteral("/lib"));
        QCOMPARE(StorageLayout::finalPath(d), QStringLiteral("/lib/Lora/pixel style.safetensors"));
        QCOMPARE(StorageLayout::partialPath(d),
                 QStringLiteral("/lib/Lora/pixel style.safetensors.modeldock.incomplete"));
        QCOMPARE(StorageLayout::sidecarPath(d), QStringLiteral("/lib/Lora/pixel style.modeldock.json"));
    }

    void hostileNamesAreRefusedWithASentence_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("a parent reference at the start is refused") << QStringLiteral("../x");
        QTest::newRow("an absolute path is refused") << QStringLiteral("/etc/passwd");
        QTest::newRow("a parent reference that climbs out of a subfolder is refused") << QStringLiteral("a/../../b");
        QTest::newRow("a backslash is refused") << QStringLiteral("a\\b");
        QTest::newRow("a NUL character is refused") << QStringLiteral("model") + QChar(0) + QStringLiteral(".gguf");
        QTest::newRow("a control character is refused") << QStringLiteral("mo\x1b[2Jdel.gguf");
        QTest::newRow("an empty name is refused") << QString();
        QTest::newRow("an empty segment is refused") << QStringLiteral("a//b");
        QTest::newRow("a trailing slash is refused") << QStringLiteral("dir/");
        QTest::newRow("a lone dot segment is refused") << QStringLiteral("./model.gguf");
        QTest::newRow("a 300-byte segment is refused") << QString(300, QLatin1Char('x'));
        QTest::newRow("a 130-character name of 2-byte characters is refused") << QString(130, QChar(0x00e9));
    }
    void hostileNamesAreRefusedWithASentence()
    {
        QFETCH(QString, path);
        for (Destination d : {hfDestination(QStringLiteral("/cache")), libraryDestination(QStringLiteral("/lib"))}) {
            d.relativePath = path;
            QString error;
            QVERIFY(!StorageLayout::validate(d, &error));
            QVERIFY2(error.startsWith(QLatin1String("Refused the file name \"")), qPrintable(error));
            QVERIFY2(error.endsWith(QLatin1Char('.')), qPrintable(error));
            QVERIFY(StorageLayout::finalPath(d).isEmpty());
            QVERIFY(StorageLayout::partialPath(d).isEmpty());
        }
    }

    void ordinaryNamesAreAccepted_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("a plain file") << QStringLiteral("model.gguf");
        QTest::newRow("a file in nested folders") << QStringLiteral("a/b/c/config.json");
        QTest::newRow("spaces, brackets and non-ASCII letters") << QStringLiteral("Lora/Stil (v2) – ñ.safetensors");
        QTest::newRow("a name that starts with two dots but is not a parent") << QStringLiteral("..hidden");
        QTest::newRow("a 255-byte name") << QString(255, QLatin1Char('y'));
    }
    void ordinaryNamesAreAccepted()
    {
        QFETCH(QString, path);
        Destination d = hfDestination(QStringLiteral("/cache"));
        d.relativePath = path;
        QString error;
        QVERIFY2(StorageLayout::validate(d, &error), qPrintable(error));
    }

    void badHfIdentifiersAreRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("a repository id that climbs out") << QStringLiteral("repoId") << QStringLiteral("../evil");
        QTest::newRow("a repository id with three parts") << QStringLiteral("repoId") << QStringLiteral("a/b/c");
        QTest::newRow("a short commit") << QStringLiteral("commit") << QStringLiteral("abc123");
        QTest::newRow("a blob key that is a path") << QStringLiteral("blobKey") << QStringLiteral("../../x");
        QTest::newRow("a revision that climbs out") << QStringLiteral("revision") << QStringLiteral("../../../x");
        QTest::newRow("a relative cache root") << QStringLiteral("root") << QStringLiteral("cache/hub");
    }
    void badHfIdentifiersAreRefused()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        Destination d = hfDestination(QStringLiteral("/cache"));
        if (field == QLatin1String("repoId"))
            d.repoId = value;
        else if (field == QLatin1String("commit"))
            d.commit = value;
        else if (field == QLatin1String("blobKey"))
            d.blobKey = value;
        else if (field == QLatin1String("revision"))
            d.revision = value;
        else
            d.root = value;
        QString error;
        QVERIFY(!StorageLayout::validate(d, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(StorageLayout::finalPath(d).isEmpty());
    }

    void commitMovesTheBlobAndLinksTheSnapshotRelatively_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("a file at the snapshot root") << QStringLiteral("model.gguf");
        QTest::newRow("a file two folders deep") << QStringLiteral("onnx/fp16/model.onnx");
    }
    void commitMovesTheBlobAndLinksTheSnapshotRelatively()
    {
        QFETCH(QString, path);
        QTemporaryDir dir;
        const Destination d = hfDestination(dir.path(), path);
        const QString partial = StorageLayout::partialPath(d);
        QVERIFY(writeFile(partial, "weights"));

        QString error;
        QVERIFY2(StorageLayout::commit(d, partial, &error), qPrintable(error));

        QVERIFY(!QFile::exists(partial));
        const QString repo = dir.path() + QStringLiteral("/models--cortexso--llama3.2");
        QCOMPARE(readFile(repo + QStringLiteral("/blobs/") + kSha), QByteArray("weights"));
        const QFileInfo link(StorageLayout::finalPath(d));
        QVERIFY(link.isSymLink());
        // The link text itself is relative, so the cache folder can be moved or mounted elsewhere.
        const QString linkText = QFile::symLinkTarget(link.filePath());
        const QString stored =
            QString::fromStdString(std::filesystem::read_symlink(link.filePath().toStdString()).string());
        QCOMPARE(stored, StorageLayout::hfSymlinkTarget(d));
        QVERIFY(stored.startsWith(QLatin1String("../")));
        QCOMPARE(linkText, QFileInfo(repo + QStringLiteral("/blobs/") + kSha).absoluteFilePath());
        QCOMPARE(readFile(link.filePath()), QByteArray("weights"));
        // refs/main holds the commit and no newline, as huggingface_hub writes it.
        QCOMPARE(readFile(repo + QStringLiteral("/refs/main")), kCommit.toLatin1());
        // Nothing of ours is left lying around in the cache.
        QDir blobs(repo + QStringLiteral("/blobs"));
        QCOMPARE(blobs.entryList(QDir::Files | QDir::Hidden), QStringList{kSha});
        QDir refs(repo + QStringLiteral("/refs"));
        QCOMPARE(refs.entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("main")});
    }

    void pullRequestRefsAreWrittenInNestedFolders()
    {
        QTemporaryDir dir;
        Destination d = hfDestination(dir.path());
        d.revision = QStringLiteral("refs/pr/1");
        const QString partial = StorageLayout::partialPath(d);
        QVERIFY(writeFile(partial, "x"));
        QString error;
        QVERIFY2(StorageLayout::commit(d, partial, &error), qPrintable(error));
        QCOMPARE(readFile(dir.path() + QStringLiteral("/models--cortexso--llama3.2/refs/refs/pr/1")),
                 kCommit.toLatin1());
    }

    void aChangedBranchReplacesTheRefAtomically()
    {
        QTemporaryDir dir;
        Destination d = hfDestination(dir.path());
        const QString refPath = StorageLayout::hfRefPath(d);
        QVERIFY(writeFile(refPath, "ffffffffffffffffffffffffffffffffffffffff"));
        const QString blob = StorageLayout::hfBlobPath(d);
        QVERIFY(writeFile(blob, "data"));
        QString error;
        QVERIFY2(StorageLayout::link(d, &error), qPrintable(error));
        QCOMPARE(readFile(refPath), kCommit.toLatin1());
        QCOMPARE(QDir(QFileInfo(refPath).path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("main")});
    }

    void aRefNamedAfterTheCommitIsNotWritten()
    {
        QTemporaryDir dir;
        Destination d = hfDestination(dir.path());
        d.revision = kCommit;
        QVERIFY(writeFile(StorageLayout::hfBlobPath(d), "data"));
        QString error;
        QVERIFY2(StorageLayout::link(d, &error), qPrintable(error));
        QVERIFY(!QFileInfo::exists(StorageLayout::hfRepoPath(d) + QStringLiteral("/refs")));
        QVERIFY(QFileInfo(StorageLayout::finalPath(d)).isSymLink());
    }

    void aBlobAnotherToolWroteIsPresentAndOnlyNeedsLinking()
    {
        QTemporaryDir dir;
        const Destination d = hfDestination(dir.path(), QStringLiteral("q4/model.gguf"));
        // What huggingface_hub leaves: the blob under its sha256, nothing of ours.
        QVERIFY(writeFile(StorageLayout::hfBlobPath(d), QByteArray(1000, 'w')));
        QVERIFY(StorageLayout::isPresent(d, 1000));
        QVERIFY(StorageLayout::isPresent(d, -1));
        QVERIFY(!StorageLayout::isPresent(d, 999));

        QString error;
        QVERIFY2(StorageLayout::link(d, &error), qPrintable(error));
        QCOMPARE(readFile(StorageLayout::finalPath(d)).size(), 1000);
        QCOMPARE(readFile(StorageLayout::hfRefPath(d)), kCommit.toLatin1());
        // Linking twice is harmless.
        QVERIFY2(StorageLayout::link(d, &error), qPrintable(error));
    }

    void aPartialOrForeignIncompleteFileIsNotPresent()
    {
        QTemporaryDir dir;
        const Destination d = hfDestination(dir.path());
        QVERIFY(writeFile(StorageLayout::partialPath(d), "half"));
        QVERIFY(writeFile(StorageLayout::hfBlobPath(d) + QStringLiteral(".incomplete"), "half"));
        QVERIFY(!StorageLayout::isPresent(d, -1));
    }

    void linkWithoutTheBlobFailsWithASentence()
    {
        QTemporaryDir dir;
        const Destination d = hfDestination(dir.path());
        QString error;
        QVERIFY(!StorageLayout::link(d, &error));
        QVERIFY2(error.contains(QLatin1String("model.gguf")), qPrintable(error));
        QVERIFY(!QFileInfo::exists(StorageLayout::finalPath(d)));
    }

    void aFailedCommitLeavesNoFinalFile_data()
    {
        QTest::addColumn<bool>("hf");
        QTest::newRow("into the HF cache") << true;
        QTest::newRow("into the library") << false;
    }
    void aFailedCommitLeavesNoFinalFile()
    {
        QFETCH(bool, hf);
        QTemporaryDir dir;
        const Destination d = hf ? hfDestination(dir.path()) : libraryDestination(dir.path());
        QString error;
        // The partial file is gone (e.g. cleaned up behind our back): nothing may appear.
        QVERIFY(!StorageLayout::commit(d, StorageLayout::partialPath(d), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFileInfo::exists(StorageLayout::finalPath(d)));
        QVERIFY(!QFileInfo(StorageLayout::finalPath(d)).isSymLink());
        if (hf)
            QVERIFY(!QFileInfo::exists(StorageLayout::hfBlobPath(d)));
    }

    void aCommitBlockedByAFolderLeavesThePartialAndNoFinalFile()
    {
        QTemporaryDir dir;
        const Destination d = libraryDestination(dir.path());
        const QString partial = StorageLayout::partialPath(d);
        QVERIFY(writeFile(partial, "lora"));
        // A folder with the file's name is in the way: rename fails, the data stays resumable.
        QVERIFY(QDir().mkpath(StorageLayout::finalPath(d) + QStringLiteral("/inside")));
        QString error;
        QVERIFY(!StorageLayout::commit(d, partial, &error));
        QVERIFY2(error.contains(QLatin1String("pixel style")), qPrintable(error));
        QVERIFY(QFileInfo(StorageLayout::finalPath(d)).isDir());
        QCOMPARE(readFile(partial), QByteArray("lora"));
        // The sidecars go before the name (a file is never there without its sidecar), and go
        // again when the name could not be given.
        QVERIFY(!QFileInfo::exists(StorageLayout::sidecarPath(d)));
    }

    void libraryCommitWritesTheSidecarThatMakesTheFilePresent()
    {
        QTemporaryDir dir;
        const Destination d = libraryDestination(dir.path());
        QVERIFY(!StorageLayout::isPresent(d, -1));
        const QString partial = StorageLayout::partialPath(d);
        QVERIFY(writeFile(partial, "lora weights"));
        QString error;
        QVERIFY2(StorageLayout::commit(d, partial, &error), qPrintable(error));

        QCOMPARE(readFile(StorageLayout::finalPath(d)), QByteArray("lora weights"));
        const QJsonObject sidecar = QJsonDocument::fromJson(readFile(StorageLayout::sidecarPath(d))).object();
        QCOMPARE(sidecar.value(QLatin1String("modelId")).toInt(), 4201);
        QCOMPARE(sidecar.value(QLatin1String("sha256")).toString(), kSha);
        QCOMPARE(sidecar.value(QLatin1String("sizeBytes")).toInteger(), 12);
        QCOMPARE(sidecar.value(QLatin1String("fileName")).toString(), QStringLiteral("pixel style.safetensors"));
        QVERIFY(StorageLayout::isPresent(d, -1));
        QVERIFY(StorageLayout::isPresent(d, 12));

        // A namesake with another hash is a different file, so it is not "present".
        Destination other = d;
        other.sidecar.insert(QStringLiteral("sha256"), QString(64, QLatin1Char('0')));
        QVERIFY(!StorageLayout::isPresent(other, -1));
    }

    void otherProgramsSidecarsAreWrittenBesideTheFileButNeverOverAUsersEdit()
    {
        QTemporaryDir dir;
        Destination d = libraryDestination(dir.path());
        d.relativePath = QStringLiteral("models/Lora/pixel style.safetensors");
        d.otherSidecars = QJsonObject{
            {QStringLiteral(".civitai.info"), QJsonObject{{QStringLiteral("id"), 42010}}},
            {QStringLiteral(".json"), QJsonObject{{QStringLiteral("activation text"), QStringLiteral("pixel")}}},
            {QStringLiteral(".safetensors"), QJsonObject{{QStringLiteral("never"), true}}},  // the file's own name
            {QStringLiteral("/../escape.json"), QJsonObject{{QStringLiteral("never"), true}}},
        };
        const QString folder = dir.filePath(QStringLiteral("models/Lora/"));
        // The user edited the A1111 card of an earlier download.
        QVERIFY(writeFile(folder + QStringLiteral("pixel style.json"), R"({"activation text": "mine"})"));
        const QString partial = StorageLayout::partialPath(d);
        QVERIFY(writeFile(partial, "lora weights"));
        QString error;
        QVERIFY2(StorageLayout::commit(d, partial, &error), qPrintable(error));
        QCOMPARE(readFile(StorageLayout::finalPath(d)), QByteArray("lora weights"));
        QCOMPARE(QJsonDocument::fromJson(readFile(folder + QStringLiteral("pixel style.civitai.info")))
                     .object()
                     .value(QLatin1String("id"))
                     .toInt(),
                 42010);
        QCOMPARE(QJsonDocument::fromJson(readFile(folder + QStringLiteral("pixel style.json")))
                     .object()
                     .value(QLatin1String("activation text"))
                     .toString(),
                 QStringLiteral("mine"));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("escape.json"))));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("models/escape.json"))));
        QVERIFY(StorageLayout::isPresent(d, 12));

        // Found present later (another run, another tool's sidecar gone): link() puts back what is missing.
        QVERIFY(QFile::remove(folder + QStringLiteral("pixel style.civitai.info")));
        QVERIFY2(StorageLayout::link(d, &error), qPrintable(error));
        QVERIFY(QFileInfo::exists(folder + QStringLiteral("pixel style.civitai.info")));
        QCOMPARE(StorageLayout::besidePath(d, QStringLiteral(".preview.png")),
                 folder + QStringLiteral("pixel style.preview.png"));
    }

    void aSidecarWhoseFileHasNoNameYetProvesNothingAndTheCommitIsDoneAgain()
    {
        // What a process killed between a commit's sidecar and its rename leaves behind.
        QTemporaryDir dir;
        const Destination d = libraryDestination(dir.path());
        const QString partial = StorageLayout::partialPath(d);
        QVERIFY(writeFile(partial, "lora weights"));
        QVERIFY(
            writeFile(StorageLayout::sidecarPath(d),
                      QJsonDocument(QJsonObject{{QStringLiteral("modelId"), 4201},
                                                {QStringLiteral("versionId"), 42010},
                                                {QStringLiteral("sha256"), kSha},
                                                {QStringLiteral("fileName"), QStringLiteral("pixel style.safetensors")},
                                                {QStringLiteral("sizeBytes"), 12}})
                          .toJson()));
        QVERIFY(!StorageLayout::isPresent(d, 12));
        QVERIFY(!StorageLayout::isTakenByAnother(d));  // the next plan keeps the name
        QString error;
        QVERIFY2(StorageLayout::commit(d, partial, &error), qPrintable(error));
        QVERIFY(StorageLayout::isPresent(d, 12));
    }

    void aLibraryFileWithoutSidecarIsNotTakenForTheDownload()
    {
        QTemporaryDir dir;
        const Destination d = libraryDestination(dir.path());
        QVERIFY(writeFile(StorageLayout::finalPath(d), "someone else's file"));
        QVERIFY(!StorageLayout::isPresent(d, -1));
    }

    void anArchiveRemovedAfterItsExtractionIsPresentWhileItsFolderIs()
    {
        QTemporaryDir dir;
        Destination d = libraryDestination(dir.path());
        d.relativePath = QStringLiteral("Wildcards/pack.zip");
        const QString partial = StorageLayout::partialPath(d);
        QVERIFY(writeFile(partial, "zip bytes"));
        QString error;
        QVERIFY2(StorageLayout::commit(d, partial, &error), qPrintable(error));
        QCOMPARE(StorageLayout::extractedFolder(d), QString());

        // What ArchiveInstaller records once the folder is in place, then the archive goes.
        QJsonObject sidecar = StorageLayout::readSidecar(d);
        sidecar.insert(StorageLayout::kExtractedToKey, QStringLiteral("pack"));
        QVERIFY(writeFile(StorageLayout::sidecarPath(d), QJsonDocument(sidecar).toJson()));
        QVERIFY(QFile::remove(StorageLayout::finalPath(d)));
        QVERIFY(!StorageLayout::isPresent(d, 9));  // no folder yet
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("Wildcards/pack"))));
        QCOMPARE(StorageLayout::extractedFolder(d), dir.filePath(QStringLiteral("Wildcards/pack")));
        QVERIFY(StorageLayout::isPresent(d, 9));
        QVERIFY(StorageLayout::isPresent(d, -1));
        QVERIFY(!StorageLayout::isPresent(d, 10));  // another size is another file
        Destination other = d;
        other.sidecar.insert(QStringLiteral("sha256"), QString(64, QLatin1Char('0')));
        QVERIFY(!StorageLayout::isPresent(other, 9));
    }
};

QTEST_GUILESS_MAIN(TestStorageLayout)
#include "tst_storagelayout.moc"
