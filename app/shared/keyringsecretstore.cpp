#include "keyringsecretstore.h"

#include "util/logging.h"

#include <QDir>

#ifdef MODELDOCK_HAVE_QTKEYCHAIN
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusReply>
#include <QEventLoop>
#include <QTimer>
#include <qt6keychain/keychain.h>
#endif

namespace App {

namespace {
const QString kService = QStringLiteral("modeldock");
constexpr int kTimeoutMs = 15000;  // an unlock prompt may be on screen

#ifdef MODELDOCK_HAVE_QTKEYCHAIN
struct Outcome
{
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString text;  // what a ReadPasswordJob read
};

// Runs `job` (on the heap: it deletes itself once finished, even after our timeout) to its end.
// false + *errorString on failure; EntryNotFound is not one.
bool wait(QKeychain::Job *job, Outcome *outcome, QString *errorString)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [outcome, &loop](QKeychain::Job *done) {
        outcome->finished = true;
        outcome->error = done->error();
        outcome->errorString = done->errorString();
        if (const auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done))
            outcome->text = read->textData();
        loop.quit();
    });
    QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
    job->start();
    if (!outcome->finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!outcome->finished) {
        *errorString = QObject::tr("The desktop keyring did not answer.");
        return false;
    }
    if (outcome->error != QKeychain::NoError && outcome->error != QKeychain::EntryNotFound) {
        *errorString = QObject::tr("The desktop keyring refused: %1").arg(outcome->errorString);
        return false;
    }
    return true;
}

bool secretServiceRuns()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    const QString name = QStringLiteral("org.freedesktop.secrets");
    if (bus.interface()->isServiceRegistered(name))
        return true;
    // GNOME Keyring starts on demand: activatable counts.
    const QDBusReply<QStringList> activatable = bus.call(
        QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                                       QStringLiteral("org.freedesktop.DBus"), QStringLiteral("ListActivatableNames")));
    return activatable.isValid() && activatable.value().contains(name);
}
#endif
}  // namespace

KeyringSecretStore::KeyringSecretStore(const QString &fallbackFile)
    : m_fallback(fallbackFile)
{
}

QString KeyringSecretStore::location() const
{
    return QObject::tr("the desktop keyring");
}

bool KeyringSecretStore::load(const QStringList &keys, QHash<QString, QString> *values, QString *errorString)
{
#ifdef MODELDOCK_HAVE_QTKEYCHAIN
    for (const QString &key : keys) {
        auto *job = new QKeychain::ReadPasswordJob(kService);
        job->setKey(key);
        Outcome outcome;
        if (!wait(job, &outcome, errorString))
            return false;
        if (outcome.error == QKeychain::NoError && !outcome.text.isEmpty())
            values->insert(key, outcome.text);
    }
    // Saved to the file while no keyring ran: into the keyring, then out of the file.
    QHash<QString, QString> inFile;
    QString ignored;
    if (m_fallback.load(keys, &inFile, &ignored) && !inFile.isEmpty()) {
        QHash<QString, QString> moving;
        QHash<QString, QString> cleared;
        for (auto it = inFile.cbegin(); it != inFile.cend(); ++it) {
            if (!values->contains(it.key()))
                moving.insert(it.key(), it.value());
            cleared.insert(it.key(), QString());
        }
        if (save(moving, errorString)) {
            values->insert(moving);
            m_fallback.save(cleared, &ignored);
            qCInfo(lcSettings) << "moved" << inFile.keys() << "from" << m_fallback.location() << "to the keyring";
        }
    }
    return true;
#else
    return m_fallback.load(keys, values, errorString);
#endif
}

bool KeyringSecretStore::save(const QHash<QString, QString> &values, QString *errorString)
{
#ifdef MODELDOCK_HAVE_QTKEYCHAIN
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        Outcome outcome;
        if (it.value().isEmpty()) {
            auto *job = new QKeychain::DeletePasswordJob(kService);
            job->setKey(it.key());
            if (!wait(job, &outcome, errorString))
                return false;
        } else {
            auto *job = new QKeychain::WritePasswordJob(kService);
            job->setKey(it.key());
            job->setTextData(it.value());
            if (!wait(job, &outcome, errorString))
                return false;
        }
    }
    return true;
#else
    return m_fallback.save(values, errorString);
#endif
}

std::unique_ptr<Settings::SecretStore> makeSecretStore(const QString &configDir)
{
    const QString file = QDir(configDir).filePath(QStringLiteral("tokens"));
#ifdef MODELDOCK_HAVE_QTKEYCHAIN
    // MODELDOCK_NO_KEYRING=1: the file even with a keyring (tests, headless sessions).
    if (qEnvironmentVariableIntValue("MODELDOCK_NO_KEYRING") == 0 && secretServiceRuns())
        return std::make_unique<KeyringSecretStore>(file);
#endif
    return std::make_unique<Settings::FileSecretStore>(file);
}

}  // namespace App
