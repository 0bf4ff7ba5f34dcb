#include "hubkind.h"

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
    case static_cast<int>(HubKind::HuggingFace):
        return HubKind::HuggingFace;
    case static_cast<int>(HubKind::Civitai):
        return HubKind::Civitai;
    default:
        return HubKind::Any;
    }
}

}  // namespace Net
