#include "xet/reconstruction.h"

#include "xet/chunkdecoder.h"
#include "xet/xetlogging.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

namespace Xet {

namespace {

// The smallest stored chunk is a header and one byte; the largest a full chunk in a frame
// that did not shrink it.
constexpr qint64 kMinStoredChunk = ChunkHeader::kSize + 1;
constexpr qint64 kMaxStoredChunk = ChunkHeader::kSize + ChunkDecoder::kMaxChunkSize + ChunkDecoder::kMaxFrameOverhead;

// Each reader returns false with *error set; `what` names the field in the sentence.
class Reader
{
public:
    explicit Reader(QString *error)
        : m_error(error)
    {
    }

    bool fail(const QString &sentence)
    {
        if (m_error)
            *m_error = sentence;
        return false;
    }

    bool integer(const QJsonValue &value, const QString &what, qint64 min, qint64 max, qint64 *out)
    {
        const double d = value.toDouble(std::nan(""));
        if (!value.isDouble() || std::floor(d) != d || d < double(min) || d > double(max))
            return fail(QStringLiteral("The reconstruction's %1 is not a whole number from %2 to %3.")
                            .arg(what)
                            .arg(min)
                            .arg(max));
        *out = qint64(d);
        return true;
    }

    bool hash(const QJsonValue &value, const QString &what, QString *out)
    {
        const QString text = value.toString();
        if (!fileHashIsValid(text))
            return fail(QStringLiteral("The reconstruction's %1 is not a 64-digit hex hash.").arg(what));
        *out = text.toLower();
        return true;
    }

    // {start, end} with start < end (chunk indices, end-exclusive) or start <= end (bytes, inclusive).
    bool range(const QJsonValue &value, const QString &what, qint64 max, bool inclusive, qint64 *start, qint64 *end)
    {
        const QJsonObject object = value.toObject();
        if (!value.isObject())
            return fail(QStringLiteral("The reconstruction's %1 is missing.").arg(what));
        if (!integer(object.value(QLatin1String("start")), what + QStringLiteral(" start"), 0, max, start) ||
            !integer(object.value(QLatin1String("end")), what + QStringLiteral(" end"), 0, max, end))
            return false;
        if (inclusive ? *end < *start : *end <= *start)
            return fail(QStringLiteral("The reconstruction's %1 ends (%2) before it starts (%3).")
                            .arg(what)
                            .arg(*end)
                            .arg(*start));
        return true;
    }

