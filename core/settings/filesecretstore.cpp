#include "filesecretstore.h"

#include "util/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Settings {

namespace {
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Writes `bytes` to `path` through a temporary file that is 0600 from its first byte on.
bool writePrivately(const QString &path, const QByteArray &bytes, QString *errorString)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        *errorString = QObject::tr("Cannot create the folder %1").arg(folder);
        return false;
    }
    const QByteArray temporary = QFile::encodeName(path + QStringLiteral(".tmp"));
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        *errorString = QObject::tr("Cannot write %1: %2").arg(path, systemError());
        return false;
    }
    // O_TRUNC on a file left behind keeps its mode: make it private whatever it was.
    bool ok = ::fchmod(fd, 0600) == 0;
    qsizetype written = 0;
    while (ok && written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        written += ok ? n : 0;
    }
    ok = ok && ::fsync(fd) == 0;
    const QString why = systemError();
    ::close(fd);
    if (!ok || ::rename(temporary.constData(), QFile::encodeName(path).constData()) != 0) {
        *errorString = QObject::tr("Cannot write %1: %2").arg(path, ok ? systemError() : why);
        ::unlink(temporary.constData());
        return false;
    }
    return true;
}
}  // namespace

FileSecretStore::FileSecretStore(QString path)
    : m_path(std::move(path))
{
}

bool FileSecretStore::readAll(QHash<QString, QString> *all, QString *errorString) const
{
    QFile file(m_path);
    if (!file.exists())
        return true;
    if ((file.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) &&
        !file.setPermissions(kOwnerOnly))
        qCWarning(lcSettings) << "cannot make" << m_path << "private:" << file.errorString();
    if (!file.open(QIODevice::ReadOnly)) {
        *errorString = QObject::tr("Cannot read the tokens file %1: %2").arg(m_path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        // Never the content in the message: it is a token.
        *errorString = QObject::tr("The tokens file %1 is damaged; set the tokens again.").arg(m_path);
        return false;
    }
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().toString().isEmpty())
            all->insert(it.key(), it.value().toString());
    }
    return true;
}

bool FileSecretStore::load(const QStringList &keys, QHash<QString, QString> *values, QString *errorString)
{
    QHash<QString, QString> all;
    if (!readAll(&all, errorString))
        return false;
    for (const QString &key : keys) {
        if (all.contains(key))
            values->insert(key, all.value(key));
    }
    return true;
}

bool FileSecretStore::save(const QHash<QString, QString> &values, QString *errorString)
{
    QHash<QString, QString> all;
    QString ignored;
    readAll(&all, &ignored);  // a damaged file is replaced
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (it.value().isEmpty())
            all.remove(it.key());
        else
            all.insert(it.key(), it.value());
    }
    if (all.isEmpty()) {
        // Nothing secret left: no file at all.
        if (QFile::exists(m_path) && !QFile::remove(m_path)) {
            *errorString = QObject::tr("Cannot remove the tokens file %1").arg(m_path);
            return false;
        }
        return true;
    }
    QJsonObject object;
    for (auto it = all.cbegin(); it != all.cend(); ++it)
        object.insert(it.key(), it.value());
    return writePrivately(m_path, QJsonDocument(object).toJson(QJsonDocument::Indented), errorString);
}

}  // namespace Settings
