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
// - stderr on a terminal (TERM not "dumb"): "started/finished/failed" lines scroll above a
//   live block (one line per active file plus a total) that is redrawn in place with ANSI
//   cursor movement at most four times a second;
// - stderr elsewhere: the same event lines, no live block; --quiet keeps only warnings;
// - --json: one JSON object per line per event on stdout, for scripts.
// The result goes to stdout: the local path of each model downloaded (a snapshot folder of
// the Hugging Face cache, a library file), one per line, in the order they finished.
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
    enum class Weight
    {
        Info,     // left out with --quiet
        Warning,  // always said
    };
    void eventLine(const QString &line, Weight weight = Weight::Info);
    void printPaths();
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
    QStringList m_paths;  // what finished, as stdout names it
    QTimer m_redrawTimer;
    QElapsedTimer m_lastJsonProgress;
    bool m_dirty = false;
    int m_blockLines = 0;
};

}  // namespace Cli