    bool url(const QJsonValue &value, const QString &what, QUrl *out)
    {
        const QUrl url = QUrl::fromEncoded(value.toString().toUtf8(), QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty() ||
            (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
            return fail(QStringLiteral("The reconstruction's %1 is not an http(s) URL.").arg(what));
        *out = url;
        return true;
    }

    bool fetch(const QString &xorb, const QUrl &url, const QJsonValue &chunks, const QJsonValue &bytes,
               const QString &what, XorbFetch *out)
    {
        qint64 cs = 0, ce = 0, bs = 0, be = 0;
        if (!range(chunks, what + QStringLiteral(" chunk range"), Reconstruction::kMaxChunkIndex, false, &cs, &ce) ||
            !range(bytes, what + QStringLiteral(" byte range"), Reconstruction::kMaxXorbBytes, true, &bs, &be))
            return false;
        const qint64 count = ce - cs;
        const qint64 length = be - bs + 1;
        if (length < count * kMinStoredChunk || length > count * kMaxStoredChunk)
            return fail(QStringLiteral("The reconstruction's %1 has %2 bytes for %3 chunks, which cannot be right.")
                            .arg(what)
                            .arg(length)
                            .arg(count));
        *out = XorbFetch{xorb, url, {quint32(cs), quint32(ce)}, bs, be};
        return true;
    }

private:
    QString *m_error;
};

bool readTerm(Reader &r, const QJsonValue &value, int index, Term *term)
{
    const QString what = QStringLiteral("term %1").arg(index);
    const QJsonObject object = value.toObject();
    qint64 start = 0, end = 0, length = 0;
    if (!value.isObject())
        return r.fail(QStringLiteral("The reconstruction's %1 is not an object.").arg(what));
    if (!r.hash(object.value(QLatin1String("hash")), what + QStringLiteral(" hash"), &term->xorbHash) ||
        !r.range(object.value(QLatin1String("range")), what + QStringLiteral(" chunk range"),
                 Reconstruction::kMaxChunkIndex, false, &start, &end))
        return false;
    const qint64 count = end - start;
    if (!r.integer(object.value(QLatin1String("unpacked_length")), what + QStringLiteral(" length"), 1,
                   count * ChunkDecoder::kMaxChunkSize, &length))
        return false;
    term->chunks = {quint32(start), quint32(end)};
    term->unpackedLength = length;
    const QJsonValue sizes = object.value(QLatin1String("chunk_byte_sizes"));
    if (sizes.isArray() && !sizes.toArray().isEmpty()) {
        const QJsonArray list = sizes.toArray();
        if (list.size() != count)
            return r.fail(QStringLiteral("The reconstruction's %1 lists %2 chunk sizes for %3 chunks.")
                              .arg(what)
                              .arg(list.size())
                              .arg(count));
        qint64 sum = 0;
        for (const QJsonValue &size : list) {
            qint64 n = 0;
            if (!r.integer(size, what + QStringLiteral(" chunk size"), 1, ChunkDecoder::kMaxChunkSize, &n))
                return false;
            term->chunkByteSizes << quint32(n);
            sum += n;
        }
        if (sum != length)
            return r.fail(QStringLiteral("The reconstruction's %1 chunk sizes add up to %2 bytes, not %3.")
                              .arg(what)
                              .arg(sum)
                              .arg(length));
    }
    return true;
}

// Every fetch the answer offers, per xorb, in the answer's order.
bool readFetches(Reader &r, const QJsonObject &root, int version, QHash<QString, QList<XorbFetch>> *out)
{
    const QJsonObject xorbs =
        root.value(version == 2 ? QLatin1String("xorbs") : QLatin1String("fetch_info")).toObject();
    for (auto it = xorbs.constBegin(); it != xorbs.constEnd(); ++it) {
        QString xorb;
        if (!r.hash(it.key(), QStringLiteral("xorb key %1").arg(it.key().left(80)), &xorb))
            return false;
        const QString what = QStringLiteral("fetch of xorb %1").arg(xorb.left(12));
        for (const QJsonValue &entry : it.value().toArray()) {
            const QJsonObject object = entry.toObject();
            QUrl url;
            if (!r.url(object.value(QLatin1String("url")), what + QStringLiteral(" URL"), &url))
                return false;
            if (version == 1) {
                XorbFetch fetch;
                if (!r.fetch(xorb, url, object.value(QLatin1String("range")), object.value(QLatin1String("url_range")),
                             what, &fetch))
                    return false;
                (*out)[xorb] << fetch;
                continue;
            }
            for (const QJsonValue &range : object.value(QLatin1String("ranges")).toArray()) {
                const QJsonObject pair = range.toObject();
                XorbFetch fetch;
                if (!r.fetch(xorb, url, pair.value(QLatin1String("chunks")), pair.value(QLatin1String("bytes")), what,
                             &fetch))
                    return false;
                (*out)[xorb] << fetch;
            }
        }
    }
    return true;
}

}  // namespace

bool fileHashIsValid(QStringView hash)
{
    if (hash.size() != 64)
        return false;
    return std::all_of(hash.begin(), hash.end(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
               (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
    });
}

QByteArray XorbFetch::rangeHeader() const
{
    return "bytes=" + QByteArray::number(firstByte) + '-' + QByteArray::number(lastByte);
}

qint64 Reconstruction::size() const
{
    qint64 total = 0;
    for (const Term &term : terms)
        total += term.keptLength();
    return total;
}

QUrl reconstructionUrl(const QUrl &casUrl, const QString &fileHash, int apiVersion)
{
    QUrl url = casUrl;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/v%1/reconstructions/").arg(apiVersion) + fileHash.toLower());
    return url;
}

std::optional<Reconstruction> Reconstruction::parse(QByteArrayView json, const Options &options, QString *error)
{
    Reader r(error);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (!document.isObject()) {
        r.fail(QStringLiteral("The reconstruction is not a JSON object (%1).").arg(parseError.errorString()));
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    Reconstruction out;
    out.apiVersion = root.contains(QLatin1String("fetch_info")) && !root.contains(QLatin1String("xorbs")) ? 1 : 2;
    const QJsonValue offset = root.value(QLatin1String("offset_into_first_range"));
    if (!offset.isUndefined() &&
        !r.integer(offset, QStringLiteral("offset into the first range"), 0, kMaxXorbBytes, &out.offsetIntoFirstRange))
        return std::nullopt;
    const QJsonArray terms = root.value(QLatin1String("terms")).toArray();
    if (!root.value(QLatin1String("terms")).isArray() || terms.size() > kMaxTerms) {
        r.fail(QStringLiteral("The reconstruction has no list of terms, or more than %1.").arg(kMaxTerms));
        return std::nullopt;
    }
    QHash<QString, QList<XorbFetch>> offered;
    if (!readFetches(r, root, out.apiVersion, &offered))
        return std::nullopt;

    // Terms that share a fetch (the Hub coalesces neighbouring ranges) get the same index.
    QHash<QString, int> fetchIndex;
    qint64 position = options.rangeStart;
    out.terms.reserve(terms.size());
    for (int i = 0; i < terms.size(); ++i) {
        Term term;
        if (!readTerm(r, terms.at(i), i, &term))
            return std::nullopt;
        const QList<XorbFetch> candidates = offered.value(term.xorbHash);
        const auto covering = std::find_if(candidates.cbegin(), candidates.cend(),
                                           [&](const XorbFetch &f) { return f.chunks.contains(term.chunks); });
        if (covering == candidates.cend()) {
            r.fail(QStringLiteral("The reconstruction offers no fetch for chunks %1 to %2 of xorb %3 (term %4).")
                       .arg(term.chunks.start)
                       .arg(term.chunks.end)
                       .arg(term.xorbHash)
                       .arg(i));
            return std::nullopt;
        }
        const QString key = covering->url.toString(QUrl::FullyEncoded) + QLatin1Char('#') +
                            QString::fromLatin1(covering->rangeHeader());
        auto known = fetchIndex.constFind(key);
        if (known == fetchIndex.cend()) {
            known = fetchIndex.insert(key, int(out.fetches.size()));
            out.fetches << *covering;
        }
        term.fetch = known.value();
        if (i == 0) {
            if (out.offsetIntoFirstRange >= term.unpackedLength) {
                r.fail(QStringLiteral("The reconstruction skips %1 bytes of a first term of %2 bytes.")
                           .arg(out.offsetIntoFirstRange)
                           .arg(term.unpackedLength));
                return std::nullopt;
            }
            term.skip = out.offsetIntoFirstRange;
        }
        term.fileOffset = position;
        position += term.keptLength();
        out.terms << term;
    }
    if (out.terms.isEmpty() && out.offsetIntoFirstRange != 0) {
        r.fail(QStringLiteral("The reconstruction skips bytes of a file that has no terms."));
        return std::nullopt;
    }
    if (options.expectedSize >= 0 && out.size() != options.expectedSize) {
        r.fail(QStringLiteral("The reconstruction's terms add up to %1 bytes; the file has %2.")
                   .arg(out.size())
                   .arg(options.expectedSize));
        return std::nullopt;
    }
    qCDebug(lcXet) << "reconstruction v" << out.apiVersion << out.terms.size() << "terms," << out.fetches.size()
                   << "fetches," << out.size() << "bytes";
    return out;
}

}  // namespace Xet
