#pragma once

#include "catalog/catalogtypes.h"
#include "download/types.h"

#include <QList>
#include <QString>

namespace Ui {

// What the state column of a row shows, in the catalog tree and on the dashboard alike. Both
// models translate their domain enum (Catalog::LocalState, Download::TaskState) into this one,
// so the delegate never reads one domain's enum as the other's. It is core's RowState, the
// states the one parent rule (Catalog::aggregateRows) knows.
using ItemState = Catalog::RowState;

// Roles every model painted by StateDelegate provides, with the same numbers everywhere.
enum ItemRole
{
    ItemStateRole = Qt::UserRole + 100,  // ItemState as int
    ItemProgressRole,                    // 0.0 … 1.0 while a transfer runs, -1 otherwise/unknown
    ItemMarkRole,                        // ChangeMark as int (catalog rows the user has not seen)
};

// A catalog model the user has not seen yet: first stored, or changed on its hub, by a sync
// after the user last looked at its source. Painted as a small badge beside the state.
enum class ChangeMark
{
    None,
    New,
    Updated
};
QString changeMarkText(ChangeMark mark);  // "new", "updated"

ItemState itemStateFromTask(Download::TaskState state);
ItemState itemStateFromLocal(Catalog::LocalState state);
QString itemStateText(ItemState state);
// A progress bar is painted for these; every other state gets an icon and a word.
bool isTransferring(ItemState state);

// A parent's state from its children's: Catalog::aggregateRows, the one rule.
ItemState aggregateState(const QList<ItemState> &children, bool requireAll);

// The aggregate a parent row shows: "37/80 ✓ 2 ✗", empty when nothing is verified or failed.
struct StateCounts
{
    int total = 0;
    int verified = 0;
    int failed = 0;
    int active = 0;
    int queued = 0;
    void add(ItemState state);
    QString text() const;
};

}  // namespace Ui

Q_DECLARE_METATYPE(Ui::StateCounts)
