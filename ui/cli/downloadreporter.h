#pragma once

#include "clicommand.h"
#include "download/types.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace Download {
class DownloadPool;
}

namespace Cli {

// Everything `download` prints, in one of three forms chosen by the context:
// - a terminal: "started/finished/failed" lines scroll above a live block (one line per
//   active file plus a total) that is redrawn in place with ANSI cursor movement at most
//   four times a second;
// - a pipe or file: the same event lines, no live block;
// - --json: one JSON object per line per event, for scripts.
// It reads the pool's snapshots only; it never changes the pool.
class DownloadReporter : public QObject
{
    Q_OBJECT
public:
    DownloadReporter(CliContext &context, Download::DownloadPool *pool, QObject *parent = nullptr);

    void planned(const QString &name, int files, qint64 knownBytes);
    void refused(const QString &sentence);
    // The run cannot go on (the plan failed, no space): stderr, or an "error" event in JSON.
    void note(const QString &sentence);  // something worth knowing that is not an error
    void error(const QString &sentence);
    void track(const QList<Download::TaskId> &tasks);

    void taskChanged(Download::TaskId id);
    void taskFinished(Download::TaskId id);

    // Final lines; returns how many tracked files did not complete.
    int summarize(int refusedCount);

private:
    void emitJson(const QJsonObject &object);
    void eventLine(const QString &line);
    void redraw();
    void clearBlock();
    QString progressLine(const Download::TaskSnapshot &task) const;
    void noteDiskFull(const Download::TaskSnapshot &task);

    CliContext &m_context;
    Download::DownloadPool *m_pool;
    QList<Download::TaskId> m_tasks;
    QSet<Download::TaskId> m_started;
    QSet<Download::TaskId> m_finished;
    QHash<Download::TaskId, qint64> m_diskFull;  // paused on a full disk, said so at these bytes
    QList<Download::TaskSnapshot> m_failures;
    QTimer m_redrawTimer;
    QElapsedTimer m_lastJsonProgress;
    bool m_dirty = false;
    int m_blockLines = 0;
};

}  // namespace Cli
