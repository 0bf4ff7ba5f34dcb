#include "config/runtimeconfig.h"
#include "settings/settingscenter.h"
#include "settings/settingsfilewatcher.h"
#include "waits.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using namespace Settings;

class TestSettingsFileWatcher : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<SettingsCenter> m_center;

    QString settingsFile() const { return m_dir.filePath(QStringLiteral("modeldock.json")); }
    // Runs one statement on the settings database through a connection of its own.
    bool sql(const QString &statement)
    {
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-side"));
            db.setDatabaseName(m_dir.filePath(QStringLiteral("s.sqlite")));
            QSqlQuery query(db);
            ok = db.open() && query.exec(statement);
            if (!ok)
                qWarning() << query.lastError().text();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("test-side"));
        return ok;
    }
    static void write(const QString &path, const QByteArray &content)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(settingsFile());
        QFile::remove(m_dir.filePath(QStringLiteral("s.sqlite")));
        Config::RuntimeConfig runtime;
        runtime.hfEndpoint = QUrl(QStringLiteral("https://huggingface.co"));
        runtime.civitaiEndpoint = QUrl(QStringLiteral("https://civitai.com"));
        runtime.hfCacheDir = m_dir.filePath(QStringLiteral("hub"));
        runtime.libraryDir = m_dir.filePath(QStringLiteral("lib"));
        m_center = std::make_unique<SettingsCenter>(SettingsSchema::standard(runtime),
                                                    m_dir.filePath(QStringLiteral("s.sqlite")));
        QString error;
        QVERIFY2(m_center->open(&error), qPrintable(error));
    }
    void cleanup() { m_center.reset(); }

    void aValidEditAppliesLive()
    {
        SettingsFileWatcher watcher(m_center.get(), settingsFile());
        QSignalSpy applied(&watcher, &SettingsFileWatcher::applied);
        write(settingsFile(), R"({"download.maxActive": 9})");
        QTRY_COMPARE_WITH_TIMEOUT(m_center->integer(Keys::MaxActive), 9, 5000);
        QCOMPARE(m_center->history().first().source, QStringLiteral("file"));
        QVERIFY(applied.count() >= 1);
        // A second edit to the same (still watched) file applies too.
        write(settingsFile(), R"({"download.maxActive": 5})");
        QTRY_COMPARE_WITH_TIMEOUT(m_center->integer(Keys::MaxActive), 5, 5000);
    }

    void anInvalidEditIsRefusedAndThePreviousSettingsStay()
    {
        write(settingsFile(), R"({"download.maxActive": 6})");
        SettingsFileWatcher watcher(m_center.get(), settingsFile());
        QCOMPARE(m_center->integer(Keys::MaxActive), 6);  // read at start
        QSignalSpy refused(&watcher, &SettingsFileWatcher::refused);
        write(settingsFile(), R"({"download.maxActive": 6, "download.maxPerHost": -3})");
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 5000);
        const QString message = refused.first().first().toString();
        QVERIFY2(message.contains(QLatin1String("download.maxPerHost")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("previous settings stay")), qPrintable(message));
        QCOMPARE(m_center->integer(Keys::MaxActive), 6);
        QCOMPARE(m_center->integer(Keys::MaxPerHost), 4);
        // Malformed JSON is refused too.
        write(settingsFile(), R"({"download.maxActive": )");
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 2, 5000);
        QVERIFY(refused.last().first().toString().contains(QLatin1String("not valid JSON")));
    }

    void anEditRefusedByAStorageErrorIsTriedAgainWhenSavedAgain()
    {
        QVERIFY(sql(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON versions "
                                   "BEGIN SELECT RAISE(ABORT, 'the disk says no'); END")));
        SettingsFileWatcher watcher(m_center.get(), settingsFile());
        QSignalSpy refused(&watcher, &SettingsFileWatcher::refused);
        write(settingsFile(), R"({"download.maxActive": 7})");
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 5000);
        QVERIFY2(refused.first().first().toString().contains(QLatin1String("the disk says no")),
                 qPrintable(refused.first().first().toString()));
        QCOMPARE(watcher.lastRefusal(), refused.first().first().toString());
        // Unrelated activity in the folder does not repeat the refusal.
        write(m_dir.filePath(QStringLiteral("unrelated.txt")), "x");
        QVERIFY(TestWait::holdsFor(400ms, [&] { return refused.count() == 1; }));
        // The problem is fixed and the user saves the same file again: now it applies.
        QVERIFY(sql(QStringLiteral("DROP TRIGGER refuse")));
        TestWait::nextMillisecond();  // a new modification time
        write(settingsFile(), R"({"download.maxActive": 7})");
        QTRY_COMPARE_WITH_TIMEOUT(m_center->integer(Keys::MaxActive), 7, 5000);
        QVERIFY(watcher.lastRefusal().isEmpty());
    }

    void aFileReplacedByAnEditorsRenameIsStillWatched()
    {
        write(settingsFile(), R"({"download.maxActive": 2})");
        SettingsFileWatcher watcher(m_center.get(), settingsFile());
        QCOMPARE(m_center->integer(Keys::MaxActive), 2);
        // Like vim/gedit: write a new file beside it, then rename it over the original.
        for (int round = 3; round <= 5; ++round) {
            const QString temp = m_dir.filePath(QStringLiteral(".modeldock.json.swp"));
            write(temp, QStringLiteral(R"({"download.maxActive": %1})").arg(round).toUtf8());
            QVERIFY(::rename(QFile::encodeName(temp).constData(), QFile::encodeName(settingsFile()).constData()) == 0);
            QTRY_COMPARE_WITH_TIMEOUT(m_center->integer(Keys::MaxActive), round, 5000);
        }
        // Deleted and written again later: picked up again.
        QFile::remove(settingsFile());
        QVERIFY(TestWait::holdsFor(300ms, [&] { return m_center->integer(Keys::MaxActive) == 5; }));
        write(settingsFile(), R"({"download.maxActive": 11})");
        QTRY_COMPARE_WITH_TIMEOUT(m_center->integer(Keys::MaxActive), 11, 5000);
    }
};

QTEST_GUILESS_MAIN(TestSettingsFileWatcher)
#include "tst_settingsfilewatcher.moc"
