// DownloadTask, part three: the Xet route. The hub's redirect for a file stored in Xet names
// its Xet hash; the task then asks for the file's reconstruction (XetSession), makes each term
// one range of the planner (XetPlan), and fills each range from the xorb bytes that hold its
// chunks, decoded on the way, or from a local file that already holds them. Journal, resume,
// the running SHA-256 and the final check are the plain download's. Whatever goes wrong with
// Xet itself (no token, no reconstruction, a xorb that does not decode, storage that ignores
// Range) is logged and the file is downloaded the plain way instead.

#include "download/downloadtask.h"
#include "download/xetsession.h"
#include "library/storagelayout.h"
#include "util/futurewatch.h"
#include "util/logging.h"
#include "xet/chunkdecoder.h"
#include "xet/termledger.h"

#include <QCoreApplication>
#include <QFile>
#include <QtConcurrent>

#include <limits>

namespace Download {

namespace {

// Reconstructions asked for in a row without a byte arriving in between (signed links that
// keep failing): past this, Xet is given up for the plain route.
constexpr int kMaxXetRefreshes = 4;
// A local copy moves through memory in pieces of this size, at most this many copies at once
// (a model whose every term is on disk would otherwise read them all into memory at once).
constexpr qint64 kCopyPiece = 8LL * 1024 * 1024;
constexpr int kMaxCopies = 2;

QString sha256FromValidator(QString validator)
{
    if (validator.startsWith(QLatin1String("W/")))
        validator.remove(0, 2);
    return validator.remove(QLatin1Char('"')).toLower();
}

}  // namespace

// One xorb range on its way, and the terms (planner ranges) its chunks fill. The Hub coalesces
// the chunks of a xorb into few ranges that many terms share, so one request brings a range
// once and each chunk goes to every waiting term that uses it, instead of one request per term.
struct DownloadTask::XetStream
{
    struct Claim
    {
        int key = 0;             // the planner range (a term) being filled
        int term = -1;           // its index in the plan
        quint32 firstChunk = 0;  // absolute chunk indices in the xorb, end-exclusive
        quint32 endChunk = 0;
        qint64 skip = 0;  // decoded bytes of its first chunks already on disk
        QList<quint32> chunkSizes;
        bool done = false;
    };
    std::unique_ptr<Xet::ChunkDecoder> decoder;  // null while a local copy runs
    bool copy = false;                           // a local copy (counted in m_xetCopies)
    quint32 fetchFirstChunk = 0;
    QList<Claim> claims;
    qint64 firstByte = 0;  // the xorb range asked for
    qint64 lastByte = 0;
    QString problem;  // set when a term decoded to the wrong length
    bool writeFailed = false;
};

void DownloadTask::onXetOffered(int key, const ResponseMeta &meta)
{
    stopStream(key);
    if (!occupiesSlot() || m_xetPlan.isActive() || (m_xet && m_xet->busy()))
        return;  // another range's request brought the same offer first
    const QString validator = QStringLiteral("xet:") + meta.xet.hash;
    const QString previous = m_planner.validator();
    // Bytes on disk are kept when they are this very content: an earlier Xet run of the same
    // hash, or a plain run whose validator was the file's SHA-256 (the hub's LFS ETag).
    const bool keep = previous == validator || (!m_request.expectedSha256.isEmpty() &&
                                                sha256FromValidator(previous) == m_request.expectedSha256);
    stopAllStreams();
    if (!keep)
        startFresh();
    m_planner.setValidator(validator);
    Xet::XetFileInfo offer = meta.xet;
    if (offer.refreshUrl.isEmpty())
        offer.refreshUrl = XetSession::readTokenUrlFor(m_request.url);
    if (!m_xet || m_xet->file().hash != offer.hash) {
        delete m_xet;
        m_xet = new XetSession(m_env.session, offer, subject(), this);
        connect(m_xet, &XetSession::reconstructed, this, &DownloadTask::onReconstructed);
        connect(m_xet, &XetSession::failed, this, &DownloadTask::onXetFailed);
    }
    qCInfo(lcDownload) << "task" << m_id << "comes through Xet" << meta.xet.hash.left(12)
                       << (keep && m_planner.bytesWritten() > 0 ? "resuming" : "from the start");
    m_xet->fetch();
}

void DownloadTask::onReconstructed(const Xet::Reconstruction &reconstruction, qint64 rangeStart, qint64 rangeEnd)
{
    if (!occupiesSlot())
        return;  // paused or failed while the CAS answered
    if (rangeStart >= 0) {
        onTermRemainder(reconstruction, rangeStart, rangeEnd);
        return;
    }
    if (m_request.expectedSize >= 0 && reconstruction.size() != m_request.expectedSize) {
        fallBackToPlain(QStringLiteral("reconstruction of %1 bytes, the hub lists %2")
                            .arg(reconstruction.size())
                            .arg(m_request.expectedSize));
        return;
    }
    stopAllStreams();
    m_xetWritten = m_planner.segments();
    QList<std::optional<XetPlan::LocalCopy>> local;
    if (Xet::TermLedger *ledger = m_env.xetLedger ? *m_env.xetLedger : nullptr; ledger) {
        // Chunks an earlier download (another revision, another repo) brought: copied, not fetched.
        for (const Xet::LocalTerm &term : ledger->findLocal(reconstruction.terms)) {
            if (term.isValid())
                local.append(XetPlan::LocalCopy{term.path, term.offset});
            else
                local.append(std::nullopt);
        }
    }
    if (!m_xetPlan.isActive() || m_xetPlan.original().terms.size() != reconstruction.terms.size())
        m_xetChunkSizes.clear();  // the same file's fresh links keep the sizes learnt so far
    m_xetPlan.reset(reconstruction, local);
    m_xetUsed = true;
    // Terms a crash (or a stopped stream) cut off: the CAS tells where their rest starts.
    m_xetRemainders.clear();
    for (const Segment &segment : m_xetPlan.segments(m_xetWritten)) {
        if (segment.pos > segment.start && segment.pos < segment.end)
            m_xetRemainders << segment;
    }
    nextTermRemainder();
}

void DownloadTask::onTermRemainder(const Xet::Reconstruction &rest, qint64 rangeStart, qint64 rangeEnd)
{
    if (m_xetRemainders.isEmpty() || m_xetRemainders.first().pos != rangeStart ||
        m_xetRemainders.first().end != rangeEnd)
        return;
    const Segment segment = m_xetRemainders.takeFirst();
    if (!m_xetPlan.replaceTerm(segment.start, segment.pos, rest))
        qCInfo(lcDownload) << "task" << m_id << "fetches the term at" << segment.start << "again whole";
    nextTermRemainder();
}

void DownloadTask::nextTermRemainder()
{
    if (!m_xetRemainders.isEmpty()) {
        m_xet->fetch(m_xetRemainders.first().pos, m_xetRemainders.first().end);
        return;
    }
    m_planner.assign(m_xetPlan.segments(m_xetWritten));
    m_planner.setTotal(m_xetPlan.fileSize());
    m_planner.setFixedRanges(true);
    m_planner.mergeFinished();
    m_planner.restartAdvice();
    qCInfo(lcDownload) << "task" << m_id << "xet:" << m_xetPlan.reconstruction().terms.size() << "terms,"
                       << m_xetPlan.bytesToFetch() << "bytes to fetch," << m_xetPlan.bytesLocal() << "on disk,"
                       << m_planner.bytesWritten() << "kept";
    if (m_planner.allDone()) {
        beginVerify();
        return;
    }
    ensureStreams();
}

void DownloadTask::onXetFailed(const Net::HttpError &error)
{
    if (!m_xetRemainders.isEmpty()) {
        // The rest of a cut-off term could not be asked for: fetch those terms whole.
        qCInfo(lcDownload) << "task" << m_id << "fetches cut-off terms whole:" << error.detail;
        m_xetRemainders.clear();
        nextTermRemainder();
        return;
    }
    fallBackToPlain(error.detail);
}

void DownloadTask::fallBackToPlain(const QString &why)
{
    qCWarning(lcDownload) << "task" << m_id << "falls back to the plain download:" << why;
    m_xetRefused = true;
    m_xetUsed = false;
    m_xetPlan.clear();
    m_planner.setFixedRanges(false);
    if (!occupiesSlot())
        return;
    startFresh();
    ensureStreams();
}

void DownloadTask::forgetXetPlan()
{
    // Stopped (paused, or the slot taken away): the next start asks the hub again, as after a
    // restart, so its cut-off terms go on from the chunk holding their first missing byte (a
    // reused plan fetched their xorb ranges from the start) and its signed links are fresh.
    m_xetPlan.clear();
    m_planner.setFixedRanges(false);
}

void DownloadTask::refreshXet(const Net::HttpError &error)
{
    // A signed xorb link expired (or was cut): the CAS hands out fresh ones with a new
    // reconstruction; the bytes written so far stay.
    if (++m_xetRefreshes > kMaxXetRefreshes) {
        fallBackToPlain(QStringLiteral("xorb links kept failing: ") + error.detail);
        return;
    }
    qCInfo(lcDownload) << "task" << m_id << "asks for fresh xorb links:" << error.detail;
    stopAllStreams();
    if (m_xet)
        m_xet->fetch();
}

void DownloadTask::startXetStream(qsizetype index)
{
    const RangePlanner::Request ask = m_planner.request(index, m_budget.epoch());
    const Segment segment = m_planner.find(ask.key)->segment;
    const std::optional<XetPlan::Source> source = m_xetPlan.source(segment.start, segment.pos, segment.end);
    if (!source) {
        m_planner.release(ask.key);
        fallBackToPlain(QStringLiteral("no term starts at byte %1").arg(segment.start));
        return;
    }
    if (source->local) {
        if (m_xetCopies >= kMaxCopies) {
            m_planner.release(ask.key);  // its turn comes when a copy ends
            return;
        }
        auto copy = std::make_shared<XetStream>();
        copy->copy = true;
        ++m_xetCopies;
        m_xetStreams.insert(ask.key, copy);
        copyLocalTerm(ask.key, *source);
        return;
    }
    auto stream = std::make_shared<XetStream>();
    stream->fetchFirstChunk = source->fetch.chunks.start;
    stream->firstByte = source->fetch.firstByte;
    stream->lastByte = source->fetch.lastByte;
    auto claim = [&](int key, const XetPlan::Source &from) {
        XetStream::Claim c;
        c.key = key;
        c.term = from.term;
        c.firstChunk = from.fetch.chunks.start + from.skipChunks;
        c.endChunk = c.firstChunk + from.chunkCount;
        c.skip = from.skipBytes;
        stream->claims << c;
        m_xetStreams.insert(key, stream);
    };
    claim(ask.key, *source);
    // Every other waiting term this very range holds comes with it.
    for (qsizetype i = m_planner.nextDue(); i >= 0; i = m_planner.nextDue(i + 1)) {
        const Segment other = m_planner.at(i).segment;
        const std::optional<XetPlan::Source> shared = m_xetPlan.source(other.start, other.pos, other.end);
        if (!shared || shared->local || shared->fetch != source->fetch)
            continue;
        claim(m_planner.request(i, m_budget.epoch()).key, *shared);
    }
    quint32 first = std::numeric_limits<quint32>::max();
    quint32 end = 0;
    for (const XetStream::Claim &c : std::as_const(stream->claims)) {
        first = qMin(first, c.firstChunk);
        end = qMax(end, c.endChunk);
    }
    stream->decoder = std::make_unique<Xet::ChunkDecoder>(first - stream->fetchFirstChunk, end - first);

    RangeStream::Params params;
    params.url = source->fetch.url;
    params.hubUrl = m_request.url;  // a refusal from storage is an expired link
    params.offset = source->fetch.firstByte;
    params.end = source->fetch.lastByte + 1;
    params.sendRange = true;
    params.subject = subject();
    params.readBufferSize = m_options.readBufferSize;
    m_streams.open(ask.key, params);
}

void DownloadTask::stopXetStream(int key)
{
    // A stream's claims end with it: their ranges wait for a request again (or are done).
    const std::shared_ptr<XetStream> stream = m_xetStreams.value(key);
    if (!stream)
        return;
    if (stream->copy)
        --m_xetCopies;
    for (const XetStream::Claim &claim : std::as_const(stream->claims)) {
        m_xetStreams.remove(claim.key);
        m_planner.release(claim.key);
    }
    m_xetStreams.remove(key);  // a local copy claims nothing
}

void DownloadTask::onXetHeaders(int key, const ResponseMeta &meta)
{
    const std::shared_ptr<XetStream> stream = m_xetStreams.value(key);
    if (!stream)
        return;
    if (meta.status != 206 || meta.rangeStart != stream->firstByte || meta.rangeEnd != stream->lastByte + 1) {
        fallBackToPlain(QStringLiteral("xorb storage answered %1 (bytes %2-%3) to a request for bytes %4-%5")
                            .arg(meta.status)
                            .arg(meta.rangeStart)
                            .arg(meta.rangeEnd - 1)
                            .arg(stream->firstByte)
                            .arg(stream->lastByte));
        return;
    }
    if (m_state == TaskState::Connecting)
        setState(TaskState::Downloading);
    ensureStreams();
}

bool DownloadTask::onXetData(int key, const char *data, qint64 size)
{
    const std::shared_ptr<XetStream> stream = m_xetStreams.value(key);
    if (!stream || !stream->decoder || !occupiesSlot())
        return false;
    m_xetFetched += size;
    m_xetRefreshes = 0;
    const quint32 base = stream->fetchFirstChunk;
    const bool ok = stream->decoder->feed(QByteArrayView(data, size), [&](quint32 index, QByteArrayView bytes) {
        const quint32 chunk = base + index;
        for (XetStream::Claim &claim : stream->claims) {
            if (claim.done || chunk < claim.firstChunk || chunk >= claim.endChunk)
                continue;
            claim.chunkSizes.append(quint32(bytes.size()));
            const RangePlanner::Range *range = m_planner.find(claim.key);
            if (!range)
                continue;
            const qint64 drop = qMin<qint64>(claim.skip, bytes.size());
            claim.skip -= drop;
            const qint64 want = bytes.size() - drop;
            if (want > 0) {
                if (m_planner.room(claim.key, want) < want) {
                    stream->problem = QStringLiteral("a term decoded to more bytes than its length");
                    return false;
                }
                const qint64 written = m_file.writeAt(range->segment.pos, bytes.data() + drop, want);
                m_planner.advance(claim.key, written);
                m_integrity.written(written);
                if (written < want) {
                    stream->writeFailed = true;
                    return false;
                }
            }
            if (chunk + 1 == claim.endChunk) {
                claim.done = true;
                const Segment segment = m_planner.find(claim.key)->segment;
                if (!segment.isDone()) {
                    stream->problem = QStringLiteral("a term decoded to fewer bytes than its length (%1 of %2)")
                                          .arg(segment.pos - segment.start)
                                          .arg(segment.end - segment.start);
                    return false;
                }
                m_xetChunkSizes.insert(claim.term, claim.chunkSizes);
            }
        }
        return true;
    });
    if (stream->writeFailed) {
        onWriteError();
        return false;
    }
    if (!ok || !stream->problem.isEmpty()) {
        fallBackToPlain(stream->problem.isEmpty() ? stream->decoder->errorString() : stream->problem);
        return false;
    }
    m_integrity.hashAhead();
    m_integrity.sync(false);
    if (!stream->decoder->isComplete())
        return true;
    // Every claimed term is in place: the rest of the range is not needed.
    stopStream(key);
    onSegmentDone();
    return false;
}

void DownloadTask::xetTermFinished(int key)
{
    stopStream(key);
    m_integrity.hashAhead();
    m_integrity.sync(false);
    onSegmentDone();
}

void DownloadTask::copyLocalTerm(int key, const XetPlan::Source &source)
{
    const std::shared_ptr<XetStream> stream = m_xetStreams.value(key);
    const QString path = source.local->path;
    const qint64 offset = source.local->offset;
    const qint64 length = qMin(source.length, kCopyPiece);
    // Read on a worker, written here like any received bytes: one piece at a time.
    Util::whenFinished(this,
                       QtConcurrent::run(m_env.io,
                                         [path, offset, length] {
                                             QFile file(path);
                                             QByteArray bytes;
                                             if (file.open(QIODevice::ReadOnly) && file.seek(offset))
                                                 bytes = file.read(length);
                                             return bytes;
                                         }),
                       [this, key, stream, source, length](const QByteArray &bytes) {
                           if (m_xetStreams.value(key) != stream || !occupiesSlot())
                               return;  // stopped meanwhile
                           const RangePlanner::Range *range = m_planner.find(key);
                           if (!range)
                               return;
                           if (bytes.size() != length) {
                               // The local file changed or went away: fetch this term instead.
                               qCInfo(lcDownload) << "task" << m_id << "cannot copy from" << source.local->path
                                                  << "; fetching its chunks";
                               stopStream(key);
                               m_xetPlan.dropLocal(source.local->path);
                               ensureStreams();
                               return;
                           }
                           const qint64 written = m_file.writeAt(range->segment.pos, bytes.constData(), length);
                           m_planner.advance(key, written);
                           m_integrity.written(written);
                           m_xetCopied += written;
                           if (written < length) {
                               onWriteError();
                               return;
                           }
                           if (m_planner.find(key)->segment.isDone()) {
                               xetTermFinished(key);
                               return;
                           }
                           XetPlan::Source rest = source;
                           rest.local->offset += length;
                           rest.length -= length;
                           copyLocalTerm(key, rest);
                       });
}

void DownloadTask::recordXetTerms()
{
    Xet::TermLedger *ledger = m_env.xetLedger ? *m_env.xetLedger : nullptr;
    if (!ledger || !m_xetPlan.isActive())
        return;
    // Where the verified file now is: later downloads may copy its chunks from there.
    const QString path = Library::StorageLayout::finalPath(m_request.destination);
    Xet::Reconstruction terms = m_xetPlan.original();
    // Sizes learnt while decoding belong to the original terms only while none was replaced.
    for (auto it = m_xetChunkSizes.cbegin(); m_xetPlan.isPristine() && it != m_xetChunkSizes.cend(); ++it) {
        if (it.key() >= 0 && it.key() < terms.terms.size() &&
            quint32(it->size()) == terms.terms[it.key()].chunks.count())
            terms.terms[it.key()].chunkByteSizes = *it;
    }
    if (!ledger->record(m_request.expectedSha256, path, terms))
        qCInfo(lcDownload) << "task" << m_id << "could not record its Xet terms:" << ledger->errorString();
}

}  // namespace Download
