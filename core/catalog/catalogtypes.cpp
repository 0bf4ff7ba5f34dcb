#include "catalogtypes.h"

namespace Catalog {

namespace {
struct StateName
{
    LocalState state;
    const char *name;
};
constexpr StateName kStateNames[] = {
    {LocalState::None, "none"},
    {LocalState::Queued, "queued"},
    {LocalState::Downloading, "downloading"},
    {LocalState::Verified, "verified"},
    {LocalState::Failed, "failed"},
    {LocalState::UpdateAvailable, "update-available"},
};
}  // namespace

QString localStateName(LocalState state)
{
    for (const StateName &n : kStateNames) {
        if (n.state == state)
            return QLatin1String(n.name);
    }
    return QStringLiteral("none");
}

LocalState localStateFromName(const QString &name, bool *ok)
{
    for (const StateName &n : kStateNames) {
        if (name == QLatin1String(n.name)) {
            if (ok)
                *ok = true;
            return n.state;
        }
    }
    if (ok)
        *ok = false;
    return LocalState::None;
}

RowState aggregateRows(const QList<RowState> &children, bool requireAll)
{
    if (children.isEmpty())
        return RowState::None;
    int verified = 0;
    bool verifying = false, queued = false, paused = false, failed = false, update = false;
    for (RowState state : children) {
        switch (state) {
        case RowState::Downloading:
            return RowState::Downloading;
        case RowState::Verifying:
            verifying = true;
            break;
        case RowState::Queued:
            queued = true;
            break;
        case RowState::Paused:
            paused = true;
            break;
        case RowState::Failed:
            failed = true;
            break;
        case RowState::UpdateAvailable:
            update = true;
            break;
        case RowState::Verified:
            ++verified;
            break;
        case RowState::None:
        case RowState::Cancelled:
            break;
        }
    }
    if (verifying)
        return RowState::Verifying;
    if (queued)
        return RowState::Queued;
    if (paused)
        return RowState::Paused;
    if (failed)
        return RowState::Failed;
    if (update)
        return RowState::UpdateAvailable;
    if (verified > 0 && (!requireAll || verified == children.size()))
        return RowState::Verified;
    return RowState::None;
}

namespace {
RowState rowOf(LocalState state)
{
    switch (state) {
    case LocalState::None:
        return RowState::None;
    case LocalState::Queued:
        return RowState::Queued;
    case LocalState::Downloading:
        return RowState::Downloading;
    case LocalState::Verified:
        return RowState::Verified;
    case LocalState::Failed:
        return RowState::Failed;
    case LocalState::UpdateAvailable:
        return RowState::UpdateAvailable;
    }
    return RowState::None;
}

LocalState localOf(RowState state)
{
    switch (state) {
    case RowState::Queued:
    case RowState::Paused:
        return LocalState::Queued;
    case RowState::Downloading:
    case RowState::Verifying:
        return LocalState::Downloading;
    case RowState::Verified:
        return LocalState::Verified;
    case RowState::Failed:
        return LocalState::Failed;
    case RowState::UpdateAvailable:
        return LocalState::UpdateAvailable;
    case RowState::None:
    case RowState::Cancelled:
        return LocalState::None;
    }
    return LocalState::None;
}
}  // namespace

LocalState aggregate(const QList<LocalState> &children, bool requireAll)
{
    QList<RowState> rows;
    rows.reserve(children.size());
    for (LocalState state : children)
        rows << rowOf(state);
    return localOf(aggregateRows(rows, requireAll));
}

qint64 VariantRecord::totalSize() const
{
    qint64 total = 0;
    for (const FileRecord &f : files) {
        if (f.size < 0)
            return -1;
        total += f.size;
    }
    return total;
}

}  // namespace Catalog
