#include "modellink.h"

#include "hub/namerules.h"

#include <QUrlQuery>

namespace Catalog {

namespace {

bool isCivitaiHost(const QUrl &url, const QUrl &endpoint)
{
    const QString host = url.host().toLower();
    if (host == QLatin1String("civitai.com") || host == QLatin1String("civitai.red") || host.endsWith(QLatin1String(".civitai.com")))
        return true;
    return endpoint.isValid() && !endpoint.host().isEmpty() && host == endpoint.host().toLower()
           && url.port(-1) == endpoint.port(-1);
}

ModelLink civitaiLink(const QUrl &url)
{
    ModelLink link;
    const QStringList parts = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const qint64 version = QUrlQuery(url).queryItemValue(QStringLiteral("modelVersionId")).toLongLong();
    if (parts.size() >= 2 && parts.at(0) == QLatin1String("models") && parts.at(1).toLongLong() > 0) {
        link.hub = ModelLink::Hub::Civitai;
        link.key = QStringLiteral("civitai:") + QString::number(parts.at(1).toLongLong());
        link.versionId = qMax<qint64>(0, version);
    } else if (parts.size() >= 4 && parts.at(0) == QLatin1String("api") && parts.at(1) == QLatin1String("download")
               && parts.at(2) == QLatin1String("models") && parts.at(3).toLongLong() > 0) {
        link.hub = ModelLink::Hub::Civitai;
        link.versionId = parts.at(3).toLongLong();
    }
    return link;
}

ModelLink huggingFaceLink(const QStringList &parts)
{
    ModelLink link;
    if (parts.size() < 2 || !Hub::NameRules::isRepoId(parts.at(0) + QLatin1Char('/') + parts.at(1)))
        return link;
    // Paths that are pages of the site, not repos.
    static const QStringList reserved{QStringLiteral("api"), QStringLiteral("datasets"), QStringLiteral("spaces"),
                                      QStringLiteral("collections"), QStringLiteral("docs"), QStringLiteral("settings")};
    if (reserved.contains(parts.at(0)))
        return link;
    link.hub = ModelLink::Hub::HuggingFace;
    link.key = parts.at(0) + QLatin1Char('/') + parts.at(1);
    if (parts.size() >= 4) {
        const QString &verb = parts.at(2);
        if (verb == QLatin1String("tree")) {
            link.revision = parts.at(3);
        } else if (verb == QLatin1String("blob") || verb == QLatin1String("resolve") || verb == QLatin1String("raw")) {
            link.revision = parts.at(3);
            link.path = parts.mid(4).join(QLatin1Char('/'));
        }
    }
    if (!link.path.isEmpty() && !Hub::NameRules::isRelativePath(link.path))
        link.path.clear();
    return link;
}

} // namespace

ModelLink ModelLink::parse(const QString &input, const QUrl &civitaiEndpoint)
{
    const QString text = input.trimmed();
    if (text.isEmpty() || text.contains(QLatin1Char('\n')))
        return {};
    if (text.startsWith(QLatin1String("civitai:"), Qt::CaseInsensitive)) {
        const QString rest = text.mid(8);
        const qint64 id = rest.section(QLatin1Char('@'), 0, 0).toLongLong();
        if (id <= 0)
            return {};
        ModelLink link;
        link.hub = Hub::Civitai;
        link.key = QStringLiteral("civitai:") + QString::number(id);
        link.versionId = qMax<qint64>(0, rest.section(QLatin1Char('@'), 1).toLongLong());
        return link;
    }
    if (text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return {};
        if (isCivitaiHost(url, civitaiEndpoint))
            return civitaiLink(url);
        QStringList parts = url.path(QUrl::FullyDecoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (!parts.isEmpty() && parts.first() == QLatin1String("models"))
            parts.removeFirst();  // huggingface.co/models/ns/name is an older form
        return huggingFaceLink(parts);
    }
    // ns/name or ns/name@revision
    const QString name = text.section(QLatin1Char('@'), 0, 0);
    const QStringList parts = name.split(QLatin1Char('/'));
    if (parts.size() != 2)
        return {};
    ModelLink link = huggingFaceLink(parts);
    if (link.isValid())
        link.revision = text.section(QLatin1Char('@'), 1);
    return link;
}

} // namespace Catalog
