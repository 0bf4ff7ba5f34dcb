#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QLocalServer;
class QLockFile;

namespace Ui {

// One ModelDock per data folder: two would run two download pools over one journal. The first
// process holds a lock file in the data folder and listens on a local socket named after the
// folder; a second launch finds the lock taken, asks the first over the socket to show its
// window, and exits. The lock (not the socket) decides who is first, so two launches at the
// same moment cannot both win, and a crashed first process leaves only a stale lock that
// QLockFile recognises by its dead PID.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    enum class Role
    {
        Primary,      // this process runs ModelDock
        Secondary,    // another one runs and was asked to show itself: exit 0
        Unreachable,  // another one holds the lock but does not answer: exit with an error
    };

    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // Blocking (it runs before the event loop starts), at most about timeoutMs.
    Role claim(int timeoutMs = 5000);
    // The process exit code for a launch that is not the primary one.
    int exitCode() const { return m_role == Role::Secondary ? 0 : 1; }
    Role role() const { return m_role; }
    QString errorString() const { return m_error; }
    QString serverName() const { return m_serverName; }
    static QString serverNameFor(const QString &dataDir);

Q_SIGNALS:
    // A second launch asked this (primary) process to show its window.
    void activationRequested();

private:
    bool listen();
    bool askPrimary(int timeoutMs);
    void onConnection();

    QString m_dataDir;
    QString m_serverName;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
    Role m_role = Role::Unreachable;
    QString m_error;
};

}  // namespace Ui
