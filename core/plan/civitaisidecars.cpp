#include "civitaisidecars.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace Plan {

QJsonObject CivitaiSidecars::civitaiInfo(const Hub::CivitaiModel &model, const Hub::CivitaiVersion &version)
{
    QJsonObject info = version.json;
    if (info.isEmpty()) {
        // Built by hand (tests, or a caller without the hub's body): the fields a reader needs.
        info = QJsonObject{{QStringLiteral("id"), version.id},
                           {QStringLiteral("name"), version.name},
                           {QStringLiteral("baseModel"), version.baseModel},
                           {QStringLiteral("description"), version.description},
                           {QStringLiteral("trainedWords"), QJsonArray::fromStringList(version.trainedWords)}};
    }
    if (!info.contains(QLatin1String("modelId")))
        info.insert(QStringLiteral("modelId"), model.id);
    QJsonObject parent = info.value(QLatin1String("model")).toObject();
    auto fill = [&parent](const QString &key, const QJsonValue &value) {
        if (!parent.contains(key))
            parent.insert(key, value);
    };
    fill(QStringLiteral("name"), model.name);
    fill(QStringLiteral("type"), model.type);
    fill(QStringLiteral("nsfw"), model.nsfw);
    fill(QStringLiteral("poi"), false);
    fill(QStringLiteral("description"), model.description);
    fill(QStringLiteral("tags"), QJsonArray::fromStringList(model.tags));
    if (!model.mode.isEmpty())
        fill(QStringLiteral("mode"), model.mode);
    info.insert(QStringLiteral("model"), parent);
    return info;
}

QString CivitaiSidecars::sdVersion(const QString &baseModel)
{
    const QString base = baseModel.trimmed().toLower();
    if (base.startsWith(QLatin1String("sd 1")))
        return QStringLiteral("SD1");
    if (base.startsWith(QLatin1String("sd 2")))
        return QStringLiteral("SD2");
    // Pony, Illustrious and NoobAI are SDXL networks: A1111 filters cards by this value, so a
    // Pony LoRA must say SDXL to show beside an SDXL checkpoint.
    for (const QLatin1String sdxl :
         {QLatin1String("sdxl"), QLatin1String("pony"), QLatin1String("illustrious"), QLatin1String("noobai")}) {
        if (base.startsWith(sdxl))
            return QStringLiteral("SDXL");
    }
    return QStringLiteral("Unknown");
}

QString CivitaiSidecars::plainText(const QString &html)
{
    static const QRegularExpression breaks(QStringLiteral("<\\s*(br|/p|/div|/li|/h[1-6]|/tr)\\b[^>]*>"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    static const QRegularExpression numeric(QStringLiteral("&#(x?)([0-9a-fA-F]+);"));
    static const QRegularExpression blankLines(QStringLiteral("\\n[ \\t]*\\n(\\s*\\n)+"));
    QString text = html;
    text.replace(breaks, QStringLiteral("\n"));
    text.replace(tags, QString());
    QString decoded;
    qsizetype last = 0;
    for (auto it = numeric.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        decoded += text.mid(last, match.capturedStart() - last);
        bool ok = false;
        const char32_t code = match.captured(2).toUInt(&ok, match.captured(1).isEmpty() ? 10 : 16);
        decoded += ok && code > 0 && code <= 0x10FFFF ? QString::fromUcs4(&code, 1) : match.captured(0);
        last = match.capturedEnd();
    }
    decoded += text.mid(last);
    decoded.replace(QLatin1String("&nbsp;"), QLatin1String(" "))
        .replace(QLatin1String("&lt;"), QLatin1String("<"))
        .replace(QLatin1String("&gt;"), QLatin1String(">"))
        .replace(QLatin1String("&quot;"), QLatin1String("\""))
        .replace(QLatin1String("&#39;"), QLatin1String("'"))
        .replace(QLatin1String("&apos;"), QLatin1String("'"))
        .replace(QLatin1String("&amp;"), QLatin1String("&"));
    decoded.replace(blankLines, QStringLiteral("\n\n"));
    return decoded.trimmed();
}

QJsonObject CivitaiSidecars::webUiMetadata(const Hub::CivitaiModel &model, const Hub::CivitaiVersion &version)
{
    QJsonObject card{{QStringLiteral("description"), plainText(model.description)},
                     {QStringLiteral("sd version"), sdVersion(version.baseModel)},
                     {QStringLiteral("activation text"), version.trainedWords.join(QStringLiteral(", "))},
                     {QStringLiteral("preferred weight"), 0}};
    const QString notes = plainText(version.description);
    if (!notes.isEmpty())
        card.insert(QStringLiteral("notes"), notes);
    return card;
}

QUrl CivitaiSidecars::previewUrl(const Hub::CivitaiVersion &version)
{
    const Hub::CivitaiImage *chosen = nullptr;
    for (const Hub::CivitaiImage &image : version.images) {
        if (!image.url.isValid())
            continue;
        if (image.type != QLatin1String("video")) {
            chosen = &image;
            break;
        }
        if (!chosen)
            chosen = &image;  // only videos so far: the first, unless an image follows
    }
    if (!chosen)
        return {};
    static const QRegularExpression size(QStringLiteral("^(width=\\d+|original=true)$"));
    QStringList segments = chosen->url.path(QUrl::FullyEncoded).split(QLatin1Char('/'));
    bool resized = false;
    for (QString &segment : segments) {
        if (size.match(segment).hasMatch()) {
            segment = QStringLiteral("width=450");
            resized = true;
        }
    }
    if (!resized)
        return chosen->url;
    QUrl url = chosen->url;
    url.setPath(segments.join(QLatin1Char('/')), QUrl::StrictMode);
    return url;
}

QString CivitaiSidecars::previewSuffix(const QUrl &url)
{
    static const QStringList known = {QStringLiteral("png"),  QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                      QStringLiteral("webp"), QStringLiteral("gif"), QStringLiteral("mp4"),
                                      QStringLiteral("webm")};
    const QString suffix = QFileInfo(url.path()).suffix().toLower();
    return known.contains(suffix) ? suffix : QStringLiteral("png");
}

}  // namespace Plan
