#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace Settings {

// Where SettingsCenter keeps the values of secret settings (tokens), away from the settings
// database, its history and its exports. Synchronous by design: read once when the settings
// open (and when another process stored a change), written when a change is applied.
// Implementations: FileSecretStore (a private file), and in app/ a keyring through QtKeychain.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    // Where the secrets are, for sentences ("the desktop keyring", "/home/a/.config/…/tokens").
    virtual QString location() const = 0;
    // The stored values of `keys`; a key without a value is left out.
    virtual bool load(const QStringList &keys, QHash<QString, QString> *values, QString *errorString) = 0;
    // Sets each key to its value; an empty value removes the key.
    virtual bool save(const QHash<QString, QString> &values, QString *errorString) = 0;
};

}  // namespace Settings
