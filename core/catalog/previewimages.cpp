#include "previewimages.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Catalog {

namespace {
constexpr int kMatureFrom = 4;  // Civitai's "R"
}

NsfwPolicy nsfwPolicyFromName(const QString &name)
{
    if (name == QLatin1String("show"))
        return NsfwPolicy::Show;
    if (name == QLatin1String("hide"))
        return NsfwPolicy::Hide;
    return NsfwPolicy::Blur;
}

QString nsfwPolicyName(NsfwPolicy policy)
{
    switch (policy) {
    case NsfwPolicy::Show:
        return QStringLiteral("show");
    case NsfwPolicy::Hide:
        return QStringLiteral("hide");
    case NsfwPolicy::Blur:
        break;
    }
    return QStringLiteral("blur");
}

bool isMatureLevel(int nsfwLevel)
{
    return nsfwLevel >= kMatureFrom;
}

QList<PreviewImage> previewImages(const VariantRecord &variant, bool modelNsfw)
{
    QList<PreviewImage> images;
    const auto add = [&](const QString &text, int level) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            return;
        images << PreviewImage{url, level, level > 0 ? isMatureLevel(level) : modelNsfw};
    };
    const QJsonArray stored = variant.extra.value(QLatin1String("images")).toArray();
    for (const QJsonValue &value : stored) {
        const QJsonObject image = value.toObject();
        add(image.value(QLatin1String("url")).toString(), image.value(QLatin1String("nsfwLevel")).toInt());
    }
    if (stored.isEmpty())
        add(variant.extra.value(QLatin1String("preview")).toString(), 0);
    return images;
}

CardImage cardImage(const QList<PreviewImage> &images, NsfwPolicy policy)
{
    for (const PreviewImage &image : images) {
        if (image.mature && policy == NsfwPolicy::Hide)
            continue;
        return CardImage{image.url, image.mature && policy == NsfwPolicy::Blur, false};
    }
    CardImage none;
    none.hidden = !images.isEmpty();
    return none;
}

QList<CardImage> galleryImages(const QList<PreviewImage> &images, NsfwPolicy policy)
{
    QList<CardImage> shown;
    for (const PreviewImage &image : images) {
        if (image.mature && policy == NsfwPolicy::Hide)
            continue;
        shown << CardImage{image.url, image.mature && policy == NsfwPolicy::Blur, false};
    }
    return shown;
}

}  // namespace Catalog
