// `modeldock-cli library scan DIR --identify` as a person runs it: files copied from the test
// hub's Civitai versions (so their SHA-256 is Civitai's) and files no hub knows, in a folder of
// their own, and a GGUF whose hash the catalog lists for a Hugging Face repo; the exact lines printed, the sidecars and
// previews written with --write-sidecars, and the newer version downloaded into the library with --update-all.
#include "clirun.h"
#include "testfiles.h"
#include "testhub.h"
#include "util/sha256.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliLibraryIdentify : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    QTemporaryDir m_dir;
    QString m_oldName;   // 420059's version name
    QString m_newName;   // 420060's
    QString m_ckptName;  // 420102's
    QByteArray m_newBytes;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        const QString root = m_dir.path();
        env.insert(u"HOME"_s, root + u"/home"_s);
        env.insert(u"HF_HUB_CACHE"_s, root + u"/hub"_s);
        env.insert(u"MODELDOCK_DATA_DIR"_s, root + u"/data"_s);
        env.insert(u"MODELDOCK_LIBRARY"_s, root + u"/library"_s);
        env.insert(u"HF_ENDPOINT"_s, m_hub.hfUrl().toString());
        env.insert(u"MODELDOCK_CIVITAI_ENDPOINT"_s, m_hub.civitaiUrl().toString());
        return env;
    }
    QString models() const { return m_dir.filePath(u"ComfyUI/models"_s); }

    int requests(const QString &method)
    {
        int n = 0;
        for (const QJsonValue &r : m_hub.requests(u"civitai"_s))
            n += r[u"method"_s].toString() == method ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        m_oldName = m_hub.civitaiVersion(420059).value(u"name"_s).toString();
        m_newName = m_hub.civitaiVersion(420060).value(u"name"_s).toString();
        m_ckptName = m_hub.civitaiVersion(420102).value(u"name"_s).toString();
        QVERIFY(!m_oldName.isEmpty() && !m_newName.isEmpty() && !m_ckptName.isEmpty());
        m_newBytes = m_hub.civitaiFile(420060);
        QVERIFY(TestFiles::write(models() + u"/loras/myStyle.safetensors"_s, m_hub.civitaiFile(420059)));
        QVERIFY(TestFiles::write(models() + u"/checkpoints/demo.safetensors"_s, m_hub.civitaiFile(420102)));
        QVERIFY(TestFiles::write(models() + u"/loras/homemade.safetensors"_s, "trained at home"));
        QVERIFY(TestFiles::write(models() + u"/notes.bin"_s, "not a model at all"));
        // A GGUF of a Hugging Face repo the catalog knows (`show` keeps its file tree, with
        // each LFS file's SHA-256): identified without asking any hub.
        QUrl resolve = m_hub.hfUrl();
        resolve.setPath(u"/modeldock-demo/TinyStories-GGUF/resolve/main/tinystories.Q2_K.gguf"_s);
        const TestHub::Response redirect = m_hub.get(resolve);
        QByteArray location;
        for (const auto &[name, value] : redirect.headers) {
            if (name.compare("Location", Qt::CaseInsensitive) == 0)
                location = value;
        }
        const TestHub::Response gguf = m_hub.get(QUrl::fromEncoded(location));
        QCOMPARE(gguf.status, 200);
        QVERIFY(TestFiles::write(models() + u"/llm/tiny.gguf"_s, gguf.body));
        const Cli::Result show = Cli::run({u"show"_s, u"modeldock-demo/TinyStories-GGUF"_s}, environment());
        QVERIFY2(show.exitCode == 0, qPrintable(show.all()));
        m_hub.reset();
    }

    void scanIdentifiesWithOneLookup()
    {
        const Cli::Result r = Cli::run({u"library"_s, u"scan"_s, models(), u"--identify"_s}, environment());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QString expected =
            models() + u"/checkpoints/demo.safetensors \u2192 civitai Demo Checkpoint (civitai:4202) / "_s +
            m_ckptName + u"\n"_s + models() + u"/llm/tiny.gguf \u2192 hf modeldock-demo/TinyStories-GGUF / Q2_K\n"_s +
            models() + u"/loras/myStyle.safetensors \u2192 civitai Demo Style LoRA Pack (civitai:4201) / "_s +
            m_oldName + u"; newer version: "_s + m_newName + u" (420060)\n"_s +
            u"Identified 3 of 5 files in 3 requests; 2 unknown; 1 has a newer version\n"_s;
        QVERIFY2(r.out.endsWith(expected), qPrintable(r.out));
        QCOMPARE(r.err, QString());
        QCOMPARE(requests(u"POST"_s), 1);  // four hashes (not the GGUF the catalog knows), one lookup
        QCOMPARE(requests(u"GET"_s), 2);   // each model's versions, once

        // Again: nothing is asked, the same lines come from identities.sqlite.
        m_hub.reset();
        const Cli::Result again = Cli::run({u"library"_s, u"scan"_s, models(), u"--identify"_s}, environment());
        QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
        QVERIFY2(again.out.contains(u"Identified 3 of 5 files in 0 requests; 2 unknown; 1 has a newer version\n"_s),
                 qPrintable(again.out));
        QCOMPARE(m_hub.requests(u"civitai"_s).size(), 0);
    }

    void writeSidecarsPutsInfoAndPreviewBesideEachFile()
    {
        const Cli::Result r = Cli::run({u"library"_s, u"scan"_s, models(), u"--write-sidecars"_s}, environment());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QString info = models() + u"/loras/myStyle.civitai.info"_s;
        QVERIFY2(r.out.contains(u"wrote "_s + info + u'\n'), qPrintable(r.out));
        const QJsonObject version = QJsonDocument::fromJson(TestFiles::readAll(info)).object();
        QCOMPARE(version.value(u"id"_s).toInteger(), 420059);
        QCOMPARE(version.value(u"modelId"_s).toInteger(), 4201);
        QCOMPARE(version.value(u"model"_s).toObject().value(u"name"_s).toString(), u"Demo Style LoRA Pack"_s);
        QVERIFY(!version.value(u"model"_s).toObject().value(u"tags"_s).toArray().isEmpty());
        const QByteArray preview = TestFiles::readAll(models() + u"/loras/myStyle.preview.png"_s);
        QVERIFY(preview.startsWith("\x89PNG\r\n\x1a\n"));
        QVERIFY(QFileInfo::exists(models() + u"/checkpoints/demo.civitai.info"_s));
        QVERIFY(QFileInfo::exists(models() + u"/checkpoints/demo.preview.png"_s));
        // Nothing beside the files no hub knows.
        QVERIFY(!QFileInfo::exists(models() + u"/loras/homemade.civitai.info"_s));
        QVERIFY(!QFileInfo::exists(models() + u"/notes.civitai.info"_s));

        // An edited sidecar is kept on the next run.
        QVERIFY(TestFiles::write(info, "{\"edited\": true}"));
        const Cli::Result again = Cli::run({u"library"_s, u"scan"_s, models(), u"--write-sidecars"_s}, environment());
        QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
        QCOMPARE(TestFiles::readAll(info), QByteArray("{\"edited\": true}"));
    }

    void updateAllDownloadsTheNewerVersionsAsOneGroup()
    {
        m_hub.reset();
        const Cli::Result r = Cli::run({u"library"_s, u"scan"_s, models(), u"--update-all"_s}, environment());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        // The newer version is in the library, as `download civitai:4201@420060` puts it.
        QStringList found;
        QDirIterator it(m_dir.filePath(u"library"_s), {u"*.safetensors"_s}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        QCOMPARE(found.size(), 1);
        QCOMPARE(Util::Sha256::hexOf(TestFiles::readAll(found.first())), Util::Sha256::hexOf(m_newBytes));
        int downloads = 0;
        for (const QJsonValue &req : m_hub.requests(u"civitai"_s))
            downloads += req[u"path"_s].toString().startsWith(u"/api/download/models/"_s) ? 1 : 0;
        QCOMPARE(downloads, 1);
        QVERIFY2(r.all().contains(u"Update of 1 model"_s), qPrintable(r.all()));
    }

    void wrongUsageIsExitTwo()
    {
        const Cli::Result r = Cli::run({u"library"_s, u"scan"_s, u"--identfy"_s}, environment());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(u"modeldock-cli library scan: Unknown option 'identfy'.\n"_s), qPrintable(r.err));
        const Cli::Result folder = Cli::run({u"library"_s, u"scan"_s, m_dir.filePath(u"nowhere"_s)}, environment());
        QCOMPARE(folder.exitCode, 2);
        QVERIFY2(folder.err.contains(u"is not a folder"_s), qPrintable(folder.err));
    }
};

QTEST_GUILESS_MAIN(TestCliLibraryIdentify)
#include "tst_clilibraryidentify.moc"
