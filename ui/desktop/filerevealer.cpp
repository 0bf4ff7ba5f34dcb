#include "filerevealer.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace Ui {

namespace {
const QString kService = QStringLiteral("org.freedesktop.FileManager1");
}

QString FileRevealer::existingFolder(const QString &path)
{
    QFileInfo info(path);
    QString folder = info.isDir() ? path : info.absolutePath();
    while (!folder.isEmpty() && !QFileInfo(folder).isDir() && folder != QDir::rootPath())
        folder = QFileInfo(folder).absolutePath();
    return folder;
}

bool FileRevealer::reveal(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isDir()) {
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (bus.isConnected() && bus.interface() && bus.interface()->isServiceRegistered(kService).value()) {
            QDBusMessage call = QDBusMessage::createMethodCall(
                kService, QStringLiteral("/org/freedesktop/FileManager1"), kService, QStringLiteral("ShowItems"));
            // The link itself (a snapshot entry), not the blob it points to: that is the
            // name other tools use.
            call << QStringList{QUrl::fromLocalFile(info.absoluteFilePath()).toString(QUrl::FullyEncoded)} << QString();
            if (bus.send(call))
                return true;
        }
    }
    QDesktopServices::openUrl(QUrl::fromLocalFile(existingFolder(path)));
    return false;
}

}  // namespace Ui
