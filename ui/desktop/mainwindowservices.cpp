// The parts of MainWindow that bind the core services: catalog pane, live download states,
// preview images, the download action and the sync status.
#include "activity/activitylog.h"
#include "catalog/diskstatesync.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "catalogprogress.h"
#include "detailspane.h"
#include "download/downloadpool.h"
#include "downloadrequester.h"
#include "downloadsdashboard.h"
#include "freespacedialog.h"
#include "imagecache.h"
#include "insight/modelinsight.h"
#include "library/lmstudioshare.h"
#include "library/reuseroots.h"
#include "mainwindow.h"
#include "modelupdateactions.h"
#include "plan/transferstates.h"
#include "sourcedialog.h"
#include "sourcesmodel.h"
#include "syncstatus.h"
#include "traycontroller.h"
#include "updates/refswitcher.h"
#include "updates/snapshotmanager.h"
#include "util/futurewatch.h"

#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace Ui {

void MainWindow::connectServices()
{
    if (m_services.pool)
        m_progress = new CatalogProgress(m_services.pool, this);
    if (m_services.session) {
        ImageCache::Options options;
        options.directory = !m_services.previewsDir.isEmpty()
                                ? m_services.previewsDir
                                : QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
                                      .filePath(QStringLiteral("previews"));
        m_images = new ImageCache(m_services.session, options, this);
    }
    if (m_services.store && m_services.sources) {
        m_catalogPane =
            new CatalogPane(m_services.store, m_services.sources, m_services.engine, m_sourcesView, m_search,
                            m_filterBar, m_catalogView, m_detailsPane, m_progress, m_images, this);
        m_catalogView->sortByColumn(CatalogModel::DownloadsColumn, Qt::DescendingOrder);
        m_openLinkAction->setEnabled(true);
        if (m_services.browser) {
            // Offered in the search field itself once there are words to search for.
            m_searchHubsAction->setIcon(QIcon::fromTheme(QStringLiteral("system-search"),
                                                         style()->standardIcon(QStyle::SP_FileDialogContentsView)));
            m_search->addAction(m_searchHubsAction, QLineEdit::TrailingPosition);
            // The field's own icon buttons (clear, search the hubs) have no text for a screen
            // reader to say: they are named after what they do.
            for (QToolButton *button : m_search->findChildren<QToolButton *>()) {
                if (button->accessibleName().isEmpty())
                    button->setAccessibleName(button->defaultAction() && button->defaultAction() == m_searchHubsAction
                                                  ? tr("Search the hubs")
                                                  : tr("Clear the search"));
            }
            const auto offer = [this](const QString &text) {
                const QString words = text.simplified();
                m_searchHubsAction->setEnabled(!words.isEmpty());
                m_searchHubsAction->setText(words.isEmpty()
                                                ? tr("Search the &hubs")
                                                : tr("Search Hugging Face and Civitai for “%1”").arg(words));
                m_searchHubsAction->setToolTip(m_searchHubsAction->text().remove(u'&') + tr(" (Ctrl+Enter)"));
            };
            connect(m_search, &QLineEdit::textChanged, this, offer);
            offer(m_search->text());
        }
        // Ctrl+V over the catalog opens a link from the clipboard, as in a browser.
        auto *paste =
            new QShortcut(QKeySequence::Paste, m_catalogView, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(paste, &QShortcut::activated, this, &MainWindow::openLinkFromClipboard);
        m_detailsPane->setCardSource(m_services.huggingFace);
    }
    if (m_services.session && m_services.store)
        m_detailsPane->setInsightSource(new Insight::ModelInsight(m_services.session, m_services.store, this));
    if (m_services.engine) {
        m_addSourceAction->setEnabled(true);
        m_sourcesView->setContextMenuPolicy(Qt::ActionsContextMenu);
        m_sourcesView->addAction(m_addSourceAction);
        m_sourcesView->addAction(m_editSourceAction);
        m_sourcesView->addAction(m_removeSourceAction);
        // Edit and remove act on a real source, not on "All sources".
        const auto followSelection = [this] {
            const bool source = selectedSourceId() > 0;
            m_editSourceAction->setEnabled(source);
            m_removeSourceAction->setEnabled(source);
        };
        connect(m_sourcesView->selectionModel(), &QItemSelectionModel::currentChanged, this, followSelection);
        connect(m_sourcesView, &QListView::doubleClicked, this, [this] {
            if (selectedSourceId() > 0)
                showEditSource();
        });
        followSelection();
        connect(this, &MainWindow::refreshRequested, m_services.engine, [this] { m_services.engine->refreshAll(); });
        if (m_services.sources) {
            m_syncText = new SyncStatus(m_services.engine, m_services.sources, m_syncStatus, this);
            if (m_catalogPane)
                m_syncText->setSourcesModel(m_catalogPane->sourcesModel());
        }
    }
    if (m_catalogPane && m_services.pool && m_services.planner) {
        m_requester =
            new DownloadRequester(m_services.pool, m_services.planner, m_services.store, m_services.planOptions, this);
        m_downloadAction->setEnabled(true);
        // Every task's state reaches the catalog (whoever added it); the pane reads the
        // affected models once per burst instead of every loaded model per file.
        if (m_services.transferStates)
            connect(m_services.transferStates, &Plan::TransferStates::statesChanged, m_catalogPane,
                    &CatalogPane::scheduleStateRefresh);
        // Files that came or went on disk (a CLI download, another tool, a deletion by hand).
        if (m_services.diskStates)
            connect(m_services.diskStates, &Catalog::DiskStateSync::statesChanged, m_catalogPane,
                    &CatalogPane::refreshModelStates);
        connect(m_requester, &DownloadRequester::refused, this,
                [this](const QString &message) { QMessageBox::warning(this, tr("Download"), message); });
        connect(m_requester, &DownloadRequester::groupStarted, this, [this] {
            statusBar()->showMessage(tr("Download started"), 5000);
            // The ticks were this download's; they do not join the next one.
            m_catalogPane->model()->clearChecks();
        });
        m_requester->setRefSwitcher(m_services.refs);
        connect(m_requester, &DownloadRequester::waitingChanged, this, [this](int count, const QString &note) {
            if (!note.isEmpty() && m_services.activity)
                m_services.activity->add(tr("downloads"), note);
            if (count > 0)
                statusBar()->showMessage(tr("%n download(s) waiting for the hub to answer", nullptr, count));
            else
                statusBar()->showMessage(note, 10000);
        });
        // Refresh asks the hubs again: queued picks too.
        connect(this, &MainWindow::refreshRequested, m_requester, &DownloadRequester::retryWaitingNow);
        connect(m_detailsPane, &DetailsPane::downloadVariantRequested, this,
                [this](const QString &modelKey, const QString &variant) {
                    m_requester->request({DownloadRequester::Pick{modelKey, variant, {}, false}}, this);
                });
    }
    connectUpdates();
    connectActivity();
    connectGrid();
}

void MainWindow::showAddSource()
{
    openSourceDialog(nullptr);
}

qint64 MainWindow::selectedSourceId() const
{
    return m_sourcesView->currentIndex().data(SourcesModel::SourceIdRole).toLongLong();
}

void MainWindow::showEditSource()
{
    if (!m_services.sources)
        return;
    const std::optional<Catalog::Source> source = m_services.sources->source(selectedSourceId());
    if (source)
        openSourceDialog(&*source);
}

void MainWindow::openSourceDialog(const Catalog::Source *edited)
{
    Catalog::SyncEngine *engine = m_services.engine;
    if (!engine)
        return;
    auto *dialog = new SourceDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (edited)
        dialog->editSource(*edited);
    connect(dialog, &SourceDialog::saveRequested, this, [this, engine, dialog] {
        Catalog::Source source = dialog->source();
        QString error;
        const bool saved = source.id ? engine->updateSource(source, &error) : engine->addSource(&source, &error);
        if (!saved) {
            dialog->setError(error);  // the dialog stays, with what to fix
            return;
        }
        if (source.enabled && !engine->isSyncing(source.id))
            engine->refresh(source.id);
        statusBar()->showMessage(source.enabled ? tr("Syncing %1…").arg(source.name)
                                                : tr("%1 is kept but not synced.").arg(source.name),
                                 5000);
        dialog->accept();
    });
    dialog->open();
}

void MainWindow::removeSelectedSource()
{
    Catalog::SyncEngine *engine = m_services.engine;
    const qint64 id = selectedSourceId();
    const std::optional<Catalog::Source> source = m_services.sources ? m_services.sources->source(id) : std::nullopt;
    if (!engine || !source)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove source"),
                                tr("Remove the source %1?").arg(source->name), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmRemoveSource"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Its models leave the catalog unless another source lists them. Downloaded files stay "
                               "on disk."));
    QPushButton *remove = box->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("removeSource"));
    box->addButton(QMessageBox::Cancel)->setObjectName(QStringLiteral("keepSource"));
    box->setDefaultButton(qobject_cast<QPushButton *>(box->button(QMessageBox::Cancel)));
    connect(box, &QMessageBox::finished, this, [this, engine, box, remove, id, name = source->name] {
        if (box->clickedButton() != remove)
            return;
        QString error;
        if (!engine->removeSource(id, &error)) {
            QMessageBox::warning(this, tr("Remove source"), error);
            return;
        }
        // Back to every source; the removed one's row is gone.
        m_sourcesView->setCurrentIndex(m_sourcesView->model()->index(0, 0));
        statusBar()->showMessage(tr("Removed the source %1.").arg(name), 5000);
    });
    box->open();
}

