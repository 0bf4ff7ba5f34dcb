#include "download/datafolderlock.h"

#include <QCoreApplication>
#include <QDir>
#include <QLockFile>

namespace Download {

DataFolderLock::DataFolderLock() = default;
DataFolderLock::~DataFolderLock() = default;

QString DataFolderLock::lockPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("downloads.lock"));
}

bool DataFolderLock::isLocked() const
{
    return m_lock && m_lock->isLocked();
}

bool DataFolderLock::lock(const QString &dataDir, const QString &whatToDo, QString *error)
{
    if (isLocked())
        return true;
    m_lock = std::make_unique<QLockFile>(lockPath(dataDir));
    // Never stale by age: a download may run for days. A dead owner is detected by its pid.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0))
        return true;
    if (error) {
        qint64 pid = 0;
        QString host;
        QString application;
        if (m_lock->error() == QLockFile::LockFailedError && m_lock->getLockInfo(&pid, &host, &application)) {
            *error = QCoreApplication::translate("Download::DataFolderLock",
                                                 "ModelDock is already downloading with this data folder (pid %1); %2")
                         .arg(pid)
                         .arg(whatToDo);
        } else {
            *error = QCoreApplication::translate("Download::DataFolderLock",
                                                 "Could not lock the data folder \"%1\" (%2); %3")
                         .arg(QDir::toNativeSeparators(dataDir),
                              m_lock->error() == QLockFile::PermissionError
                                  ? QCoreApplication::translate("Download::DataFolderLock", "no permission")
                                  : QCoreApplication::translate("Download::DataFolderLock", "it is in use"),
                              whatToDo);
        }
    }
    m_lock.reset();
    return false;
}

}  // namespace Download
