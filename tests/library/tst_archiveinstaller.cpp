#include "archivebuilder.h"
#include "library/archiveinstaller.h"
#include "library/storagelayout.h"
#include "util/sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using Library::ArchiveInstaller;
using Library::Destination;
using Library::StorageLayout;

// A verified Civitai pack as StorageLayout::commit leaves it (the zip and its sidecar in the
// library), then what ArchiveInstaller makes of it: the folder beside it, the sidecar's record,
// the archive kept or removed, and folders that are not its own left alone.
class TestArchiveInstaller : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_root;
    Destination m_pack;

    QString wildcards() const { return m_root->filePath(QStringLiteral("library/Wildcards")); }
    QString archive() const { return StorageLayout::finalPath(m_pack); }

    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    static bool write(const QString &path, const QByteArray &data)
    {
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
    }

    // The archive and the sidecar StorageLayout::commit writes for it.
    void commit(const QList<ArchiveEntrySpec> &entries)
    {
        QVERIFY(QDir().mkpath(wildcards()));
        QVERIFY(writeArchive(archive(), entries, ARCHIVE_FORMAT_ZIP));
        const QString sha = Util::Sha256::hexOfFile(archive());
        m_pack.sidecar.insert(QStringLiteral("sha256"), sha);
        QJsonObject record = m_pack.sidecar;
        record.insert(QStringLiteral("fileName"), QStringLiteral("pack.zip"));
        record.insert(QStringLiteral("sizeBytes"), QFileInfo(archive()).size());
        QVERIFY(write(StorageLayout::sidecarPath(m_pack), QJsonDocument(record).toJson()));
    }
    void commitGoodPack()
    {
        commit({ArchiveEntrySpec::file("colors.txt", "red\n"), ArchiveEntrySpec::file("sub/animals.txt", "cat\n")});
    }

