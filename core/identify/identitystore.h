#pragma once

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <optional>

namespace Identify {

// What Civitai said about file hashes, kept in <data-dir>/identities.sqlite so a rescan does
// not ask again: each hash with the version that holds it (or none: Civitai knows no such
// file, asked again once that answer is old), the versions' objects as the hub sent them, and
// per model its newest version (read again once a day). Its own file, so the library index
// keeps library.sqlite to itself. Used on the thread that opened it.
class IdentityStore
{
public:
    explicit IdentityStore(QString path);
    ~IdentityStore();
    IdentityStore(const IdentityStore &) = delete;
    IdentityStore &operator=(const IdentityStore &) = delete;

    bool open(QString *error);
    QString path() const { return m_path; }

    struct Answer
    {
        qint64 versionId = 0;  // 0: Civitai knows no file with this hash
        qint64 checkedAt = 0;  // seconds since the epoch
    };
    // The stored answers for these hashes (lowercase hex); hashes never asked are absent.
    QHash<QString, Answer> answers(const QSet<QString> &sha256) const;
    // The version object stored for a version id; empty when there is none.
    QJsonObject version(qint64 versionId) const;

    // One lookup's outcome, in one transaction: each hash → its version id (0: unknown) and
    // the version objects by id.
    bool remember(const QHash<QString, qint64> &answers, const QHash<qint64, QJsonObject> &versions, qint64 now,
                  QString *error = nullptr);

    struct Model
    {
        qint64 id = 0;
        QJsonObject fields;  // {name, type, nsfw, description, tags}
        qint64 newestVersionId = 0;
        QString newestVersionName;
        qint64 checkedAt = 0;
    };
    std::optional<Model> model(qint64 modelId) const;
    bool rememberModel(const Model &model, QString *error = nullptr);

private:
    QString m_path;
    QString m_connection;
};

}  // namespace Identify
