#pragma once

#include "download/taskrecord.h"
#include "xet/reconstruction.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Xet {
class TermLedger;
}

namespace Download {

// How a Xet file is put together from its reconstruction: one byte range of the file per term
// (the planner's ranges, which are then never split: a term comes whole from one xorb range),
// and for each the request that brings it — a ranged GET of the xorb bytes holding its
// chunks, or a copy out of a local file that already holds the same chunks (a file downloaded
// earlier whose terms the ledger recorded).
//
// Pure logic over the reconstruction's numbers: no network, no file (tst_xetplan).
class XetPlan
{
public:
    // Where a term's decoded bytes already are on this machine.
    struct LocalCopy
    {
        QString path;
        qint64 offset = 0;
    };
    // How the bytes of one file range come.
    struct Source
    {
        int term = -1;
        qint64 skipBytes = 0;  // decoded bytes of the term before the range's first byte (resume)
        qint64 length = 0;     // bytes of the range
        std::optional<LocalCopy> local;
        // Otherwise: the xorb range to fetch, and the chunks of it the term takes.
        Xet::XorbFetch fetch;
        quint32 skipChunks = 0;
        quint32 chunkCount = 0;
    };

    bool isActive() const { return m_active; }
    void clear();
    // `local` has one entry per term (or none): the terms available on disk.
    void reset(const Xet::Reconstruction &reconstruction, const QList<std::optional<LocalCopy>> &local = {});
    const Xet::Reconstruction &reconstruction() const { return m_reconstruction; }
    // The whole file's reconstruction as the CAS gave it (before any term was replaced).
    const Xet::Reconstruction &original() const { return m_original; }
    bool isPristine() const { return m_gaps.isEmpty(); }

    // The term that starts at `termStart` has its bytes [termStart, pos) on disk already: the
    // rest comes from `rest`, the CAS's reconstruction of [pos, term end) (which starts with the
    // chunk holding `pos`, so a cut-off term is fetched again from there, not from its start).
    // False (nothing changed) when `rest` does not cover exactly those bytes.
    bool replaceTerm(qint64 termStart, qint64 pos, const Xet::Reconstruction &rest);
    qint64 fileSize() const { return m_size; }

    // The planner's ranges: one per term, each keeping the part of its start that `written`
    // (ranges whose [start, pos) bytes are on disk) already holds.
    QList<Segment> segments(const QList<Segment> &written) const;
    // The copies in `path` cannot be used (the file changed or went away): fetch those terms.
    void dropLocal(const QString &path);
    // What brings the bytes [pos, end) of the range that starts at `start` (a term's first byte).
    std::optional<Source> source(qint64 start, qint64 pos, qint64 end) const;

    // Compressed bytes the network must bring for the terms not on disk, and decoded bytes
    // copied from local files instead: "fetched 12 MiB, reused 4.6 GiB". Each distinct xorb
    // range counts once, as the hub's storage serves it.
    qint64 bytesToFetch() const;
    qint64 bytesLocal() const;

private:
    int termStartingAt(qint64 offset) const;

    bool m_active = false;
    Xet::Reconstruction m_reconstruction;
    Xet::Reconstruction m_original;
    QList<std::pair<qint64, qint64>> m_gaps;  // [from, to) on disk and no longer any term's
    QList<std::optional<LocalCopy>> m_local;
    qint64 m_size = 0;
};

// The term ledger of a data folder (xet-terms.sqlite), opened; null (with a warning in the log)
// when it cannot be: Xet downloads then fetch every chunk.
std::unique_ptr<Xet::TermLedger> openXetLedger(const QString &dataDir);

}  // namespace Download
