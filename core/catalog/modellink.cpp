#include "modellink.h"

#include "hub/namerules.h"

#include <QUrl>
#include <QUrlQuery>

namespace Catalog {

bool ModelLink::parse(const QString &text, ModelLink *link)
{
    const QString trimmed = text.trimmed();
    if (Hub::NameRules::isRepoId(trimmed)) {
        *link = {trimmed, {}, {}};
        return true;
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return false;
    const QStringList parts = url.path(QUrl::FullyDecoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QString host = url.host().toLower();
    if (host.startsWith(QLatin1String("civitai.")) || host.endsWith(QLatin1String(".civitai.com"))) {
        if (parts.size() < 2 || parts.at(0) != QLatin1String("models"))
            return false;
        bool ok = false;
        const qint64 id = parts.at(1).toLongLong(&ok);
        if (!ok || id <= 0)
            return false;
        const QString version = QUrlQuery(url).queryItemValue(QStringLiteral("modelVersionId"));
        *link = {QStringLiteral("civitai:%1").arg(id), version.toLongLong() > 0 ? version : QString(), {}};
        return true;
    }
    // Hugging Face, on its own host or an endpoint/mirror: the repo is the first two segments
    // (a mirror may serve the hub under a path prefix, which is not handled).
    if (parts.size() < 2)
        return false;
    const QString repo = parts.at(0) + QLatin1Char('/') + parts.at(1);
    if (!Hub::NameRules::isRepoId(repo))
        return false;
    ModelLink out{repo, {}, {}};
    if (parts.size() >= 4 && parts.at(2) == QLatin1String("tree")) {
        out.revision = parts.at(3);
    } else if (parts.size() >= 5 && (parts.at(2) == QLatin1String("blob") || parts.at(2) == QLatin1String("resolve"))) {
        out.revision = parts.at(3);
        out.path = parts.mid(4).join(QLatin1Char('/'));
    } else if (parts.size() > 2) {
        return false;
    }
    *link = out;
    return true;
}

}  // namespace Catalog
