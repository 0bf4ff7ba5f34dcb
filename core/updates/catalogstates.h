#pragma once

#include <QStringList>

namespace Catalog {
class CatalogStore;
}

namespace Updates {

// After an update or a rollback, the catalog's local state of the model's files follows
// the version now in force, so the catalog shows "update available" exactly when the hub's
// newest is not what programs read.
//   Hugging Face (versions are commits): the files of a variant listed at the commit now in
//   force are verified when they are in its snapshot (`pathsInForce`); verified files listed
//   at the commit switched away from have an update available.
//   Civitai (versions are version ids, one variant each): the version in force is verified,
//   or has an update available when it is not the newest; the one switched away from is no
//   longer what programs read.
// false + *error when the catalog could not be written.
bool markInForce(Catalog::CatalogStore *store, const QString &modelKey, const QString &fromVersion,
                 const QString &toVersion, const QStringList &pathsInForce, QString *error);

}  // namespace Updates
