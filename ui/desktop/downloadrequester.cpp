#include "downloadrequester.h"

#include "catalog/catalogstore.h"
#include "download/downloadpool.h"
#include "downloadsummarydialog.h"
#include "library/storagelayout.h"
#include "plan/downloadtarget.h"
#include "updates/refswitcher.h"
#include "util/freespace.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QWidget>

namespace Ui {

namespace {
QString groupLabel(const Catalog::ModelRecord *record, const QString &modelKey, const QString &variant)
{
    const QString model =
        record && !record->name.isEmpty() && record->hub == QLatin1String("civitai") ? record->name : modelKey;
    return variant.isEmpty() ? model : model + QStringLiteral(" · ") + variant;
}

// The hub did not answer, for a reason that passes: worth asking again later.
bool hubAway(const Net::HttpError &error)
{
    switch (error.kind) {
    case Net::ErrorKind::Network:
    case Net::ErrorKind::Timeout:
    case Net::ErrorKind::ServerError:
    case Net::ErrorKind::RateLimited:
        return true;
    default:
        return false;
    }
}

constexpr int kFirstRetryMs = 2000;
constexpr int kLongestRetryMs = 60000;
}  // namespace

DownloadRequester::DownloadRequester(Download::DownloadPool *pool, Plan::DownloadPlanner *planner,
                                     Catalog::CatalogStore *store, const Plan::DownloadPlanner::Options &options,
                                     QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_planner(planner)
    , m_store(store)
    , m_options(options)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &DownloadRequester::retryWaitingNow);
}

QStringList DownloadRequester::waitingNames() const
{
    QStringList names;
    for (const Job &job : m_waiting)
        names << job.order.target.displayName();
    return names;
}

QDialog *DownloadRequester::summaryDialog() const
{
    return m_dialog;
}

void DownloadRequester::request(const QList<Pick> &picks, QWidget *window)
{
    bool all = false;
    for (const Pick &pick : picks)
        all = all || pick.allVersions;
    request(picks, window, all);
}

void DownloadRequester::request(const QList<Pick> &picks, QWidget *window, bool allVersions)
{
    if (picks.isEmpty())
        return;
    m_window = window;
    auto pending = std::make_shared<Pending>();
    pending->picks = picks;
    pending->allVersions = allVersions;
    QSet<QString> models;
    QHash<QString, int> jobOfKey;
    for (const Pick &pick : picks) {
        models.insert(pick.modelKey);
        std::optional<Catalog::ModelRecord> record = m_store->model(pick.modelKey);
        QList<Plan::Order> orders;
        if (record) {
            const bool civitai = record->hub == QLatin1String("civitai");
            pending->offersAllVersions = pending->offersAllVersions || civitai;
            // "All versions" takes the whole model, whichever of its versions was picked.
            const bool all = civitai && allVersions;
            QString error;
            orders = Plan::PickResolver::resolve(*record, all ? QString() : pick.variant,
                                                 all ? QStringList() : pick.paths, all, &error);
            if (!error.isEmpty())
                pending->refused << error;
        } else {
            // Not in the catalog (a collection, or a model synced away): the target as named.
            Plan::Order order;
            QString error;
            if (!Plan::DownloadTarget::parse(pick.modelKey, &order.target, &error)) {
                pending->refused << error;
                continue;
            }
            order.allVersions = allVersions;
            orders << order;
        }
        for (const Plan::Order &order : std::as_const(orders)) {
            const QString key = order.key();
            const auto at = jobOfKey.constFind(key);
            if (at != jobOfKey.cend()) {
                pending->jobs[*at].order.merge(order);
                continue;
            }
            jobOfKey.insert(key, int(pending->jobs.size()));
            pending->jobs << Job{order, pick.modelKey, record, {}};
        }
    }
    if (pending->jobs.size() == 1 && models.size() == 1)
        pending->name = pending->jobs.first().order.target.displayName();
    else
        pending->name = tr("%n models", nullptr, int(models.size()));
    plan(pending);
}

