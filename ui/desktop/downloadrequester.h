#pragma once

#include "catalog/catalogtypes.h"
#include "download/types.h"
#include "downloadsummarydialog.h"
#include "plan/downloadplan.h"
#include "plan/downloadplanner.h"
#include "plan/pickresolver.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

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

// Turns what the user picked in the catalog into one download group: resolves each pick into
// what it means (Plan::PickResolver: a branch at its branch, a quantization, the recommended
// quantization of a whole GGUF model, a Civitai version), plans those with the planner, lists
// exactly the files that will be fetched in a summary (grouped by model and variant, sizes,
// already on disk, free space) where any can be left out and, once accepted, adds the tasks.
// What becomes of each task in the catalog is Plan::TransferStates's, whoever added it.
class DownloadRequester : public QObject
{
    Q_OBJECT
public:
    struct Pick
    {
        QString modelKey;
        QString variant;           // empty: every variant
        QStringList paths;         // empty: every file of the variant (or model)
        bool allVersions = false;  // a Civitai model: every version
    };

    DownloadRequester(Download::DownloadPool *pool, Plan::DownloadPlanner *planner, Catalog::CatalogStore *store,
                      const Plan::DownloadPlanner::Options &options, QObject *parent = nullptr);

    void setPlanOptions(const Plan::DownloadPlanner::Options &options) { m_options = options; }
    Plan::DownloadPlanner::Options planOptions() const { return m_options; }
    // Moves a branch ref to a newer commit once all of it is downloaded (may be null).
    void setRefSwitcher(Updates::RefSwitcher *refs) { m_refs = refs; }
    // Plans the picks and opens the summary dialog over `window` when all plans are in.
    void request(const QList<Pick> &picks, QWidget *window);
    // The same with every Civitai model picked taken with all its versions (or not).
    void request(const QList<Pick> &picks, QWidget *window, bool allVersions);

    // Picks whose hub did not answer (offline, 5xx, rate-limited past the planner's budget)
    // wait here once the summary is accepted; they are planned again with a growing delay and
    // start without another question as soon as the hub answers.
    int waitingCount() const { return int(m_waiting.size()); }
    QStringList waitingNames() const;
    void retryWaitingNow();

    QDialog *summaryDialog() const;
    DownloadSummaryDialog *summary() const { return m_dialog; }
    // How free space is read (bytes available on the volume holding a folder); tests fill a
    // disk this way. By default QStorageInfo.
    void setFreeSpaceProbe(std::function<qint64(const QString &folder)> probe) { m_freeSpace = std::move(probe); }

Q_SIGNALS:
    void groupStarted(Download::GroupId group);
    void refused(const QString &message);
    // The number of picks waiting for their hub changed; `note` says what happened.
    void waitingChanged(int count, const QString &note);

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
    // One planned file as the summary lists it.
    struct Entry
    {
        Download::FileRequest file;
        CatalogFile ref;        // empty path: a file the catalog does not list (a preview)
        QString group;          // "model · variant"
        bool verified = false;  // the catalog has it verified: listed, not fetched
        bool present = false;   // on disk though the catalog did not know: linked, costs nothing
        bool ticked = true;
    };
    struct Job
    {
        Plan::Order order;
        QString modelKey;
        std::optional<Catalog::ModelRecord> record;
        Plan::DownloadPlan plan;
    };
    struct Pending
    {
        QList<Pick> picks;  // as asked, to plan again with "all versions" toggled
        bool allVersions = false;
        bool offersAllVersions = false;
        QList<Job> jobs;
        QList<Entry> entries;
        QStringList refused;
        QList<Job> waiting;  // the hub did not answer: queued once accepted
        int outstanding = 0;
        QString name;
    };
    Plan::DownloadPlanner::Options optionsFor(const Plan::Order &order) const;
    void plan(const std::shared_ptr<Pending> &pending);
    void onPlanned(const std::shared_ptr<Pending> &pending);
    void collect(Pending &pending, const Job &job);
    void showSummary(const std::shared_ptr<Pending> &pending, QWidget *window);
    QString summaryText(const Pending &pending, bool *fits) const;
    void start(const Pending &pending);
    void wait(const QList<Job> &jobs);
    void scheduleRetry();

    Download::DownloadPool *m_pool;
    Plan::DownloadPlanner *m_planner;
    Catalog::CatalogStore *m_store;
    Plan::DownloadPlanner::Options m_options;
    Updates::RefSwitcher *m_refs = nullptr;
    QPointer<DownloadSummaryDialog> m_dialog;
    QPointer<QWidget> m_window;
    std::function<qint64(const QString &)> m_freeSpace;
    QList<Job> m_waiting;
    QTimer m_retry;
    int m_retryDelayMs = 0;
    int m_retrying = 0;  // plans of waiting picks still out
};

}  // namespace Ui
