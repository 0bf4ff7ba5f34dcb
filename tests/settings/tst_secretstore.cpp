// Tokens live outside the settings database: in the file fallback (what runs here, with no
// Secret Service), private to its owner, moved out of the database an earlier version wrote
// them to, and never in the database, its history or the log.
#include "config/runtimeconfig.h"
#include "settings/filesecretstore.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "settings/settingsstorage.h"
#include "testfiles.h"

#include <QDir>
#include <QLoggingCategory>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Settings;

namespace {
QMutex g_logMutex;
QString g_log;
void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    const QMutexLocker lock(&g_logMutex);
    g_log += message + QLatin1Char('\n');
}

int modeOf(const QString &path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

// Every byte the database left on disk: the file, its WAL and shared memory.
QByteArray databaseBytes(const QString &path)
{
    return TestFiles::readAll(path) + TestFiles::readAll(path + QStringLiteral("-wal")) +
           TestFiles::readAll(path + QStringLiteral("-shm"));
}
}  // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString database() const { return m_dir->filePath(QStringLiteral("config/settings.sqlite")); }
    QString tokens() const { return m_dir->filePath(QStringLiteral("config/tokens")); }
    SettingsSchema schema() const
    {
        Config::RuntimeConfig config;
        config.hfEndpoint = QUrl(QStringLiteral("https://huggingface.co"));
        config.civitaiEndpoint = QUrl(QStringLiteral("https://civitai.com"));
        config.hfCacheDir = m_dir->filePath(QStringLiteral("hub"));
        config.libraryDir = m_dir->filePath(QStringLiteral("library"));
        return SettingsSchema::standard(config);
    }
    std::unique_ptr<SettingsCenter> open()
    {
        auto center = std::make_unique<SettingsCenter>(schema(), database());
        QString error;
        if (!center->open(&error))
            qWarning() << error;
        return center;
    }
    static QString key(const char *name) { return QString::fromLatin1(name); }

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void theFileIsCreatedReadableByItsOwnerOnlyWhateverTheUmask()
    {
        const mode_t previous = ::umask(0);
        FileSecretStore store(tokens());
        QString error;
        const bool saved = store.save({{QStringLiteral("a"), QStringLiteral("hf_secret")}}, &error);
        ::umask(previous);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(modeOf(tokens()), 0600);
        QHash<QString, QString> values;
        QVERIFY(store.load({QStringLiteral("a"), QStringLiteral("b")}, &values, &error));
        QCOMPARE(values, (QHash<QString, QString>{{QStringLiteral("a"), QStringLiteral("hf_secret")}}));
        // A file someone made readable is made private again when read.
        QVERIFY(::chmod(QFile::encodeName(tokens()).constData(), 0644) == 0);
        QVERIFY(store.load({QStringLiteral("a")}, &values, &error));
        QCOMPARE(modeOf(tokens()), 0600);
        // The last token removed: no file at all.
        QVERIFY(store.save({{QStringLiteral("a"), QString()}}, &error));
        QVERIFY(!QFileInfo::exists(tokens()));
    }

    void aTokenGoesToTheFileNeverToTheDatabaseOrTheLog()
    {
        g_log.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureLog);
        QLoggingCategory::setFilterRules(QStringLiteral("modeldock.*=true"));
        {
            auto center = open();
            QVERIFY(center
                        ->apply({{key(Keys::HfToken), QStringLiteral("hf_neverinthedb")},
                                 {key(Keys::CivitaiToken), QStringLiteral("cv_neverinthedb")}},
                                ChangeSource::Gui)
                        .ok);
            QCOMPARE(center->string(Keys::HfToken), QStringLiteral("hf_neverinthedb"));
            QCOMPARE(center->secretLocation(), tokens());
            // While the connection is open too (the WAL).
            QVERIFY(!databaseBytes(database()).contains("neverinthedb"));
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY(!databaseBytes(database()).contains("neverinthedb"));
        QVERIFY2(!g_log.contains(QLatin1String("neverinthedb")), qPrintable(g_log));
        QCOMPARE(modeOf(tokens()), 0600);
        QVERIFY(TestFiles::readAll(tokens()).contains("hf_neverinthedb"));
        // Read back by the next start.
        auto reopened = open();
        QCOMPARE(reopened->string(Keys::HfToken), QStringLiteral("hf_neverinthedb"));
        QCOMPARE(reopened->string(Keys::CivitaiToken), QStringLiteral("cv_neverinthedb"));
        // Cleared: gone from the file.
        QVERIFY(
            reopened->apply({{key(Keys::HfToken), QString()}, {key(Keys::CivitaiToken), QString()}}, ChangeSource::Cli)
                .ok);
        QVERIFY(!QFileInfo::exists(tokens()));
    }

    void aTokenAnEarlierVersionStoredInTheDatabaseMovesOutAndIsErased()
    {
        {
            // The database as 0.1 wrote it: the token among the values of two versions.
            SettingsStorage storage(database());
            QString error;
            QVERIFY2(storage.open(&error), qPrintable(error));
            for (qint64 version : {1, 2}) {
                ChangeRecord record;
                record.version = version;
                record.time = QDateTime::currentDateTimeUtc();
                record.source = QStringLiteral("gui");
                QVERIFY(storage.begin(&error));
                QVERIFY2(storage.insert(record,
                                        {{key(Keys::HfToken), QStringLiteral("hf_oldplace%1").arg(version)},
                                         {key(Keys::MaxActive), 3}},
                                        &error),
                         qPrintable(error));
                QVERIFY(storage.commit(&error));
            }
        }
        QVERIFY(databaseBytes(database()).contains("hf_oldplace2"));
        {
            auto center = open();
            QVERIFY(center->problems().isEmpty());
            QCOMPARE(center->string(Keys::HfToken), QStringLiteral("hf_oldplace2"));
            QCOMPARE(center->integer(Keys::MaxActive), 3);
        }
        QVERIFY(TestFiles::readAll(tokens()).contains("hf_oldplace2"));
        QCOMPARE(modeOf(tokens()), 0600);
        // No version keeps any of them, and their bytes are overwritten.
        const QByteArray bytes = databaseBytes(database());
        QVERIFY(!bytes.contains("hf_oldplace1"));
        QVERIFY(!bytes.contains("hf_oldplace2"));
        // Once: the next start finds the token in the file, and the rest as it was.
        auto again = open();
        QCOMPARE(again->string(Keys::HfToken), QStringLiteral("hf_oldplace2"));
        QCOMPARE(again->integer(Keys::MaxActive), 3);
        QCOMPARE(again->version(), 2);
    }

    void anotherProcessChangingTheTokenIsSeenOnReload()
    {
        auto first = open();
        auto second = open();
        QVERIFY(second->apply({{key(Keys::HfToken), QStringLiteral("hf_fromtheother")}}, ChangeSource::Cli).ok);
        QVERIFY(first->reloadIfChanged());
        QCOMPARE(first->string(Keys::HfToken), QStringLiteral("hf_fromtheother"));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
