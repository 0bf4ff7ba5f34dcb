#include "freespacedialog.h"

#include "download/types.h"
#include "util/futurewatch.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Ui {

namespace {

// The prune rule on a worker: it walks every repo of the cache.
QFuture<Updates::PruneResult> pruneOnWorker(const QString &cacheRoot, const QString &historyFile, bool apply)
{
    return QtConcurrent::run([cacheRoot, historyFile, apply] {
        Updates::SnapshotManager snapshots(cacheRoot, historyFile);
        return snapshots.prune({}, {}, apply);
    });
}

// "models--ns--name/snapshots/<commit>" → "ns/name @ <commit, 8 characters>".
QString snapshotName(const QString &path)
{
    const QStringList parts = QDir::fromNativeSeparators(path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const qsizetype at = parts.lastIndexOf(QStringLiteral("snapshots"));
    if (at < 1 || at + 1 >= parts.size())
        return path;
    QString repo = parts.at(at - 1);
    repo.remove(0, repo.indexOf(QStringLiteral("--")) + 2);
    return QStringLiteral("%1 @ %2").arg(repo.replace(QStringLiteral("--"), QStringLiteral("/")),
                                         parts.at(at + 1).left(8));
}

}  // namespace

FreeSpaceDialog::FreeSpaceDialog(QString cacheRoot, QString historyFile, QWidget *parent)
    : QDialog(parent)
    , m_cacheRoot(std::move(cacheRoot))
    , m_historyFile(std::move(historyFile))
    , m_list(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(tr("Free space"));
    auto *intro = new QLabel(tr("Earlier versions ModelDock replaced in the Hugging Face cache (%1) and kept for "
                                "Roll back. Nothing another program downloaded is listed or removed.")
                                 .arg(QDir::toNativeSeparators(m_cacheRoot)),
                             this);
    intro->setWordWrap(true);
    m_list->setHeaderLabels({tr("Earlier version"), tr("Folder")});
    m_list->setRootIsDecorated(false);
    m_list->setAccessibleName(tr("Earlier versions that can be removed"));
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Space that can be freed"));
    m_remove = m_buttons->addButton(tr("&Remove"), QDialogButtonBox::DestructiveRole);
    m_remove->setEnabled(false);
    connect(m_remove, &QPushButton::clicked, this, &FreeSpaceDialog::remove);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);
    resize(640, 360);
    look();
}

void FreeSpaceDialog::look()
{
    m_busy = true;
    m_summary->setText(tr("Looking through the cache…"));
    Util::whenFinished(this, pruneOnWorker(m_cacheRoot, m_historyFile, false),
                       [this](const Updates::PruneResult &result) { present(result, false); });
}

void FreeSpaceDialog::remove()
{
    m_busy = true;
    m_remove->setEnabled(false);
    m_summary->setText(tr("Removing…"));
    Util::whenFinished(this, pruneOnWorker(m_cacheRoot, m_historyFile, true),
                       [this](const Updates::PruneResult &result) {
                           present(result, true);
                           Q_EMIT removed(result.bytesFreed);
                       });
}

void FreeSpaceDialog::present(const Updates::PruneResult &result, bool applied)
{
    m_busy = false;
    m_list->clear();
    if (!applied) {
        for (const QString &path : result.snapshotPaths) {
            auto *item = new QTreeWidgetItem(m_list, {snapshotName(path), QDir::toNativeSeparators(path)});
            item->setToolTip(1, item->text(1));
        }
    }
    const QString size = Download::formatBytes(result.bytesFreed);
    QString text;
    if (applied)
        text = tr("Removed %n earlier version(s), freeing %1.", nullptr, result.snapshotsRemoved).arg(size);
    else if (result.snapshotsRemoved == 0 && result.blobsRemoved == 0)
        text = tr("Nothing to remove: no earlier version ModelDock replaced is left.");
    else
        text = tr("%n earlier version(s) can go, freeing %1.", nullptr, result.snapshotsRemoved).arg(size);
    if (!result.errors.isEmpty())
        text += QLatin1Char(' ') + result.errors.join(QLatin1Char(' '));
    m_list->resizeColumnToContents(0);
    m_summary->setText(text);
    m_remove->setEnabled(!applied && (result.snapshotsRemoved > 0 || result.blobsRemoved > 0));
}

}  // namespace Ui
