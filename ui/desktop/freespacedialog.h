#pragma once

#include "updates/snapshotmanager.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace Ui {

// "Free space": what ModelDock may remove from the Hugging Face cache, by the same rule as
// `modeldock-cli prune` (Updates::SnapshotManager::prune): earlier versions ModelDock moved a
// ref away from that no ref points at any more, and the blobs only they use. Nothing another
// tool downloaded is listed. The list is read, and removal done, off the UI thread; nothing is
// removed until the user presses Remove.
class FreeSpaceDialog : public QDialog
{
    Q_OBJECT
public:
    FreeSpaceDialog(QString cacheRoot, QString historyFile, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    QLabel *summary() const { return m_summary; }
    QPushButton *removeButton() const { return m_remove; }
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void removed(qint64 bytesFreed);

private:
    void look();
    void remove();
    void present(const Updates::PruneResult &result, bool applied);

    QString m_cacheRoot;
    QString m_historyFile;
    QTreeWidget *m_list;
    QLabel *m_summary;
    QPushButton *m_remove;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
};

}  // namespace Ui
