#pragma once

#include "download/types.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

namespace Download {

// Resumes downloads that paused because the disk was full, once their remaining bytes fit
// again. It polls the free space (QStorageInfo) of each waiting task's file system, only while
// some task waits, and hands out the space in queue order so two tasks never count on the same
// bytes. A task that hits a full disk again right after a resume without getting further (a
// quota the free space does not show) waits twice as long each time, up to a minute.
//
// Lives on the pool's thread; the pool tells it about pauses and resumes the tasks it names.
class DiskSpaceWatcher : public QObject
{
    Q_OBJECT
public:
    struct Waiting
    {
        TaskId id = 0;
        QString path;           // the file being written (its file system is what counts)
        qint64 remaining = -1;  // bytes still to write, -1 unknown
        qint64 done = 0;
    };
    // The tasks paused on a full disk, in queue order.
    using Lister = std::function<QList<Waiting>()>;

    DiskSpaceWatcher(std::chrono::milliseconds interval, Lister lister, QObject *parent = nullptr);

    void taskPaused(TaskId id, qint64 bytesDone);  // a task just paused on a full disk
    void forget(TaskId id);                        // it finished, was cancelled or resumed by hand

    // Free bytes of the file system that holds `path` (or its nearest existing ancestor).
    static qint64 freeSpaceFor(const QString &path, QString *mountPoint = nullptr);

Q_SIGNALS:
    void spaceFor(Download::TaskId id);  // resume it now

private:
    struct Backoff
    {
        int resumes = 0;  // resumes in a row that made no progress
        qint64 doneAtResume = -1;
        QDeadlineTimer notBefore;
    };
    void poll();

    std::chrono::milliseconds m_interval;
    Lister m_lister;
    QTimer m_timer;
    QHash<TaskId, Backoff> m_backoff;
};

}  // namespace Download
