// XetPlan: a reconstruction's terms as the planner's ranges, and what brings each range's bytes.

#include "download/xetplan.h"

#include <QTest>

using Download::Segment;
using Download::XetPlan;

namespace {

// Three terms: two from xorb A (one fetch covering chunks 0..6), one from xorb B.
Xet::Reconstruction threeTerms()
{
    Xet::Reconstruction r;
    Xet::XorbFetch a;
    a.xorbHash = QString(64, QLatin1Char('a'));
    a.url = QUrl(QStringLiteral("http://xorbs.test/xorb/default/aaaa?sig=1"));
    a.chunks = {0, 6};
    a.firstByte = 0;
    a.lastByte = 999;
    Xet::XorbFetch b;
    b.xorbHash = QString(64, QLatin1Char('b'));
    b.url = QUrl(QStringLiteral("http://xorbs.test/xorb/default/bbbb?sig=2"));
    b.chunks = {2, 3};
    b.firstByte = 500;
    b.lastByte = 549;
    r.fetches = {a, b};
    Xet::Term t0;
    t0.xorbHash = a.xorbHash;
    t0.chunks = {0, 2};
    t0.unpackedLength = 100;
    t0.fileOffset = 0;
    t0.fetch = 0;
    Xet::Term t1;
    t1.xorbHash = a.xorbHash;
    t1.chunks = {3, 6};
    t1.unpackedLength = 200;
    t1.fileOffset = 100;
    t1.fetch = 0;
    Xet::Term t2;
    t2.xorbHash = b.xorbHash;
    t2.chunks = {2, 3};
    t2.unpackedLength = 50;
    t2.fileOffset = 300;
    t2.fetch = 1;
    r.terms = {t0, t1, t2};
    return r;
}

}  // namespace

class TestXetPlan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachTermIsOneRangeOfTheFile()
    {
        XetPlan plan;
        QVERIFY(!plan.isActive());
        plan.reset(threeTerms());
        QVERIFY(plan.isActive());
        QCOMPARE(plan.fileSize(), 350);
        const QList<Segment> expected{{0, 0, 100}, {100, 100, 300}, {300, 300, 350}};
        QCOMPARE(plan.segments({}), expected);
    }

    void bytesAlreadyOnDiskAreKeptPerTerm()
    {
        XetPlan plan;
        plan.reset(threeTerms());
        // One plain range held [0, 150): the first term whole, half of the second.
        QList<Segment> expected{{0, 100, 100}, {100, 150, 300}, {300, 300, 350}};
        QCOMPARE(plan.segments({{0, 150, 350}}), expected);
        // Two ranges meeting at 120 count as one run of bytes; a hole leaves the third term.
        expected = {{0, 100, 100}, {100, 200, 300}, {300, 300, 350}};
        QCOMPARE(plan.segments({{0, 120, 120}, {120, 200, 320}, {320, 340, 350}}), expected);
    }

    void aRangeIsFetchedFromTheXorbBytesThatHoldItsChunks()
    {
        XetPlan plan;
        plan.reset(threeTerms());
        const std::optional<XetPlan::Source> second = plan.source(100, 100, 300);
        QVERIFY(second);
        QVERIFY(!second->local);
        QCOMPARE(second->term, 1);
        QCOMPARE(second->fetch.url, threeTerms().fetches.at(0).url);
        QCOMPARE(second->fetch.firstByte, 0);
        QCOMPARE(second->fetch.lastByte, 999);
        QCOMPARE(second->skipChunks, 3u);  // the fetch starts at chunk 0, the term at 3
        QCOMPARE(second->chunkCount, 3u);
        QCOMPARE(second->skipBytes, 0);
        QCOMPARE(second->length, 200);
        // Resumed halfway: the decoded bytes already on disk are skipped.
        const std::optional<XetPlan::Source> resumed = plan.source(100, 150, 300);
        QVERIFY(resumed);
        QCOMPARE(resumed->skipBytes, 50);
        QCOMPARE(resumed->length, 150);
        // Only ranges that start where a term starts, and stay inside it.
        QVERIFY(!plan.source(150, 150, 300));
        QVERIFY(!plan.source(100, 100, 301));
    }

    void aCutOffTermIsFetchedAgainFromTheChunkHoldingItsFirstMissingByte()
    {
        XetPlan plan;
        plan.reset(threeTerms());
        // Bytes [100, 160) of the second term are on disk; the CAS's answer for [160, 300)
        // starts with its chunk 4, 10 bytes of which come before byte 160.
        Xet::Reconstruction rest;
        Xet::XorbFetch tail = threeTerms().fetches.at(0);
        tail.chunks = {4, 6};
        tail.firstByte = 600;
        tail.lastByte = 999;
        tail.url = QUrl(QStringLiteral("http://xorbs.test/xorb/default/aaaa?sig=fresh"));
        rest.fetches = {tail};
        Xet::Term term;
        term.xorbHash = tail.xorbHash;
        term.chunks = {4, 6};
        term.unpackedLength = 150;
        term.skip = 10;
        term.fileOffset = 160;
        term.fetch = 0;
        rest.terms = {term};
        QVERIFY(plan.replaceTerm(100, 160, rest));
        QVERIFY(!plan.isPristine());
        QCOMPARE(plan.original().terms.size(), 3);
        const QList<Segment> expected{{0, 0, 100}, {100, 160, 160}, {160, 160, 300}, {300, 300, 350}};
        QCOMPARE(plan.segments({{100, 160, 300}}), expected);
        const std::optional<XetPlan::Source> source = plan.source(160, 160, 300);
        QVERIFY(source);
        QCOMPARE(source->fetch.url, tail.url);
        QCOMPARE(source->fetch.firstByte, 600);
        QCOMPARE(source->skipChunks, 0u);
        QCOMPARE(source->chunkCount, 2u);
        QCOMPARE(source->skipBytes, 10);
        // An answer that does not end where the term ends changes nothing.
        rest.terms[0].unpackedLength = 100;
        XetPlan other;
        other.reset(threeTerms());
        QVERIFY(!other.replaceTerm(100, 160, rest));
        QVERIFY(other.isPristine());
    }

    void termsOnDiskAreCopiedAndNotCountedAsFetched()
    {
        XetPlan plan;
        plan.reset(threeTerms());
        QCOMPARE(plan.bytesToFetch(), 1000 + 50);  // fetch A once for two terms, B once
        QCOMPARE(plan.bytesLocal(), 0);

        QList<std::optional<XetPlan::LocalCopy>> local(3);
        local[0] = XetPlan::LocalCopy{QStringLiteral("/old/model.gguf"), 4096};
        local[1] = XetPlan::LocalCopy{QStringLiteral("/old/model.gguf"), 4196};
        plan.reset(threeTerms(), local);
        QCOMPARE(plan.bytesToFetch(), 50);
        QCOMPARE(plan.bytesLocal(), 300);
        const std::optional<XetPlan::Source> copy = plan.source(100, 130, 300);
        QVERIFY(copy && copy->local);
        QCOMPARE(copy->local->path, QStringLiteral("/old/model.gguf"));
        QCOMPARE(copy->local->offset, 4196 + 30);
        QCOMPARE(copy->length, 170);

        // The old file changed: its terms are fetched after all.
        plan.dropLocal(QStringLiteral("/old/model.gguf"));
        QVERIFY(!plan.source(100, 100, 300)->local);
        QCOMPARE(plan.bytesToFetch(), 1050);
    }
};

QTEST_GUILESS_MAIN(TestXetPlan)
#include "tst_xetplan.moc"
