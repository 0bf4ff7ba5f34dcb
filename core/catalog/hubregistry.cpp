#include "hubregistry.h"

#include "hub/namerules.h"
#include "hubadapter.h"

#include <QCoreApplication>

namespace Catalog {

void HubRegistry::add(HubAdapter *adapter)
{
    // A second adapter for the same hub replaces the first (a mirror swapped in).
    for (HubAdapter *&existing : m_adapters) {
        if (existing->hub() == adapter->hub()) {
            existing = adapter;
            return;
        }
    }
    m_adapters << adapter;
}

HubAdapter *HubRegistry::forHub(const QString &hub) const
{
    for (HubAdapter *a : m_adapters) {
        if (a->hub() == hub)
            return a;
    }
    return nullptr;
}

HubAdapter *HubRegistry::forSource(const Source &source) const
{
    for (HubAdapter *a : m_adapters) {
        if (a->sourceKinds().contains(source.kind))
            return a;
    }
    return nullptr;
}

HubAdapter *HubRegistry::forKey(const QString &key, ModelRecord *model, QString *error) const
{
    QStringList formats;
    for (HubAdapter *a : m_adapters) {
        if (std::optional<ModelRecord> m = a->modelForKey(key)) {
            *model = *m;
            return a;
        }
        formats << a->keyFormat();
    }
    *error = QCoreApplication::translate("Catalog::HubRegistry", "%1 is not a model name: give %2.")
                 .arg(Hub::NameRules::printable(key), formats.join(QStringLiteral(" or ")));
    return nullptr;
}

QStringList HubRegistry::sourceKinds() const
{
    QStringList kinds;
    for (HubAdapter *a : m_adapters)
        kinds << a->sourceKinds();
    return kinds;
}

QString HubRegistry::sourceProblem(const Source &source) const
{
    if (const QString shared = source.validationError(); !shared.isEmpty())
        return shared;
    HubAdapter *adapter = forSource(source);
    if (!adapter)
        return QCoreApplication::translate("Catalog::HubRegistry", "There is no source kind \"%1\"; the kinds are %2.")
            .arg(Hub::NameRules::printable(source.kind), sourceKinds().join(QStringLiteral(", ")));
    return adapter->sourceProblem(source);
}

QString HubRegistry::describe(const Source &source) const
{
    HubAdapter *adapter = forSource(source);
    return adapter
               ? adapter->describe(source)
               : QCoreApplication::translate("Catalog::HubRegistry", "%1 (no adapter in this build)").arg(source.kind);
}

}  // namespace Catalog
