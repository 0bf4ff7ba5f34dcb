#include "downloadsdashboard.h"

#include "download/downloadpool.h"
#include "downloaderrorpanel.h"
#include "downloadsmodel.h"
#include "downloadsrowfilter.h"
#include "filerevealer.h"
#include "progressdelegate.h"
#include "speedgraph.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

#include <utility>

namespace Ui {

using Download::GroupId;
using Download::TaskId;

DownloadsDashboard::DownloadsDashboard(Download::DownloadPool *pool, QWidget *parent)
    : QWidget(parent)
    , m_pool(pool)
    , m_model(new DownloadsModel(pool, this))
    , m_view(new QTreeView(this))
    , m_totals(new QLabel(this))
    , m_graph(new SpeedGraph(this))
{
    setObjectName(QStringLiteral("downloadsDashboard"));
    m_view->setObjectName(QStringLiteral("downloadsView"));
    m_view->setAccessibleName(tr("Downloads"));
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setUniformRowHeights(true);  // keeps 500+ rows cheap to lay out
    m_view->setItemDelegateForColumn(DownloadsModel::ProgressColumn, new ProgressDelegate(m_view));
    m_view->setTextElideMode(Qt::ElideMiddle);
    // A header click sorts (ascending, descending, then the queue order again).
    m_view->header()->setSortIndicatorClearable(true);
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_view->header()->setSectionResizeMode(DownloadsModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    // Wide enough for "1.2 GiB / 3.4 GiB", "37/80 done, 2 failed" and a short sentence.
    const int charWidth = m_view->fontMetrics().averageCharWidth();
    const std::pair<int, int> widths[] = {{DownloadsModel::ProgressColumn, 18}, {DownloadsModel::SizeColumn, 28},
                                          {DownloadsModel::SpeedColumn, 14},    {DownloadsModel::EtaColumn, 10},
                                          {DownloadsModel::StateColumn, 30},    {DownloadsModel::ErrorColumn, 40}};
    for (const auto &[column, chars] : widths)
        m_view->setColumnWidth(column, charWidth * chars);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_totals->setObjectName(QStringLiteral("downloadTotals"));
    // No accessible name: a screen reader then reads the label's text ("3 of 5 files verified…");
    // the description says what it is.
    m_totals->setAccessibleDescription(tr("Download totals"));

    auto *toolBar = new QToolBar(this);
    toolBar->setObjectName(QStringLiteral("downloadsToolBar"));
    toolBar->setAccessibleName(tr("Download actions"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // Shortcuts stay clear of the common ones (Ctrl+O open, Ctrl+P print, Ctrl+R reload) and
    // of the item view's own keys (Ctrl+arrows move the current row).
    const struct
    {
        Action action;
        const char *text;
        QKeySequence shortcut;
        const char *name;
        const char *tip;
    } specs[] = {
        {Action::Pause, QT_TR_NOOP("&Pause"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), "pause",
         QT_TR_NOOP("Pause the selected downloads")},
        {Action::Resume, QT_TR_NOOP("R&esume"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), "resume",
         QT_TR_NOOP("Resume the selected downloads")},
        {Action::Cancel, QT_TR_NOOP("&Cancel"), QKeySequence(Qt::Key_Delete), "cancel",
         QT_TR_NOOP("Cancel the selected downloads and remove their partial files")},
        {Action::Retry, QT_TR_NOOP("Re&try failed"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), "retry",
         QT_TR_NOOP("Try the selected failed downloads again")},
        {Action::MoveUp, QT_TR_NOOP("Move &up"), QKeySequence(Qt::ALT | Qt::Key_Up), "moveUp",
         QT_TR_NOOP("Download the selected items or groups earlier")},
        {Action::MoveDown, QT_TR_NOOP("Move do&wn"), QKeySequence(Qt::ALT | Qt::Key_Down), "moveDown",
         QT_TR_NOOP("Download the selected items or groups later")},
        {Action::DownloadNext, QT_TR_NOOP("Download &next"), QKeySequence(Qt::ALT | Qt::Key_Home), "downloadNext",
         QT_TR_NOOP("Download the selected items before everything else waiting")},
        {Action::OpenFolder, QT_TR_NOOP("Open &folder"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), "openFolder",
         QT_TR_NOOP("Open the folder of the selected item or group")},
        {Action::CopyPath, QT_TR_NOOP("Cop&y path"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), "copyPath",
         QT_TR_NOOP("Copy the paths of the selected items or groups")},
        {Action::ClearFinished, QT_TR_NOOP("C&lear finished"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
         "clearFinished", QT_TR_NOOP("Forget the groups whose items all finished (files stay on disk)")},
    };
    // The tool bar holds what is pressed often; the queue order and the path sit behind
    // "More" (and in the context menu), so no button is cut off at 1024 pixels or 200 %.
    auto *more = new QMenu(this);
    for (const auto &spec : specs) {
        QAction *action = addAction(spec.action, tr(spec.text), spec.shortcut, QLatin1String(spec.name), tr(spec.tip));
        m_view->addAction(action);
        const bool often = spec.action != Action::MoveUp && spec.action != Action::MoveDown &&
                           spec.action != Action::DownloadNext && spec.action != Action::CopyPath;
        if (!often) {
            more->addAction(action);
            continue;
        }
        toolBar->addAction(action);
        if (auto *button = qobject_cast<QToolButton *>(toolBar->widgetForAction(action))) {
            button->setAccessibleName(action->iconText());
            button->setAccessibleDescription(action->toolTip());
        }
    }
    auto *moreButton = new QToolButton(toolBar);
    moreButton->setObjectName(QStringLiteral("moreDownloadActions"));
    moreButton->setText(tr("&More"));
    moreButton->setToolTip(tr("Queue order and paths of the selected downloads"));
    moreButton->setAccessibleName(tr("More download actions"));
    moreButton->setMenu(more);
    moreButton->setPopupMode(QToolButton::InstantPopup);
    toolBar->addWidget(moreButton);

    m_rowFilter = new DownloadsRowFilter(m_view, m_model, this);
    m_filterBox = new QComboBox(this);
    m_filterBox->setObjectName(QStringLiteral("downloadsFilter"));
    m_filterBox->setAccessibleName(tr("Show downloads"));
    m_filterBox->setToolTip(tr("Show all downloads, or only the active, queued (or paused), failed or done ones"));
    for (auto filter :
         {DownloadsRowFilter::Filter::All, DownloadsRowFilter::Filter::Active, DownloadsRowFilter::Filter::Queued,
          DownloadsRowFilter::Filter::Failed, DownloadsRowFilter::Filter::Done})
        m_filterBox->addItem(DownloadsRowFilter::filterName(filter), int(filter));
    connect(m_filterBox, &QComboBox::currentIndexChanged, this,
            [this] { m_rowFilter->setFilter(DownloadsRowFilter::Filter(m_filterBox->currentData().toInt())); });
    // Beside the tool bar rather than in it: the tool bar holds only the actions' buttons.
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 4, 0);
    top->addWidget(toolBar, 1);
    auto *showLabel = new QLabel(tr("S&how:"), this);
    showLabel->setBuddy(m_filterBox);
    top->addWidget(showLabel);
    top->addWidget(m_filterBox);
    m_errorPanel = new DownloadErrorPanel(m_view, m_model, this);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_totals, 1);
    bottom->addWidget(m_graph);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_errorPanel);
    layout->addLayout(bottom);

    m_sampler.setInterval(kSampleIntervalMs);
    connect(&m_sampler, &QTimer::timeout, this, &DownloadsDashboard::sample);
    connect(pool, &Download::DownloadPool::groupsChanged, this, &DownloadsDashboard::wake);
    connect(pool, &Download::DownloadPool::tasksChanged, this, &DownloadsDashboard::wake);
    connect(pool, &Download::DownloadPool::groupsRemoved, this, &DownloadsDashboard::wake);
    // The totals follow a finished file at once, not at the next sample.
    connect(pool, &Download::DownloadPool::taskFinished, this, &DownloadsDashboard::updateTotals);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DownloadsDashboard::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first) {
        if (!parent.isValid())
            m_view->expand(m_model->index(first, 0));
    });
    sample();
    updateActions();
}

