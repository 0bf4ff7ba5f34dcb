#include "download/taskrecord.h"

#include <QJsonArray>
#include <QJsonDocument>

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
        Segment s{qint64(triple.at(0).toDouble()), qint64(triple.at(1).toDouble()),
                  qint64(triple.at(2).toDouble())};
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

} // namespace Download
