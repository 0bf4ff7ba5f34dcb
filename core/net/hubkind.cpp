#include "hubkind.h"

#include <QObject>

namespace Net {

void setHub(QNetworkRequest &request, HubKind hub)
{
    request.setAttribute(kHubAttribute, static_cast<int>(hub));
}

HubKind hubOf(const QNetworkRequest &request)
{
    const QVariant value = request.attribute(kHubAttribute);
    if (!value.isValid())
        return HubKind::Any;
    switch (value.toInt()) {
    case static_cast<int>(HubKind::HuggingFace): return HubKind::HuggingFace;
    case static_cast<int>(HubKind::Civitai): return HubKind::Civitai;
    default: return HubKind::Any;
    }
}

QString hubDisplayName(HubKind hub)
{
    switch (hub) {
    case HubKind::HuggingFace: return QObject::tr("Hugging Face");
    case HubKind::Civitai: return QObject::tr("Civitai");
    case HubKind::Any: break;
    }
    return {};
}

} // namespace Net
