#pragma once

#include "secretstore.h"

namespace Settings {

// Secrets in a JSON file ({"network.hfToken": "…"}) that only its owner may read: created
// 0600, replaced atomically (a temporary file created 0600, then a
// rename), and tightened to 0600 when found looser. The fallback when no Secret Service runs.
class FileSecretStore : public SecretStore
{
public:
    explicit FileSecretStore(QString path);

    QString location() const override { return m_path; }
    bool load(const QStringList &keys, QHash<QString, QString> *values, QString *errorString) override;
    bool save(const QHash<QString, QString> &values, QString *errorString) override;

private:
    bool readAll(QHash<QString, QString> *all, QString *errorString) const;

    QString m_path;
};

}  // namespace Settings
