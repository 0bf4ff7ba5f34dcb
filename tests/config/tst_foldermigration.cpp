// The move from 0.1's folders (~/.local/share/ModelDock/ModelDock with the settings in it,
// ~/.cache/ModelDock/ModelDock) to the XDG ones, on real folders in a temporary HOME.
#include "config/foldermigration.h"
#include "config/runtimeconfig.h"
#include "testfiles.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using Config::FolderMigration;
using Config::RuntimeConfig;
using TestFiles::readAll;
using TestFiles::write;

class TestFolderMigration : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_home;

    QString path(const char *relative) const { return m_home->filePath(QLatin1String(relative)); }
    QProcessEnvironment env() const
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), m_home->path());
        return env;
    }
    FolderMigration::Paths paths() const { return FolderMigration::pathsFor(RuntimeConfig::defaults(env()), env()); }
    void layOutTheOldFolders()
    {
        QVERIFY(write(path(".local/share/ModelDock/ModelDock/catalog.sqlite"), "catalog"));
        QVERIFY(write(path(".local/share/ModelDock/ModelDock/downloads.sqlite"), "journal"));
        QVERIFY(write(path(".local/share/ModelDock/ModelDock/settings.sqlite"), "settings"));
        QVERIFY(write(path(".local/share/ModelDock/ModelDock/settings.sqlite-wal"), "wal"));
        QVERIFY(write(path(".local/share/ModelDock/ModelDock/modeldock.json"), "{}"));
        QVERIFY(write(path(".local/share/ModelDock/ModelDock/snapshots/a/b.json"), "nested"));
        QVERIFY(write(path(".cache/ModelDock/ModelDock/previews/x.png"), "png"));
        QVERIFY(write(path(".config/ModelDock/ModelDock.conf"), "[mainWindow]\n"));
    }
    void verifyTheNewFolders()
    {
        QCOMPARE(readAll(path(".config/modeldock/settings.sqlite")), QByteArray("settings"));
        QCOMPARE(readAll(path(".config/modeldock/settings.sqlite-wal")), QByteArray("wal"));
        QCOMPARE(readAll(path(".config/modeldock/modeldock.json")), QByteArray("{}"));
        QCOMPARE(readAll(path(".local/share/modeldock/catalog.sqlite")), QByteArray("catalog"));
        QCOMPARE(readAll(path(".local/share/modeldock/downloads.sqlite")), QByteArray("journal"));
        QCOMPARE(readAll(path(".local/share/modeldock/snapshots/a/b.json")), QByteArray("nested"));
        QCOMPARE(readAll(path(".cache/modeldock/previews/x.png")), QByteArray("png"));
        QVERIFY(!QFileInfo::exists(path(".local/share/modeldock/settings.sqlite")));
        QVERIFY(!QFileInfo::exists(path(".local/share/ModelDock")));
        QVERIFY(!QFileInfo::exists(path(".cache/ModelDock")));
        QCOMPARE(readAll(path(".config/modeldock/window-state.ini")), QByteArray("[mainWindow]\n"));
        QVERIFY(!QFileInfo::exists(path(".config/ModelDock")));
    }

