#include "downloadrequester.h"

#include "catalog/catalogstore.h"
#include "download/downloadpool.h"
#include "plan/downloadtarget.h"
#include "updates/refswitcher.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStorageInfo>
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
        pending->bytes += qMax<qint64>(0, file.expectedSize);
    }
    if (--pending->outstanding == 0)
        showSummary(pending, m_window);
}

void DownloadRequester::showSummary(const std::shared_ptr<Pending> &pending, QWidget *window)
{
    const QLocale locale;
    const QStorageInfo storage(QDir(m_options.hfCacheDir).exists() ? m_options.hfCacheDir : QDir::homePath());
    const qint64 available = storage.bytesAvailable();
    auto *dialog = new QDialog(window);
    dialog->setObjectName(QStringLiteral("downloadSummary"));
    dialog->setWindowTitle(tr("Download"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(dialog);
    QString text = tr("%n file(s) to download, %1 in total.", nullptr, int(pending->files.size()))
                       .arg(locale.formattedDataSize(pending->bytes));
    if (pending->skipped > 0)
        text += QLatin1Char('\n') + tr("%n file(s) already on disk are skipped.", nullptr, pending->skipped);
    if (available >= 0)
        text += QLatin1Char('\n') + tr("Free space: %1.").arg(locale.formattedDataSize(available));
    const bool fits = available < 0 || pending->bytes <= available;
    if (!fits)
        text += QLatin1Char('\n') + tr("This does not fit on the disk; free some space first.");
    if (!pending->refused.isEmpty())
        text += QLatin1Char('\n') + tr("Left out:") + QLatin1Char('\n') + pending->refused.join(QLatin1Char('\n'));
    auto *label = new QLabel(text, dialog);
    label->setObjectName(QStringLiteral("summaryText"));
    label->setWordWrap(true);
    layout->addWidget(label);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Download"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(fits && !pending->files.isEmpty());
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
