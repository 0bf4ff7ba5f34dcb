#include "downloadrequester.h"

#include "catalog/catalogstore.h"
#include "download/downloadpool.h"
#include "library/storagelayout.h"
#include "plan/downloadtarget.h"
#include "updates/refswitcher.h"
#include "util/freespace.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWidget>

namespace Ui {


DownloadRequester::DownloadRequester(Download::DownloadPool *pool, Plan::DownloadPlanner *planner,
                                     Catalog::CatalogStore *store, const Plan::DownloadPlanner::Options &options,
                                     QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_planner(planner)
    , m_store(store)
    , m_options(options)
{
    connect(m_pool, &Download::DownloadPool::taskFinished, this, &DownloadRequester::onTaskFinished);
}

void DownloadRequester::request(const QList<Pick> &picks, QWidget *window)
{
    if (picks.isEmpty())
        return;
    m_window = window;
    auto pending = std::make_shared<Pending>();
    pending->picks = picks;
    pending->outstanding = int(picks.size());
    pending->name = picks.size() == 1 ? picks.first().modelKey : tr("%n models", nullptr, int(picks.size()));
    for (const Pick &pick : picks) {
        Plan::DownloadTarget target;
        QString error;
        if (!Plan::DownloadTarget::parse(pick.modelKey, &target, &error)) {
            Plan::DownloadPlan failed;
            failed.refused << error;
            onPlanned(pending, pick, failed);
            continue;
        }
        m_planner->plan(target, m_options, this,
                        [this, pending, pick](const Plan::DownloadPlan &plan) { onPlanned(pending, pick, plan); });
    }
}

void DownloadRequester::onPlanned(const std::shared_ptr<Pending> &pending, const Pick &pick,
                                  const Plan::DownloadPlan &plan)
{
    pending->refused << plan.refused;
    if (!plan.ok())
        pending->refused << tr("%1: %2").arg(pick.modelKey, plan.error.message);
    const std::optional<Catalog::ModelRecord> record = m_store->model(pick.modelKey);
    for (const Download::FileRequest &file : plan.files) {
        // Match the planned file to the catalog's record of it: the planner names files by
        // their path in the repo (HF) or in the library (Civitai, with a type folder).
        CatalogFile ref{pick.modelKey, {}, {}};
        Catalog::LocalState state = Catalog::LocalState::None;
        if (record) {
            for (const Catalog::VariantRecord &variant : record->variants) {
                for (const Catalog::FileRecord &known : variant.files) {
                    const QString &rel = file.destination.relativePath;
                    if (rel == known.path || rel.endsWith(QLatin1Char('/') + known.path)) {
                        ref = {pick.modelKey, variant.name, known.path};
                        state = known.state;
                    }
                }
            }
        }
        const bool picked = (pick.variant.isEmpty() || ref.variant == pick.variant)
                            && (pick.paths.isEmpty() || pick.paths.contains(ref.path));
        if (!picked)
            continue;
        if (state == Catalog::LocalState::Verified) {
            ++pending->skipped;
            continue;
        }
        pending->files << file;
        pending->refs << ref;
        // Bytes another tool (or an earlier run) already put in place are not fetched again:
        // the pool links them and they cost no space.
        if (Library::StorageLayout::isPresent(file.destination, file.expectedSize)) {
            ++pending->onDisk;
            continue;
        }
        pending->bytes += qMax<qint64>(0, file.expectedSize);
        const Util::Volume volume = Util::volumeOf(file.destination.root);
        Volume &need = pending->volumes[volume.mountPoint];
        need.bytes += qMax<qint64>(0, file.expectedSize);
        need.probePath = volume.folder;
    }
    if (--pending->outstanding == 0)
        showSummary(pending, m_window);
}

QString DownloadRequester::summaryText(const Pending &pending, bool *fits) const
{
    const QLocale locale;
    const int count = int(pending.files.size());
    QStringList lines;
    lines << (count == 1 ? tr("1 file to download, %1 in total.").arg(locale.formattedDataSize(pending.bytes))
                         : tr("%1 files to download, %2 in total.").arg(count).arg(locale.formattedDataSize(pending.bytes)));
    const int onDisk = pending.skipped + pending.onDisk;
    if (onDisk > 0) {
        lines << (onDisk == 1 ? tr("1 file is already on disk and is skipped.")
                              : tr("%1 files are already on disk and are skipped.").arg(onDisk));
    }
    *fits = true;
    QStringList tight;
    for (auto it = pending.volumes.cbegin(); it != pending.volumes.cend(); ++it) {
        const qint64 available = m_freeSpace ? m_freeSpace(it->probePath) : Util::volumeOf(it->probePath).available;
        if (available < 0)
            continue;
        // The pool keeps a margin too: a file system that is full to the byte helps nobody.
        const qint64 required = it->bytes + it->bytes / 20;
        lines << tr("Free space on %1: %2.").arg(QDir::toNativeSeparators(it.key()), locale.formattedDataSize(available));
        if (required > available) {
            *fits = false;
            tight << tr("%1 needs %2 (with a 5% margin) but has %3 free")
                          .arg(QDir::toNativeSeparators(it.key()), locale.formattedDataSize(required),
                               locale.formattedDataSize(available));
        }
    }
    if (!*fits)
        lines << tr("This does not fit: %1. Free some space or pick fewer files.").arg(tight.join(QStringLiteral("; ")));
    if (count == 0 && onDisk > 0)
        lines << tr("Everything picked is already on disk.");
    if (!pending.refused.isEmpty())
        lines << tr("Left out:") + QLatin1Char('\n') + pending.refused.join(QLatin1Char('\n'));
    return lines.join(QLatin1Char('\n'));
}

void DownloadRequester::showSummary(const std::shared_ptr<Pending> &pending, QWidget *window)
{
    bool fits = true;
    const QString text = summaryText(*pending, &fits);
    auto *dialog = new QDialog(window);
    dialog->setObjectName(QStringLiteral("downloadSummary"));
    dialog->setWindowTitle(tr("Download"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(dialog);
    auto *label = new QLabel(text, dialog);
    label->setObjectName(QStringLiteral("summaryText"));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(label);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Download"));
    ok->setEnabled(fits && !pending->files.isEmpty());
    if (!fits)
        ok->setToolTip(tr("The files do not fit on the disk"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this, [this, pending] { start(*pending); });
    m_dialog = dialog;
    dialog->open();
}

void DownloadRequester::start(const Pending &pending)
{
    const Download::GroupId group = m_pool->createGroup(pending.name);
    QList<Download::TaskId> ids;
    for (int i = 0; i < pending.files.size(); ++i) {
        const Download::TaskId id = m_pool->addTask(group, pending.files.at(i));
        ids << id;
        const CatalogFile &ref = pending.refs.at(i);
        if (ref.path.isEmpty())
            continue;
        m_taskFiles.insert(id, ref);
        QString error;
        m_store->setFileState(ref.modelKey, ref.variant, ref.path, Catalog::LocalState::Queued, &error);
    }
    QString error;
    if (!m_pool->checkFreeSpace(group, &error)) {
        m_pool->cancelGroup(group);
        Q_EMIT refused(error);
    } else {
        if (m_refs)
            m_refs->track(ids, pending.files);
        Q_EMIT groupStarted(group);
    }
    Q_EMIT catalogStatesChanged();
}

void DownloadRequester::onTaskFinished(Download::TaskId id)
{
    const auto it = m_taskFiles.constFind(id);
    if (it == m_taskFiles.cend())
        return;
    const Download::TaskState state = m_pool->task(id).state;
    const Catalog::LocalState local = state == Download::TaskState::Completed ? Catalog::LocalState::Verified
                                      : state == Download::TaskState::Failed  ? Catalog::LocalState::Failed
                                                                              : Catalog::LocalState::None;
    QString error;
    m_store->setFileState(it->modelKey, it->variant, it->path, local, &error);
    m_taskFiles.erase(it);
    Q_EMIT catalogStatesChanged();
}

} // namespace Ui
