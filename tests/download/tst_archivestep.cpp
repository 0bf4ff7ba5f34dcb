#include "../library/archivebuilder.h"
#include "download/downloadpool.h"
#include "library/storagelayout.h"
#include "net/session.h"
#include "util/sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Download;

// The archive step of a task, through the pool as the front ends drive it: a verified archive
// already in the library (what a finished download leaves) is extracted before the task is
// Completed, a bad one fails the task with its sentence and stays, Retry extracts again
// without downloading, and the two settings apply to the next extraction. No network: every
// file here is already present, so no request is sent (the URL leads nowhere).
class TestArchiveStep : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_root;
    Net::Session m_session;

    QString wildcards() const { return m_root->filePath(QStringLiteral("library/Wildcards")); }

    FileRequest request() const
    {
        FileRequest r;
        r.url = QUrl(QStringLiteral("http://127.0.0.1:9/never-asked"));
        r.displayName = QStringLiteral("Demo · pack.zip");
        r.archive = true;
        r.destination.kind = Destination::Kind::Library;
        r.destination.root = m_root->filePath(QStringLiteral("library"));
        r.destination.repoId = QStringLiteral("civitai:4216");
        r.destination.relativePath = QStringLiteral("Wildcards/pack.zip");
        r.destination.sidecar = QJsonObject{{QStringLiteral("modelId"), 4216}, {QStringLiteral("versionId"), 421601}};
        return r;
    }

    // The zip and its sidecar as StorageLayout::commit leaves them; returns the request for it.
    FileRequest commit(const QList<ArchiveEntrySpec> &entries)
    {
        FileRequest r = request();
        const QString zip = Library::StorageLayout::finalPath(r.destination);
        QDir().mkpath(wildcards());
        if (!writeArchive(zip, entries, ARCHIVE_FORMAT_ZIP))
            qWarning("could not write %s", qPrintable(zip));
        r.expectedSha256 = Util::Sha256::hexOfFile(zip);
        r.expectedSize = QFileInfo(zip).size();
        r.destination.sidecar.insert(QStringLiteral("sha256"), r.expectedSha256);
        QJsonObject record = r.destination.sidecar;
        record.insert(QStringLiteral("fileName"), QStringLiteral("pack.zip"));
        record.insert(QStringLiteral("sizeBytes"), r.expectedSize);
        QFile sidecar(Library::StorageLayout::sidecarPath(r.destination));
        if (sidecar.open(QIODevice::WriteOnly))
            sidecar.write(QJsonDocument(record).toJson());
        return r;
    }

    static bool settle(DownloadPool &pool, TaskId id)
    {
        return QTest::qWaitFor([&] { return isTerminal(pool.task(id).state); }, 20000);
    }

