#pragma once

#include <QStyledItemDelegate>

namespace Ui {

// Paints the progress column from typed roles only: a progress bar while a download is
// running or paused part-way, otherwise the state word the model formats.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // progressRole/stateRole: the model's ProgressRole (0…1, -1 unknown) and StateRole.
    ProgressDelegate(int progressRole, int stateRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_progressRole;
    int m_stateRole;
};

} // namespace Ui
