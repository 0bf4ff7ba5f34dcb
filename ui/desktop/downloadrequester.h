#pragma once

#include "download/types.h"
#include "plan/downloadplan.h"
#include "plan/downloadplanner.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <functional>

class QDialog;
class QWidget;

namespace Catalog {
class CatalogStore;
}
namespace Download {
class DownloadPool;
}
namespace Updates {
class RefSwitcher;
}

namespace Ui {

// Turns what the user picked in the catalog into one download group: plans every model with
// the planner, keeps only the picked files, shows a summary (count, size, already on disk,
// free space) and, once accepted, adds the tasks. It then writes each task's outcome back to
// the catalog as the file's LocalState.
class DownloadRequester : public QObject
{
    Q_OBJECT
public:
    struct Pick
    {
        QString modelKey;
        QString variant;      // empty: every variant
        QStringList paths;    // empty: every file of the variant (or model)
    };

    DownloadRequester(Download::DownloadPool *pool, Plan::DownloadPlanner *planner, Catalog::CatalogStore *store,
                      const Plan::DownloadPlanner::Options &options, QObject *parent = nullptr);

    void setPlanOptions(const Plan::DownloadPlanner::Options &options) { m_options = options; }
    Plan::DownloadPlanner::Options planOptions() const { return m_options; }
    // Moves a branch ref to a newer commit once all of it is downloaded (may be null).
    void setRefSwitcher(Updates::RefSwitcher *refs) { m_refs = refs; }
    // Plans the picks and opens the summary dialog over `window` when all plans are in.
    void request(const QList<Pick> &picks, QWidget *window);

    QDialog *summaryDialog() const { return m_dialog; }
    // How free space is read (bytes available on the volume holding a folder); tests fill a
    // disk this way. By default QStorageInfo.
    void setFreeSpaceProbe(std::function<qint64(const QString &folder)> probe) { m_freeSpace = std::move(probe); }

Q_SIGNALS:
    void groupStarted(Download::GroupId group);
    void catalogStatesChanged();
    void refused(const QString &message);

private:
    struct CatalogFile
    {
        QString modelKey;
        QString variant;
        QString path;
    };
    struct Volume
    {
        qint64 bytes = 0;
        QString probePath;  // an existing folder on it
    };
    struct Pending
    {
        QMap<QString, Volume> volumes;  // by mount point: what must fit where
        int onDisk = 0;                 // present on disk though the catalog did not know
        QList<Pick> picks;
        QList<Download::FileRequest> files;
        QList<CatalogFile> refs;  // the catalog's file per request
        QStringList refused;
        qint64 bytes = 0;
        int skipped = 0;
        int outstanding = 0;
        QString name;
    };
    void onPlanned(const std::shared_ptr<Pending> &pending, const Pick &pick, const Plan::DownloadPlan &plan);
    void showSummary(const std::shared_ptr<Pending> &pending, QWidget *window);
    QString summaryText(const Pending &pending, bool *fits) const;
    void start(const Pending &pending);
    void onTaskFinished(Download::TaskId id);

    Download::DownloadPool *m_pool;
    Plan::DownloadPlanner *m_planner;
    Catalog::CatalogStore *m_store;
    Plan::DownloadPlanner::Options m_options;
    Updates::RefSwitcher *m_refs = nullptr;
    QHash<Download::TaskId, CatalogFile> m_taskFiles;
    QPointer<QDialog> m_dialog;
    QPointer<QWidget> m_window;
    std::function<qint64(const QString &)> m_freeSpace;
};

} // namespace Ui
