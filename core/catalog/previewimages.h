#pragma once

#include "catalogtypes.h"

#include <QList>
#include <QMetaType>
#include <QUrl>

// Which preview pictures of a model a view shows, and how, under the user's choice for
// pictures rated for adults. The rating is Civitai's per-image `nsfwLevel`, a bit flag:
// 1 PG, 2 PG-13, 4 R, 8 X, 16 XXX, 32 blocked; R and above count as mature. An image the hub
// rated 0 (or an older payload without a level) is as mature as its model says.
namespace Catalog {

enum class NsfwPolicy
{
    Show,  // every picture as it is
    Blur,  // mature pictures obscured (the default)
    Hide,  // mature pictures left out
};
// "show", "blur", "hide" (the setting's choices); anything else is Blur.
NsfwPolicy nsfwPolicyFromName(const QString &name);
QString nsfwPolicyName(NsfwPolicy policy);

struct PreviewImage
{
    QUrl url;
    int nsfwLevel = 0;    // as the hub said; 0 unknown
    bool mature = false;  // R or above, or unknown on a model marked NSFW
    friend bool operator==(const PreviewImage &, const PreviewImage &) = default;
};

bool isMatureLevel(int nsfwLevel);

// A version's pictures in the hub's order: its `images` (url, nsfwLevel) as the Civitai
// adapter stores them, else the single `preview` URL catalogs written before kept.
QList<PreviewImage> previewImages(const VariantRecord &variant, bool modelNsfw);

// What a card shows: the first picture the policy lets through (Hide skips mature ones),
// obscured when it is mature under Blur. `hidden`: there were pictures, the policy hid all.
struct CardImage
{
    QUrl url;  // empty: nothing to show
    bool obscured = false;
    bool hidden = false;
};
CardImage cardImage(const QList<PreviewImage> &images, NsfwPolicy policy);

// A gallery: every picture of the version the policy lets through, each marked obscured or not.
QList<CardImage> galleryImages(const QList<PreviewImage> &images, NsfwPolicy policy);

}  // namespace Catalog

Q_DECLARE_METATYPE(Catalog::PreviewImage)
