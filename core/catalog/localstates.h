#pragma once

#include "catalogstore.h"

#include <QHash>
#include <QSqlDatabase>

namespace Catalog {

// Reads download states bottom-up: a variant from its files (verified only when all are), a
// model from its variants (verified when one is), a group from its models. Only files the
// download side ever touched are read, through the partial index on them, so a catalog of
// 100,000 untouched models costs nothing here.
class LocalStates
{
public:
    static QHash<qint64, LocalState> ofModels(QSqlDatabase db, const QList<qint64> &modelIds);
    // sourceId 0: every model in the catalog.
    static GroupState ofGroup(QSqlDatabase db, qint64 sourceId);

private:
    struct Touched
    {
        qint64 model = 0;
        qint64 variant = 0;
        LocalState state = LocalState::None;
    };
    static QHash<qint64, LocalState> aggregateModels(QSqlDatabase db, const QList<Touched> &touched);
};

}  // namespace Catalog