QAction *DownloadsDashboard::addAction(Action which, const QString &text, const QKeySequence &shortcut,
                                       const QString &name, const QString &tip)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setStatusTip(tip);
    action->setToolTip(
        shortcut.isEmpty() ? tip : tip + QStringLiteral(" (%1)").arg(shortcut.toString(QKeySequence::NativeText)));
    connect(action, &QAction::triggered, this, [this, which] { trigger(which); });
    m_actions.insert(int(which), action);
    return action;
}

QAction *DownloadsDashboard::action(Action which) const
{
    return m_actions.value(int(which));
}

QList<QAction *> DownloadsDashboard::menuActions() const
{
    return {action(Action::Pause),
            action(Action::Resume),
            action(Action::Cancel),
            action(Action::Retry),
            nullptr,
            action(Action::MoveUp),
            action(Action::MoveDown),
            action(Action::DownloadNext),
            nullptr,
            action(Action::OpenFolder),
            action(Action::CopyPath),
            nullptr,
            action(Action::ClearFinished)};
}

void DownloadsDashboard::trigger(Action which)
{
    if (which == Action::ClearFinished) {
        m_pool->removeFinishedGroups();
        return;
    }
    QList<TaskId> tasks;
    QList<GroupId> groups;
    QStringList paths;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows) {
        if (index.data(DownloadsModel::IsGroupRole).toBool())
            groups << index.data(DownloadsModel::GroupIdRole).toLongLong();
        else
            tasks << index.data(DownloadsModel::TaskIdRole).toLongLong();
        const QString path = index.data(DownloadsModel::FinalPathRole).toString();
        if (!path.isEmpty())
            paths << path;
    }
    // An item of a selected group goes with its group: acting on it again would pause, move…
    // it twice (and each single move rewrites the whole queue order in the journal).
    tasks.removeIf([&groups, this](TaskId task) {
        return groups.contains(m_model->indexForTask(task).data(DownloadsModel::GroupIdRole).toLongLong());
    });
    // Moving several keeps their relative order: up in list order, down in reverse.
    if (which == Action::MoveDown || which == Action::DownloadNext) {
        std::reverse(tasks.begin(), tasks.end());
        std::reverse(groups.begin(), groups.end());
    }
    if (which == Action::Cancel) {
        // Cancelling deletes what is already downloaded of an unfinished file: ask first.
        const qint64 onDisk = partialBytes(tasks, groups);
        if (onDisk > 0) {
            confirmCancel(tasks, groups, onDisk);
            return;
        }
    }
    apply(which, tasks, groups);
    if (which == Action::CopyPath && !paths.isEmpty())
        QApplication::clipboard()->setText(paths.join(QLatin1Char('\n')));
    // An item's file is shown selected in its folder; a group's folder opens.
    if (which == Action::OpenFolder && !paths.isEmpty())
        FileRevealer::reveal(paths.first());
}