private Q_SLOTS:
    void init()
    {
        m_root = std::make_unique<QTemporaryDir>();
        QVERIFY(m_root->isValid());
    }

    void theTaskCompletesOnceTheFolderIsThere()
    {
        const FileRequest pack = commit({ArchiveEntrySpec::file("a.txt", "a"), ArchiveEntrySpec::file("b/c.txt", "c")});
        DownloadPool pool(&m_session, {}, nullptr);
        const TaskId id = pool.addTask(pool.createGroup(QStringLiteral("pack")), pack);
        QVERIFY(settle(pool, id));
        const TaskSnapshot task = pool.task(id);
        QCOMPARE(task.state, TaskState::Completed);
        QCOMPARE(task.finalPath, wildcards() + QStringLiteral("/pack"));
        QCOMPARE(task.archive.folder, task.finalPath);
        QCOMPARE(task.archive.files, 2);
        QVERIFY2(task.archive.sentence.startsWith(QStringLiteral("Extracted 2 files (2 bytes) to ")),
                 qPrintable(task.archive.sentence));
        QVERIFY(QFileInfo(wildcards() + QStringLiteral("/pack/b/c.txt")).isFile());
        QVERIFY(!task.extracting);
    }

    void whatWasLeftOutIsInTheReport()
    {
        const FileRequest pack =
            commit({ArchiveEntrySpec::file("a.txt", "a"), ArchiveEntrySpec::symlink("etc", "../../../etc")});
        DownloadPool pool(&m_session, {}, nullptr);
        const TaskId id = pool.addTask(pool.createGroup(QStringLiteral("pack")), pack);
        QVERIFY(settle(pool, id));
        const TaskSnapshot task = pool.task(id);
        QCOMPARE(task.state, TaskState::Completed);
        QCOMPARE(task.archive.leftOut.size(), 1);
        QVERIFY2(task.archive.leftOut.first().startsWith(QStringLiteral("etc: it links to")),
                 qPrintable(task.archive.leftOut.first()));
        QVERIFY2(task.archive.sentence.contains(QStringLiteral("Left out 1 entry: \"etc\"")),
                 qPrintable(task.archive.sentence));
    }

    void aBadArchiveFailsTheTaskKeepsTheFileAndRetryExtractsAgain()
    {
        PoolOptions options;
        options.archiveLimits.maxEntries = 2;
        const FileRequest pack = commit(
            {ArchiveEntrySpec::file("a", "a"), ArchiveEntrySpec::file("b", "b"), ArchiveEntrySpec::file("c", "c")});
        DownloadPool pool(&m_session, options, nullptr);
        const TaskId id = pool.addTask(pool.createGroup(QStringLiteral("pack")), pack);
        QVERIFY(settle(pool, id));
        TaskSnapshot task = pool.task(id);
        QCOMPARE(task.state, TaskState::Failed);
        QCOMPARE(task.errorKind, Net::ErrorKind::BadArchive);
        QVERIFY2(task.errorText.contains(QStringLiteral("more than 2 entries")), qPrintable(task.errorText));
        QVERIFY2(task.errorText.contains(QStringLiteral("The archive stays at")), qPrintable(task.errorText));
        QVERIFY(QFileInfo(Library::StorageLayout::finalPath(pack.destination)).isFile());
        QVERIFY(!QFileInfo::exists(wildcards() + QStringLiteral("/pack")));

        // Retry extracts the file that is there again; nothing is downloaded.
        pool.retryTask(id);
        QVERIFY(settle(pool, id));
        QCOMPARE(pool.task(id).errorKind, Net::ErrorKind::BadArchive);
    }

    void theSettingsApplyToTheNextExtraction()
    {
        const FileRequest pack = commit({ArchiveEntrySpec::file("a.txt", "a")});
        const QString zip = Library::StorageLayout::finalPath(pack.destination);
        DownloadPool pool(&m_session, {}, nullptr);
        pool.setExtractArchives(false);
        const TaskId id = pool.addTask(pool.createGroup(QStringLiteral("off")), pack);
        QVERIFY(settle(pool, id));
        QCOMPARE(pool.task(id).state, TaskState::Completed);
        QCOMPARE(pool.task(id).finalPath, zip);
        QVERIFY(!QFileInfo::exists(wildcards() + QStringLiteral("/pack")));

        // Turned on (and the archive not to be kept): asked again, the same task extracts it.
        pool.setExtractArchives(true);
        pool.setKeepArchives(false);
        QCOMPARE(pool.addTask(pool.createGroup(QStringLiteral("on")), pack), id);
        QVERIFY(QTest::qWaitFor([&] { return pool.task(id).finalPath != zip; }, 20000));
        QCOMPARE(pool.task(id).state, TaskState::Completed);
        QCOMPARE(pool.task(id).finalPath, wildcards() + QStringLiteral("/pack"));
        QVERIFY(!QFileInfo::exists(zip));
        QVERIFY(Library::StorageLayout::isPresent(pack.destination, pack.expectedSize));
    }

    void aFileThatIsNoArchiveCompletesAsAFile()
    {
        FileRequest pack = commit({ArchiveEntrySpec::file("a.txt", "a")});
        pack.archive = false;
        DownloadPool pool(&m_session, {}, nullptr);
        const TaskId id = pool.addTask(pool.createGroup(QStringLiteral("file")), pack);
        QVERIFY(settle(pool, id));
        QCOMPARE(pool.task(id).finalPath, Library::StorageLayout::finalPath(pack.destination));
        QVERIFY(pool.task(id).archive.isEmpty());
        QVERIFY(!QFileInfo::exists(wildcards() + QStringLiteral("/pack")));
    }
};

QTEST_GUILESS_MAIN(TestArchiveStep)
#include "tst_archivestep.moc"
