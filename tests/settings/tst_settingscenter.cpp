#include "config/runtimeconfig.h"
#include "settings/runtimesettings.h"
#include "settings/settingscenter.h"
#include "waits.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using namespace Settings;

class TestSettingsCenter : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    Config::RuntimeConfig runtime() const
    {
        Config::RuntimeConfig config;
        config.hfEndpoint = QUrl(QStringLiteral("https://huggingface.co"));
        config.civitaiEndpoint = QUrl(QStringLiteral("https://civitai.com"));
        config.hfCacheDir = m_dir.filePath(QStringLiteral("hub"));
        config.libraryDir = m_dir.filePath(QStringLiteral("library"));
        return config;
    }
    std::unique_ptr<SettingsCenter> openCenter(const QString &name = QStringLiteral("settings.sqlite"))
    {
        auto center = std::make_unique<SettingsCenter>(SettingsSchema::standard(runtime()), m_dir.filePath(name));
        QString error;
        if (!center->open(&error))
            qWarning() << error;
        return center;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath(QStringLiteral("settings.sqlite")));
    }

    // "~/…" in a folder setting is the home folder, as in a shell; the path is made absolute.
    void aTildeInAFolderSettingIsTheHomeFolder()
    {
        auto center = openCenter();
        QVERIFY(
            center->apply({{QString::fromLatin1(Keys::HfCacheDir), QStringLiteral("~/models/hub")}}, ChangeSource::Gui)
                .ok);
        QCOMPARE(center->string(Keys::HfCacheDir), QDir::home().filePath(QStringLiteral("models/hub")));
        QCOMPARE(folderSetting(*center, Keys::HfCacheDir), QDir::home().filePath(QStringLiteral("models/hub")));
        QCOMPARE(resolvedRuntime(*center, {}).hfCacheDir, QDir::home().filePath(QStringLiteral("models/hub")));
    }

    void defaultsComeFromTheSchema()
    {
        auto center = openCenter();
        QCOMPARE(center->integer(Keys::MaxActive), 4);
        QCOMPARE(center->integer(Keys::BandwidthLimit), 0);
        QCOMPARE(center->string(Keys::HfEndpoint), QStringLiteral("https://huggingface.co"));
        QCOMPARE(center->version(), 0);
    }

    void invalidChangesAreRefusedWholeWithTheKeyAndRule_data()
    {
        QTest::addColumn<QVariantMap>("changes");
        QTest::addColumn<QString>("expectedKey");
        QTest::addColumn<QString>("expectedRule");
        QTest::newRow("a negative active limit")
            << QVariantMap{{QString::fromLatin1(Keys::MaxActive), -1}} << QString::fromLatin1(Keys::MaxActive)
            << QStringLiteral("between 1 and 64");
        QTest::newRow("a per-host limit above the largest allowed")
            << QVariantMap{{QString::fromLatin1(Keys::MaxPerHost), 17}} << QString::fromLatin1(Keys::MaxPerHost)
            << QStringLiteral("between 1 and 16");
        QTest::newRow("no connections at all")
            << QVariantMap{{QString::fromLatin1(Keys::MaxConnectionsPerHost), 0}}
            << QString::fromLatin1(Keys::MaxConnectionsPerHost) << QStringLiteral("between 1 and 32");
        QTest::newRow("a bandwidth cap that is not a number")
            << QVariantMap{{QString::fromLatin1(Keys::BandwidthLimit), QStringLiteral("fast")}}
            << QString::fromLatin1(Keys::BandwidthLimit) << QStringLiteral("whole number");
        QTest::newRow("a malformed endpoint URL")
            << QVariantMap{{QString::fromLatin1(Keys::HfEndpoint), QStringLiteral("huggingface dot co")}}
            << QString::fromLatin1(Keys::HfEndpoint) << QStringLiteral("http:// or https://");
        QTest::newRow("an ftp endpoint") << QVariantMap{{QString::fromLatin1(Keys::CivitaiEndpoint),
                                                         QStringLiteral("ftp://civitai.com")}}
                                         << QString::fromLatin1(Keys::CivitaiEndpoint)
                                         << QStringLiteral("http:// or https://");
        QTest::newRow("an unwritable folder")
            << QVariantMap{{QString::fromLatin1(Keys::LibraryDir), QStringLiteral("/proc/modeldock-library")}}
            << QString::fromLatin1(Keys::LibraryDir) << QStringLiteral("cannot be used");
        QTest::newRow("a relative folder")
            << QVariantMap{{QString::fromLatin1(Keys::HfCacheDir), QStringLiteral("models")}}
            << QString::fromLatin1(Keys::HfCacheDir) << QStringLiteral("absolute");
        QTest::newRow("an unknown proxy mode")
            << QVariantMap{{QString::fromLatin1(Keys::ProxyMode), QStringLiteral("socks9")}}
            << QString::fromLatin1(Keys::ProxyMode) << QStringLiteral("one of system, none, manual");
        QTest::newRow("an https proxy, which Qt cannot speak to")
            << QVariantMap{{QString::fromLatin1(Keys::ProxyUrl), QStringLiteral("https://proxy.example:3128")}}
            << QString::fromLatin1(Keys::ProxyUrl) << QStringLiteral("http:// or socks5://");
        QTest::newRow("a proxy without a port")
            << QVariantMap{{QString::fromLatin1(Keys::ProxyUrl), QStringLiteral("socks5://proxy.example")}}
            << QString::fromLatin1(Keys::ProxyUrl) << QStringLiteral("must name its port");
        QTest::newRow("a manual proxy without a proxy URL")
            << QVariantMap{{QString::fromLatin1(Keys::ProxyMode), QStringLiteral("manual")}}
            << QString::fromLatin1(Keys::ProxyUrl) << QStringLiteral("must be set when network.proxyMode is manual");
        QTest::newRow("a User-Agent that would smuggle a header")
            << QVariantMap{{QString::fromLatin1(Keys::UserAgent), QStringLiteral("ModelDock\u0007X-Evil: 1")}}
            << QString::fromLatin1(Keys::UserAgent) << QStringLiteral("printable ASCII");
        QTest::newRow("an unknown key") << QVariantMap{{QStringLiteral("download.turbo"), true}}
                                        << QStringLiteral("download.turbo") << QStringLiteral("no such setting");
        QTest::newRow("one valid and one invalid key: neither is applied")
            << QVariantMap{{QString::fromLatin1(Keys::MaxActive), 8}, {QString::fromLatin1(Keys::MaxPerHost), 0}}
            << QString::fromLatin1(Keys::MaxPerHost) << QStringLiteral("between 1 and 16");
    }
    void invalidChangesAreRefusedWholeWithTheKeyAndRule()
    {
        QFETCH(QVariantMap, changes);
        QFETCH(QString, expectedKey);
        QFETCH(QString, expectedRule);
        auto center = openCenter();
        const QVariantMap before = center->values();
        QSignalSpy spy(center.get(), &SettingsCenter::changed);
        const ApplyResult result = center->apply(changes, ChangeSource::Cli);
        QVERIFY(!result.ok);
        QVERIFY2(result.errorString().contains(expectedKey), qPrintable(result.errorString()));
        QVERIFY2(result.errorString().contains(expectedRule), qPrintable(result.errorString()));
        QCOMPARE(center->values(), before);
        QCOMPARE(center->version(), 0);
        QCOMPARE(spy.count(), 0);
        QVERIFY(center->history().isEmpty());
    }

    void aValidChangeIsVersionedRecordedAndSignalled()
    {
        auto center = openCenter();
        QSignalSpy spy(center.get(), &SettingsCenter::changed);
        const ApplyResult result = center->apply({{QString::fromLatin1(Keys::MaxActive), QStringLiteral("8")},
                                                  {QString::fromLatin1(Keys::BandwidthLimit), 1048576}},
                                                 ChangeSource::Gui);
        QVERIFY2(result.ok, qPrintable(result.errorString()));
        QCOMPARE(result.version, 1);
        QCOMPARE(center->integer(Keys::MaxActive), 8);
        QCOMPARE(spy.count(), 1);
        const QStringList keys = spy.first().first().toStringList();
        QVERIFY(keys.contains(QString::fromLatin1(Keys::MaxActive)));
        QVERIFY(keys.contains(QString::fromLatin1(Keys::BandwidthLimit)));
        const QList<ChangeRecord> history = center->history();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().source, QStringLiteral("gui"));
        QCOMPARE(history.first().changes.size(), 2);
    }

    void applyingTheSameValuesMakesNoNewVersion()
    {
        auto center = openCenter();
        QVERIFY(center->apply({{QString::fromLatin1(Keys::MaxActive), 6}}, ChangeSource::Cli).ok);
        const ApplyResult again = center->apply({{QString::fromLatin1(Keys::MaxActive), 6}}, ChangeSource::Cli);
        QVERIFY(again.ok);
        QVERIFY(again.changedKeys.isEmpty());
        QCOMPARE(center->version(), 1);
    }

    void tokensAreRedactedInHistoryAndExport()
    {
        auto center = openCenter();
        QVERIFY(
            center->apply({{QString::fromLatin1(Keys::HfToken), QStringLiteral("hf_supersecret")}}, ChangeSource::Gui)
                .ok);
        QCOMPARE(center->string(Keys::HfToken), QStringLiteral("hf_supersecret"));
        const ChangeRecord record = center->history().first();
        QVERIFY(!record.changes.first().after.contains(QLatin1String("supersecret")));
        QVERIFY(!center->exportJson().contains("supersecret"));
        QVERIFY(center->exportJson(true).contains("supersecret"));
    }

    void theDatabaseWithTheTokensIsReadableByItsOwnerOnly()
    {
        const QFileDevice::Permissions others =
            QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;
        {
            auto center = openCenter();
            QVERIFY(
                center->apply({{QString::fromLatin1(Keys::HfToken), QStringLiteral("hf_private")}}, ChangeSource::Gui)
                    .ok);
            // While it is open the WAL holds the newest rows, tokens included.
            for (const QString &name : {QStringLiteral("settings.sqlite"), QStringLiteral("settings.sqlite-wal"),
                                        QStringLiteral("settings.sqlite-shm")}) {
                const QFileInfo file(m_dir.filePath(name));
                QVERIFY2(file.exists(), qPrintable(name));
                QVERIFY2(!(file.permissions() & others), qPrintable(name));
            }
        }
        // A database an older version left readable by everyone is made private when opened.
        const QString path = m_dir.filePath(QStringLiteral("settings.sqlite"));
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                                QFileDevice::ReadOther));
        auto center = openCenter();
        QCOMPARE(center->string(Keys::HfToken), QStringLiteral("hf_private"));
        QVERIFY(!(QFileInfo(path).permissions() & others));
    }

    void rollbackRestoresExactlyTheEarlierValues()
    {
        auto center = openCenter();
        QVERIFY(center
                    ->apply({{QString::fromLatin1(Keys::MaxActive), 3},
                             {QString::fromLatin1(Keys::HfToken), QStringLiteral("hf_one")}},
                            ChangeSource::Gui)
                    .ok);
        const QVariantMap atVersion1 = center->values();
        QVERIFY(center
                    ->apply({{QString::fromLatin1(Keys::MaxActive), 12},
                             {QString::fromLatin1(Keys::BandwidthLimit), 5000},
                             {QString::fromLatin1(Keys::HfToken), QStringLiteral("hf_two")}},
                            ChangeSource::Gui)
                    .ok);
        QVERIFY(center->apply({{QString::fromLatin1(Keys::SyncInterval), 15}}, ChangeSource::File).ok);
        const ApplyResult rolled = center->rollbackTo(1);
        QVERIFY2(rolled.ok, qPrintable(rolled.errorString()));
        QCOMPARE(rolled.version, 4);  // a rollback is a new change, not a rewrite of history
        // Tokens are not versioned (they live in the secret store): the one in force stays.
        QVariantMap expected = atVersion1;
        expected.insert(QString::fromLatin1(Keys::HfToken), QStringLiteral("hf_two"));
        QCOMPARE(center->values(), expected);
        QCOMPARE(center->history().first().source, QStringLiteral("rollback to version 1"));
        // Back to the defaults, too.
        QVERIFY(center->rollbackTo(0).ok);
        QCOMPARE(center->integer(Keys::MaxActive), 4);
        QVERIFY(!center->rollbackTo(99).ok);
    }

    void valuesAndHistorySurviveAReopen()
    {
        {
            auto center = openCenter();
            QVERIFY(center->apply({{QString::fromLatin1(Keys::MaxPerHost), 2}}, ChangeSource::Cli).ok);
        }
        auto reopened = openCenter();
        QCOMPARE(reopened->integer(Keys::MaxPerHost), 2);
        QCOMPARE(reopened->version(), 1);
        QCOMPARE(reopened->history().size(), 1);
    }

    void exportThenImportRoundTrips()
    {
        auto center = openCenter();
        QVERIFY(
            center
                ->apply({{QString::fromLatin1(Keys::MaxActive), 7}, {QString::fromLatin1(Keys::SyncOnMetered), true}},
                        ChangeSource::Gui)
                .ok);
        const QByteArray exported = center->exportJson();
        auto other = openCenter(QStringLiteral("other.sqlite"));
        const ApplyResult imported = other->importJson(exported);
        QVERIFY2(imported.ok, qPrintable(imported.errorString()));
        QCOMPARE(other->integer(Keys::MaxActive), 7);
        QCOMPARE(other->boolean(Keys::SyncOnMetered), true);
        QCOMPARE(other->history().first().source, QStringLiteral("import"));
        // A front end that imports says so: "cli (file import)", not a bare "import".
        QVERIFY(other->importJson(R"({"download.maxActive": 9})", ChangeSource::Cli).ok);
        QCOMPARE(other->history().first().source, QStringLiteral("cli (file import)"));
    }

    void aProxyUrlIsAcceptedForHttpAndSocks5AndItsPasswordIsNotShown()
    {
        auto center = openCenter();
        const ApplyResult result = center->apply(
            {{QString::fromLatin1(Keys::ProxyMode), QStringLiteral("manual")},
             {QString::fromLatin1(Keys::ProxyUrl), QStringLiteral("socks5://me:pw123@proxy.example:1080")}},
            ChangeSource::Gui);
        QVERIFY2(result.ok, qPrintable(result.errorString()));
        QVERIFY(center
                    ->apply({{QString::fromLatin1(Keys::ProxyUrl), QStringLiteral("http://proxy.example:3128")}},
                            ChangeSource::Gui)
                    .ok);
        for (const ChangeRecord &record : center->history()) {
            for (const ValueChange &change : record.changes)
                QVERIFY2(!change.before.contains(QLatin1String("pw123")) &&
                             !change.after.contains(QLatin1String("pw123")),
                         qPrintable(change.before + change.after));
        }
    }

    void twoProcessesNumberTheirVersionsWithoutClashing()
    {
        // Like the desktop app and a CLI run: two connections to one file, each opened
        // before the other wrote.
        auto app = openCenter();
        auto cli = openCenter();
        QVERIFY(app->apply({{QString::fromLatin1(Keys::MaxActive), 5}}, ChangeSource::Gui).ok);
        const ApplyResult fromCli = cli->apply({{QString::fromLatin1(Keys::MaxPerHost), 3}}, ChangeSource::Cli);
        QVERIFY2(fromCli.ok, qPrintable(fromCli.errorString()));
        QCOMPARE(fromCli.version, 2);
        // The CLI's change was made on top of the app's: both values are in version 2.
        QCOMPARE(cli->integer(Keys::MaxActive), 5);
        // The app, which has not looked since, still numbers its next change after both.
        const ApplyResult again = app->apply({{QString::fromLatin1(Keys::BandwidthLimit), 4096}}, ChangeSource::Gui);
        QVERIFY2(again.ok, qPrintable(again.errorString()));
        QCOMPARE(again.version, 3);
        QCOMPARE(app->integer(Keys::MaxPerHost), 3);
        QCOMPARE(app->history().size(), 3);
        const QList<ChangeRecord> history = app->history();
        QCOMPARE(history.at(1).source, QStringLiteral("cli"));
        QCOMPARE(history.at(1).changes.first().before, QStringLiteral("4"));
    }

    void aRunningAppNoticesChangesAnotherProcessStored()
    {
        auto app = openCenter();
        auto cli = openCenter();
        app->watchForOutsideChanges(std::chrono::milliseconds(50));
        QSignalSpy changed(app.get(), &SettingsCenter::changed);
        QSignalSpy recorded(app.get(), &SettingsCenter::recorded);
        QVERIFY(cli->apply({{QString::fromLatin1(Keys::MaxActive), 11}, {QString::fromLatin1(Keys::SyncInterval), 30}},
                           ChangeSource::Cli)
                    .ok);
        QTRY_COMPARE_WITH_TIMEOUT(app->integer(Keys::MaxActive), 11, 5000);
        QCOMPARE(app->version(), 1);
        QCOMPARE(changed.count(), 1);
        const QStringList keys = changed.first().first().toStringList();
        QVERIFY(keys.contains(QString::fromLatin1(Keys::MaxActive)));
        QVERIFY(keys.contains(QString::fromLatin1(Keys::SyncInterval)));
        QCOMPARE(recorded.count(), 1);
        const auto record = recorded.first().first().value<ChangeRecord>();
        QCOMPARE(record.source, QStringLiteral("cli"));
        QCOMPARE(record.version, 1);
        // Nothing new: no signal, however often it looks.
        QVERIFY(TestWait::holdsFor(200ms, [&] { return changed.count() == 1; }));
    }

    void aStorageErrorSaysWhatWentWrong()
    {
        auto center = openCenter();
        {
            // A real SQLite failure: the database refuses new versions.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("saboteur"));
            db.setDatabaseName(m_dir.filePath(QStringLiteral("settings.sqlite")));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY2(query.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON versions "
                                               "BEGIN SELECT RAISE(ABORT, 'the disk says no'); END")),
                     qPrintable(query.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));
        const ApplyResult result = center->apply({{QString::fromLatin1(Keys::MaxActive), 2}}, ChangeSource::File);
        QVERIFY(!result.ok);
        QVERIFY2(result.errorString().contains(QLatin1String("the disk says no")), qPrintable(result.errorString()));
        QCOMPARE(center->integer(Keys::MaxActive), 4);
        QCOMPARE(center->version(), 0);
    }

    void aRefusedChangeCreatesNoFolder()
    {
        auto center = openCenter();
        const QString folder = m_dir.filePath(QStringLiteral("refused/deep/hub"));
        const ApplyResult refused =
            center->apply({{QString::fromLatin1(Keys::HfCacheDir), folder}, {QString::fromLatin1(Keys::MaxActive), 0}},
                          ChangeSource::Gui);
        QVERIFY(!refused.ok);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("refused"))));
        // Accepted: now it is created.
        QVERIFY(center->apply({{QString::fromLatin1(Keys::HfCacheDir), folder}}, ChangeSource::Gui).ok);
        QVERIFY(QFileInfo(folder).isDir());
    }

    void openingAndReadingCreateNoFolders()
    {
        const QString folder = m_dir.filePath(QStringLiteral("gone/library"));
        {
            auto center = openCenter();
            QVERIFY(center->apply({{QString::fromLatin1(Keys::LibraryDir), folder}}, ChangeSource::Gui).ok);
        }
        QVERIFY(QDir(m_dir.filePath(QStringLiteral("gone"))).removeRecursively());
        auto reopened = openCenter();
        QCOMPARE(reopened->string(Keys::LibraryDir), folder);  // still valid: it can be created
        reopened->values();
        QVERIFY(!QFileInfo::exists(folder));
    }

    void storedValuesThatNoLongerValidateAreReported()
    {
        {
            auto center = openCenter();
            QVERIFY(center->apply({{QString::fromLatin1(Keys::MaxActive), 9}}, ChangeSource::Gui).ok);
        }
        {
            // An older build stored a value the current rules refuse.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old-build"));
            db.setDatabaseName(m_dir.filePath(QStringLiteral("settings.sqlite")));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                QStringLiteral("UPDATE overrides SET value = '{\"v\":999}' WHERE key = 'download.maxActive'")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old-build"));
        auto center = openCenter();
        QCOMPARE(center->integer(Keys::MaxActive), 4);
        QCOMPARE(center->problems().size(), 1);
        QVERIFY2(center->problems().first().contains(QLatin1String("download.maxActive")),
                 qPrintable(center->problems().first()));
        QVERIFY2(center->problems().first().contains(QLatin1String("between 1 and 64")),
                 qPrintable(center->problems().first()));
    }

    void aPinnedValueWinsForThisRunWithoutBeingStored()
    {
        auto center = openCenter();
        QVERIFY(center
                    ->apply({{QString::fromLatin1(Keys::HfEndpoint), QStringLiteral("https://mirror.example")}},
                            ChangeSource::Cli)
                    .ok);
        QString error;
        QVERIFY2(center->pin(QString::fromLatin1(Keys::HfEndpoint), QStringLiteral("http://127.0.0.1:9/"),
                             QStringLiteral("HF_ENDPOINT"), &error),
                 qPrintable(error));
        QCOMPARE(center->string(Keys::HfEndpoint), QStringLiteral("http://127.0.0.1:9"));
        QCOMPARE(center->storedValue(QString::fromLatin1(Keys::HfEndpoint)).toString(),
                 QStringLiteral("https://mirror.example"));
        QCOMPARE(center->pinnedBy(QString::fromLatin1(Keys::HfEndpoint)), QStringLiteral("HF_ENDPOINT"));
        QVERIFY(center->exportJson().contains("mirror.example"));
        // Storing another value changes what is stored, not what this run uses.
        QSignalSpy changed(center.get(), &SettingsCenter::changed);
        QVERIFY(center
                    ->apply({{QString::fromLatin1(Keys::HfEndpoint), QStringLiteral("https://other.example")}},
                            ChangeSource::Gui)
                    .ok);
        QCOMPARE(center->string(Keys::HfEndpoint), QStringLiteral("http://127.0.0.1:9"));
        QCOMPARE(changed.count(), 0);
        QVERIFY(!center->pin(QString::fromLatin1(Keys::HfEndpoint), QStringLiteral("not a url"),
                             QStringLiteral("--hf-endpoint"), &error));
        QVERIFY2(error.contains(QLatin1String("--hf-endpoint")), qPrintable(error));
    }

    void importingGarbageSaysWhereItBroke()
    {
        auto center = openCenter();
        const ApplyResult result = center->importJson("{\"download.maxActive\": 3,,}");
        QVERIFY(!result.ok);
        QVERIFY2(result.errorString().contains(QLatin1String("not valid JSON")), qPrintable(result.errorString()));
        QCOMPARE(center->version(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSettingsCenter)
#include "tst_settingscenter.moc"
