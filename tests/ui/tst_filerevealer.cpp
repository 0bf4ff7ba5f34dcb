// Open folder shows the file itself: FileManager1.ShowItems over the session bus when a file
// manager offers it (here a stand-in registered by the test on a private bus, when the test
// runs under dbus-run-session), else the nearest existing folder opens.
#include "filerevealer.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

// Stands in for Dolphin or Nautilus: records what it was asked to show.
class FakeFileManager : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.FileManager1")
public:
    QStringList shown;
public Q_SLOTS:
    void ShowItems(const QStringList &uris, const QString &startupId)
    {
        Q_UNUSED(startupId);
        shown << uris;
    }
};

// Receives what QDesktopServices would have handed to the desktop.
class UrlSink : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void open(const QUrl &url) { opened << url; }
};

class TestFileRevealer : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    UrlSink m_sink;

    QString makeFile()
    {
        QDir().mkpath(m_dir.filePath(QStringLiteral("snapshots/abc")));
        const QString path = m_dir.filePath(QStringLiteral("snapshots/abc/model.gguf"));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write("GGUF");
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QDesktopServices::setUrlHandler(QStringLiteral("file"), &m_sink, "open"); }
    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); }

    void theNearestExistingFolderOfAFileNotThereYet()
    {
        const QString missing = m_dir.filePath(QStringLiteral("snapshots/not-yet/sub/model.gguf"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("snapshots")));
        QCOMPARE(Ui::FileRevealer::existingFolder(missing), m_dir.filePath(QStringLiteral("snapshots")));
        QCOMPARE(Ui::FileRevealer::existingFolder(m_dir.path()), m_dir.path());
    }

    void withoutAFileManagerTheFolderOpens()
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (bus.isConnected() &&
            bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.FileManager1")).value())
            QSKIP("a real file manager answers on this bus");
        m_sink.opened.clear();
        const QString file = makeFile();
        QVERIFY(!Ui::FileRevealer::reveal(file));
        QCOMPARE(m_sink.opened, QList<QUrl>{QUrl::fromLocalFile(QFileInfo(file).absolutePath())});
    }

    void aFileManagerOnTheBusIsAskedToSelectTheFile()
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (!bus.isConnected())
            QSKIP("no session bus (ctest runs this again under dbus-run-session)");
        FakeFileManager fake;
        QVERIFY(bus.registerObject(QStringLiteral("/org/freedesktop/FileManager1"), &fake,
                                   QDBusConnection::ExportAllSlots));
        QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.FileManager1")));
        m_sink.opened.clear();
        const QString file = makeFile();
        QVERIFY(Ui::FileRevealer::reveal(file));
        QTRY_COMPARE(fake.shown, QStringList{QUrl::fromLocalFile(file).toString(QUrl::FullyEncoded)});
        QVERIFY(m_sink.opened.isEmpty());  // no folder window besides
        bus.unregisterService(QStringLiteral("org.freedesktop.FileManager1"));
        bus.unregisterObject(QStringLiteral("/org/freedesktop/FileManager1"));
    }
};

QTEST_MAIN(TestFileRevealer)
#include "tst_filerevealer.moc"