void MainWindow::connectActivity()
{
    Activity::ActivityLog *log = m_services.activity;
    if (!log)
        return;
    // What happened to downloads and syncs, next to settings changes and updates.
    if (m_services.pool) {
        connect(m_services.pool, &Download::DownloadPool::groupFinished, log, [this, log](Download::GroupId id) {
            const Download::GroupSnapshot group = m_services.pool->group(id);
            if (!group.isValid())
                return;
            const TrayController::Notification note = TrayController::notificationFor(group);
            log->add(tr("downloads"), note.title + QStringLiteral(": ") + note.message,
                     note.failure ? Activity::Event::Level::Warning : Activity::Event::Level::Info);
        });
        // An archive's folder, and the entries it held that were not extracted.
        connect(m_services.pool, &Download::DownloadPool::taskFinished, log, [this, log](Download::TaskId id) {
            const Download::TaskSnapshot task = m_services.pool->task(id);
            if (task.state != Download::TaskState::Completed || task.archive.isEmpty())
                return;
            log->add(tr("downloads"), task.name + QStringLiteral(": ") + task.archive.sentence,
                     task.archive.leftOut.isEmpty() ? Activity::Event::Level::Info : Activity::Event::Level::Warning);
        });
    }
    if (m_services.engine && m_services.sources) {
        connect(m_services.engine, &Catalog::SyncEngine::syncFinished, log,
                [this, log](qint64 sourceId, const Catalog::SyncState &state) {
                    const std::optional<Catalog::Source> source = m_services.sources->source(sourceId);
                    const QString name = source ? source->name : QString::number(sourceId);
                    const bool trouble = state.phase != Catalog::SyncState::Phase::Synced;
                    log->add(tr("sync"), tr("%1: %2").arg(name, state.describe()),
                             trouble ? Activity::Event::Level::Warning : Activity::Event::Level::Info);
                });
    }
}

