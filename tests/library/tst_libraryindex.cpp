// The library index over real folders: what a scan finds and hashes, what a rescan leaves
// alone, what lookups return, and that a new file reaches a watching index by itself.
#include "library/filereuse.h"
#include "library/libraryindex.h"
#include "library/reuseroots.h"
#include "testfiles.h"
#include "util/sha256.h"
#include "waits.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Library;
using namespace Qt::StringLiterals;

using TestFiles::inodeOf;
using TestFiles::write;

class TestLibraryIndex : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &relative) const { return m_dir->filePath(relative); }

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void aScanFindsEveryKindOfFolderAndReadsHashesFromNames()
    {
        const QByteArray gguf("GGUF weights of a small model");
        const QString sha = Util::Sha256::hexOf(gguf);
        // HF cache: blobs named by SHA-256 (LFS) and by git oid; partials are skipped.
        QVERIFY(write(path(u"hub/models--ns--tiny/blobs/"_s + sha), gguf));
        QVERIFY(write(path(u"hub/models--ns--tiny/blobs/0123456789abcdef0123456789abcdef01234567"_s), "readme"));
        QVERIFY(write(path(u"hub/models--ns--tiny/blobs/"_s + sha + u".incomplete"_s), "part"));
        // Ollama names its blobs by their SHA-256 too; a manifest-like name is not a blob.
        QVERIFY(write(path(u"ollama/blobs/sha256-"_s + sha), gguf));
        QVERIFY(write(path(u"ollama/blobs/notes.txt"_s), "x"));
        // LM Studio and plain folders are hashed; our sidecars and partials are not content.
        QVERIFY(write(path(u"lms/pub/tiny/tiny.gguf"_s), gguf));
        QVERIFY(write(path(u"comfy/models/loras/style.safetensors"_s), "lora"));
        QVERIFY(write(path(u"comfy/models/loras/style.modeldock.json"_s), "{}"));
        QVERIFY(write(path(u"comfy/models/loras/next.safetensors.modeldock.incomplete"_s), "half"));

        LibraryIndex index(path(u"data/library.sqlite"_s));
        QString error;
        QVERIFY2(index.open(&error), qPrintable(error));
        index.setRoots({{IndexRoot::Kind::HfCache, path(u"hub"_s)},
                        {IndexRoot::Kind::Ollama, path(u"ollama/blobs"_s)},
                        {IndexRoot::Kind::LmStudio, path(u"lms"_s)},
                        {IndexRoot::Kind::Folder, path(u"comfy"_s)}});
        index.setHashing(LibraryIndex::Hashing::All);
        const ScanStats stats = index.scan();
        QVERIFY2(stats.problems.isEmpty(), qPrintable(stats.problems.join(u'\n')));
        QCOMPARE(stats.files, 5);
        QCOMPARE(stats.hashed, 2);  // the LM Studio file and the LoRA; the others by name
        const QList<IndexedFile> copies = index.candidates(sha, gguf.size());
        QCOMPARE(copies.size(), 3);
        QCOMPARE(index.hfBlobs().value(u"ns/tiny"_s),
                 QSet<QString>({sha, u"0123456789abcdef0123456789abcdef01234567"_s}));
        QVERIFY(index.knownHashes().contains(Util::Sha256::hexOf("lora")));
    }

    void aRescanWithNothingChangedHashesNothingAndAChangedFileAgain()
    {
        for (int i = 0; i < 50; ++i)
            QVERIFY(write(path(u"lib/Lora/file%1.safetensors"_s.arg(i)), QByteArray(1000 + i, char('a' + i % 26))));
        LibraryIndex index(path(u"library.sqlite"_s));
        QString error;
        QVERIFY(index.open(&error));
        index.setRoots({{IndexRoot::Kind::Library, path(u"lib"_s)}});
        index.setHashing(LibraryIndex::Hashing::All);
        QCOMPARE(index.scan().hashed, 50);
        QSignalSpy changed(&index, &LibraryIndex::changed);
        const ScanStats again = index.scan();
        QCOMPARE(again.hashed, 0);
        QCOMPARE(again.added, 0);
        QCOMPARE(changed.count(), 0);
        // A file rewritten with other content (another size) is read again; a removed one goes.
        QVERIFY(write(path(u"lib/Lora/file3.safetensors"_s), "changed"));
        QVERIFY(QFile::remove(path(u"lib/Lora/file4.safetensors"_s)));
        const ScanStats third = index.scan();
        QCOMPARE(third.hashed, 1);
        QCOMPARE(third.removed, 1);
        QCOMPARE(index.candidates(Util::Sha256::hexOf("changed"), -1).size(), 1);
        QCOMPARE(index.fileCount(), 49);
        QCOMPARE(changed.count(), 1);
    }

    void unhashedFilesOfTheWantedSizeAreCandidatesToVerify()
    {
        // The default scan reads sizes only: a file of the wanted size is offered, and whoever
        // uses it checks its content first.
        QVERIFY(write(path(u"lms/a/model.gguf"_s), QByteArray(4096, 'x')));
        QVERIFY(write(path(u"lms/a/other.gguf"_s), QByteArray(4095, 'x')));
        LibraryIndex index(path(u"library.sqlite"_s));
        QString error;
        QVERIFY(index.open(&error));
        index.setRoots({{IndexRoot::Kind::LmStudio, path(u"lms"_s)}});
        QCOMPARE(index.scan().hashed, 0);
        const QString wanted = Util::Sha256::hexOf(QByteArray(4096, 'x'));
        const QList<IndexedFile> found = index.candidates(wanted, 4096);
        QCOMPARE(found.size(), 1);
        QVERIFY(found.first().sha256.isEmpty());
        QCOMPARE(index.candidates(wanted, -1).size(), 0);  // no size, no guess
        // Once verified, the index remembers it and finds it by content.
        index.record(found.first().path, wanted);
        QCOMPARE(index.candidates(wanted, -1).size(), 1);
        QCOMPARE(index.scan().hashed, 0);
    }

    void aScanThatHashesEverythingKeepsItsHashesWhileTheWindowScansToo()
    {
        // "Find my models…" hashes every file while the window's own (size-only) scan of the
        // same folders may be running: the scans take turns, and what one hashed stays hashed.
        for (int i = 0; i < 40; ++i)
            QVERIFY(write(path(u"comfy/models/loras/style%1.safetensors"_s.arg(i)), QByteArray(2000 + i, 'l')));
        LibraryIndex index(path(u"library.sqlite"_s));
        QString error;
        QVERIFY(index.open(&error));
        index.setRoots({{IndexRoot::Kind::Folder, path(u"comfy"_s)}});
        QSignalSpy windowScan(&index, &LibraryIndex::scanFinished);
        index.scanInBackground();  // Hashing::Wanted: sizes only
        QFuture<ScanStats> all = index.scanOnWorker(LibraryIndex::Hashing::All);
        index.scanInBackground();  // and the window scans again meanwhile
        all.waitForFinished();
        QCOMPARE(all.result().hashed, 40);
        QTRY_COMPARE(windowScan.count(), 2);
        QCOMPARE(index.hashedFiles().size(), 40);
        QCOMPARE(index.candidates(Util::Sha256::hexOf(QByteArray(2007, 'l')), -1).size(), 1);
    }

    void aWatchingIndexSeesAnotherToolsDownloadWithinASecond()
    {
        QVERIFY(QDir().mkpath(path(u"hub/models--ns--tiny/blobs"_s)));
        LibraryIndex index(path(u"library.sqlite"_s));
        QString error;
        QVERIFY(index.open(&error));
        index.setRoots({{IndexRoot::Kind::HfCache, path(u"hub"_s)}});
        index.scan();
        index.setWatching(true);
        QSignalSpy changed(&index, &LibraryIndex::changed);
        const QByteArray content("weights");
        const QString sha = Util::Sha256::hexOf(content);
        // A new repo folder and a blob in it, as huggingface_hub writes them.
        QVERIFY(write(path(u"hub/models--ns--other/blobs/"_s + sha), content));
        QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 1000);
        QTRY_VERIFY_WITH_TIMEOUT(index.hfBlobs().value(u"ns/other"_s).contains(sha), 1000);
        // A second blob in the now watched folder: seen too.
        const QString sha2 = Util::Sha256::hexOf("more");
        QVERIFY(write(path(u"hub/models--ns--other/blobs/"_s + sha2), "more"));
        QTRY_VERIFY_WITH_TIMEOUT(index.hfBlobs().value(u"ns/other"_s).contains(sha2), 1000);
    }

    void aCacheThatDoesNotExistYetIsSeenWhenItAppearsAndItsBusyParentIsIgnored()
    {
        QVERIFY(QDir().mkpath(path(u"dotcache"_s)));
        LibraryIndex index(path(u"library.sqlite"_s));
        QString error;
        QVERIFY(index.open(&error));
        index.setRoots(indexRoots(path(u"dotcache/huggingface/hub"_s), {}, {}, false));
        index.scan();
        index.setWatching(true);
        QSignalSpy scans(&index, &LibraryIndex::scanFinished);
        // Other programs writing into ~/.cache: nothing to read.
        QVERIFY(write(path(u"dotcache/browser.tmp"_s), "x"));
        // Longer than the 300 ms the index gathers events for.
        QVERIFY(TestWait::holdsFor(std::chrono::milliseconds(700), [&] { return scans.isEmpty(); }));
        // huggingface_hub creates the cache and a blob in it.
        const QString sha = Util::Sha256::hexOf("w");
        QVERIFY(write(path(u"dotcache/huggingface/hub/models--ns--m/blobs/"_s + sha), "w"));
        QTRY_VERIFY_WITH_TIMEOUT(index.hfBlobs().value(u"ns/m"_s).contains(sha), 2000);
    }

    void otherAppsFoldersAreFoundOnTheirOwn()
    {
        QProcessEnvironment env;
        env.insert(u"HOME"_s, path(u"home"_s));
        QVERIFY(QDir().mkpath(path(u"home/.lmstudio/models/pub"_s)));
        QVERIFY(QDir().mkpath(path(u"home/.ollama/models/blobs"_s)));
        QVERIFY(QDir().mkpath(path(u"hub"_s)));
        QVERIFY(QDir().mkpath(path(u"extra/inner"_s)));
        const QList<IndexRoot> roots =
            indexRoots(path(u"hub"_s), path(u"nowhere"_s), {path(u"extra/inner"_s), path(u"extra"_s)}, true, env);
        const auto has = [&](IndexRoot::Kind kind, const QString &relative) {
            return roots.contains(IndexRoot{kind, QFileInfo(path(relative)).canonicalFilePath()});
        };
        QVERIFY(has(IndexRoot::Kind::HfCache, u"hub"_s));
        QVERIFY(has(IndexRoot::Kind::LmStudio, u"home/.lmstudio/models"_s));
        QVERIFY(has(IndexRoot::Kind::Ollama, u"home/.ollama/models/blobs"_s));
        QVERIFY(has(IndexRoot::Kind::Folder, u"extra"_s));
        QVERIFY(!has(IndexRoot::Kind::Folder, u"extra/inner"_s));  // read once, through its parent
        QCOMPARE(indexRoots(path(u"hub"_s), {}, {}, false, env).size(), 1);
        // LM Studio moved: its pointer file says where.
        QVERIFY(QDir().mkpath(path(u"elsewhere/lms/models"_s)));
        QVERIFY(write(path(u"home/.lmstudio-home-pointer"_s), path(u"elsewhere/lms"_s).toUtf8()));
        QVERIFY(appRoots(env).contains(
            IndexRoot{IndexRoot::Kind::LmStudio, QFileInfo(path(u"elsewhere/lms/models"_s)).canonicalFilePath()}));
    }

    void aReusedFileIsAHardLinkOnTheSameDiskAndOnlyIfItsContentMatches()
    {
        const QByteArray content(100000, 'm');
        const QString sha = Util::Sha256::hexOf(content);
        QVERIFY(write(path(u"lms/model.gguf"_s), content));
        const ReuseResult linked =
            placeVerifiedCopy(path(u"lms/model.gguf"_s), path(u"target.part"_s), sha, content.size());
        QVERIFY2(linked.ok(), qPrintable(linked.error));
        QCOMPARE(linked.method, ReuseResult::Method::HardLink);
        QCOMPARE(inodeOf(path(u"target.part"_s)), inodeOf(path(u"lms/model.gguf"_s)));
        // Same size, other content: refused, nothing left behind, the source untouched.
        QVERIFY(write(path(u"lms/impostor.gguf"_s), QByteArray(100000, 'x')));
        const ReuseResult refused =
            placeVerifiedCopy(path(u"lms/impostor.gguf"_s), path(u"second.part"_s), sha, content.size());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error.contains(u"other content"_s), qPrintable(refused.error));
        QVERIFY(!QFile::exists(path(u"second.part"_s)));
        QCOMPARE(QFileInfo(path(u"lms/impostor.gguf"_s)).size(), 100000);
        // Another size: refused before reading a byte.
        QVERIFY(!placeVerifiedCopy(path(u"lms/model.gguf"_s), path(u"third.part"_s), sha, 5).ok());
    }

    void aReusedFileOnAnotherDiskIsACheckedCopy()
    {
        // /dev/shm is a tmpfs, another file system than the temporary folder on most machines.
        QTemporaryDir other(u"/dev/shm/modeldock-reuse-XXXXXX"_s);
        if (!other.isValid() || inodeOf(other.path()) < 0)
            QSKIP("no /dev/shm here");
        const QByteArray content(300000, 'c');
        QVERIFY(write(other.filePath(u"model.gguf"_s), content));
        const ReuseResult result = placeVerifiedCopy(other.filePath(u"model.gguf"_s), path(u"copy.part"_s),
                                                     Util::Sha256::hexOf(content), content.size());
        QVERIFY2(result.ok(), qPrintable(result.error));
        if (result.method == ReuseResult::Method::HardLink)
            QSKIP("/dev/shm is on the same file system as the temporary folder here");
        QVERIFY(result.method == ReuseResult::Method::Copy || result.method == ReuseResult::Method::Reflink);
        QCOMPARE(Util::Sha256::hexOfFile(path(u"copy.part"_s)), Util::Sha256::hexOf(content));
        QVERIFY(inodeOf(path(u"copy.part"_s)) != inodeOf(other.filePath(u"model.gguf"_s)));
    }
};

QTEST_GUILESS_MAIN(TestLibraryIndex)
#include "tst_libraryindex.moc"
