#pragma once

#include "settings/filesecretstore.h"
#include "settings/secretstore.h"

#include <memory>

namespace App {

// Tokens in the desktop keyring (a Secret Service: GNOME Keyring, KWallet, KeePassXC…)
// through QtKeychain, under the service "modeldock" with the setting's key as account.
// Tokens found in the file fallback (saved while no keyring ran) move into the keyring on
// load and leave the file. QtKeychain's jobs are asynchronous; each call here waits for its
// job (a D-Bus round trip, bounded by a timeout) so SettingsCenter stays synchronous.
class KeyringSecretStore : public Settings::SecretStore
{
public:
    explicit KeyringSecretStore(const QString &fallbackFile);

    QString location() const override;
    bool load(const QStringList &keys, QHash<QString, QString> *values, QString *errorString) override;
    bool save(const QHash<QString, QString> &values, QString *errorString) override;

private:
    Settings::FileSecretStore m_fallback;
};

// The keyring when a Secret Service answers on the session bus, else the private file
// `<configDir>/tokens` (mode 0600). Never returns null.
std::unique_ptr<Settings::SecretStore> makeSecretStore(const QString &configDir);

}  // namespace App