Plan::DownloadPlanner::Options DownloadRequester::optionsFor(const Plan::Order &order) const
{
    Plan::DownloadPlanner::Options options = m_options;
    options.allVersions = order.allVersions;
    // Picked files of a Civitai version: those, not (only) its primary file.
    if (order.target.kind == Plan::DownloadTarget::Kind::Civitai && order.target.versionId)
        options.civitaiFiles = order.ticked;
    return options;
}

void DownloadRequester::plan(const std::shared_ptr<Pending> &pending)
{
    pending->outstanding = int(pending->jobs.size());
    if (pending->jobs.isEmpty()) {
        showSummary(pending, m_window);
        return;
    }
    for (int i = 0; i < pending->jobs.size(); ++i) {
        const Plan::Order &order = pending->jobs.at(i).order;
        m_planner->plan(order.target, optionsFor(order), this, [this, pending, i](const Plan::DownloadPlan &plan) {
            pending->jobs[i].plan = plan;
            onPlanned(pending);
        });
    }
}

void DownloadRequester::onPlanned(const std::shared_ptr<Pending> &pending)
{
    if (--pending->outstanding > 0)
        return;
    // Entries in the order of the picks, whichever plan answered first.
    QSet<QString> seen;
    for (const Job &job : std::as_const(pending->jobs)) {
        if (hubAway(job.plan.error))
            pending->waiting << job;
        else
            collect(*pending, job);
    }
    QList<Entry> unique;
    for (const Entry &entry : std::as_const(pending->entries)) {
        const QString key = entry.file.destination.key();
        if (seen.contains(key))
            continue;
        seen.insert(key);
        unique << entry;
    }
    pending->entries = unique;
    showSummary(pending, m_window);
}

void DownloadRequester::collect(Pending &pending, const Job &job)
{
    const Plan::DownloadPlan &plan = job.plan;
    pending.refused << plan.refused;
    if (!plan.ok())
        pending.refused << tr("%1: %2").arg(job.order.target.displayName(), plan.error.message);
    const Catalog::ModelRecord *record = job.record ? &*job.record : nullptr;
    QSet<QString> found;
    for (const Download::FileRequest &file : plan.files) {
        Entry entry;
        entry.file = file;
        entry.ref.modelKey = job.modelKey;
        QString variant;
        QString path;
        if (record && Plan::PickResolver::catalogFile(*record, file, &variant, &path)) {
            entry.ref = {job.modelKey, variant, path};
            for (const Catalog::VariantRecord &v : record->variants) {
                for (const Catalog::FileRecord &known : v.files) {
                    if (v.name == variant && known.path == path)
                        entry.verified = known.state == Catalog::LocalState::Verified;
                }
            }
        }
        const bool listed = !entry.ref.path.isEmpty();
        // A Civitai file's preview image and sidecars travel with its request (fetched after it).
        entry.group = groupLabel(record, job.modelKey, listed ? entry.ref.variant : job.order.target.revision);
        const bool wanted = job.order.ticks(listed ? entry.ref.path : file.destination.relativePath);
        if (!wanted && !job.order.offerRest)
            continue;
        entry.ticked = wanted;
        if (listed)
            found.insert(entry.ref.path);
        entry.present = !entry.verified && Library::StorageLayout::isPresent(file.destination, file.expectedSize);
        pending.entries << entry;
    }
    // A picked file the plan does not hold is said, not dropped without a word.
    for (const QString &path : job.order.ticked) {
        if (found.contains(path) || !plan.ok())
            continue;
        pending.refused << tr("%1: %2 is no longer there; refresh to see what the hub holds now.")
                               .arg(job.order.target.displayName(), path);
    }
}

