// Util::volumeOf: the file system of a path that may not exist yet, and its free space.
#include "util/freespace.h"

#include <QDir>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

class TestFreeSpace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aFolderToBeCreatedIsAnsweredByItsNearestExistingParent()
    {
        QTemporaryDir dir;
        const Util::Volume volume = Util::volumeOf(dir.filePath(QStringLiteral("hub/models--a--b/blobs")));
        QCOMPARE(volume.folder, QDir(dir.path()).absolutePath());
        QVERIFY(!volume.mountPoint.isEmpty());
        QVERIFY(volume.available > 0);
        // The same figure the system reports (give or take what other processes wrote meanwhile).
        const QStorageInfo storage(dir.path());
        if (storage.isValid())
            QVERIFY(qAbs(storage.bytesAvailable() - volume.available) < 256LL * 1024 * 1024);
    }
    void anEmptyPathMeansTheHomeFolder() { QCOMPARE(Util::volumeOf(QString()).folder, QDir::homePath()); }
};

QTEST_GUILESS_MAIN(TestFreeSpace)
#include "tst_freespace.moc"
