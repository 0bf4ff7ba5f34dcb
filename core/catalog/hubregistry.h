#pragma once

#include "catalogtypes.h"
#include "source.h"

#include <QList>
#include <QStringList>

namespace Catalog {

class HubAdapter;

// The adapters a component can use, looked up by hub, by source kind or by model key. Adding
// a hub means adding its adapter here; nothing else in the catalog names a hub. Holds
// pointers only (the composition root owns the adapters).
class HubRegistry
{
public:
    void add(HubAdapter *adapter);
    QList<HubAdapter *> adapters() const { return m_adapters; }

    HubAdapter *forHub(const QString &hub) const;
    HubAdapter *forSource(const Source &source) const;
    // The adapter whose keys look like `key`, with what the key alone tells in *model; null
    // with a sentence in *error otherwise.
    HubAdapter *forKey(const QString &key, ModelRecord *model, QString *error) const;

    QStringList sourceKinds() const;
    // The first problem of the source: shared rules, an unknown kind, then its adapter's.
    QString sourceProblem(const Source &source) const;
    QString describe(const Source &source) const;

private:
    QList<HubAdapter *> m_adapters;
};

}  // namespace Catalog