private Q_SLOTS:
    void init() { m_home = std::make_unique<QTemporaryDir>(); }

    void theFoldersFollowXdg()
    {
        QProcessEnvironment e = env();
        RuntimeConfig config = RuntimeConfig::defaults(e);
        QCOMPARE(config.configDir, path(".config/modeldock"));
        QCOMPARE(config.dataDir, path(".local/share/modeldock"));
        QCOMPARE(config.cacheDir, path(".cache/modeldock"));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), path("c"));
        e.insert(QStringLiteral("XDG_DATA_HOME"), path("d"));
        e.insert(QStringLiteral("XDG_CACHE_HOME"), path("k"));
        config = RuntimeConfig::defaults(e);
        QCOMPARE(config.configDir, path("c/modeldock"));
        QCOMPARE(config.dataDir, path("d/modeldock"));
        QCOMPARE(config.cacheDir, path("k/modeldock"));
        // A relative XDG path is ignored, as the specification says.
        e.insert(QStringLiteral("XDG_DATA_HOME"), QStringLiteral("relative"));
        QCOMPARE(RuntimeConfig::defaults(e).dataDir, path(".local/share/modeldock"));
    }

    void aDataFolderGivenExplicitlyHoldsEverythingAndMigratesNothing()
    {
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("MODELDOCK_DATA_DIR"), path("portable"));
        const RuntimeConfig config = RuntimeConfig::defaults(e);
        QCOMPARE(config.dataDir, path("portable"));
        QCOMPARE(config.configDir, path("portable"));
        QCOMPARE(config.cacheDir, path("portable/cache"));
        layOutTheOldFolders();
        QVERIFY(FolderMigration::pathsFor(config, e).oldData.isEmpty());
        QVERIFY(FolderMigration::run(FolderMigration::pathsFor(config, e)).isEmpty());
        QVERIFY(QFileInfo::exists(path(".local/share/ModelDock/ModelDock/catalog.sqlite")));
        // --data-dir does the same; MODELDOCK_CONFIG_DIR still moves the settings on their own.
        RuntimeConfig cli = RuntimeConfig::defaults(env());
        e.insert(QStringLiteral("MODELDOCK_CONFIG_DIR"), path("conf"));
        cli.setDataDir(path("other"), e);
        QCOMPARE(cli.configDir, path("conf"));
        QCOMPARE(cli.cacheDir, path("other/cache"));
    }

    void aFreshStartMovesNothingAndSaysNothing()
    {
        QVERIFY(FolderMigration::run(paths()).isEmpty());
        QVERIFY(!QFileInfo::exists(path(".local/share/modeldock")));
        QVERIFY(!QFileInfo::exists(path(".config/modeldock")));
    }

    void theOldLayoutMovesOnceAndASecondRunDoesNothing()
    {
        layOutTheOldFolders();
        const qint64 inode = TestFiles::inodeOf(path(".local/share/ModelDock/ModelDock/catalog.sqlite"));
        const QStringList notes = FolderMigration::run(paths());
        QVERIFY2(!notes.isEmpty(), "the activity log is told");
        QVERIFY2(notes.join(u'\n').contains(path(".local/share/modeldock")), qPrintable(notes.join(u'\n')));
        verifyTheNewFolders();
        // Renamed, not copied.
        QCOMPARE(TestFiles::inodeOf(path(".local/share/modeldock/catalog.sqlite")), inode);
        QVERIFY(FolderMigration::run(paths()).isEmpty());
        verifyTheNewFolders();
    }

    void anInterruptedMoveIsFinishedByTheNextStart()
    {
        layOutTheOldFolders();
        // Interrupted after the settings moved and part of the data was merged.
        QVERIFY(write(path(".config/modeldock/settings.sqlite"), "settings"));
        QVERIFY(QFile::remove(path(".local/share/ModelDock/ModelDock/settings.sqlite")));
        QVERIFY(QDir().mkpath(path(".local/share/modeldock")));
        QVERIFY(QFile::rename(path(".local/share/ModelDock/ModelDock/catalog.sqlite"),
                              path(".local/share/modeldock/catalog.sqlite")));
        FolderMigration::run(paths());
        verifyTheNewFolders();
        QVERIFY(FolderMigration::run(paths()).isEmpty());
    }

    void whatBothFoldersHaveIsKeptAsideNeverOverwritten()
    {
        layOutTheOldFolders();
        QVERIFY(write(path(".config/modeldock/settings.sqlite"), "newer settings"));
        QVERIFY(write(path(".local/share/modeldock/catalog.sqlite"), "newer catalog"));
        const QStringList notes = FolderMigration::run(paths());
        // The new ones stay in force…
        QCOMPARE(readAll(path(".config/modeldock/settings.sqlite")), QByteArray("newer settings"));
        QCOMPARE(readAll(path(".local/share/modeldock/catalog.sqlite")), QByteArray("newer catalog"));
        // …what only the old folder had moved…
        QCOMPARE(readAll(path(".config/modeldock/settings.sqlite-wal")), QByteArray("wal"));
        QCOMPARE(readAll(path(".local/share/modeldock/downloads.sqlite")), QByteArray("journal"));
        QCOMPARE(readAll(path(".local/share/modeldock/snapshots/a/b.json")), QByteArray("nested"));
        // …and the old copies are kept aside, named in the note.
        const QString aside = path(".local/share/ModelDock/ModelDock.not-migrated");
        QCOMPARE(readAll(aside + QStringLiteral("/settings.sqlite")), QByteArray("settings"));
        QCOMPARE(readAll(aside + QStringLiteral("/catalog.sqlite")), QByteArray("catalog"));
        QVERIFY(!QFileInfo::exists(aside + QStringLiteral("/downloads.sqlite")));
        QVERIFY(!QFileInfo::exists(path(".local/share/modeldock/settings.sqlite")));
        QVERIFY2(notes.join(u'\n').contains(aside), qPrintable(notes.join(u'\n')));
        // Nothing is said or done again.
        QVERIFY(FolderMigration::run(paths()).isEmpty());
        QCOMPARE(readAll(aside + QStringLiteral("/catalog.sqlite")), QByteArray("catalog"));
    }

    void anEmptyNewFolderDoesNotStopTheOneRename()
    {
        layOutTheOldFolders();
        QVERIFY(QDir().mkpath(path(".local/share/modeldock")));
        FolderMigration::run(paths());
        verifyTheNewFolders();
    }
};

QTEST_GUILESS_MAIN(TestFolderMigration)
#include "tst_foldermigration.moc"