void MainWindow::connectUpdates()
{
    if (!m_catalogPane || !m_services.updater)
        return;
    m_updateActions = new ModelUpdateActions(m_services.updater, m_services.store, m_services.activity, this);
    QAction *update = m_updateActions->updateAction();
    QAction *rollback = m_updateActions->rollbackAction();
    QMenu *modelMenu = menuBar()->addMenu(tr("&Model"));
    m_modelMenu = modelMenu;  // moved after View by createMenus()
    modelMenu->addAction(m_downloadAction);
    modelMenu->addAction(m_downloadAllVersionsAction);
    modelMenu->addAction(update);
    modelMenu->addAction(rollback);
    m_shareLmStudioAction = new QAction(tr("Make available to &LM Studio"), this);
    m_shareLmStudioAction->setObjectName(QStringLiteral("shareLmStudioAction"));
    m_shareLmStudioAction->setStatusTip(
        tr("Link the selected model's downloaded GGUF files into LM Studio's models folder (no second copy)"));
    m_shareLmStudioAction->setEnabled(false);
    connect(m_shareLmStudioAction, &QAction::triggered, this, &MainWindow::shareWithLmStudio);
    modelMenu->addAction(m_shareLmStudioAction);
    m_catalogView->addAction(m_shareLmStudioAction);
    if (!m_services.snapshotHistory.isEmpty()) {
        m_freeSpaceAction = new QAction(tr("&Free space…"), this);
        m_freeSpaceAction->setObjectName(QStringLiteral("freeSpaceAction"));
        m_freeSpaceAction->setStatusTip(tr("Remove earlier versions kept for Roll back"));
        connect(m_freeSpaceAction, &QAction::triggered, this, &MainWindow::showFreeSpace);
        modelMenu->addSeparator();
        modelMenu->addAction(m_freeSpaceAction);
    }
    // The same actions on the catalog tree's context menu.
    m_catalogView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_catalogView->addAction(m_downloadAction);
    m_catalogView->addAction(m_downloadAllVersionsAction);
    m_catalogView->addAction(update);
    m_catalogView->addAction(rollback);
    connect(m_catalogView->selectionModel(), &QItemSelectionModel::currentChanged, m_updateActions,
            [this](const QModelIndex &current) {
                m_updateActions->setModel(current.data(CatalogModel::ModelKeyRole).toString());
                const QString hub = current.data(CatalogModel::HubRole).toString();
                m_downloadAllVersionsAction->setEnabled(m_requester && hub == QLatin1String("civitai"));
                m_shareLmStudioAction->setEnabled(hub == QLatin1String("hf"));
            });
    connect(m_updateActions, &ModelUpdateActions::catalogStatesChanged, m_catalogPane->model(),
            qOverload<>(&CatalogModel::refreshStates));
    connect(m_updateActions, &ModelUpdateActions::finished, this,
            [this](const QString &, bool, const QString &message) { statusBar()->showMessage(message, 8000); });
    if (m_services.transferStates)
        connect(m_services.transferStates, &Plan::TransferStates::statesChanged, m_updateActions,
                &ModelUpdateActions::refresh);
    // A branch moved to the commit just downloaded: the old one can be rolled back to.
    if (m_services.refs)
        connect(m_services.refs, &Updates::RefSwitcher::switched, m_updateActions, &ModelUpdateActions::refresh);
    if (m_services.engine)
        connect(m_services.engine, &Catalog::SyncEngine::syncFinished, m_updateActions, &ModelUpdateActions::refresh);
}

