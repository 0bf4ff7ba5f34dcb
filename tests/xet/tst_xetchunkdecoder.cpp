// The Xet chunk decoder over xorb bytes built with liblz4's compressor: every scheme, slices
// of every size down to one byte, skipping and stopping, and corrupt input of every kind.
#include "xet/chunkdecoder.h"
#include "xorbbuilder.h"

#include <QTest>

using namespace Xet;
using namespace XorbBuilder;
using namespace Qt::StringLiterals;

namespace {

struct Decoded
{
    bool ok = false;
    bool ended = false;
    QByteArray bytes;
    QList<quint32> indices;
    QString error;
};

// Feeds `xorb` in slices of `slice` bytes (0: all at once) and ends the range.
Decoded decode(const QByteArray &xorb, qsizetype slice = 0, quint32 skip = 0, quint32 limit = ChunkDecoder::kNoLimit)
{
    ChunkDecoder decoder(skip, limit);
    Decoded out;
    const ChunkDecoder::Sink sink = [&](quint32 index, QByteArrayView bytes) {
        out.indices << index;
        out.bytes.append(bytes);
        return true;
    };
    out.ok = true;
    const qsizetype step = slice > 0 ? slice : qMax<qsizetype>(1, xorb.size());
    for (qsizetype at = 0; at < xorb.size() && out.ok; at += step)
        out.ok = decoder.feed(QByteArrayView(xorb).sliced(at, qMin(step, xorb.size() - at)), sink);
    out.ended = out.ok && decoder.end();
    out.error = decoder.errorString();
    return out;
}

}  // namespace

class TestXetChunkDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachSchemeDecodesToTheOriginalBytes_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::addColumn<int>("size");
        QTest::newRow("a stored chunk") << 0 << 1000;
        QTest::newRow("an LZ4 frame") << 1 << 65536;
        QTest::newRow("a full 128 KiB LZ4 chunk") << 1 << 131072;
        QTest::newRow("BG4 of a multiple of four") << 2 << 4096;
        QTest::newRow("BG4 with one byte over") << 2 << 4097;
        QTest::newRow("BG4 with two bytes over") << 2 << 4098;
        QTest::newRow("BG4 with three bytes over") << 2 << 4099;
        QTest::newRow("BG4 of one byte") << 2 << 1;
        QTest::newRow("BG4 of three bytes") << 2 << 3;
        QTest::newRow("a full 128 KiB BG4 chunk") << 2 << 131072;
    }
    void eachSchemeDecodesToTheOriginalBytes()
    {
        QFETCH(int, scheme);
        QFETCH(int, size);
        const QByteArray data = content(size, quint32(size));
        const Decoded whole = decode(chunk(quint8(scheme), data));
        QVERIFY2(whole.ended, qPrintable(whole.error));
        QCOMPARE(whole.bytes, data);
        QCOMPARE(whole.indices, QList<quint32>{0});
        // The same chunk one byte at a time.
        const Decoded bytewise = decode(chunk(quint8(scheme), data), 1);
        QVERIFY2(bytewise.ended, qPrintable(bytewise.error));
        QCOMPARE(bytewise.bytes, data);
    }

    void anLz4FrameWithChecksumsAndContentSizeDecodes()
    {
        const QByteArray data = content(70000, 7);
        const QByteArray payload = lz4Frame(data, true);
        const Decoded out = decode(header(0, quint32(payload.size()), 1, quint32(data.size())) + payload, 3);
        QVERIFY2(out.ended, qPrintable(out.error));
        QCOMPARE(out.bytes, data);
    }

    void theRegroupingInvertsTheSplitForEveryLength()
    {
        for (int n = 0; n < 40; ++n) {
            const QByteArray data = content(n, quint32(n) + 100);
            QByteArray back(n, '\0');
            regroupByteGrouping4(splitByteGrouping4(data), back.data());
            QCOMPARE(back, data);
        }
    }

    void slicesOfAnySizeGiveTheSameChunks_data()
    {
        QTest::addColumn<int>("slice");
        QTest::newRow("one byte at a time") << 1;
        QTest::newRow("seven bytes, never aligned to a header") << 7;
        QTest::newRow("eight bytes, a header's size") << 8;
        QTest::newRow("an odd thousand") << 1001;
        QTest::newRow("network-sized reads") << 16384;
        QTest::newRow("everything at once") << 0;
    }
    void slicesOfAnySizeGiveTheSameChunks()
    {
        QFETCH(int, slice);
        QByteArray xorb;
        QByteArray expected;
        for (quint32 i = 0; i < 9; ++i) {
            const QByteArray data = content(3000 + 1237 * i, i);
            xorb += chunk(quint8(i % 3), data);
            expected += data;
        }
        const Decoded out = decode(xorb, slice);
        QVERIFY2(out.ended, qPrintable(out.error));
        QCOMPARE(out.bytes, expected);
        QCOMPARE(out.indices, (QList<quint32>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
    }

    void skippedChunksAreNotEmittedAndTheRestAfterTheLimitIsIgnored_data()
    {
        QTest::addColumn<int>("slice");
        QTest::newRow("all at once") << 0;
        QTest::newRow("one byte at a time") << 1;
        QTest::newRow("in odd slices") << 333;
    }
    void skippedChunksAreNotEmittedAndTheRestAfterTheLimitIsIgnored()
    {
        QFETCH(int, slice);
        QByteArray xorb;
        QList<QByteArray> chunks;
        for (quint32 i = 0; i < 7; ++i) {
            chunks << content(2000 + 10 * i, i);
            xorb += chunk(quint8((i + 1) % 3), chunks.last());
        }
        // Garbage after the last needed chunk is never read.
        xorb += QByteArray(50, '\xff');
        const Decoded out = decode(xorb, slice, 2, 3);
        QVERIFY2(out.ended, qPrintable(out.error));
        QCOMPARE(out.indices, (QList<quint32>{2, 3, 4}));
        QCOMPARE(out.bytes, chunks[2] + chunks[3] + chunks[4]);
    }

    void aCorruptSkippedChunkHeaderIsStillCaught()
    {
        const QByteArray xorb = header(1, 4, 0, 4) + "abcd" + chunk(0, "wanted");
        const Decoded out = decode(xorb, 0, 1);
        QVERIFY(!out.ok);
        QVERIFY2(out.error.contains(u"version 1"_s), qPrintable(out.error));
    }

    void corruptInputIsRefusedWithASentence_data()
    {
        QTest::addColumn<QByteArray>("xorb");
        QTest::addColumn<QString>("error");
        const QByteArray data = content(5000, 1);
        const QByteArray frame = lz4Frame(data);
        QTest::newRow("a format version other than 0")
            << header(1, 5000, 0, 5000) + data << QStringLiteral("has format version 1; only version 0 is known");
        QTest::newRow("an unknown compression scheme")
            << header(0, 5000, 3, 5000) + data << QStringLiteral("uses compression scheme 3, which is unknown");
        QTest::newRow("a chunk larger than 128 KiB")
            << header(0, 131073, 0, 131073) + QByteArray(131073, 'x')
            << QStringLiteral("declares 131073 bytes; a chunk holds 1 to 131072 bytes");
        QTest::newRow("an empty chunk") << header(0, 0, 0, 0) << QStringLiteral("declares 0 bytes");
        QTest::newRow("a stored chunk whose two sizes differ")
            << header(0, 10, 0, 12) + QByteArray(10, 'x') << QStringLiteral("stored uncompressed but declares 10");
        QTest::newRow("an absurd compressed size")
            << header(0, 0xFFFFFF, 1, 1000) << QStringLiteral("declares 16777215 compressed bytes for 1000 bytes");
        QTest::newRow("LZ4 bytes that are not a frame")
            << header(0, 20, 1, 100) + QByteArray(20, 'z') << QStringLiteral("is not a valid LZ4 frame");
        QTest::newRow("a frame that decodes to fewer bytes than declared")
            << header(0, quint32(frame.size()), 1, 5001) + frame
            << QStringLiteral("decodes to 5000 bytes; its header declares 5001");
        QTest::newRow("a frame that decodes to more bytes than declared")
            << header(0, quint32(frame.size()), 1, 4999) + frame
            << QStringLiteral("decodes to more than the 4999 bytes its header declares");
        QTest::newRow("a frame cut short inside its chunk")
            << header(0, quint32(frame.size() - 6), 1, 5000) + frame.first(frame.size() - 6)
            << QStringLiteral("ends before its LZ4 frame does");
        QTest::newRow("bytes after the frame inside the chunk")
            << header(0, quint32(frame.size() + 3), 1, 5000) + frame + "xyz"
            << QStringLiteral("has 3 bytes after the end of its LZ4 frame");
        QTest::newRow("BG4 with a corrupt frame")
            << header(0, 30, 2, 100) + QByteArray(30, '\x04') << QStringLiteral("is not a valid LZ4 frame");
        QTest::newRow("a range cut inside a header")
            << chunk(0, "first") + header(0, 5, 0, 5).first(5) << QStringLiteral("ends inside the header of chunk 1");
        QTest::newRow("a range cut inside a payload")
            << chunk(1, data).chopped(100) << QStringLiteral("ends inside chunk 0, 100 bytes short");
    }
    void corruptInputIsRefusedWithASentence()
    {
        QFETCH(QByteArray, xorb);
        QFETCH(QString, error);
        for (const qsizetype slice : {qsizetype(0), qsizetype(1), qsizetype(97)}) {
            const Decoded out = decode(xorb, slice);
            QVERIFY2(!out.ended, qPrintable(u"accepted with slices of %1"_s.arg(slice)));
            QVERIFY2(out.error.contains(error), qPrintable(out.error));
        }
    }

    void aRangeShorterThanTheLimitIsAnError()
    {
        const QByteArray xorb = chunk(0, "one") + chunk(1, content(900, 2));
        const Decoded out = decode(xorb, 0, 1, 3);
        QVERIFY(out.ok);
        QVERIFY(!out.ended);
        QCOMPARE(out.error, u"The xorb range ends after 2 chunks; 4 were expected."_s);
    }

    void aSkippedChunkCutShortIsAnError()
    {
        const QByteArray xorb = chunk(0, content(100, 1)).chopped(10);
        const Decoded out = decode(xorb, 1, 1);
        QVERIFY(!out.ended);
        QCOMPARE(out.error, u"The xorb range ends inside chunk 0, 10 bytes short."_s);
    }

    void aSinkThatRefusesStopsDecodingAndErrorsStick()
    {
        ChunkDecoder decoder;
        int calls = 0;
        const auto refuse = [&](quint32, QByteArrayView) { return ++calls < 2; };
        const QByteArray xorb = chunk(0, "a") + chunk(0, "b") + chunk(0, "c");
        QVERIFY(!decoder.feed(xorb, refuse));
        QCOMPARE(calls, 2);
        QCOMPARE(decoder.errorString(), u"Decoding stopped at chunk 1: its bytes could not be stored."_s);
        QVERIFY(!decoder.feed(chunk(0, "d"), refuse));
        QVERIFY(!decoder.end());
        QCOMPARE(calls, 2);
        // reset() starts a new range (a retry).
        decoder.reset();
        QByteArray bytes;
        QVERIFY(decoder.feed(xorb, [&](quint32, QByteArrayView b) {
            bytes.append(b);
            return true;
        }));
        QVERIFY(decoder.end());
        QCOMPARE(bytes, QByteArray("abc"));
        QCOMPARE(decoder.chunksEmitted(), 3u);
        QCOMPARE(decoder.bytesEmitted(), 3);
    }

    void anEmptyRangeWithoutALimitIsFine()
    {
        const Decoded out = decode(QByteArray());
        QVERIFY(out.ended);
        QVERIFY(out.bytes.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestXetChunkDecoder)
#include "tst_xetchunkdecoder.moc"