QString DownloadRequester::summaryText(const Pending &pending, bool *fits) const
{
    const QLocale locale;
    int count = 0;
    int onDisk = 0;
    qint64 bytes = 0;
    QMap<QString, Volume> volumes;  // by mount point: what must fit where
    for (const Entry &entry : pending.entries) {
        if (!entry.ticked && !entry.verified)
            continue;
        if (entry.verified) {
            ++onDisk;
            continue;
        }
        ++count;
        // Bytes another tool (or an earlier run) already put in place are not fetched again:
        // the pool links them and they cost no space.
        if (entry.present) {
            ++onDisk;
            continue;
        }
        const qint64 size = qMax<qint64>(0, entry.file.expectedSize);
        bytes += size;
        const Util::Volume volume = Util::volumeOf(entry.file.destination.root);
        Volume &need = volumes[volume.mountPoint];
        need.bytes += size;
        need.probePath = volume.folder;
    }
    QStringList lines;
    if (count > 0 || onDisk > 0 || pending.waiting.isEmpty())
        lines << (count == 1
                      ? tr("1 file to download, %1 in total.").arg(locale.formattedDataSize(bytes))
                      : tr("%1 files to download, %2 in total.").arg(count).arg(locale.formattedDataSize(bytes)));
    if (onDisk > 0) {
        lines << (onDisk == 1 ? tr("1 file is already on disk and is skipped.")
                              : tr("%1 files are already on disk and are skipped.").arg(onDisk));
    }
    *fits = true;
    QStringList tight;
    for (auto it = volumes.cbegin(); it != volumes.cend(); ++it) {
        const qint64 available = m_freeSpace ? m_freeSpace(it->probePath) : Util::volumeOf(it->probePath).available;
        if (available < 0)
            continue;
        // The pool keeps a margin too: a file system that is full to the byte helps nobody.
        const qint64 required = it->bytes + it->bytes / 20;
        lines
            << tr("Free space on %1: %2.").arg(QDir::toNativeSeparators(it.key()), locale.formattedDataSize(available));
        if (required > available) {
            *fits = false;
            tight << tr("%1 needs %2 (with a 5% margin) but has %3 free")
                         .arg(QDir::toNativeSeparators(it.key()), locale.formattedDataSize(required),
                              locale.formattedDataSize(available));
        }
    }
    if (!*fits)
        lines
            << tr("This does not fit: %1. Free some space or pick fewer files.").arg(tight.join(QStringLiteral("; ")));
    if (count == 0 && onDisk > 0 && pending.waiting.isEmpty())
        lines << tr("Everything picked is already on disk.");
    if (!pending.waiting.isEmpty()) {
        QStringList names;
        for (const Job &job : pending.waiting)
            names << job.order.target.displayName();
        lines << tr("The hub does not answer for %1.").arg(names.join(QStringLiteral(", ")))
              << (names.size() == 1 ? tr("Queue it: ModelDock asks the hub again, at least once a minute, and the "
                                         "download starts on its own as soon as the hub answers.")
                                    : tr("Queue them: ModelDock asks the hub again, at least once a minute, and the "
                                         "downloads start on their own as soon as the hub answers."));
    }
    if (!pending.refused.isEmpty())
        lines << tr("Left out:") + QLatin1Char('\n') + pending.refused.join(QLatin1Char('\n'));
    return lines.join(QLatin1Char('\n'));
}

