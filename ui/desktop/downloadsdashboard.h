#pragma once

#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QTreeView;

namespace Download {
class DownloadPool;
}

#include "download/types.h"

namespace Ui {

class DownloadErrorPanel;
class DownloadsModel;
class DownloadsRowFilter;
class SpeedGraph;

// The downloads dashboard: groups and their items with progress, speed, ETA, state and the
// error sentence; pause/resume/cancel/retry/move/open/copy on the selection (items or whole
// groups); totals with the aggregate speed and a speed graph sampled on its own clock (so it
// falls to zero when nothing moves); Clear finished, which makes the pool forget them.
class DownloadsDashboard : public QWidget
{
    Q_OBJECT
public:
    explicit DownloadsDashboard(Download::DownloadPool *pool, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    DownloadsModel *model() const { return m_model; }
    SpeedGraph *speedGraph() const { return m_graph; }
    // All / active / queued / failed / done, and the panel with the selected item's failure.
    QComboBox *filterBox() const { return m_filterBox; }
    DownloadErrorPanel *errorPanel() const { return m_errorPanel; }
    QLabel *totalsLabel() const { return m_totals; }
    bool isSampling() const { return m_sampler.isActive(); }

    enum class Action
    {
        Pause,
        Resume,
        Cancel,
        Retry,
        MoveUp,
        MoveDown,
        DownloadNext,
        OpenFolder,
        CopyPath,
        ClearFinished
    };
    QAction *action(Action which) const;
    // In menu order, with separators as null entries.
    QList<QAction *> menuActions() const;

    // The column layout, for the window's saved state.
    QByteArray saveViewState() const;
    bool restoreViewState(const QByteArray &state);

    static constexpr int kSampleIntervalMs = 500;

public Q_SLOTS:
    void trigger(Action which);  // acts on the current selection

private:
    void sample();
    double updateTotals();  // the footer's sentence; returns the pool's speed
    void apply(Action which, QList<Download::TaskId> tasks, QList<Download::GroupId> groups);
    // Bytes of unfinished files that cancelling these would delete.
    qint64 partialBytes(const QList<Download::TaskId> &tasks, const QList<Download::GroupId> &groups) const;
    void confirmCancel(const QList<Download::TaskId> &tasks, const QList<Download::GroupId> &groups, qint64 bytes);
    void wake();
    void updateActions();
    QAction *addAction(Action which, const QString &text, const QKeySequence &shortcut, const QString &name,
                       const QString &tip);

    Download::DownloadPool *m_pool;
    DownloadsModel *m_model;
    QTreeView *m_view;
    QLabel *m_totals;
    SpeedGraph *m_graph;
    QHash<int, QAction *> m_actions;
    QComboBox *m_filterBox = nullptr;
    DownloadsRowFilter *m_rowFilter = nullptr;
    DownloadErrorPanel *m_errorPanel = nullptr;
    QTimer m_sampler;
    int m_activeCount = 0;
    int m_quietSamples = 0;
};

}  // namespace Ui
