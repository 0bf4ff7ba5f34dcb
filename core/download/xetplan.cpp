#include "download/xetplan.h"

#include "util/logging.h"
#include "xet/termledger.h"

#include <QDir>
#include <QSet>

#include <algorithm>

namespace Download {

void XetPlan::clear()
{
    m_active = false;
    m_reconstruction = {};
    m_original = {};
    m_gaps.clear();
    m_local.clear();
    m_size = 0;
}

void XetPlan::reset(const Xet::Reconstruction &reconstruction, const QList<std::optional<LocalCopy>> &local)
{
    m_active = true;
    m_reconstruction = reconstruction;
    m_original = reconstruction;
    m_gaps.clear();
    m_local = local;
    m_local.resize(reconstruction.terms.size());
    m_size = reconstruction.size();
}

QList<Segment> XetPlan::segments(const QList<Segment> &written) const
{
    // The bytes on disk as sorted, merged intervals [from, to).
    QList<std::pair<qint64, qint64>> held;
    for (const Segment &segment : written) {
        if (segment.pos > segment.start)
            held.append({segment.start, segment.pos});
    }
    std::sort(held.begin(), held.end());
    QList<std::pair<qint64, qint64>> merged;
    for (const auto &interval : std::as_const(held)) {
        if (!merged.isEmpty() && interval.first <= merged.last().second)
            merged.last().second = qMax(merged.last().second, interval.second);
        else
            merged.append(interval);
    }

    QList<Segment> result;
    result.reserve(m_reconstruction.terms.size());
    for (const Xet::Term &term : m_reconstruction.terms) {
        const qint64 start = term.fileOffset;
        const qint64 end = start + term.keptLength();
        qint64 pos = start;
        for (const auto &interval : std::as_const(merged)) {
            if (interval.first <= start && start < interval.second) {
                pos = qMin(end, interval.second);
                break;
            }
        }
        result.append(Segment{start, pos, end});
    }
    for (const auto &gap : m_gaps)
        result.append(Segment{gap.first, gap.second, gap.second});
    std::sort(result.begin(), result.end(), [](const Segment &a, const Segment &b) { return a.start < b.start; });
    return result;
}

bool XetPlan::replaceTerm(qint64 termStart, qint64 pos, const Xet::Reconstruction &rest)
{
    const int index = termStartingAt(termStart);
    if (index < 0 || rest.terms.isEmpty() || pos <= termStart)
        return false;
    const qint64 end = termStart + m_reconstruction.terms.at(index).keptLength();
    if (pos >= end || rest.terms.first().fileOffset != pos || pos + rest.size() != end)
        return false;
    const int base = int(m_reconstruction.fetches.size());
    m_reconstruction.fetches << rest.fetches;
    QList<Xet::Term> terms = rest.terms;
    for (Xet::Term &term : terms)
        term.fetch += base;
    m_reconstruction.terms.remove(index);
    m_local.remove(index);
    for (qsizetype i = 0; i < terms.size(); ++i) {
        m_reconstruction.terms.insert(index + i, terms.at(i));
        m_local.insert(index + i, std::nullopt);
    }
    m_gaps.append({termStart, pos});
    return true;
}

void XetPlan::dropLocal(const QString &path)
{
    for (std::optional<LocalCopy> &local : m_local) {
        if (local && local->path == path)
            local.reset();
    }
}

int XetPlan::termStartingAt(qint64 offset) const
{
    const QList<Xet::Term> &terms = m_reconstruction.terms;
    const auto it = std::lower_bound(terms.cbegin(), terms.cend(), offset,
                                     [](const Xet::Term &term, qint64 value) { return term.fileOffset < value; });
    if (it == terms.cend() || it->fileOffset != offset)
        return -1;
    return int(it - terms.cbegin());
}

std::optional<XetPlan::Source> XetPlan::source(qint64 start, qint64 pos, qint64 end) const
{
    const int index = termStartingAt(start);
    if (index < 0)
        return std::nullopt;
    const Xet::Term &term = m_reconstruction.terms.at(index);
    if (pos < start || end > start + term.keptLength() || pos >= end)
        return std::nullopt;
    Source source;
    source.term = index;
    source.skipBytes = term.skip + (pos - start);
    source.length = end - pos;
    if (const std::optional<LocalCopy> &local = m_local.at(index)) {
        source.local = LocalCopy{local->path, local->offset + (pos - start)};
        return source;
    }
    if (term.fetch < 0 || term.fetch >= m_reconstruction.fetches.size())
        return std::nullopt;
    source.fetch = m_reconstruction.fetches.at(term.fetch);
    source.skipChunks = term.chunks.start - source.fetch.chunks.start;
    source.chunkCount = term.chunks.count();
    return source;
}

qint64 XetPlan::bytesToFetch() const
{
    QSet<int> fetches;
    for (qsizetype i = 0; i < m_reconstruction.terms.size(); ++i) {
        if (!m_local.value(i))
            fetches.insert(m_reconstruction.terms.at(i).fetch);
    }
    qint64 total = 0;
    for (const int fetch : std::as_const(fetches)) {
        if (fetch >= 0 && fetch < m_reconstruction.fetches.size())
            total += m_reconstruction.fetches.at(fetch).byteCount();
    }
    return total;
}

qint64 XetPlan::bytesLocal() const
{
    qint64 total = 0;
    for (qsizetype i = 0; i < m_reconstruction.terms.size(); ++i) {
        if (m_local.value(i))
            total += m_reconstruction.terms.at(i).keptLength();
    }
    return total;
}

std::unique_ptr<Xet::TermLedger> openXetLedger(const QString &dataDir)
{
    auto ledger = std::make_unique<Xet::TermLedger>(QDir(dataDir).filePath(QStringLiteral("xet-terms.sqlite")));
    if (!ledger->open()) {
        qCWarning(lcDownload) << "the Xet term ledger is not usable:" << ledger->errorString();
        return nullptr;
    }
    // Files deleted or changed since (a pruned revision, a cache cleaned by another tool).
    ledger->forgetMissing();
    return ledger;
}

}  // namespace Download
