#include "downloadsdashboard.h"

#include "download/downloadpool.h"
#include "downloadsmodel.h"
#include "progressdelegate.h"
#include "speedgraph.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

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
    m_view->setItemDelegateForColumn(DownloadsModel::ProgressColumn,
                                     new ProgressDelegate(DownloadsModel::ProgressRole, DownloadsModel::StateRole, m_view));
    m_view->header()->setSectionResizeMode(DownloadsModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    m_view->setColumnWidth(DownloadsModel::ProgressColumn, 160);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_totals->setObjectName(QStringLiteral("downloadTotals"));

    auto *toolBar = new QToolBar(this);
    toolBar->setObjectName(QStringLiteral("downloadsToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    const struct
    {
        Action action;
        const char *text;
        QKeySequence shortcut;
        const char *name;
    } specs[] = {
        {Action::Pause, QT_TR_NOOP("Pause"), QKeySequence(Qt::CTRL | Qt::Key_P), "pause"},
        {Action::Resume, QT_TR_NOOP("Resume"), QKeySequence(Qt::CTRL | Qt::Key_R), "resume"},
        {Action::Cancel, QT_TR_NOOP("Cancel"), QKeySequence(Qt::Key_Delete), "cancel"},
        {Action::Retry, QT_TR_NOOP("Retry failed"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), "retry"},
        {Action::MoveUp, QT_TR_NOOP("Move up"), QKeySequence(Qt::CTRL | Qt::Key_Up), "moveUp"},
        {Action::MoveDown, QT_TR_NOOP("Move down"), QKeySequence(Qt::CTRL | Qt::Key_Down), "moveDown"},
        {Action::DownloadNext, QT_TR_NOOP("Download next"), QKeySequence(Qt::CTRL | Qt::Key_Home), "downloadNext"},
        {Action::OpenFolder, QT_TR_NOOP("Open folder"), QKeySequence(Qt::CTRL | Qt::Key_O), "openFolder"},
        {Action::CopyPath, QT_TR_NOOP("Copy path"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), "copyPath"},
        {Action::ClearFinished, QT_TR_NOOP("Clear finished"), QKeySequence(), "clearFinished"},
    };
    for (const auto &spec : specs) {
        QAction *action = addAction(spec.action, tr(spec.text), spec.shortcut, QLatin1String(spec.name));
        toolBar->addAction(action);
        m_view->addAction(action);
    }

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_totals, 1);
    bottom->addWidget(m_graph);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolBar);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);

    connect(pool, &Download::DownloadPool::groupsChanged, this, &DownloadsDashboard::updateTotals);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DownloadsDashboard::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (!parent.isValid())
            m_view->expand(m_model->index(m_model->rowCount() - 1, 0));
    });
    updateTotals();
    updateActions();
}

QAction *DownloadsDashboard::addAction(Action which, const QString &text, const QKeySequence &shortcut, const QString &name)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, [this, which] { trigger(which); });
    m_actions.insert(int(which), action);
    return action;
}

QAction *DownloadsDashboard::action(Action which) const
{
    return m_actions.value(int(which));
}

void DownloadsDashboard::trigger(Action which)
{
    if (which == Action::ClearFinished) {
        m_model->clearFinished();
        return;
    }
    QList<TaskId> tasks;
    QList<GroupId> groups;
    QStringList paths;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        if (index.data(DownloadsModel::IsGroupRole).toBool())
            groups << index.data(DownloadsModel::GroupIdRole).toLongLong();
        else
            tasks << index.data(DownloadsModel::TaskIdRole).toLongLong();
        const QString path = index.data(DownloadsModel::FinalPathRole).toString();
        if (!path.isEmpty())
            paths << path;
    }
    for (GroupId group : std::as_const(groups)) {
        switch (which) {
        case Action::Pause: m_pool->pauseGroup(group); break;
        case Action::Resume: m_pool->resumeGroup(group); break;
        case Action::Cancel: m_pool->cancelGroup(group); break;
        case Action::Retry: m_pool->retryFailed(group); break;
        default: break;
        }
    }
    // Moving several items keeps their relative order: up in list order, down in reverse.
    if (which == Action::MoveDown || which == Action::DownloadNext)
        std::reverse(tasks.begin(), tasks.end());
    for (TaskId task : std::as_const(tasks)) {
        switch (which) {
        case Action::Pause: m_pool->pauseTask(task); break;
        case Action::Resume: m_pool->resumeTask(task); break;
        case Action::Cancel: m_pool->cancelTask(task); break;
        case Action::Retry: m_pool->retryTask(task); break;
        case Action::MoveUp: m_pool->moveUp(task); break;
        case Action::MoveDown: m_pool->moveDown(task); break;
        case Action::DownloadNext: m_pool->moveToFront(task); break;
        default: break;
        }
    }
    if (which == Action::CopyPath && !paths.isEmpty())
        QApplication::clipboard()->setText(paths.join(QLatin1Char('\n')));
    if (which == Action::OpenFolder && !paths.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(paths.first()).absolutePath()));
}

void DownloadsDashboard::updateActions()
{
    const bool any = m_view->selectionModel()->hasSelection();
    for (QAction *action : std::as_const(m_actions))
        action->setEnabled(any || action == this->action(Action::ClearFinished));
}

void DownloadsDashboard::updateTotals()
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
    m_graph->addSample(speed);
    QString text = tr("%1 of %2 files verified").arg(done).arg(total);
    if (failed > 0)
        text += tr(", %1 failed").arg(failed);
    if (active > 0)
        text += tr(" · %1 active at %2 · %3 left").arg(active).arg(formatSpeed(speed), Download::formatBytes(left));
    m_totals->setText(text);
}

} // namespace Ui
