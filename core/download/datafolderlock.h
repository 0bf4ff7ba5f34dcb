#pragma once

#include <QString>

#include <memory>

class QLockFile;

namespace Download {

// One process at a time downloads with a data folder: two would allocate the same task ids in
// the journal and write the same partial files. Held from start-up until the process ends; a
// lock left by a crashed process is taken over (QLockFile checks whether its pid still runs).
class DataFolderLock
{
public:
    DataFolderLock();
    ~DataFolderLock();
    DataFolderLock(const DataFolderLock &) = delete;
    DataFolderLock &operator=(const DataFolderLock &) = delete;

    // false + *error when another process holds it: "ModelDock is already downloading with
    // this data folder (pid N); <whatToDo>" — each front end says what its user can do.
    bool lock(const QString &dataDir, const QString &whatToDo, QString *error);
    bool isLocked() const;

    static QString lockPath(const QString &dataDir);

private:
    std::unique_ptr<QLockFile> m_lock;
};

}  // namespace Download
