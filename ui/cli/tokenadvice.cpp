#include "tokenadvice.h"

#include "net/session.h"

#include <QCoreApplication>

namespace Cli {

void adviseTokensFromEnvironment(Net::Session *session)
{
    const Net::Credentials *credentials = &session->credentials();
    session->setTokenWhere([credentials](Net::HubKind hub, const QUrl &url) {
        // A reply nobody attributed: by origin, and by path when both hubs share it, exactly
        // as the credentials chose (or withheld) its token.
        if (hub == Net::HubKind::Any)
            hub = credentials->attribute(url);
        switch (hub) {
        case Net::HubKind::HuggingFace:
            return QCoreApplication::translate("modeldock-cli",
                                               "in the HF_TOKEN environment variable (or the setting network.hfToken)");
        case Net::HubKind::Civitai:
            return QCoreApplication::translate("modeldock-cli",
                                               "in the CIVITAI_API_TOKEN environment variable (or the setting "
                                               "network.civitaiToken)");
        case Net::HubKind::Any:
            break;
        }
        return QString();
    });
}

}  // namespace Cli
