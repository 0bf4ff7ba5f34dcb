// Reconstruction answers of both API versions: terms placed in the file, each matched to the
// fetch that covers it, and every way a broken or hostile answer is refused.
#include "xet/reconstruction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Xet;
using namespace Qt::StringLiterals;

namespace {

const QString kXorbA = QString(64, u'a');
const QString kXorbB = u"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"_s;

QJsonObject range(qint64 start, qint64 end)
{
    return {{u"start"_s, start}, {u"end"_s, end}};
}

QJsonObject term(const QString &hash, qint64 start, qint64 end, qint64 length)
{
    return {{u"hash"_s, hash}, {u"range"_s, range(start, end)}, {u"unpacked_length"_s, length}};
}

QJsonObject v2Entry(const QString &url, const QList<QPair<QJsonObject, QJsonObject>> &ranges)
{
    QJsonArray list;
    for (const auto &pair : ranges)
        list.append(QJsonObject{{u"chunks"_s, pair.first}, {u"bytes"_s, pair.second}});
    return {{u"url"_s, url}, {u"ranges"_s, list}};
}

// File of 3 terms: A[0,4) 300000 bytes, B[0,2) 100000, A[3,6) 200000. The Hub coalesced A's
// chunks 0..6 into one range, so terms 1 and 3 share it.
QJsonObject v2Answer()
{
    QJsonObject xorbs;
    xorbs[kXorbA] = QJsonArray{v2Entry(u"https://transfer.example/xorb/a?sig=1"_s, {{range(0, 6), range(0, 399999)}})};
    xorbs[kXorbB] = QJsonArray{v2Entry(u"https://transfer.example/xorb/b?sig=2"_s,
                                       {{range(0, 2), range(0, 80000)}, {range(5, 9), range(200000, 299999)}})};
    return {
        {u"offset_into_first_range"_s, 0},
        {u"terms"_s, QJsonArray{term(kXorbA, 0, 4, 300000), term(kXorbB, 0, 2, 100000), term(kXorbA, 3, 6, 200000)}},
        {u"xorbs"_s, xorbs}};
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<Reconstruction> parse(const QJsonObject &object, Reconstruction::Options options = {},
                                    QString *error = nullptr)
{
    QString ignored;
    return Reconstruction::parse(json(object), options, error ? error : &ignored);
}

}  // namespace

class TestXetReconstruction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aV2AnswerPlacesTermsAndSharesCoalescedFetches()
    {
        QString error;
        const auto r = parse(v2Answer(), {600000, 0}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->apiVersion, 2);
        QCOMPARE(r->size(), 600000);
        QCOMPARE(r->terms.size(), 3);
        QCOMPARE(r->terms[0].fileOffset, 0);
        QCOMPARE(r->terms[1].fileOffset, 300000);
        QCOMPARE(r->terms[2].fileOffset, 400000);
        QCOMPARE(r->fetches.size(), 2);
        QCOMPARE(r->terms[0].fetch, 0);
        QCOMPARE(r->terms[2].fetch, 0);
        QCOMPARE(r->terms[1].fetch, 1);
        const XorbFetch &a = r->fetches[0];
        QCOMPARE(a.xorbHash, kXorbA);
        QCOMPARE(a.url, QUrl(u"https://transfer.example/xorb/a?sig=1"_s));
        QCOMPARE(a.chunks, (ChunkRange{0, 6}));
        QCOMPARE(a.rangeHeader(), QByteArray("bytes=0-399999"));
        // The decoder skips term 3's first chunks of the shared range: 3 - 0.
        QCOMPARE(r->terms[2].chunks.start - a.chunks.start, 3u);
        QCOMPARE(r->fetches[1].rangeHeader(), QByteArray("bytes=0-80000"));
        QCOMPARE(r->fetches[1].byteCount(), 80001);
    }

    void aV1AnswerGivesTheSameValue()
    {
        QJsonObject fetchInfo;
        fetchInfo[kXorbA] = QJsonArray{QJsonObject{{u"url"_s, u"https://transfer.example/xorb/a"_s},
                                                   {u"range"_s, range(1, 43)},
                                                   {u"url_range"_s, range(57980, 1433008)}}};
        fetchInfo[kXorbB] = QJsonArray{QJsonObject{{u"url"_s, u"https://transfer.example/xorb/b"_s},
                                                   {u"range"_s, range(0, 3)},
                                                   {u"url_range"_s, range(0, 65670)}}};
        const QJsonObject answer{{u"offset_into_first_range"_s, 0},
                                 {u"terms"_s, QJsonArray{term(kXorbA, 1, 4, 263873), term(kXorbB, 0, 3, 143890),
                                                         term(kXorbA, 3, 43, 3063572)}},
                                 {u"fetch_info"_s, fetchInfo}};
        QString error;
        const auto r = parse(answer, {}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->apiVersion, 1);
        QCOMPARE(r->fetches.size(), 2);
        QCOMPARE(r->terms[2].fetch, r->terms[0].fetch);
        QCOMPARE(r->fetches[r->terms[0].fetch].rangeHeader(), QByteArray("bytes=57980-1433008"));
        QCOMPARE(r->terms[2].fileOffset, 263873 + 143890);
    }

