#include "singleinstance.h"

#include "uilogging.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QThread>

namespace Ui {

namespace {
const QByteArray kActivate = QByteArrayLiteral("activate\n");
const QByteArray kShown = QByteArrayLiteral("shown\n");
}  // namespace

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(QFileInfo(dataDir).absoluteFilePath())
    , m_serverName(serverNameFor(dataDir))
{
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();
}

QString SingleInstance::serverNameFor(const QString &dataDir)
{
    const QString canonical = QFileInfo(dataDir).absoluteFilePath();
    const QByteArray hash = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("modeldock-") + QString::fromLatin1(hash);
}

SingleInstance::Role SingleInstance::claim(int timeoutMs)
{
    QDir().mkpath(m_dataDir);
    m_lock = std::make_unique<QLockFile>(QDir(m_dataDir).filePath(QStringLiteral("modeldock.lock")));
    m_lock->setStaleLockTime(0);  // stale only when its process is gone, never by age
    if (m_lock->tryLock(0)) {
        m_role = listen() ? Role::Primary : Role::Unreachable;
        return m_role;
    }
    if (m_lock->error() != QLockFile::LockFailedError) {
        m_error = tr("Cannot create the lock file in %1.").arg(m_dataDir);
        m_role = Role::Unreachable;
        return m_role;
    }
    m_role = askPrimary(timeoutMs) ? Role::Secondary : Role::Unreachable;
    return m_role;
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    // We hold the lock, so a socket of that name can only be left over from a crash.
    QLocalServer::removeServer(m_serverName);
    if (!m_server->listen(m_serverName)) {
        // Still the only instance: run without answering second launches.
        qCWarning(lcUi) << "second launches cannot reach this instance:" << m_server->errorString();
        return true;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onConnection);
    return true;
}

bool SingleInstance::askPrimary(int timeoutMs)
{
    // The primary may still be starting and not listen yet: try until the deadline.
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QLocalSocket socket;
        socket.connectToServer(m_serverName);
        if (socket.waitForConnected(int(std::min<qint64>(1000, deadline.remainingTime())))) {
            socket.write(kActivate);
            socket.waitForBytesWritten(1000);
            while (!socket.canReadLine() &&
                   socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
            }
            if (socket.readLine() == kShown)
                return true;
        }
        QThread::msleep(100);
    }
    m_error = tr("Another ModelDock uses %1 but does not answer. If it hangs, end it and start again.").arg(m_dataDir);
    return false;
}

void SingleInstance::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > 64)
                    socket->disconnectFromServer();  // not one of ours
                return;
            }
            if (socket->readLine() == kActivate) {
                Q_EMIT activationRequested();
                socket->write(kShown);
                socket->flush();
            }
            socket->disconnectFromServer();
        });
    }
}

}  // namespace Ui
