#include "download/diskspacewatcher.h"

#include "util/freespace.h"
#include "util/logging.h"

#include <QDir>
#include <QFileInfo>

namespace Download {

namespace {
// Room kept free beyond what a task still needs, so it does not fill the disk to the last byte.
constexpr qint64 kMargin = 1024 * 1024;
constexpr qint64 kLongestWaitMs = 60 * 1000;
}  // namespace

DiskSpaceWatcher::DiskSpaceWatcher(std::chrono::milliseconds interval, Lister lister, QObject *parent)
    : QObject(parent)
    , m_interval(interval)
    , m_lister(std::move(lister))
{
    m_timer.setInterval(m_interval);
    connect(&m_timer, &QTimer::timeout, this, &DiskSpaceWatcher::poll);
}

qint64 DiskSpaceWatcher::freeSpaceFor(const QString &path, QString *mountPoint)
{
    const Util::Volume volume = Util::volumeOf(path);
    if (mountPoint)
        *mountPoint = volume.mountPoint;
    return volume.available;
}

void DiskSpaceWatcher::taskPaused(TaskId id, qint64 bytesDone)
{
    Backoff &b = m_backoff[id];
    // Full again without getting any further since the last resume: the free space we saw was
    // not ours to use, so wait longer before the next try.
    b.resumes = (b.doneAtResume >= 0 && bytesDone <= b.doneAtResume) ? b.resumes + 1 : 0;
    const qint64 wait = qMin<qint64>(kLongestWaitMs, qint64(m_interval.count()) << qMin(b.resumes, 10));
    b.notBefore = QDeadlineTimer(b.resumes > 0 ? wait : 0);
    if (!m_timer.isActive())
        m_timer.start();
}

void DiskSpaceWatcher::forget(TaskId id)
{
    m_backoff.remove(id);
}

void DiskSpaceWatcher::poll()
{
    const QList<Waiting> waiting = m_lister();
    if (waiting.isEmpty()) {
        m_timer.stop();
        return;
    }
    QHash<QString, qint64> available;  // by mount point, minus what this poll handed out
    for (const Waiting &w : waiting) {
        Backoff &b = m_backoff[w.id];
        if (!b.notBefore.hasExpired())
            continue;
        QString mount;
        const qint64 free = freeSpaceFor(w.path, &mount);
        if (!available.contains(mount))
            available.insert(mount, free);
        const qint64 need = qMax<qint64>(0, w.remaining) + kMargin;
        if (available.value(mount) < need)
            continue;
        available[mount] -= need;
        b.doneAtResume = w.done;
        qCInfo(lcDownload) << "task" << w.id << "resumes: the disk has room again on" << mount;
        Q_EMIT spaceFor(w.id);
    }
}

}  // namespace Download
