// A model already on disk in another app's folder is linked (or copied), checked, and never
// fetched again: the real modeldock-cli against the test hub, with LM Studio, Ollama and a
// ComfyUI-like folder laid out as those apps lay them out.
#include "clirun.h"
#include "scopedexfat.h"
#include "testfiles.h"
#include "testhub.h"
#include "util/sha256.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using TestFiles::inodeOf;
using TestFiles::readAll;
using TestFiles::write;

class TestCliReuse : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    QTemporaryDir m_source;  // where the real bytes were first downloaded
    std::unique_ptr<QTemporaryDir> m_dir;
    const QString m_tiny = u"modeldock-demo/TinyStories-GGUF"_s;
    const QString m_file = u"tinystories.Q4_K_M.gguf"_s;
    QByteArray m_gguf;
    QString m_sha;
    QByteArray m_checkpoint;  // civitai:4202's model file
    QString m_checkpointName;

    QProcessEnvironment environment(const QString &root) const
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(u"HOME"_s, root + u"/home"_s);
        env.insert(u"HF_HUB_CACHE"_s, root + u"/hub"_s);
        env.insert(u"MODELDOCK_DATA_DIR"_s, root + u"/data"_s);
        env.insert(u"MODELDOCK_LIBRARY"_s, root + u"/library"_s);
        env.insert(u"HF_ENDPOINT"_s, m_hub.hfUrl().toString());
        env.insert(u"MODELDOCK_CIVITAI_ENDPOINT"_s, m_hub.civitaiUrl().toString());
        return env;
    }
    QString path(const QString &relative) const { return m_dir->filePath(relative); }
    QString blob() const { return path(u"hub/models--modeldock-demo--TinyStories-GGUF/blobs/"_s + m_sha); }
    Cli::Result downloadGguf(const QStringList &extra = {})
    {
        return Cli::run(QStringList{u"download"_s, m_tiny, u"--include"_s, m_file} + extra, environment(m_dir->path()));
    }
    // Storage requests for the GGUF's content since the last reset.
    int fetchesOfGguf()
    {
        int n = 0;
        for (const QJsonValue &request : m_hub.requests(u"storage"_s))
            n += request[u"path"_s].toString().contains(m_sha) ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        const Cli::Result gguf =
            Cli::run({u"download"_s, m_tiny, u"--include"_s, m_file}, environment(m_source.path()));
        QVERIFY2(gguf.exitCode == 0, qPrintable(gguf.all()));
        m_sha = m_hub.fileInfo(m_tiny, m_file).value(u"sha256"_s).toString();
        m_gguf = readAll(m_source.filePath(u"hub/models--modeldock-demo--TinyStories-GGUF/blobs/"_s + m_sha));
        QCOMPARE(Util::Sha256::hexOf(m_gguf), m_sha);
        const Cli::Result civitai = Cli::run({u"download"_s, u"civitai:4202"_s}, environment(m_source.path()));
        QVERIFY2(civitai.exitCode == 0, qPrintable(civitai.all()));
        QDirIterator it(m_source.filePath(u"library"_s), {u"*.safetensors"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        const QString checkpoint = it.next();
        m_checkpoint = readAll(checkpoint);
        m_checkpointName = QFileInfo(checkpoint).fileName();
        QVERIFY(!m_checkpoint.isEmpty());
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_hub.reset());
    }

    void aGgufInLmStudioIsHardLinkedNotFetched()
    {
        const QString lms = path(u"home/.lmstudio/models/modeldock-demo/TinyStories-GGUF/"_s + m_file);
        QVERIFY(write(lms, m_gguf));
        const Cli::Result result = downloadGguf();
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        QVERIFY2(result.all().contains(u"reused: "_s) && result.all().contains(u"0 bytes fetched"_s) &&
                     result.all().contains(lms),
                 qPrintable(result.all()));
        QCOMPARE(fetchesOfGguf(), 0);
        // One file on disk, two names: the cache's blob and LM Studio's file.
        QCOMPARE(inodeOf(blob()), inodeOf(lms));
        const QString commit = m_hub.fileInfo(m_tiny, m_file).value(u"commit"_s).toString();
        const QString entry =
            path(u"hub/models--modeldock-demo--TinyStories-GGUF/snapshots/"_s + commit + u'/' + m_file);
        QVERIFY(QFileInfo(entry).isSymLink());
        QCOMPARE(Util::Sha256::hexOfFile(entry), m_sha);
    }

    // exFAT (a USB drive, an SD card) holds no symlinks: the snapshot gets a copy of the blob,
    // as huggingface_hub makes there, and a second run finds it in place.
    void aCacheOnADriveWithoutSymlinksHoldsCopiesInItsSnapshots()
    {
        ScopedExfat drive(256);  // the blob and its copy
        if (!drive.isMounted())
            QSKIP(qPrintable(drive.errorString()));
        QProcessEnvironment env = environment(m_dir->path());
        env.insert(u"HF_HUB_CACHE"_s, drive.path() + u"/hub"_s);
        const QStringList command{u"download"_s, m_tiny, u"--include"_s, m_file};
        const Cli::Result first = Cli::run(command, env);
        QVERIFY2(first.exitCode == 0, qPrintable(first.all()));
        const QString commit = m_hub.fileInfo(m_tiny, m_file).value(u"commit"_s).toString();
        const QString repo = drive.path() + u"/hub/models--modeldock-demo--TinyStories-GGUF"_s;
        const QString entry = repo + u"/snapshots/"_s + commit + u'/' + m_file;
        QVERIFY(QFileInfo(entry).isFile());
        QVERIFY(!QFileInfo(entry).isSymLink());
        QCOMPARE(Util::Sha256::hexOfFile(entry), m_sha);
        QCOMPARE(Util::Sha256::hexOfFile(repo + u"/blobs/"_s + m_sha), m_sha);
        QCOMPARE(readAll(repo + u"/refs/main"_s).trimmed(), commit.toLatin1());
        QCOMPARE(fetchesOfGguf(), 1);
        const Cli::Result second = Cli::run(command, env);
        QVERIFY2(second.exitCode == 0, qPrintable(second.all()));
        QCOMPARE(fetchesOfGguf(), 1);
        QCOMPARE(Util::Sha256::hexOfFile(entry), m_sha);
    }

    // Setting library.shareWithLmStudio: a downloaded GGUF shows in LM Studio's folder as the
    // same file (a hard link, no second copy), and the run says where.
    void aDownloadedGgufIsSharedWithLmStudioWhenTheSettingIsOn()
    {
        const QProcessEnvironment env = environment(m_dir->path());
        const Cli::Result set = Cli::run({u"settings"_s, u"set"_s, u"library.shareWithLmStudio=true"_s}, env);
        QVERIFY2(set.exitCode == 0, qPrintable(set.all()));
        const Cli::Result result = downloadGguf();
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        const QString lms = path(u"home/.lmstudio/models/modeldock-demo/TinyStories-GGUF/"_s + m_file);
        QVERIFY2(result.all().contains(u"Shared with LM Studio: "_s + lms), qPrintable(result.all()));
        QCOMPARE(inodeOf(lms), inodeOf(blob()));
        // Off again: the next model is not shared.
        QVERIFY(QFile::remove(lms));
        QCOMPARE(Cli::run({u"settings"_s, u"set"_s, u"library.shareWithLmStudio=false"_s}, env).exitCode, 0);
        QVERIFY(QFile::remove(blob()));
        const Cli::Result again = downloadGguf();
        QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
        QVERIFY(!QFileInfo::exists(lms));
    }

    void anOllamaBlobIsReused()
    {
        const QString ollama = path(u"home/.ollama/models/blobs/sha256-"_s + m_sha);
        QVERIFY(write(ollama, m_gguf));
        const Cli::Result result = downloadGguf();
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        QVERIFY2(result.all().contains(u"reused: "_s) && result.all().contains(ollama), qPrintable(result.all()));
        QCOMPARE(fetchesOfGguf(), 0);
        QCOMPARE(readAll(blob()), m_gguf);
    }

    void aFolderFromTheCommandLineOrTheSettingIsReused()
    {
        const QString comfy = path(u"ComfyUI/models/llm/tiny.gguf"_s);
        QVERIFY(write(comfy, m_gguf));
        const Cli::Result result = downloadGguf({u"--reuse-from"_s, path(u"ComfyUI"_s)});
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        QVERIFY2(result.all().contains(u"reused: "_s) && result.all().contains(comfy), qPrintable(result.all()));
        QCOMPARE(fetchesOfGguf(), 0);

        // The setting, for every later run: a second cache is filled from the same folder.
        const Cli::Result set = Cli::run({u"settings"_s, u"set"_s, u"library.reuseFolders="_s + path(u"ComfyUI"_s)},
                                         environment(m_dir->path()));
        QVERIFY2(set.exitCode == 0, qPrintable(set.all()));
        QProcessEnvironment env = environment(m_dir->path());
        env.insert(u"HF_HUB_CACHE"_s, path(u"hub2"_s));
        const Cli::Result second = Cli::run({u"download"_s, m_tiny, u"--include"_s, m_file}, env);
        QVERIFY2(second.exitCode == 0 && second.all().contains(comfy), qPrintable(second.all()));
        QCOMPARE(fetchesOfGguf(), 0);
    }

    void aFileOfTheRightSizeButOtherContentIsDownloadedAndLeftAlone()
    {
        QByteArray impostor = m_gguf;
        impostor[impostor.size() / 2] = char(impostor.at(impostor.size() / 2) ^ 0x5a);
        const QString lms = path(u"home/.lmstudio/models/someone/tiny/"_s + m_file);
        QVERIFY(write(lms, impostor));
        const Cli::Result result = downloadGguf();
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        QVERIFY2(!result.out.contains(u"reused: "_s), qPrintable(result.all()));
        QVERIFY(fetchesOfGguf() > 0);
        QCOMPARE(readAll(blob()), m_gguf);
        QCOMPARE(readAll(lms), impostor);  // the other app's file is never written
        QVERIFY(inodeOf(blob()) != inodeOf(lms));
    }

    void reuseOfOtherAppsCanBeTurnedOff()
    {
        QVERIFY(write(path(u"home/.lmstudio/models/modeldock-demo/tiny/"_s + m_file), m_gguf));
        const Cli::Result off =
            Cli::run({u"settings"_s, u"set"_s, u"library.reuseFromApps=false"_s}, environment(m_dir->path()));
        QVERIFY2(off.exitCode == 0, qPrintable(off.all()));
        const Cli::Result result = downloadGguf();
        QVERIFY2(result.exitCode == 0 && !result.out.contains(u"reused: "_s), qPrintable(result.all()));
        QVERIFY(fetchesOfGguf() > 0);
    }

    void libraryScanHashesNewFilesOnceAndFindsThemForDownloads()
    {
        QVERIFY(write(path(u"models/a/tiny.gguf"_s), m_gguf));
        QVERIFY(write(path(u"models/b/notes.txt"_s), "notes"));
        const Cli::Result first = Cli::run({u"library"_s, u"scan"_s, path(u"models"_s)}, environment(m_dir->path()));
        QVERIFY2(first.exitCode == 0, qPrintable(first.all()));
        QVERIFY2(first.all().contains(u"2 file(s), 2 new or changed, 0 gone; hashed 2"_s), qPrintable(first.all()));
        const Cli::Result again = Cli::run({u"library"_s, u"scan"_s, path(u"models"_s)}, environment(m_dir->path()));
        QVERIFY2(again.all().contains(u"2 file(s), 0 new or changed, 0 gone; hashed 0"_s), qPrintable(again.all()));
        const Cli::Result usage = Cli::run({u"library"_s, u"scan"_s, path(u"nowhere"_s)}, environment(m_dir->path()));
        QCOMPARE(usage.exitCode, 2);
    }

    // HF_HUB_OFFLINE=1, as huggingface_hub reads it: not one request; a cached repo is served
    // from the cache, anything else is a sentence that says what to do.
    void offlineACachedRepoIsServedWithoutAskingTheHub()
    {
        QProcessEnvironment env = environment(m_source.path());
        env.insert(u"HF_HUB_OFFLINE"_s, u"1"_s);
        const Cli::Result cached = Cli::run({u"download"_s, m_tiny, u"--include"_s, m_file}, env);
        QVERIFY2(cached.exitCode == 0, qPrintable(cached.all()));
        QVERIFY2(cached.all().contains(u"HF_HUB_OFFLINE is set"_s) &&
                     cached.all().contains(u"1 of 1 file(s) verified"_s),
                 qPrintable(cached.all()));
        QCOMPARE(m_hub.requests().size(), 0);

        const Cli::Result missing = Cli::run({u"download"_s, m_tiny, u"--include"_s, m_file}, [&] {
            QProcessEnvironment e = environment(m_dir->path());
            e.insert(u"HF_HUB_OFFLINE"_s, u"true"_s);
            return e;
        }());
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(u"is not in the Hugging Face cache"_s) &&
                     missing.err.contains(u"Unset HF_HUB_OFFLINE"_s),
                 qPrintable(missing.all()));
        const Cli::Result civitai = Cli::run({u"download"_s, u"civitai:4202"_s}, env);
        QCOMPARE(civitai.exitCode, 1);
        QVERIFY2(civitai.err.contains(u"HF_HUB_OFFLINE is set"_s), qPrintable(civitai.all()));
        const Cli::Result sync = Cli::run({u"sync"_s}, env);
        QCOMPARE(sync.exitCode, 1);
        QVERIFY2(sync.err.contains(u"HF_HUB_OFFLINE is set"_s), qPrintable(sync.all()));
        QCOMPARE(m_hub.requests().size(), 0);
    }

    void aCivitaiCheckpointInAnotherUisFolderGoesToTheLibraryWithoutAFetch()
    {
        const QString a1111 = path(u"webui/models/Stable-diffusion/"_s + m_checkpointName);
        QVERIFY(write(a1111, m_checkpoint));
        const Cli::Result result = Cli::run({u"download"_s, u"civitai:4202"_s, u"--reuse-from"_s, path(u"webui"_s)},
                                            environment(m_dir->path()));
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        QVERIFY2(result.all().contains(u"reused: "_s) && result.all().contains(a1111), qPrintable(result.all()));
        QDirIterator it(path(u"library"_s), {u"*.safetensors"_s}, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        const QString placed = it.next();
        QCOMPARE(readAll(placed), m_checkpoint);
        QCOMPARE(inodeOf(placed), inodeOf(a1111));
        // Nothing but small files (the preview image) came from storage.
        for (const QJsonValue &request : m_hub.requests(u"storage"_s))
            QVERIFY2(request[u"bytes"_s].toInteger() < m_checkpoint.size(), qPrintable(request[u"path"_s].toString()));
    }
};

QTEST_GUILESS_MAIN(TestCliReuse)
#include "tst_clireuse.moc"