    void aRangeAnswerSkipsIntoTheFirstTermAndStartsAtTheRange()
    {
        QJsonObject answer = v2Answer();
        answer[u"offset_into_first_range"_s] = 1000;
        const auto r = parse(answer, {-1, 5000000});
        QVERIFY(r);
        QCOMPARE(r->terms[0].skip, 1000);
        QCOMPARE(r->terms[0].keptLength(), 299000);
        QCOMPARE(r->terms[0].fileOffset, 5000000);
        QCOMPARE(r->terms[1].fileOffset, 5299000);
        QCOMPARE(r->terms[1].skip, 0);
        QCOMPARE(r->size(), 599000);
    }

    void perChunkSizesAreKept()
    {
        QJsonObject answer = v2Answer();
        QJsonArray terms = answer[u"terms"_s].toArray();
        QJsonObject first = terms[1].toObject();
        first[u"chunk_byte_sizes"_s] = QJsonArray{60000, 40000};
        terms[1] = first;
        answer[u"terms"_s] = terms;
        const auto r = parse(answer);
        QVERIFY(r);
        QCOMPARE(r->terms[1].chunkByteSizes, (QList<quint32>{60000, 40000}));
        QVERIFY(r->terms[0].chunkByteSizes.isEmpty());
    }

    void anEmptyFileHasNoTerms()
    {
        const auto r = parse(
            QJsonObject{{u"offset_into_first_range"_s, 0}, {u"terms"_s, QJsonArray()}, {u"xorbs"_s, QJsonObject()}},
            {0, 0});
        QVERIFY(r);
        QCOMPARE(r->size(), 0);
        QVERIFY(r->fetches.isEmpty());
    }