qint64 DownloadsDashboard::partialBytes(const QList<TaskId> &tasks, const QList<GroupId> &groups) const
{
    QList<TaskId> all = tasks;
    for (GroupId group : groups)
        all << m_pool->tasks(group);
    qint64 bytes = 0;
    for (TaskId id : std::as_const(all)) {
        const Download::TaskSnapshot task = m_pool->task(id);
        if (!Download::isTerminal(task.state))
            bytes += qMax<qint64>(0, task.bytesDone);
    }
    return bytes;
}

void DownloadsDashboard::confirmCancel(const QList<TaskId> &tasks, const QList<GroupId> &groups, qint64 bytes)
{
    const int count = int(tasks.size() + groups.size());
    auto *box = new QMessageBox(QMessageBox::Question, tr("Cancel downloads"),
                                tr("Cancel %n download(s)?", nullptr, count), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmCancel"));
    box->setInformativeText(tr("%1 already downloaded will be deleted.").arg(QLocale().formattedDataSize(bytes)));
    QPushButton *cancel = box->addButton(tr("Cancel and &delete"), QMessageBox::DestructiveRole);
    cancel->setObjectName(QStringLiteral("cancelAndDelete"));
    QPushButton *keep = box->addButton(tr("&Keep downloading"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepDownloading"));
    box->setDefaultButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, cancel, tasks, groups] {
        if (box->clickedButton() == cancel)
            apply(Action::Cancel, tasks, groups);
    });
    box->open();
}

void DownloadsDashboard::apply(Action which, QList<TaskId> tasks, QList<GroupId> groups)
{
    const auto act = [&] {
        for (GroupId group : std::as_const(groups)) {
            switch (which) {
            case Action::Pause:
                m_pool->pauseGroup(group);
                break;
            case Action::Resume:
                m_pool->resumeGroup(group);
                break;
            case Action::Cancel:
                m_pool->cancelGroup(group);
                break;
            case Action::Retry:
                m_pool->retryFailed(group);
                break;
            case Action::MoveUp:
                m_pool->moveGroupUp(group);
                break;
            case Action::MoveDown:
                m_pool->moveGroupDown(group);
                break;
            case Action::DownloadNext:
                while (m_pool->groups().indexOf(group) > 0)
                    m_pool->moveGroupUp(group);
                break;
            default:
                break;
            }
        }
        for (TaskId task : std::as_const(tasks)) {
            switch (which) {
            case Action::Pause:
                m_pool->pauseTask(task);
                break;
            case Action::Resume:
                m_pool->resumeTask(task);
                break;
            case Action::Cancel:
                m_pool->cancelTask(task);
                break;
            case Action::Retry:
                m_pool->retryTask(task);
                break;
            case Action::MoveUp:
                m_pool->moveUp(task);
                break;
            case Action::MoveDown:
                m_pool->moveDown(task);
                break;
            case Action::DownloadNext:
                m_pool->moveToFront(task);
                break;
            default:
                break;
            }
        }
    };
    // State changes write one journal row per task: commit them together. Moves rewrite the
    // queue order in their own transaction, so they run as they are.
    if (which == Action::Pause || which == Action::Resume || which == Action::Cancel || which == Action::Retry)
        m_pool->inOneJournalTransaction(act);
    else
        act();
}

void DownloadsDashboard::updateActions()
{
    const bool any = m_view->selectionModel()->hasSelection();
    for (QAction *action : std::as_const(m_actions))
        action->setEnabled(any || action == this->action(Action::ClearFinished));
}

void DownloadsDashboard::wake()
{
    m_quietSamples = 0;
    if (!m_sampler.isActive())
        m_sampler.start();
}

void DownloadsDashboard::sample()
{
    const double speed = updateTotals();
    m_graph->addSample(speed);
    // Keep sampling a little after the last byte so the graph visibly falls to zero, then
    // rest until the pool reports something again.
    m_quietSamples = m_activeCount == 0 && speed <= 0 ? m_quietSamples + 1 : 0;
    if (m_quietSamples >= 3)
        m_sampler.stop();
}

double DownloadsDashboard::updateTotals()
{
    double speed = 0;
    qint64 left = 0;
    int active = 0;
    int done = 0;
    int failed = 0;
    int total = 0;
    for (GroupId id : m_pool->groups()) {
        const Download::GroupSnapshot g = m_pool->group(id);
        speed += g.speed;
        left += std::max<qint64>(0, g.bytesTotal - g.bytesDone);
        active += g.active;
        done += g.completed;
        failed += g.failed;
        total += g.total;
    }
    m_activeCount = active;
    QString text = total == 0 ? tr("No downloads") : tr("%1 of %2 files verified").arg(done).arg(total);
    if (failed > 0)
        text += tr(", %1 failed").arg(failed);
    if (active > 0 && speed > 0)
        text += tr(" · %1 active at %2 · %3 left").arg(active).arg(formatSpeed(speed), Download::formatBytes(left));
    else if (active > 0)
        text += tr(" · %1 active · %2 left").arg(active).arg(Download::formatBytes(left));
    m_totals->setText(text);
    return speed;
}

QByteArray DownloadsDashboard::saveViewState() const
{
    return m_view->header()->saveState();
}

bool DownloadsDashboard::restoreViewState(const QByteArray &state)
{
    return !state.isEmpty() && m_view->header()->restoreState(state);
}

}  // namespace Ui
