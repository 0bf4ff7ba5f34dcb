#include "../download/scopedtmpfs.h"
#include "archivebuilder.h"
#include "library/archiveentryname.h"
#include "library/archiveextractor.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <sys/stat.h>

using Library::ArchiveExtractor;
using Library::ArchiveLimits;
using Status = Library::ArchiveExtractor::Status;
using Entries = QList<ArchiveEntrySpec>;

Q_DECLARE_METATYPE(Entries)

// Archives written with libarchive's own writer, hostile ones included, extracted into a real
// folder; each test checks the files on disk and that nothing appeared outside the target.
class TestArchiveExtractor : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_root;

    QString archives() const { return m_root->filePath(QStringLiteral("archives")); }
    QString library() const { return m_root->filePath(QStringLiteral("library")); }
    QString target() const { return library() + QStringLiteral("/pack"); }
    QString escaped() const { return m_root->filePath(QStringLiteral("escaped")); }

    QString build(const Entries &entries, int format = ARCHIVE_FORMAT_TAR_PAX_RESTRICTED,
                  int filter = ARCHIVE_FILTER_NONE, const QString &name = QStringLiteral("pack.tar"))
    {
        const QString path = archives() + QLatin1Char('/') + name;
        QString error;
        if (!writeArchive(path, entries, format, filter, &error))
            qWarning("could not write %s: %s", qPrintable(path), qPrintable(error));
        return path;
    }

    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // Everything under the test's root except the archives: the target (when extracted) and
    // nothing else — no escaped file, no temporary folder, nothing beside the target.
    QStringList everythingOutsideTheTarget() const
    {
        QStringList found;
        QDirIterator it(m_root->path(), QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.startsWith(archives()) || path.startsWith(target() + QLatin1Char('/')) || path == target() ||
                path == library())
                continue;
            found << path;
        }
        return found;
    }

    static bool refusedWith(const ArchiveExtractor::Result &result, const QString &entry, const QString &reason)
    {
        for (const ArchiveExtractor::Refusal &refusal : result.refused) {
            if (refusal.entry == entry && refusal.reason.contains(reason))
                return true;
        }
        return false;
    }

    static QString describe(const ArchiveExtractor::Result &result)
    {
        return result.ok() ? result.summary() : result.errorString;
    }

