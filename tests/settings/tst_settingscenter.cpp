#include "config/runtimeconfig.h"
#include "settings/settingscenter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

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
    void init() { QVERIFY(m_dir.isValid()); QFile::remove(m_dir.filePath(QStringLiteral("settings.sqlite"))); }

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
        QTest::newRow("a per-host limit above what Qt can open")
            << QVariantMap{{QString::fromLatin1(Keys::MaxPerHost), 9}} << QString::fromLatin1(Keys::MaxPerHost)
            << QStringLiteral("between 1 and 6");
        QTest::newRow("a bandwidth cap that is not a number")
            << QVariantMap{{QString::fromLatin1(Keys::BandwidthLimit), QStringLiteral("fast")}}
            << QString::fromLatin1(Keys::BandwidthLimit) << QStringLiteral("whole number");
        QTest::newRow("a malformed endpoint URL")
            << QVariantMap{{QString::fromLatin1(Keys::HfEndpoint), QStringLiteral("huggingface dot co")}}
            << QString::fromLatin1(Keys::HfEndpoint) << QStringLiteral("http:// or https://");
        QTest::newRow("an ftp endpoint")
            << QVariantMap{{QString::fromLatin1(Keys::CivitaiEndpoint), QStringLiteral("ftp://civitai.com")}}
            << QString::fromLatin1(Keys::CivitaiEndpoint) << QStringLiteral("http:// or https://");
        QTest::newRow("an unwritable folder")
            << QVariantMap{{QString::fromLatin1(Keys::LibraryDir), QStringLiteral("/proc/modeldock-library")}}
            << QString::fromLatin1(Keys::LibraryDir) << QStringLiteral("cannot be used");
        QTest::newRow("a relative folder")
            << QVariantMap{{QString::fromLatin1(Keys::HfCacheDir), QStringLiteral("models")}}
            << QString::fromLatin1(Keys::HfCacheDir) << QStringLiteral("absolute");
        QTest::newRow("an unknown proxy mode")
            << QVariantMap{{QString::fromLatin1(Keys::ProxyMode), QStringLiteral("socks9")}}
            << QString::fromLatin1(Keys::ProxyMode) << QStringLiteral("one of system, none, manual");
        QTest::newRow("an unknown key")
            << QVariantMap{{QStringLiteral("download.turbo"), true}} << QStringLiteral("download.turbo")
            << QStringLiteral("no such setting");
        QTest::newRow("one valid and one invalid key: neither is applied")
            << QVariantMap{{QString::fromLatin1(Keys::MaxActive), 8}, {QString::fromLatin1(Keys::MaxPerHost), 0}}
            << QString::fromLatin1(Keys::MaxPerHost) << QStringLiteral("between 1 and 6");
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
        QVERIFY(center->apply({{QString::fromLatin1(Keys::HfToken), QStringLiteral("hf_supersecret")}},
                              ChangeSource::Gui).ok);
        QCOMPARE(center->string(Keys::HfToken), QStringLiteral("hf_supersecret"));
        const ChangeRecord record = center->history().first();
        QVERIFY(!record.changes.first().after.contains(QLatin1String("supersecret")));
        QVERIFY(!center->exportJson().contains("supersecret"));
        QVERIFY(center->exportJson(true).contains("supersecret"));
    }

    void rollbackRestoresExactlyTheEarlierValues()
    {
        auto center = openCenter();
        QVERIFY(center->apply({{QString::fromLatin1(Keys::MaxActive), 3}, {QString::fromLatin1(Keys::HfToken), QStringLiteral("hf_one")}}, ChangeSource::Gui).ok);
        const QVariantMap atVersion1 = center->values();
        QVERIFY(center->apply({{QString::fromLatin1(Keys::MaxActive), 12}, {QString::fromLatin1(Keys::BandwidthLimit), 5000},
                               {QString::fromLatin1(Keys::HfToken), QStringLiteral("hf_two")}}, ChangeSource::Gui).ok);
        QVERIFY(center->apply({{QString::fromLatin1(Keys::SyncInterval), 15}}, ChangeSource::File).ok);
        const ApplyResult rolled = center->rollbackTo(1);
        QVERIFY2(rolled.ok, qPrintable(rolled.errorString()));
        QCOMPARE(rolled.version, 4);  // a rollback is a new change, not a rewrite of history
        QCOMPARE(center->values(), atVersion1);
        QCOMPARE(center->history().first().source, QStringLiteral("rollback"));
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
        QVERIFY(center->apply({{QString::fromLatin1(Keys::MaxActive), 7}, {QString::fromLatin1(Keys::SyncOnMetered), true}}, ChangeSource::Gui).ok);
        const QByteArray exported = center->exportJson();
        auto other = openCenter(QStringLiteral("other.sqlite"));
        const ApplyResult imported = other->importJson(exported);
        QVERIFY2(imported.ok, qPrintable(imported.errorString()));
        QCOMPARE(other->integer(Keys::MaxActive), 7);
        QCOMPARE(other->boolean(Keys::SyncOnMetered), true);
        QCOMPARE(other->history().first().source, QStringLiteral("import"));
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
