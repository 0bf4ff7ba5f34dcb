#include "itemstate.h"

#include <QCoreApplication>

namespace Ui {

ItemState itemStateFromTask(Download::TaskState state)
{
    using Download::TaskState;
    switch (state) {
    case TaskState::Queued:
        return ItemState::Queued;
    case TaskState::Connecting:
    case TaskState::Downloading:
        return ItemState::Downloading;
    case TaskState::Verifying:
        return ItemState::Verifying;
    case TaskState::Paused:
        return ItemState::Paused;
    case TaskState::Completed:
        return ItemState::Verified;
    case TaskState::Failed:
        return ItemState::Failed;
    case TaskState::Cancelled:
        return ItemState::Cancelled;
    }
    return ItemState::None;
}

ItemState itemStateFromLocal(Catalog::LocalState state)
{
    using Catalog::LocalState;
    switch (state) {
    case LocalState::None:
        return ItemState::None;
    case LocalState::Queued:
        return ItemState::Queued;
    case LocalState::Downloading:
        return ItemState::Downloading;
    case LocalState::Verified:
        return ItemState::Verified;
    case LocalState::Failed:
        return ItemState::Failed;
    case LocalState::UpdateAvailable:
        return ItemState::UpdateAvailable;
    }
    return ItemState::None;
}

QString changeMarkText(ChangeMark mark)
{
    switch (mark) {
    case ChangeMark::None:
        return {};
    case ChangeMark::New:
        return QCoreApplication::translate("Ui::ChangeMark", "new");
    case ChangeMark::Updated:
        return QCoreApplication::translate("Ui::ChangeMark", "updated");
    }
    return {};
}

QString itemStateText(ItemState state)
{
    switch (state) {
    case ItemState::None:
        return {};
    case ItemState::Queued:
        return QCoreApplication::translate("Ui::ItemState", "Queued");
    case ItemState::Downloading:
        return QCoreApplication::translate("Ui::ItemState", "Downloading");
    case ItemState::Verifying:
        return QCoreApplication::translate("Ui::ItemState", "Verifying");
    case ItemState::Paused:
        return QCoreApplication::translate("Ui::ItemState", "Paused");
    case ItemState::Verified:
        return QCoreApplication::translate("Ui::ItemState", "Verified ✓");
    case ItemState::Failed:
        return QCoreApplication::translate("Ui::ItemState", "Failed ✗");
    case ItemState::Cancelled:
        return QCoreApplication::translate("Ui::ItemState", "Cancelled");
    case ItemState::UpdateAvailable:
        return QCoreApplication::translate("Ui::ItemState", "Update available");
    }
    return {};
}

bool isTransferring(ItemState state)
{
    return state == ItemState::Downloading || state == ItemState::Verifying;
}

ItemState aggregateState(const QList<ItemState> &children, bool requireAll)
{
    return Catalog::aggregateRows(children, requireAll);
}

void StateCounts::add(ItemState state)
{
    ++total;
    verified += state == ItemState::Verified;
    failed += state == ItemState::Failed;
    active += isTransferring(state);
    queued += state == ItemState::Queued;
}

QString StateCounts::text() const
{
    if (verified == 0 && failed == 0)
        return {};
    QString out = QStringLiteral("%1/%2 ✓").arg(verified).arg(total);
    if (failed > 0)
        out += QStringLiteral(" %1 ✗").arg(failed);
    return out;
}

}  // namespace Ui
