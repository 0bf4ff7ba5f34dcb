#pragma once

#include "download/types.h"

#include <QList>

namespace Download {

// One byte range of a file: [start, end) with [start, pos) written. end is -1 while the size
// is unknown (a single stream reading to the end of the response).
struct Segment
{
    qint64 start = 0;
    qint64 pos = 0;
    qint64 end = -1;

    bool isDone() const { return end >= 0 && pos >= end; }
    qint64 remaining() const { return end < 0 ? -1 : end - pos; }
    friend bool operator==(const Segment &, const Segment &) = default;
};

QByteArray segmentsToJson(const QList<Segment> &segments);
QList<Segment> segmentsFromJson(const QByteArray &json);
QByteArray destinationsToJson(const QList<Destination> &destinations);
QList<Destination> destinationsFromJson(const QByteArray &json);
qint64 bytesWritten(const QList<Segment> &segments);

// The ranges to resume from, given the ranges the journal (or memory) holds and the size of the
// partial file on disk. The result is sorted and covers [0, total) without overlaps: gaps
// become unstarted ranges; a range's bytes past the end of the file (a torn tail, or a range
// that never started past the last byte written) count as not written, and only those. With
// total unknown (-1) the last range may stay open-ended.
QList<Segment> resumableSegments(QList<Segment> segments, qint64 fileSize, qint64 total);

// Everything the journal keeps about a task: enough to rebuild it after a restart and resume
// each range from bytes known to be on disk.
struct TaskRecord
{
    TaskId id = 0;
    GroupId group = 0;
    qint64 order = 0;  // place in the queue
    FileRequest request;
    TaskState state = TaskState::Queued;
    QList<Segment> segments;  // durable progress: only bytes fdatasync'ed before the write
    QString validator;        // ETag (or Last-Modified) of the first response, for If-Range
    qint64 total = -1;
    int attempts = 0;
    int hashRetries = 0;  // automatic re-downloads after a SHA-256 mismatch
    Net::ErrorKind errorKind = Net::ErrorKind::None;
    QString errorText;
    QString finalPath;
    // More places the same file is linked into once committed: HF snapshots of other commits
    // or revisions that share this blob (joined requests).
    QList<Destination> links;
};

struct GroupRecord
{
    GroupId id = 0;
    QString name;
    QList<TaskId> members;  // in queue order
};

}  // namespace Download