private Q_SLOTS:
    void init()
    {
        m_root = std::make_unique<QTemporaryDir>();
        QVERIFY(m_root->isValid());
        QVERIFY(QDir().mkpath(archives()));
        QVERIFY(QDir().mkpath(library()));
    }

    void goodArchivesExtractWithTheirContents_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("filter");
        QTest::addColumn<QString>("name");
        QTest::newRow("a zip") << int(ARCHIVE_FORMAT_ZIP) << int(ARCHIVE_FILTER_NONE) << QStringLiteral("pack.zip");
        QTest::newRow("a 7z") << int(ARCHIVE_FORMAT_7ZIP) << int(ARCHIVE_FILTER_NONE) << QStringLiteral("pack.7z");
        QTest::newRow("a tar.gz") << int(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED) << int(ARCHIVE_FILTER_GZIP)
                                  << QStringLiteral("pack.tar.gz");
        QTest::newRow("a tar.xz") << int(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED) << int(ARCHIVE_FILTER_XZ)
                                  << QStringLiteral("pack.tar.xz");
    }
    void goodArchivesExtractWithTheirContents()
    {
        QFETCH(int, format);
        QFETCH(int, filter);
        QFETCH(QString, name);
        QByteArray random(300 * 1024, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
        const Entries entries = {ArchiveEntrySpec::folder("wildcards/"),
                                 ArchiveEntrySpec::file("wildcards/colors.txt", "red\ngreen\nblue\n"),
                                 ArchiveEntrySpec::file("wildcards/deep/animals.txt", "cat\ndog\n"),
                                 ArchiveEntrySpec::file("weights.bin", random),
                                 ArchiveEntrySpec::file("run.sh", "#!/bin/sh\necho hi\n", 0755),
                                 ArchiveEntrySpec::folder("empty/")};
        const QString archive = build(entries, format, filter, name);

        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target());
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result.folder, target());
        QCOMPARE(result.files, 4);
        QCOMPARE(result.bytes, qint64(15 + 8 + random.size() + 18));
        QVERIFY2(result.refused.isEmpty(), qPrintable(result.summary()));
        QCOMPARE(read(target() + QStringLiteral("/wildcards/colors.txt")), QByteArray("red\ngreen\nblue\n"));
        QCOMPARE(read(target() + QStringLiteral("/wildcards/deep/animals.txt")), QByteArray("cat\ndog\n"));
        QCOMPARE(read(target() + QStringLiteral("/weights.bin")), random);
        QVERIFY(QFileInfo(target() + QStringLiteral("/empty")).isDir());
        QVERIFY(QFileInfo(target() + QStringLiteral("/run.sh")).isExecutable());
        QVERIFY(!QFileInfo(target() + QStringLiteral("/weights.bin")).isExecutable());
        QCOMPARE(QFileInfo(target() + QStringLiteral("/weights.bin")).lastModified().toSecsSinceEpoch(), 1700000000);
        QVERIFY2(result.summary().startsWith(QStringLiteral("Extracted 4 files (")), qPrintable(result.summary()));
        QVERIFY2(result.summary().contains(target()), qPrintable(result.summary()));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
    }

    void linksInsideTheFolderAreKept()
    {
        const QString archive = build({ArchiveEntrySpec::file("data/model.bin", "weights"),
                                       ArchiveEntrySpec::symlink("latest.bin", "data/model.bin"),
                                       ArchiveEntrySpec::symlink("data/self.bin", "../data/model.bin"),
                                       ArchiveEntrySpec::hardlink("copy.bin", "data/model.bin")});
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target());
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result.files, 1);
        QCOMPARE(result.links, 3);
        QCOMPARE(QFileInfo(target() + QStringLiteral("/latest.bin")).symLinkTarget(),
                 target() + QStringLiteral("/data/model.bin"));
        QCOMPARE(read(target() + QStringLiteral("/data/self.bin")), QByteArray("weights"));
        QCOMPARE(read(target() + QStringLiteral("/copy.bin")), QByteArray("weights"));
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(target() + QStringLiteral("/copy.bin")).constData(), &info), 0);
        QCOMPARE(int(info.st_nlink), 2);
    }

    void unsafeEntriesAreLeftOutAndNamedWhileTheRestExtracts_data()
    {
        QTest::addColumn<Entries>("hostile");
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("reason");
        const QByteArray outside = QFile::encodeName(m_root->filePath(QStringLiteral("escaped/x")));
        QTest::newRow("a zip-slip name ../x") << Entries{ArchiveEntrySpec::file("../escaped/x", "pwned")}
                                              << QStringLiteral("../escaped/x") << QStringLiteral("\"..\"");
        QTest::newRow("a name with .. in the middle")
            << Entries{ArchiveEntrySpec::file("a/../../escaped/x", "pwned")} << QStringLiteral("a/../../escaped/x")
            << QStringLiteral("\"..\"");
        QTest::newRow("a Windows zip-slip name ..\\x") << Entries{ArchiveEntrySpec::file("..\\escaped\\x", "pwned")}
                                                       << QStringLiteral("..\\escaped\\x") << QStringLiteral("\"..\"");
        QTest::newRow("an absolute path") << Entries{ArchiveEntrySpec::file(outside, "pwned")}
                                          << QFile::decodeName(outside) << QStringLiteral("absolute path");
        const QByteArray inTmp = "/tmp/modeldock-zip-slip-" + QByteArray::number(QCoreApplication::applicationPid());
        QTest::newRow("an absolute path in /tmp") << Entries{ArchiveEntrySpec::file(inTmp, "pwned")}
                                                  << QString::fromLatin1(inTmp) << QStringLiteral("absolute path");
        QTest::newRow("a symbolic link to ../../etc") << Entries{ArchiveEntrySpec::symlink("etc", "../../etc")}
                                                      << QStringLiteral("etc") << QStringLiteral("outside the folder");
        QTest::newRow("a symbolic link to an absolute path")
            << Entries{ArchiveEntrySpec::symlink("passwd", "/etc/passwd")} << QStringLiteral("passwd")
            << QStringLiteral("absolute path");
        QTest::newRow("a hard link to ../../etc/passwd")
            << Entries{ArchiveEntrySpec::hardlink("passwd", "../../etc/passwd")} << QStringLiteral("passwd")
            << QStringLiteral("\"..\"");
        QTest::newRow("a hard link to an absolute path") << Entries{ArchiveEntrySpec::hardlink("passwd", "/etc/passwd")}
                                                         << QStringLiteral("passwd") << QStringLiteral("absolute path");
        QTest::newRow("a hard link through a symbolic link")
            << Entries{ArchiveEntrySpec::folder("real/"), ArchiveEntrySpec::file("real/f", "data"),
                       ArchiveEntrySpec::symlink("alias", "real"), ArchiveEntrySpec::hardlink("h", "alias/f")}
            << QStringLiteral("h") << QStringLiteral("link or a file");
        QTest::newRow("a hard link to a symbolic link")
            << Entries{ArchiveEntrySpec::symlink("s", "ok.txt"), ArchiveEntrySpec::hardlink("h", "s")}
            << QStringLiteral("h") << QStringLiteral("not a file");
        QTest::newRow("a file written through a symbolic link")
            << Entries{ArchiveEntrySpec::folder("real/"), ArchiveEntrySpec::symlink("alias", "real"),
                       ArchiveEntrySpec::file("alias/x", "through")}
            << QStringLiteral("alias/x") << QStringLiteral("link or a file");
        QTest::newRow("a character device") << Entries{ArchiveEntrySpec::special("null", AE_IFCHR)}
                                            << QStringLiteral("null") << QStringLiteral("character device");
        QTest::newRow("a block device") << Entries{ArchiveEntrySpec::special("disk", AE_IFBLK)}
                                        << QStringLiteral("disk") << QStringLiteral("block device");
        QTest::newRow("a FIFO") << Entries{ArchiveEntrySpec::special("pipe", AE_IFIFO)} << QStringLiteral("pipe")
                                << QStringLiteral("named pipe");
        QTest::newRow("a second entry of the same name")
            << Entries{ArchiveEntrySpec::file("ok.txt", "again")} << QStringLiteral("ok.txt")
            << QStringLiteral("already has that name");
    }
    void unsafeEntriesAreLeftOutAndNamedWhileTheRestExtracts()
    {
        QFETCH(Entries, hostile);
        QFETCH(QString, entry);
        QFETCH(QString, reason);
        const QString archive = build(Entries{ArchiveEntrySpec::file("ok.txt", "safe")} + hostile);
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target());
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QVERIFY2(refusedWith(result, entry, reason), qPrintable(result.summary()));
        QCOMPARE(read(target() + QStringLiteral("/ok.txt")), QByteArray("safe"));
        QVERIFY2(result.summary().contains(QStringLiteral("Left out")), qPrintable(result.summary()));
        QVERIFY2(result.summary().contains(entry), qPrintable(result.summary()));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
        QVERIFY(!QFileInfo::exists(escaped()));
        QVERIFY(
            !QFileInfo::exists(QStringLiteral("/tmp/modeldock-zip-slip-%1").arg(QCoreApplication::applicationPid())));
    }

    void anEncryptedEntryIsLeftOut()
    {
        const QString archive = archives() + QStringLiteral("/secret.zip");
        QString error;
        QVERIFY2(writeArchive(archive, {ArchiveEntrySpec::file("secret.txt", "hidden")}, ARCHIVE_FORMAT_ZIP,
                              ARCHIVE_FILTER_NONE, &error, "password"),
                 qPrintable(error));
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target());
        QCOMPARE(result.status, Status::NothingExtracted);
        QVERIFY2(refusedWith(result, QStringLiteral("secret.txt"), QStringLiteral("encrypted")),
                 qPrintable(result.refusalSentence()));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
    }

    void aChainOfLinksThatLeadsOutIsRemoved()
    {
        // Each link alone stays inside: d/e is the top folder, x is d. Together x is the
        // parent of the top folder, which only following d/e first reveals.
        const QString archive =
            build({ArchiveEntrySpec::file("ok.txt", "safe"), ArchiveEntrySpec::folder("d/"),
                   ArchiveEntrySpec::symlink("x", "d/e/.."), ArchiveEntrySpec::symlink("d/e", "..")});
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target());
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QVERIFY2(refusedWith(result, QStringLiteral("x"), QStringLiteral("through another link")),
                 qPrintable(result.summary()));
        QVERIFY(!QFileInfo(target() + QStringLiteral("/x")).isSymLink());
        QVERIFY(QFileInfo(target() + QStringLiteral("/d/e")).isSymLink());
        QCOMPARE(result.links, 1);
    }

    void awkwardNamesAreRepaired_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QString>("onDisk");
        QTest::newRow("control characters") << QByteArray("bad\x01name\x1b.txt") << QStringLiteral("bad_name_.txt");
        QTest::newRow("characters Windows refuses")
            << QByteArray("what?<is>:this|.txt") << QStringLiteral("what__is__this_.txt");
        QTest::newRow("a trailing dot") << QByteArray("notes.") << QStringLiteral("notes_");
        QTest::newRow("a device name") << QByteArray("dir/CON.txt") << QStringLiteral("dir/_CON.txt");
        QTest::newRow("backslashes as separators")
            << QByteArray("dir\\sub\\file.txt") << QStringLiteral("dir/sub/file.txt");
        QTest::newRow("a leading ./") << QByteArray("./dir/file.txt") << QStringLiteral("dir/file.txt");
    }
    void awkwardNamesAreRepaired()
    {
        QFETCH(QByteArray, name);
        QFETCH(QString, onDisk);
        const QString archive = build({ArchiveEntrySpec::file(name, "content")});
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target());
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(read(target() + QLatin1Char('/') + onDisk), QByteArray("content"));
        QCOMPARE(result.files, 1);
    }

    void anOverlongNameIsShortenedKeepingItsExtension()
    {
        const QByteArray longA = QByteArray(300, 'a') + ".safetensors";
        const QByteArray longB = QByteArray(300, 'a') + "b.safetensors";
        const QString archive = build({ArchiveEntrySpec::file(longA, "A"), ArchiveEntrySpec::file(longB, "B")});
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target());
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result.files, 2);  // two long names that share a beginning stay two files
        const QStringList names = QDir(target()).entryList(QDir::Files);
        QCOMPARE(names.size(), 2);
        for (const QString &name : names) {
            QVERIFY2(name.toUtf8().size() <= 255, qPrintable(name));
            QVERIFY2(name.endsWith(QLatin1String(".safetensors")), qPrintable(name));
        }
        QCOMPARE(result.renamed.size(), 2);
    }

    void aZipBombStopsAtTheRatioAndLeavesNothing()
    {
        // 48 MiB of zeros deflate to about 48 KiB: ~1,000 times. With the default limits the
        // size the archive declares for it stops it before anything is written.
        const QString archive = build({ArchiveEntrySpec::zeroes("zeros.bin", 48LL << 20)}, ARCHIVE_FORMAT_ZIP,
                                      ARCHIVE_FILTER_NONE, QStringLiteral("bomb.zip"));
        QVERIFY(QFileInfo(archive).size() < (1 << 20));
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target());
        QCOMPARE(result.status, Status::LimitExceeded);
        QVERIFY2(result.errorString.contains(QStringLiteral("200 times")), qPrintable(result.errorString));
        QVERIFY2(result.errorString.contains(QStringLiteral("zip bomb")), qPrintable(result.errorString));
        QVERIFY2(result.errorString.contains(QStringLiteral("bomb.zip")), qPrintable(result.errorString));
        QVERIFY(result.folder.isEmpty());
        QVERIFY(!QFileInfo::exists(target()));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
    }

    void tooManyEntriesStopAndLeaveNothing()
    {
        Entries entries;
        for (int i = 0; i < 11; ++i)
            entries << ArchiveEntrySpec::file(QByteArray("f") + QByteArray::number(i), "x");
        ArchiveLimits limits;
        limits.maxEntries = 10;
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(build(entries), target(), limits);
        QCOMPARE(result.status, Status::LimitExceeded);
        QVERIFY2(result.errorString.contains(QStringLiteral("more than 10 entries")), qPrintable(result.errorString));
        QVERIFY(!QFileInfo::exists(target()));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
    }

    void tooManyBytesStopAndLeaveNothing_data()
    {
        QTest::addColumn<bool>("tar");
        QTest::newRow("a tar") << true;
        QTest::newRow("a zip") << false;
    }
    void tooManyBytesStopAndLeaveNothing()
    {
        QFETCH(bool, tar);
        const Entries entries = {ArchiveEntrySpec::file("a.bin", QByteArray(600, 'a')),
                                 ArchiveEntrySpec::file("b.bin", QByteArray(600, 'b'))};
        const QString archive =
            tar ? build(entries) : build(entries, ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, QStringLiteral("pack.zip"));
        ArchiveLimits limits;
        limits.maxTotalBytes = 1000;
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target(), limits);
        QCOMPARE(result.status, Status::LimitExceeded);
        QVERIFY2(result.errorString.contains(QStringLiteral("exceed 1,000 bytes")), qPrintable(result.errorString));
        QVERIFY2(result.errorString.contains(QStringLiteral("b.bin")), qPrintable(result.errorString));
        QVERIFY(!QFileInfo::exists(target()));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
    }

    void anArchiveWithNothingSafeExtractsNothing()
    {
        const QString archive = build({ArchiveEntrySpec::file("../x", "a"), ArchiveEntrySpec::symlink("l", "/etc")});
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target());
        QCOMPARE(result.status, Status::NothingExtracted);
        QVERIFY2(result.errorString.contains(QStringLiteral("nothing in it was safe")), qPrintable(result.errorString));
        QCOMPARE(result.refused.size(), 2);
        QVERIFY(!QFileInfo::exists(target()));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
    }

    void aFileThatIsNoArchiveIsSaid()
    {
        const QString archive = archives() + QStringLiteral("/broken.zip");
        QFile file(archive);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'z'));
        file.close();
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target());
        QCOMPARE(result.status, Status::Unreadable);
        QVERIFY2(result.errorString.startsWith(QStringLiteral("Could not extract broken.zip: it could not be read")),
                 qPrintable(result.errorString));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
    }

    void aTruncatedArchiveLeavesNothing()
    {
        QByteArray random(256 * 1024, Qt::Uninitialized);
        QRandomGenerator(3).fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
        const QString archive =
            build({ArchiveEntrySpec::file("a.bin", random), ArchiveEntrySpec::file("b.bin", random)},
                  ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP, QStringLiteral("pack.tar.gz"));
        QFile file(archive);
        QVERIFY(file.resize(file.size() / 2));
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, target());
        QCOMPARE(result.status, Status::Unreadable);
        QVERIFY(!QFileInfo::exists(target()));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
    }

    void anExistingFolderIsLeftAloneUnlessReplacing()
    {
        QVERIFY(QDir().mkpath(target()));
        QFile mine(target() + QStringLiteral("/mine.txt"));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("the user's");
        mine.close();
        const QString archive = build({ArchiveEntrySpec::file("new.txt", "new")});

        const ArchiveExtractor::Result kept = ArchiveExtractor::extract(archive, target());
        QCOMPARE(kept.status, Status::Failed);
        QVERIFY2(kept.errorString.contains(QStringLiteral("already exists")), qPrintable(kept.errorString));
        QCOMPARE(read(target() + QStringLiteral("/mine.txt")), QByteArray("the user's"));
        QVERIFY(!QFileInfo::exists(target() + QStringLiteral("/new.txt")));

        const ArchiveExtractor::Result replaced =
            ArchiveExtractor::extract(archive, target(), {}, ArchiveExtractor::IfTargetExists::Replace);
        QVERIFY2(replaced.ok(), qPrintable(describe(replaced)));
        QCOMPARE(read(target() + QStringLiteral("/new.txt")), QByteArray("new"));
        QVERIFY(!QFileInfo::exists(target() + QStringLiteral("/mine.txt")));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
    }

    void whatACrashLeftBehindIsRemoved()
    {
        const QString stale = library() + QStringLiteral("/.pack.modeldock-extracting-0badf00d");
        QVERIFY(QDir().mkpath(stale + QStringLiteral("/half")));
        const ArchiveExtractor::Result result =
            ArchiveExtractor::extract(build({ArchiveEntrySpec::file("a.txt", "a")}), target());
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QVERIFY(!QFileInfo::exists(stale));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
    }

    void cancellingLeavesNothing()
    {
        std::atomic_bool cancel{true};
        const ArchiveExtractor::Result result =
            ArchiveExtractor::extract(build({ArchiveEntrySpec::file("a.txt", "a")}), target(), {},
                                      ArchiveExtractor::IfTargetExists::Fail, &cancel);
        QCOMPARE(result.status, Status::Cancelled);
        QVERIFY(!QFileInfo::exists(target()));
        QCOMPARE(everythingOutsideTheTarget(), QStringList());
    }

    void aFullDiskIsSaidAndLeavesNothing()
    {
        ScopedTmpfs disk(4);
        if (!disk.isMounted())
            QSKIP(qPrintable(disk.error()));
        QByteArray random(6 << 20, Qt::Uninitialized);
        QRandomGenerator(11).fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
        const QString archive = build({ArchiveEntrySpec::file("big.bin", random)}, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED,
                                      ARCHIVE_FILTER_GZIP, QStringLiteral("big.tar.gz"));
        const QString folder = disk.path() + QStringLiteral("/big");
        const ArchiveExtractor::Result result = ArchiveExtractor::extract(archive, folder);
        QCOMPARE(result.status, Status::DiskFull);
        QVERIFY2(result.errorString.contains(QStringLiteral("the disk is full")), qPrintable(result.errorString));
        QCOMPARE(QDir(disk.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    }

    void noDescriptorStaysOpen()
    {
        const auto open = [] {
            return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size();
        };
        const QString good =
            build({ArchiveEntrySpec::folder("d/"), ArchiveEntrySpec::file("d/a.txt", "a"),
                   ArchiveEntrySpec::symlink("l", "d/a.txt"), ArchiveEntrySpec::hardlink("h", "d/a.txt")},
                  ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP, QStringLiteral("good.tar.gz"));
        const QString hostile =
            build({ArchiveEntrySpec::file("../x", "x"), ArchiveEntrySpec::symlink("alias", "."),
                   ArchiveEntrySpec::file("alias/y", "y"), ArchiveEntrySpec::file("z", "z")},
                  ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_NONE, QStringLiteral("bad.tar"));
        const qsizetype before = open();
        for (int i = 0; i < 20; ++i) {
            QVERIFY(ArchiveExtractor::extract(good, target(), {}, ArchiveExtractor::IfTargetExists::Replace).ok());
            QVERIFY(ArchiveExtractor::extract(hostile, target(), {}, ArchiveExtractor::IfTargetExists::Replace).ok());
        }
        QCOMPARE(open(), before);
    }

    void archiveNamesAndTheirFolders_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("archive");
        QTest::addColumn<QString>("folder");
        QTest::newRow("zip") << QStringLiteral("pack.zip") << true << QStringLiteral("pack");
        QTest::newRow("tar.gz, both extensions go")
            << QStringLiteral("pack.v2.tar.gz") << true << QStringLiteral("pack.v2");
        QTest::newRow("tgz") << QStringLiteral("pack.TGZ") << true << QStringLiteral("pack");
        QTest::newRow("7z") << QStringLiteral("pack.7z") << true << QStringLiteral("pack");
        QTest::newRow("tar.zst") << QStringLiteral("pack.tar.zst") << true << QStringLiteral("pack");
        QTest::newRow("a model file") << QStringLiteral("model.safetensors") << false
                                      << QStringLiteral("model.safetensors");
        QTest::newRow("a bare gz is no archive of files")
            << QStringLiteral("model.gz") << false << QStringLiteral("model.gz");
        QTest::newRow("only an extension") << QStringLiteral(".zip") << false << QStringLiteral("archive");
    }
    void archiveNamesAndTheirFolders()
    {
        QFETCH(QString, name);
        QFETCH(bool, archive);
        QFETCH(QString, folder);
        QCOMPARE(ArchiveExtractor::isArchiveName(name), archive);
        QCOMPARE(ArchiveExtractor::folderNameFor(name), folder);
    }
};

QTEST_GUILESS_MAIN(TestArchiveExtractor)
#include "tst_archiveextractor.moc"
