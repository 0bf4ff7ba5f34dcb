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
} // namespace

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

LocalState aggregate(const QList<LocalState> &children, bool requireAll)
{
    if (children.isEmpty())
        return LocalState::None;
    bool anyQueued = false, anyFailed = false, anyUpdate = false;
    int verified = 0;
    for (LocalState s : children) {
        switch (s) {
        case LocalState::Downloading:
            return LocalState::Downloading;
        case LocalState::Queued: anyQueued = true; break;
        case LocalState::Failed: anyFailed = true; break;
        case LocalState::UpdateAvailable: anyUpdate = true; break;
        case LocalState::Verified: ++verified; break;
        case LocalState::None: break;
        }
    }
    if (anyQueued)
        return LocalState::Queued;
    if (anyFailed)
        return LocalState::Failed;
    if (anyUpdate)
        return LocalState::UpdateAvailable;
    if (verified > 0 && (!requireAll || verified == children.size()))
        return LocalState::Verified;
    return LocalState::None;
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

} // namespace Catalog