void MainWindow::shareWithLmStudio()
{
    const QString key = m_catalogView->currentIndex().data(CatalogModel::ModelKeyRole).toString();
    const Catalog::ModelRecord *record = key.isEmpty() ? nullptr : m_catalogPane->model()->recordFor(key);
    if (!record)
        return;
    const QString repo = record->hubId.isEmpty() ? record->key : record->hubId;
    const QString cache = m_requester ? m_requester->planOptions().hfCacheDir : m_services.planOptions.hfCacheDir;
    const Updates::SnapshotManager snapshots(cache, m_services.snapshotHistory);
    const QString modelsDir = Library::lmStudioModelsDir();
    int linked = 0;
    QStringList problems;
    // Every GGUF of each version a ref points at (main, and any other branch on disk).
    for (const Updates::SnapshotInfo &snapshot : snapshots.snapshots(repo)) {
        if (snapshot.refs.isEmpty())
            continue;
        const QString folder = snapshots.repoPath(repo) + QStringLiteral("/snapshots/") + snapshot.commit;
        for (const QString &path : snapshots.paths(repo, snapshot.commit)) {
            const QString file = QFileInfo(folder + QLatin1Char('/') + path).canonicalFilePath();
            if (file.isEmpty() || !Library::LmStudioShare::isShareable(path))
                continue;
            QString error;
            const auto outcome = Library::LmStudioShare::share(file, repo, path, modelsDir, &error);
            if (outcome == Library::LmStudioShare::Outcome::Failed)
                problems << error;
            else if (outcome != Library::LmStudioShare::Outcome::Skipped)
                ++linked;
        }
    }
    QString message = linked == 0 && problems.isEmpty()
                          ? tr("%1 has no downloaded GGUF file to share with LM Studio.").arg(repo)
                          : tr("Shared %n GGUF file(s) of %1 with LM Studio (%2).", nullptr, linked)
                                .arg(repo, QDir::toNativeSeparators(modelsDir));
    if (!problems.isEmpty())
        message += QLatin1Char(' ') + problems.join(QLatin1Char(' '));
    statusBar()->showMessage(message, 10000);
    if (m_services.activity)
        m_services.activity->add(tr("library"), message,
                                 problems.isEmpty() ? Activity::Event::Level::Info : Activity::Event::Level::Warning);
}

FreeSpaceDialog *MainWindow::freeSpaceDialog() const
{
    return m_freeSpaceDialog;
}

void MainWindow::showFreeSpace()
{
    const QString cache = m_requester ? m_requester->planOptions().hfCacheDir : m_services.planOptions.hfCacheDir;
    auto *dialog = new FreeSpaceDialog(cache, m_services.snapshotHistory, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FreeSpaceDialog::removed, this, [this](qint64 bytes) {
        statusBar()->showMessage(tr("Freed %1").arg(Download::formatBytes(bytes)), 8000);
        if (m_updateActions)
            m_updateActions->refresh();  // what was removed can no longer be rolled back to
    });
    m_freeSpaceDialog = dialog;
    dialog->open();
}

void MainWindow::downloadSelection()
{
    requestSelection(false);
}

void MainWindow::downloadAllVersions()
{
    requestSelection(true);
}