void DownloadRequester::showSummary(const std::shared_ptr<Pending> &pending, QWidget *window)
{
    auto *dialog = new DownloadSummaryDialog(window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QList<DownloadSummaryDialog::Row> rows;
    rows.reserve(pending->entries.size());
    for (const Entry &entry : std::as_const(pending->entries)) {
        const QString name =
            entry.ref.path.isEmpty() ? QFileInfo(entry.file.destination.relativePath).fileName() : entry.ref.path;
        rows << DownloadSummaryDialog::Row{entry.group,    name,          entry.file.expectedSize,
                                           entry.verified, entry.present, entry.ticked};
    }
    dialog->setRows(rows);
    if (pending->offersAllVersions)
        dialog->offerAllVersions(pending->allVersions);
    const auto refresh = [this, pending, dialog] {
        const QList<bool> ticks = dialog->ticks();
        for (int i = 0; i < ticks.size() && i < pending->entries.size(); ++i) {
            if (!pending->entries.at(i).verified)
                pending->entries[i].ticked = ticks.at(i);
        }
        bool fits = true;
        const QString text = summaryText(*pending, &fits);
        bool any = false;
        for (const Entry &entry : std::as_const(pending->entries))
            any = any || (entry.ticked && !entry.verified);
        dialog->setSummary(text, fits && (any || !pending->waiting.isEmpty()),
                           fits ? QString() : tr("The files do not fit on the disk"));
        // Nothing can be fetched now, only queued: the button says so.
        dialog->downloadButton()->setText(any || pending->waiting.isEmpty() ? tr("&Download") : tr("&Queue"));
    };
    refresh();
    connect(dialog, &DownloadSummaryDialog::ticksChanged, this, refresh);
    connect(dialog, &DownloadSummaryDialog::allVersionsToggled, this, [this, pending, dialog, window](bool on) {
        // A new plan for the same picks; this dialog gives way to the new one.
        dialog->reject();
        request(pending->picks, window, on);
    });
    connect(dialog, &QDialog::accepted, this, [this, pending, refresh] {
        refresh();  // the boxes as they are now, even a click the recount has not seen yet
        start(*pending);
    });
    m_dialog = dialog;
    dialog->open();
}

void DownloadRequester::start(const Pending &pending)
{
    if (!pending.waiting.isEmpty())
        wait(pending.waiting);
    bool any = false;
    for (const Entry &entry : pending.entries)
        any = any || (entry.ticked && !entry.verified);
    if (!any)
        return;
    const Download::GroupId group = m_pool->createGroup(pending.name);
    QList<Download::TaskId> ids;
    QList<Download::FileRequest> files;
    for (const Entry &entry : pending.entries) {
        if (!entry.ticked || entry.verified)
            continue;
        ids << m_pool->addTask(group, entry.file);
        files << entry.file;
    }
    QString error;
    if (!m_pool->checkFreeSpace(group, &error)) {
        m_pool->cancelGroup(group);
        Q_EMIT refused(error);
    } else {
        if (m_refs)
            m_refs->track(ids, files);
        Q_EMIT groupStarted(group);
    }
}

void DownloadRequester::wait(const QList<Job> &jobs)
{
    m_waiting << jobs;
    QStringList names;
    for (const Job &job : jobs)
        names << job.order.target.displayName();
    Q_EMIT waitingChanged(int(m_waiting.size()),
                          tr("Queued until the hub answers: %1.").arg(names.join(QStringLiteral(", "))));
    scheduleRetry();
}

void DownloadRequester::scheduleRetry()
{
    if (m_waiting.isEmpty() || m_retrying > 0)
        return;
    m_retryDelayMs = m_retryDelayMs == 0 ? kFirstRetryMs : qMin(2 * m_retryDelayMs, kLongestRetryMs);
    m_retry.start(m_retryDelayMs);
}

void DownloadRequester::retryWaitingNow()
{
    m_retry.stop();
    if (m_waiting.isEmpty() || m_retrying > 0)
        return;
    const QList<Job> jobs = std::exchange(m_waiting, {});
    m_retrying = int(jobs.size());
    for (const Job &job : jobs) {
        m_planner->plan(job.order.target, optionsFor(job.order), this, [this, job](const Plan::DownloadPlan &plan) {
            --m_retrying;
            const QString name = job.order.target.displayName();
            if (hubAway(plan.error)) {
                m_waiting << job;
            } else if (!plan.ok()) {
                m_retryDelayMs = 0;
                Q_EMIT waitingChanged(int(m_waiting.size()), QString());
                Q_EMIT refused(tr("%1: %2").arg(name, plan.error.message));
            } else {
                // The hub answered: what the summary accepted starts, without a second question.
                m_retryDelayMs = 0;
                Pending pending;
                pending.name = name;
                Job planned = job;
                planned.plan = plan;
                collect(pending, planned);
                if (!pending.refused.isEmpty())
                    Q_EMIT refused(pending.refused.join(QLatin1Char('\n')));
                Q_EMIT waitingChanged(int(m_waiting.size()), tr("The hub answered; %1 starts.").arg(name));
                start(pending);
            }
            scheduleRetry();
        });
    }
}

}  // namespace Ui