    void brokenAnswersAreRefusedWithASentence_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("expectedSize");
        QTest::addColumn<QString>("error");
        const auto edit = [](const std::function<void(QJsonObject &)> &change) {
            QJsonObject answer = v2Answer();
            change(answer);
            return json(answer);
        };
        const auto editTerm = [&](int index, const QString &key, const QJsonValue &value) {
            return edit([&](QJsonObject &a) {
                QJsonArray terms = a[u"terms"_s].toArray();
                QJsonObject t = terms[index].toObject();
                t[key] = value;
                terms[index] = t;
                a[u"terms"_s] = terms;
            });
        };
        QTest::newRow("not JSON") << QByteArray("<html>") << qint64(-1) << u"is not a JSON object"_s;
        QTest::newRow("no terms") << QByteArray("{}") << qint64(-1) << u"has no list of terms"_s;
        QTest::newRow("a redacted xorb hash")
            << editTerm(0, u"hash"_s, QString(64, u'*')) << qint64(-1) << u"term 0 hash is not a 64-digit hex hash"_s;
        QTest::newRow("a chunk range that ends where it starts")
            << editTerm(1, u"range"_s, range(2, 2)) << qint64(-1) << u"term 1 chunk range ends (2) before it starts"_s;
        QTest::newRow("a negative chunk index")
            << editTerm(1, u"range"_s, range(-1, 2)) << qint64(-1) << u"term 1 chunk range start is not a whole"_s;
        QTest::newRow("a fractional length")
            << editTerm(0, u"unpacked_length"_s, 10.5) << qint64(-1) << u"term 0 length is not a whole number"_s;
        QTest::newRow("more bytes than the chunks can hold")
            << editTerm(1, u"unpacked_length"_s, 2 * 131072 + 1) << qint64(-1) << u"from 1 to 262144"_s;
        QTest::newRow("a term no fetch covers")
            << editTerm(1, u"range"_s, range(1, 6)) << qint64(-1) << u"offers no fetch for chunks 1 to 6 of xorb"_s;
        QTest::newRow("a term of a xorb without fetches")
            << editTerm(1, u"hash"_s, QString(64, u'c')) << qint64(-1) << u"offers no fetch"_s;
        QTest::newRow("sizes that do not add up to the file")
            << json(v2Answer()) << qint64(600001) << u"terms add up to 600000 bytes; the file has 600001"_s;
        QTest::newRow("an offset past the first term")
            << edit([](QJsonObject &a) { a[u"offset_into_first_range"_s] = 300000; }) << qint64(-1)
            << u"skips 300000 bytes of a first term of 300000 bytes"_s;
        QTest::newRow("a fetch URL that is not http") << edit([](QJsonObject &a) {
            QJsonObject xorbs = a[u"xorbs"_s].toObject();
            xorbs[kXorbA] = QJsonArray{v2Entry(u"file:///etc/passwd"_s, {{range(0, 6), range(0, 399999)}})};
            a[u"xorbs"_s] = xorbs;
        }) << qint64(-1) << u"URL is not an http(s) URL"_s;
        QTest::newRow("a byte range that ends before it starts") << edit([](QJsonObject &a) {
            QJsonObject xorbs = a[u"xorbs"_s].toObject();
            xorbs[kXorbA] = QJsonArray{v2Entry(u"https://t.example/a"_s, {{range(0, 6), range(10, 9)}})};
            a[u"xorbs"_s] = xorbs;
        }) << qint64(-1) << u"byte range ends (9) before it starts (10)"_s;
        QTest::newRow("too few bytes for the chunks") << edit([](QJsonObject &a) {
            QJsonObject xorbs = a[u"xorbs"_s].toObject();
            xorbs[kXorbA] = QJsonArray{v2Entry(u"https://t.example/a"_s, {{range(0, 6), range(0, 20)}})};
            a[u"xorbs"_s] = xorbs;
        }) << qint64(-1) << u"has 21 bytes for 6 chunks, which cannot be right"_s;
        QTest::newRow("a xorb key that is not a hash") << edit([](QJsonObject &a) {
            QJsonObject xorbs = a[u"xorbs"_s].toObject();
            xorbs[u"nothex"_s] = QJsonArray();
            a[u"xorbs"_s] = xorbs;
        }) << qint64(-1) << u"xorb key nothex is not a 64-digit hex hash"_s;
        QTest::newRow("chunk sizes of the wrong count") << editTerm(1, u"chunk_byte_sizes"_s, QJsonArray{100000})
                                                        << qint64(-1) << u"term 1 lists 1 chunk sizes for 2 chunks"_s;
        QTest::newRow("chunk sizes that do not add up")
            << editTerm(1, u"chunk_byte_sizes"_s, QJsonArray{50000, 40000}) << qint64(-1)
            << u"term 1 chunk sizes add up to 90000 bytes, not 100000"_s;
    }
    void brokenAnswersAreRefusedWithASentence()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, expectedSize);
        QFETCH(QString, error);
        QString problem;
        QVERIFY(!Reconstruction::parse(body, {expectedSize, 0}, &problem));
        QVERIFY2(problem.contains(error), qPrintable(problem));
    }

    void fileHashesAreSixtyFourHexDigits_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::addColumn<bool>("valid");
        QTest::newRow("lowercase hex") << kXorbB << true;
        QTest::newRow("uppercase hex") << kXorbB.toUpper() << true;
        QTest::newRow("the Hub's redacted hash") << QString(64, u'*') << false;
        QTest::newRow("one digit short") << kXorbB.left(63) << false;
        QTest::newRow("one digit more") << kXorbB + u'0' << false;
        QTest::newRow("a letter past f") << kXorbB.left(63) + u'g' << false;
        QTest::newRow("empty") << QString() << false;
    }
    void fileHashesAreSixtyFourHexDigits()
    {
        QFETCH(QString, hash);
        QFETCH(bool, valid);
        QCOMPARE(fileHashIsValid(hash), valid);
    }

    void theReconstructionUrlNamesTheVersionAndTheHash()
    {
        QCOMPARE(reconstructionUrl(QUrl(u"https://cas-server.xethub.hf.co"_s), kXorbB.toUpper()),
                 QUrl(u"https://cas-server.xethub.hf.co/v2/reconstructions/"_s + kXorbB));
        QCOMPARE(reconstructionUrl(QUrl(u"http://127.0.0.1:9000/cas/"_s), kXorbB, 1),
                 QUrl(u"http://127.0.0.1:9000/cas/v1/reconstructions/"_s + kXorbB));
    }
};

QTEST_GUILESS_MAIN(TestXetReconstruction)
#include "tst_xetreconstruction.moc"