void MainWindow::requestSelection(bool allVersions)
{
    if (!m_requester)
        return;
    // One pick per selected model, one per variant (with the files picked in it). A model
    // row means what PickResolver says (one recommended quantization, not every file), so a
    // model row and one of its variant rows are a union, merged by the requester.
    QList<DownloadRequester::Pick> picks;
    QHash<QString, int> byModel;
    auto addPick = [&](const QString &key, const QString &variant, const QString &path) {
        const QString id = key + QLatin1Char('\n') + variant;
        int at = byModel.value(id, -1);
        if (at < 0) {
            at = int(picks.size());
            byModel.insert(id, at);
            picks << DownloadRequester::Pick{key, variant, {}, false};
        }
        if (variant.isEmpty())
            return;
        if (path.isEmpty())
            picks[at].paths = QStringList{QString()};  // marker: the whole variant
        else if (!(picks[at].paths.size() == 1 && picks[at].paths.first().isEmpty()))
            picks[at].paths << path;
    };
    const QModelIndexList rows = m_catalogView->selectionModel()->selectedRows();
    CatalogModel *catalog = m_catalogPane->model();
    const auto isModel = [](const QModelIndex &row) {
        return CatalogModel::NodeKind(row.data(CatalogModel::NodeKindRole).toInt()) == CatalogModel::NodeKind::Model;
    };
    if (catalog->totalCount() > catalog->rowCount() &&
        std::count_if(rows.cbegin(), rows.cend(), isModel) == catalog->rowCount()) {
        downloadWholeResult();  // every loaded row selected: the user means all of them
        return;
    }
    for (const QModelIndex &row : rows) {
        const auto kind = CatalogModel::NodeKind(row.data(CatalogModel::NodeKindRole).toInt());
        const QString key = row.data(CatalogModel::ModelKeyRole).toString();
        if (kind == CatalogModel::NodeKind::Model)
            addPick(key, {}, {});
    }
    for (const QModelIndex &row : rows) {
        const auto kind = CatalogModel::NodeKind(row.data(CatalogModel::NodeKindRole).toInt());
        const QString key = row.data(CatalogModel::ModelKeyRole).toString();
        if (kind == CatalogModel::NodeKind::Variant)
            addPick(key, row.data(CatalogModel::VariantNameRole).toString(), {});
        else if (kind == CatalogModel::NodeKind::File)
            addPick(key, row.data(CatalogModel::VariantNameRole).toString(),
                    row.data(CatalogModel::FilePathRole).toString());
    }
    // Ticks belong to the model shown in the details pane; they add its files.
    for (const CatalogModel::FileRef &ref : m_catalogPane->model()->checkedFiles()) {
        if (ref.modelKey == m_detailsPane->modelKey())
            addPick(ref.modelKey, ref.variant, ref.path);
    }
    for (DownloadRequester::Pick &pick : picks) {
        if (pick.paths.size() == 1 && pick.paths.first().isEmpty())
            pick.paths.clear();
        pick.allVersions = allVersions;
    }
    if (picks.isEmpty()) {
        statusBar()->showMessage(tr("Select models, variants or files to download first."), 5000);
        return;
    }
    m_requester->request(picks, this, allVersions);
}

void MainWindow::downloadWholeResult()
{
    constexpr int kMaxModels = 1000;
    Catalog::CatalogStore::Query query = m_catalogPane->model()->query();
    const int total = m_catalogPane->model()->totalCount();
    if (total > kMaxModels) {
        statusBar()->showMessage(tr("All %1 models are selected; at most %2 can be downloaded at once. Narrow the "
                                    "list with the search or the filters.")
                                     .arg(total)
                                     .arg(kMaxModels),
                                 10000);
        return;
    }
    query.offset = 0;
    query.limit = kMaxModels;
    Catalog::CatalogStore *store = m_services.store;
    statusBar()->showMessage(tr("Reading the %1 models of the list…").arg(total));
    Util::whenFinished(this, QtConcurrent::run([store, query] {
                           QStringList keys;
                           for (const Catalog::ModelRecord &model : store->search(query))
                               keys << model.key;
                           return keys;
                       }),
                       [this](const QStringList &keys) {
                           statusBar()->clearMessage();
                           QList<DownloadRequester::Pick> picks;
                           for (const QString &key : keys)
                               picks << DownloadRequester::Pick{key, {}, {}, false};
                           if (!picks.isEmpty())
                               m_requester->request(picks, this);
                       });
}

void MainWindow::updateSyncStatus()
{
    if (m_syncText)
        m_syncText->update();
}

}  // namespace Ui
