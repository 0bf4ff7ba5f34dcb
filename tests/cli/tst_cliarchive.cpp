#include "clirun.h"
#include "testhub.h"
#include "util/sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// A Civitai pack whose file is an archive (the test hub's 4216, a zip typed "Archive"),
// downloaded with the real modeldock-cli as a user would: the zip is verified, extracted into
// a folder beside it, the CLI says what it extracted, and the settings decide whether the zip
// stays and whether it is extracted at all.
class TestCliArchive : public QObject
{
    Q_OBJECT
private:
    using Run = Cli::Result;

    TestHub m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;

    QString wildcards() const { return m_dir->filePath(QStringLiteral("library/Wildcards")); }
    QString zip() const { return wildcards() + QStringLiteral("/demoWildcards_v10.zip"); }
    QString folder() const { return wildcards() + QStringLiteral("/demoWildcards_v10"); }

    Run run(const QStringList &arguments)
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), m_dir->filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("MODELDOCK_LIBRARY"), m_dir->filePath(QStringLiteral("library")));
        env.insert(QStringLiteral("HF_HUB_CACHE"), m_dir->filePath(QStringLiteral("hub")));
        env.insert(QStringLiteral("HF_ENDPOINT"), m_hub.hfUrl().toString());
        env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), m_hub.civitaiUrl().toString());
        return Cli::run(arguments, env, 40000);
    }

    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QJsonObject sidecar() const
    {
        return QJsonDocument::fromJson(read(wildcards() + QStringLiteral("/demoWildcards_v10.modeldock.json")))
            .object();
    }

    int downloadsOfThePack()
    {
        int count = 0;
        for (const QJsonValue &request : m_hub.requests(QStringLiteral("civitai"))) {
            if (request[QLatin1String("path")].toString().startsWith(QLatin1String("/api/download/models/421601")))
                ++count;
        }
        return count;
    }

    void verifyExtracted()
    {
        QCOMPARE(read(folder() + QStringLiteral("/wildcards/colors.txt")), QByteArray("red\ngreen\nblue\n"));
        QCOMPARE(read(folder() + QStringLiteral("/wildcards/animals.txt")), QByteArray("cat\ndog\nfox\n"));
        QCOMPARE(read(folder() + QStringLiteral("/README.txt")), QByteArray("Demo wildcards for ModelDock.\n"));
        QCOMPARE(QDir(folder()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 2);
        QCOMPARE(sidecar().value(QLatin1String("extractedTo")).toString(), QStringLiteral("demoWildcards_v10"));
        QCOMPARE(sidecar().value(QLatin1String("extractedFiles")).toInt(), 3);
        // Nothing half-done beside it: no temporary folder, no partial download.
        for (const QString &entry : QDir(wildcards()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
            QVERIFY2(!entry.contains(QLatin1String(".modeldock-extracting-")) &&
                         !entry.endsWith(QLatin1String(".incomplete")),
                     qPrintable(entry));
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

    void aCivitaiArchiveEndsExtractedBesideItself()
    {
        const Run result = run({QStringLiteral("download"), QStringLiteral("civitai:4216")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        verifyExtracted();
        QVERIFY2(result.all().contains(QStringLiteral("Extracted 3 files (57 bytes) to %1.").arg(folder())),
                 qPrintable(result.all()));
        // The verified zip stays by default, and its sidecar still proves it.
        QCOMPARE(Util::Sha256::hexOfFile(zip()), sidecar().value(QLatin1String("sha256")).toString());

        // Asked again, it is there: nothing is fetched or extracted twice.
        const Run again = run({QStringLiteral("download"), QStringLiteral("civitai:4216")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
        QCOMPARE(downloadsOfThePack(), 1);
        verifyExtracted();
    }

    void withoutKeepingArchivesOnlyTheFolderStays()
    {
        const Run set =
            run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("library.keepArchives=false")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.all()));
        const Run result = run({QStringLiteral("download"), QStringLiteral("civitai:4216")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        verifyExtracted();
        QVERIFY(!QFileInfo::exists(zip()));
        QVERIFY2(result.all().contains(QStringLiteral("The archive was removed")), qPrintable(result.all()));
        QCOMPARE(sidecar().value(QLatin1String("archiveKept")).toBool(true), false);

        // The folder is the download now: it is not fetched again while the folder is there.
        const Run again = run({QStringLiteral("download"), QStringLiteral("civitai:4216")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.all()));
        QCOMPARE(downloadsOfThePack(), 1);
    }

    void withExtractionOffTheArchiveStaysAFile()
    {
        const Run set =
            run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("library.extractArchives=false")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.all()));
        const Run result = run({QStringLiteral("download"), QStringLiteral("civitai:4216")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        QVERIFY(QFileInfo(zip()).isFile());
        QVERIFY(!QFileInfo::exists(folder()));
        QVERIFY2(!result.all().contains(QStringLiteral("Extracted")), qPrintable(result.all()));

        // Turned on again, the next download of it extracts the zip already on disk.
        QCOMPARE(
            run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("library.extractArchives=true")})
                .exitCode,
            0);
        const Run later = run({QStringLiteral("download"), QStringLiteral("civitai:4216")});
        QVERIFY2(later.exitCode == 0, qPrintable(later.all()));
        verifyExtracted();
        QCOMPARE(downloadsOfThePack(), 1);
    }

    void jsonNamesTheFolderAndTheCount()
    {
        const Run result = run({QStringLiteral("--json"), QStringLiteral("download"), QStringLiteral("civitai:4216")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        bool seen = false;
        for (const QString &line : result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
            if (event.value(QLatin1String("event")).toString() != QLatin1String("finished") ||
                !event.contains(QLatin1String("extracted")))
                continue;
            const QJsonObject extracted = event.value(QLatin1String("extracted")).toObject();
            QCOMPARE(extracted.value(QLatin1String("folder")).toString(), folder());
            QCOMPARE(extracted.value(QLatin1String("files")).toInt(), 3);
            QCOMPARE(extracted.value(QLatin1String("leftOut")).toArray().size(), 0);
            QCOMPARE(event.value(QLatin1String("path")).toString(), folder());
            seen = true;
        }
        QVERIFY2(seen, qPrintable(result.all()));
    }
};

QTEST_GUILESS_MAIN(TestCliArchive)
#include "tst_cliarchive.moc"
