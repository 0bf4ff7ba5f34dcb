#pragma once

#include <QLabel>

class QTreeView;

namespace Ui {

class DownloadsModel;

// Under the dashboard: the whole reason of the selected item's failure and what can be done
// about it, readable and selectable instead of a cut cell or a tooltip. A group shows how many
// of its items failed and the first reason. Hidden while the selection has no failure.
class DownloadErrorPanel : public QLabel
{
    Q_OBJECT
public:
    DownloadErrorPanel(QTreeView *view, DownloadsModel *model, QWidget *parent = nullptr);

private:
    void update();

    QTreeView *m_view;
    DownloadsModel *m_model;
};

}  // namespace Ui
