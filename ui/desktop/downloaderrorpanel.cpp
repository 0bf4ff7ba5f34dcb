#include "downloaderrorpanel.h"

#include "download/types.h"
#include "downloadsmodel.h"

#include <QItemSelectionModel>
#include <QTreeView>

namespace Ui {

DownloadErrorPanel::DownloadErrorPanel(QTreeView *view, DownloadsModel *model, QWidget *parent)
    : QLabel(parent)
    , m_view(view)
    , m_model(model)
{
    setObjectName(QStringLiteral("errorPanel"));
    setAccessibleName(tr("Why the selected download failed"));
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFrameShape(QFrame::StyledPanel);
    setMargin(4);
    hide();
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &DownloadErrorPanel::update);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const QModelIndex current = m_view->currentIndex();
                if (current.isValid() && current.parent() == topLeft.parent() && current.row() >= topLeft.row() &&
                    current.row() <= bottomRight.row())
                    update();
            });
}

void DownloadErrorPanel::update()
{
    const QModelIndex current = m_view->currentIndex().siblingAtColumn(DownloadsModel::NameColumn);
    QString text;
    if (current.isValid() && !current.data(DownloadsModel::IsGroupRole).toBool()) {
        const QString error = current.data(DownloadsModel::ErrorRole).toString();
        if (!error.isEmpty() &&
            Download::TaskState(current.data(DownloadsModel::StateRole).toInt()) == Download::TaskState::Failed)
            text =
                tr("%1 failed: %2\nRetry failed (Ctrl+Shift+T) tries it again.").arg(current.data().toString(), error);
    } else if (current.isValid()) {
        int failed = 0;
        QString first;
        QString firstName;
        for (int r = 0; r < m_model->rowCount(current); ++r) {
            const QModelIndex task = m_model->index(r, DownloadsModel::NameColumn, current);
            if (Download::TaskState(task.data(DownloadsModel::StateRole).toInt()) != Download::TaskState::Failed)
                continue;
            if (failed++ == 0) {
                first = task.data(DownloadsModel::ErrorRole).toString();
                firstName = task.data().toString();
            }
        }
        if (failed > 0)
            text = tr("%n item(s) of this group failed. %1: %2\nRetry failed (Ctrl+Shift+T) tries them again.", nullptr,
                      failed)
                       .arg(firstName, first);
    }
    setText(text);
    setVisible(!text.isEmpty());
}

}  // namespace Ui
