#include "download/streamset.h"

#include "download/connectionlanes.h"

namespace Download {

StreamSet::StreamSet(const TaskEnvironment &environment, QObject *parent)
    : QObject(parent)
    , m_env(environment)
{
}

StreamSet::~StreamSet()
{
    stopAll();
}

void StreamSet::open(int key, RangeStream::Params params)
{
    stop(key);
    // Lanes count by the hub URL the file was asked for, wherever the hub sends the request.
    params.lane = m_env.lanes->acquire(params.hubUrl.isEmpty() ? params.url : params.hubUrl);
    auto *stream = new RangeStream(m_env.session, m_env.rate, params, this);
    stream->setClock(m_env.clock);
    m_streams.insert(key, stream);
    stream->holdLane(m_env.lanes);
    stream->setSink([this, key](const char *data, qint64 size) { return m_sink(key, data, size); });
    connect(stream, &RangeStream::headersReceived, this,
            [this, key](const ResponseMeta &meta) { Q_EMIT headersReceived(key, meta); });
    connect(stream, &RangeStream::failed, this,
            [this, key](const Net::HttpError &error) { Q_EMIT failed(key, error); });
    connect(stream, &RangeStream::completed, this, [this, key] { Q_EMIT completed(key); });
    stream->start();
}

void StreamSet::stop(int key)
{
    const auto it = m_streams.find(key);
    if (it == m_streams.end())
        return;
    RangeStream *stream = it.value();
    m_streams.erase(it);
    // Aborted, it emits nothing more; deleted later, because the caller may be inside one of
    // its signals or its sink.
    stream->abort();
    stream->deleteLater();
}

void StreamSet::stopAll()
{
    const QList<int> keys = m_streams.keys();
    for (int key : keys)
        stop(key);
}

void StreamSet::stopAllExcept(int key)
{
    const QList<int> keys = m_streams.keys();
    for (int other : keys) {
        if (other != key)
            stop(other);
    }
}

void StreamSet::drain(int key)
{
    RangeStream *stream = m_streams.value(key);
    if (stream && stream->hasHeaders())
        stream->drain();
}

int StreamSet::receiving() const
{
    int n = 0;
    for (const RangeStream *stream : m_streams)
        n += stream->hasHeaders() ? 1 : 0;
    return n;
}

bool StreamSet::hasHeaders(int key) const
{
    const RangeStream *stream = m_streams.value(key);
    return stream && stream->hasHeaders();
}

qint64 StreamSet::idleMs(int key) const
{
    const RangeStream *stream = m_streams.value(key);
    return stream ? stream->idleMs() : -1;
}

}  // namespace Download