private Q_SLOTS:
    void init()
    {
        m_root = std::make_unique<QTemporaryDir>();
        QVERIFY(m_root->isValid());
        m_pack = {};
        m_pack.kind = Destination::Kind::Library;
        m_pack.root = m_root->filePath(QStringLiteral("library"));
        m_pack.repoId = QStringLiteral("civitai:4216");
        m_pack.relativePath = QStringLiteral("Wildcards/pack.zip");
        m_pack.sidecar = QJsonObject{{QStringLiteral("modelId"), 4216}, {QStringLiteral("versionId"), 421601}};
    }

    void aPackIsExtractedBesideItselfAndRecorded()
    {
        commitGoodPack();
        const ArchiveInstaller::Outcome outcome = ArchiveInstaller::install(m_pack, {});
        QVERIFY2(outcome.ok, qPrintable(outcome.sentence));
        QCOMPARE(outcome.folder, wildcards() + QStringLiteral("/pack"));
        QCOMPARE(read(outcome.folder + QStringLiteral("/sub/animals.txt")), QByteArray("cat\n"));
        QCOMPARE(StorageLayout::extractedFolder(m_pack), outcome.folder);
        const QJsonObject sidecar = StorageLayout::readSidecar(m_pack);
        QCOMPARE(sidecar.value(QLatin1String("extractedTo")).toString(), QStringLiteral("pack"));
        QCOMPARE(sidecar.value(QLatin1String("extractedFiles")).toInt(), 2);
        QVERIFY(!sidecar.contains(QLatin1String("extractingTo")));
        QVERIFY(QFileInfo(archive()).isFile());
        QVERIFY(StorageLayout::isPresent(m_pack, QFileInfo(archive()).size()));
        QVERIFY2(outcome.sentence.startsWith(QStringLiteral("Extracted 2 files (8 bytes) to ")),
                 qPrintable(outcome.sentence));
    }

    void aFolderOfThatNameThatIsNotItsOwnIsLeftAlone()
    {
        commitGoodPack();
        QVERIFY(write(wildcards() + QStringLiteral("/pack/mine.txt"), "the user's"));
        const ArchiveInstaller::Outcome outcome = ArchiveInstaller::install(m_pack, {});
        QVERIFY2(outcome.ok, qPrintable(outcome.sentence));
        QCOMPARE(outcome.folder, wildcards() + QStringLiteral("/pack-2"));
        QCOMPARE(read(wildcards() + QStringLiteral("/pack/mine.txt")), QByteArray("the user's"));
        QVERIFY(!QFileInfo::exists(wildcards() + QStringLiteral("/pack/colors.txt")));
        QCOMPARE(StorageLayout::extractedFolder(m_pack), outcome.folder);
    }

    void extractingAgainReplacesItsOwnFolder()
    {
        commitGoodPack();
        QVERIFY(ArchiveInstaller::install(m_pack, {}).ok);
        QVERIFY(write(wildcards() + QStringLiteral("/pack/stray.txt"), "left from before"));
        const ArchiveInstaller::Outcome again = ArchiveInstaller::install(m_pack, {});
        QVERIFY2(again.ok, qPrintable(again.sentence));
        QCOMPARE(again.folder, wildcards() + QStringLiteral("/pack"));
        QVERIFY(!QFileInfo::exists(wildcards() + QStringLiteral("/pack/stray.txt")));
        QVERIFY(!QFileInfo::exists(wildcards() + QStringLiteral("/pack-2")));
    }

    void aFolderAnInterruptedRunNamedIsReplacedNotDoubled()
    {
        // The run before renamed its folder in and stopped before recording it as done.
        commitGoodPack();
        QJsonObject sidecar = StorageLayout::readSidecar(m_pack);
        sidecar.insert(QStringLiteral("extractingTo"), QStringLiteral("pack"));
        QVERIFY(write(StorageLayout::sidecarPath(m_pack), QJsonDocument(sidecar).toJson()));
        QVERIFY(write(wildcards() + QStringLiteral("/pack/colors.txt"), "red\n"));
        const ArchiveInstaller::Outcome outcome = ArchiveInstaller::install(m_pack, {});
        QVERIFY2(outcome.ok, qPrintable(outcome.sentence));
        QCOMPARE(outcome.folder, wildcards() + QStringLiteral("/pack"));
        QVERIFY(!QFileInfo::exists(wildcards() + QStringLiteral("/pack-2")));
        QVERIFY(!StorageLayout::readSidecar(m_pack).contains(QLatin1String("extractingTo")));
    }

    void withoutKeepingArchivesTheFolderIsTheDownload()
    {
        commitGoodPack();
        const qint64 size = QFileInfo(archive()).size();
        ArchiveInstaller::Options options;
        options.keepArchive = false;
        const ArchiveInstaller::Outcome outcome = ArchiveInstaller::install(m_pack, options);
        QVERIFY2(outcome.ok, qPrintable(outcome.sentence));
        QVERIFY(!QFileInfo::exists(archive()));
        QVERIFY2(outcome.sentence.contains(QStringLiteral("The archive was removed")), qPrintable(outcome.sentence));
        QCOMPARE(StorageLayout::readSidecar(m_pack).value(QLatin1String("archiveKept")).toBool(true), false);
        QVERIFY(StorageLayout::isPresent(m_pack, size));
        // The folder gone too: nothing is there any more, so it is downloaded again.
        QVERIFY(QDir(outcome.folder).removeRecursively());
        QVERIFY(!StorageLayout::isPresent(m_pack, size));
    }

    void aSidecarNamingAFolderOutsideIsNotBelieved()
    {
        commitGoodPack();
        QVERIFY(QDir().mkpath(m_root->filePath(QStringLiteral("outside"))));
        QJsonObject sidecar = StorageLayout::readSidecar(m_pack);
        sidecar.insert(QStringLiteral("extractedTo"), QStringLiteral("../../outside"));
        QVERIFY(write(StorageLayout::sidecarPath(m_pack), QJsonDocument(sidecar).toJson()));
        QCOMPARE(StorageLayout::extractedFolder(m_pack), QString());
        const ArchiveInstaller::Outcome outcome = ArchiveInstaller::install(m_pack, {});
        QVERIFY2(outcome.ok, qPrintable(outcome.sentence));
        QCOMPARE(outcome.folder, wildcards() + QStringLiteral("/pack"));
        QCOMPARE(QDir(m_root->filePath(QStringLiteral("outside"))).isEmpty(), true);
    }

    void withoutASidecarTheArchiveStaysWhateverTheSetting()
    {
        m_pack.sidecar = {};
        QVERIFY(QDir().mkpath(wildcards()));
        QVERIFY(writeArchive(archive(), {ArchiveEntrySpec::file("a.txt", "a")}, ARCHIVE_FORMAT_ZIP));
        ArchiveInstaller::Options options;
        options.keepArchive = false;
        const ArchiveInstaller::Outcome outcome = ArchiveInstaller::install(m_pack, options);
        QVERIFY2(outcome.ok, qPrintable(outcome.sentence));
        QVERIFY(QFileInfo(archive()).isFile());
    }

    void aFailureKeepsTheArchiveAndSaysWhereItIs()
    {
        commit({ArchiveEntrySpec::file("../evil.txt", "x"), ArchiveEntrySpec::symlink("etc", "/etc")});
        ArchiveInstaller::Options options;
        options.keepArchive = false;
        const ArchiveInstaller::Outcome outcome = ArchiveInstaller::install(m_pack, options);
        QVERIFY(!outcome.ok);
        QVERIFY(!outcome.diskFull);
        QVERIFY2(outcome.sentence.contains(QStringLiteral("nothing in it was safe to extract")),
                 qPrintable(outcome.sentence));
        QVERIFY2(outcome.sentence.contains(QStringLiteral("The archive stays at %1.").arg(archive())),
                 qPrintable(outcome.sentence));
        QVERIFY(QFileInfo(archive()).isFile());
        QVERIFY(!QFileInfo::exists(wildcards() + QStringLiteral("/pack")));
        QVERIFY(!QFileInfo::exists(m_root->filePath(QStringLiteral("library/evil.txt"))));
        const QJsonObject sidecar = StorageLayout::readSidecar(m_pack);
        QVERIFY(!sidecar.contains(QLatin1String("extractingTo")));
        QVERIFY(!sidecar.contains(QLatin1String("extractedTo")));
    }
};

QTEST_GUILESS_MAIN(TestArchiveInstaller)
#include "tst_archiveinstaller.moc"
