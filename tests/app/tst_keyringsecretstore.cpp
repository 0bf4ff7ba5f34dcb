// Tokens in a real Secret Service: run by tests/app/with_keyring.sh inside its own D-Bus
// session with an unlocked gnome-keyring-daemon (skipped where those are not installed).
#include "config/runtimeconfig.h"
#include "keyringsecretstore.h"
#include "settings/filesecretstore.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "testfiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Settings;

class TestKeyringSecretStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString tokens() const { return m_dir.filePath(QStringLiteral("tokens")); }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariable("MODELDOCK_TEST_KEYRING") != QLatin1String("1"))
            QSKIP("needs a Secret Service: run through tests/app/with_keyring.sh");
    }

    void aRunningSecretServiceIsUsedAndTheFileTokensMoveIntoIt()
    {
        QString error;
        FileSecretStore file(tokens());
        QVERIFY(file.save({{QStringLiteral("network.hfToken"), QStringLiteral("hf_fromthefile")}}, &error));
        std::unique_ptr<SecretStore> store = App::makeSecretStore(m_dir.path());
        QCOMPARE(store->location(), QStringLiteral("the desktop keyring"));
        QHash<QString, QString> values;
        QVERIFY2(store->load({QStringLiteral("network.hfToken")}, &values, &error), qPrintable(error));
        QCOMPARE(values.value(QStringLiteral("network.hfToken")), QStringLiteral("hf_fromthefile"));
        QVERIFY(!QFileInfo::exists(tokens()));
    }

    void settingsKeepTheirTokensInTheKeyringOnly()
    {
        const QString database = m_dir.filePath(QStringLiteral("settings.sqlite"));
        {
            SettingsCenter center(SettingsSchema::standard(Config::RuntimeConfig::defaults()), database);
            center.setSecretStore(App::makeSecretStore(m_dir.path()));
            QString error;
            QVERIFY2(center.open(&error), qPrintable(error));
            QVERIFY(center
                        .apply({{QString::fromLatin1(Keys::CivitaiToken), QStringLiteral("cv_inthekeyring")}},
                               ChangeSource::Gui)
                        .ok);
        }
        QVERIFY(!QFileInfo::exists(tokens()));
        QVERIFY(!TestFiles::readAll(database).contains("cv_inthekeyring"));
        QVERIFY(!TestFiles::readAll(database + QStringLiteral("-wal")).contains("cv_inthekeyring"));
        SettingsCenter reopened(SettingsSchema::standard(Config::RuntimeConfig::defaults()), database);
        reopened.setSecretStore(App::makeSecretStore(m_dir.path()));
        QString error;
        QVERIFY(reopened.open(&error));
        QCOMPARE(reopened.string(Keys::CivitaiToken), QStringLiteral("cv_inthekeyring"));
        QVERIFY(reopened.apply({{QString::fromLatin1(Keys::CivitaiToken), QString()}}, ChangeSource::Gui).ok);
        std::unique_ptr<SecretStore> store = App::makeSecretStore(m_dir.path());
        QHash<QString, QString> values;
        QVERIFY(store->load({QString::fromLatin1(Keys::CivitaiToken)}, &values, &error));
        QVERIFY(values.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKeyringSecretStore)
#include "tst_keyringsecretstore.moc"
