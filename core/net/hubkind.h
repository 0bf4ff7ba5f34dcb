#pragma once

#include <QNetworkRequest>

namespace Net {

// Which hub a request is for. Two hubs may share one address (a mirror serving both APIs),
// so the host alone cannot say whose token a request gets or whose advice an error names.
enum class HubKind
{
    Any,  // not said: credentials fall back to the origin and the path
    HuggingFace,
    Civitai,
};

// The request attribute that carries the hub; JsonFetcher sets it on every API request and
// Credentials::apply sets it on the requests it could attribute, so an error built from the
// reply (ResponseInfo::fromReply) knows the hub too.
inline constexpr QNetworkRequest::Attribute kHubAttribute =
    static_cast<QNetworkRequest::Attribute>(QNetworkRequest::User + 0x4d44);  // "MD"

void setHub(QNetworkRequest &request, HubKind hub);
HubKind hubOf(const QNetworkRequest &request);

}  // namespace Net
