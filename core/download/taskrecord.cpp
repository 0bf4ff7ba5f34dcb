#include "download/taskrecord.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Download {

QByteArray segmentsToJson(const QList<Segment> &segments)
{
    QJsonArray array;
    for (const Segment &s : segments)
        array.append(QJsonArray{double(s.start), double(s.pos), double(s.end)});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<Segment> segmentsFromJson(const QByteArray &json)
{
    QList<Segment> segments;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &value : array) {
        const QJsonArray triple = value.toArray();
        if (triple.size() != 3)
            continue;
        Segment s{qint64(triple.at(0).toDouble()), qint64(triple.at(1).toDouble()), qint64(triple.at(2).toDouble())};
        // A damaged row must never make us skip bytes: fall back to "nothing written".
        if (s.start < 0 || s.pos < s.start || (s.end >= 0 && s.pos > s.end))
            s.pos = qMax<qint64>(0, s.start);
        segments.append(s);
    }
    return segments;
}

QByteArray destinationsToJson(const QList<Destination> &destinations)
{
    QJsonArray array;
    for (const Destination &d : destinations)
        array.append(d.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<Destination> destinationsFromJson(const QByteArray &json)
{
    QList<Destination> destinations;
    for (const QJsonValue &value : QJsonDocument::fromJson(json).array())
        destinations.append(Destination::fromJson(value.toObject()));
    return destinations;
}

qint64 bytesWritten(const QList<Segment> &segments)
{
    qint64 sum = 0;
    for (const Segment &s : segments)
        sum += s.pos - s.start;
    return sum;
}

QList<Segment> resumableSegments(QList<Segment> segments, qint64 fileSize, qint64 total)
{
    std::sort(segments.begin(), segments.end(), [](const Segment &a, const Segment &b) { return a.start < b.start; });
    const qint64 onDisk = qMax<qint64>(0, fileSize);
    QList<Segment> out;
    qint64 cursor = 0;
    for (Segment s : std::as_const(segments)) {
        if (s.start < 0 || s.pos < s.start || (s.end >= 0 && s.end < s.start))
            continue;  // damaged: its bytes are fetched again through the gap it leaves
        if (total >= 0 && (s.end < 0 || s.end > total))
            s.end = total;
        if (s.end >= 0 && s.end <= cursor)
            continue;  // wholly covered by the range before it
        if (s.start < cursor) {
            // Overlaps the range before: keep only its own part.
            s.pos = qMax(s.pos, cursor);
            s.start = cursor;
        }
        if (total >= 0 && s.start >= total)
            break;
        if (s.start > cursor)
            out.append(Segment{cursor, cursor, s.start});
        s.pos = qMax(s.start, qMin(s.pos, onDisk));
        if (s.end >= 0)
            s.pos = qMin(s.pos, s.end);
        out.append(s);
        if (s.end < 0)
            return out;  // open-ended: it reads to the end of the body
        cursor = s.end;
    }
    if (total < 0 && out.isEmpty())
        out.append(Segment{0, 0, -1});
    else if (total >= 0 && cursor < total)
        out.append(Segment{cursor, cursor, total});
    return out;
}

}  // namespace Download
