// What the Hub says of a Xet file (resolve headers, tree entries) and the read token.
#include "xet/xetfileinfo.h"

#include <QJsonObject>
#include <QTest>

using namespace Xet;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kHash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const QByteArray kSha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const QUrl kResolve = QUrl(QStringLiteral("https://huggingface.co/ns/repo/resolve/main/model.safetensors"));

}  // namespace

class TestXetFileInfo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aResolveResponseNamesTheHashTheLinksAndTheSize()
    {
        const XetFileInfo::RawHeaders headers = {
            {"x-xet-hash", kHash.toUpper()},
            {"Link", "<https://huggingface.co/api/models/ns/repo/xet-read-token/abc123>; rel=\"xet-auth\", "
                     "<https://cas-server.xethub.hf.co/v1/reconstructions/" +
                         kHash + ">; rel=\"xet-reconstruction-info\""},
            {"X-Linked-Size", "123456789"},
            {"X-Linked-Etag", "\"" + kSha + "\""},
        };
        const XetFileInfo info = XetFileInfo::fromHeaders(headers, kResolve);
        QVERIFY(info.isXet());
        QCOMPARE(info.hash, QString::fromLatin1(kHash));
        QCOMPARE(info.refreshUrl, QUrl(u"https://huggingface.co/api/models/ns/repo/xet-read-token/abc123"_s));
        // The Hub still links v1; v2 is asked instead.
        QCOMPARE(info.reconstructionUrl,
                 QUrl(u"https://cas-server.xethub.hf.co/v2/reconstructions/"_s + QString::fromLatin1(kHash)));
        QCOMPARE(info.size, 123456789);
        QCOMPARE(info.sha256, QString::fromLatin1(kSha));
    }

    void aRelativeRefreshRouteAndAWeakEtagAreUnderstood()
    {
        const XetFileInfo::RawHeaders headers = {
            {"X-Xet-Hash", kHash},
            {"X-Xet-Refresh-Route", "/api/models/ns/repo/xet-read-token/main"},
            {"X-Linked-Etag", "W/\"" + kSha + "\""},
        };
        const XetFileInfo info = XetFileInfo::fromHeaders(headers, kResolve);
        QCOMPARE(info.refreshUrl, QUrl(u"https://huggingface.co/api/models/ns/repo/xet-read-token/main"_s));
        QCOMPARE(info.sha256, QString::fromLatin1(kSha));
        QVERIFY(info.reconstructionUrl.isEmpty());
        QCOMPARE(info.size, -1);
    }

    void aRedactedOrMissingHashIsNotXet_data()
    {
        QTest::addColumn<QByteArray>("hash");
        QTest::newRow("redacted as 64 stars") << QByteArray(64, '*');
        QTest::newRow("absent") << QByteArray();
        QTest::newRow("too short") << kHash.left(40);
    }
    void aRedactedOrMissingHashIsNotXet()
    {
        QFETCH(QByteArray, hash);
        XetFileInfo::RawHeaders headers = {{"X-Linked-Size", "10"}};
        if (!hash.isEmpty())
            headers.append({"X-Xet-Hash", hash});
        QVERIFY(!XetFileInfo::fromHeaders(headers, kResolve).isXet());
    }

    void linkEntriesAreMatchedByRelation_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("target");
        QTest::newRow("unquoted rel") << QByteArray("<https://a.example/t>; rel=xet-auth") << u"https://a.example/t"_s;
        QTest::newRow("one of several rels")
            << QByteArray("<https://a.example/t>; rel=\"preload xet-auth\"") << u"https://a.example/t"_s;
        QTest::newRow("other parameters first")
            << QByteArray("<https://a.example/t>; type=\"x\"; rel=\"xet-auth\"") << u"https://a.example/t"_s;
        QTest::newRow("relative to the response")
            << QByteArray("</api/t>; rel=\"xet-auth\"") << u"https://huggingface.co/api/t"_s;
        QTest::newRow("another rel only") << QByteArray("<https://a.example/t>; rel=\"next\"") << QString();
        QTest::newRow("a rel that only starts the same")
            << QByteArray("<https://a.example/t>; rel=\"xet-auth-old\"") << QString();
        QTest::newRow("not http") << QByteArray("<ftp://a.example/t>; rel=\"xet-auth\"") << QString();
    }
    void linkEntriesAreMatchedByRelation()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, target);
        QCOMPARE(linkTarget(header, u"xet-auth", kResolve).toString(), target);
    }

    void aTreeEntryCarriesTheHashOnlyWhenItIsOne()
    {
        const QJsonObject entry{
            {u"type"_s, u"file"_s},
            {u"path"_s, u"model.safetensors"_s},
            {u"size"_s, 135},
            {u"xetHash"_s, QString::fromLatin1(kHash)},
            {u"lfs"_s,
             QJsonObject{{u"oid"_s, QString::fromLatin1(kSha)}, {u"size"_s, 987654321}, {u"pointerSize"_s, 135}}},
        };
        const XetFileInfo info = XetFileInfo::fromTreeEntry(entry);
        QCOMPARE(info.hash, QString::fromLatin1(kHash));
        QCOMPARE(info.size, 987654321);
        QCOMPARE(info.sha256, QString::fromLatin1(kSha));
        QJsonObject redacted = entry;
        redacted[u"xetHash"_s] = QString(64, u'*');
        QVERIFY(!XetFileInfo::fromTreeEntry(redacted).isXet());
    }

    void theReadTokenUrlNamesRepoTypeAndRevision_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("revision");
        QTest::addColumn<QString>("url");
        QTest::newRow("a model on the Hub") << u"https://huggingface.co"_s << u"model"_s << u"main"_s
                                            << u"https://huggingface.co/api/models/ns/repo/xet-read-token/main"_s;
        QTest::newRow("a pull request ref is one segment")
            << u"https://huggingface.co/"_s << u"model"_s << u"refs/pr/1"_s
            << u"https://huggingface.co/api/models/ns/repo/xet-read-token/refs%2Fpr%2F1"_s;
        QTest::newRow("a dataset on a mirror under a path")
            << u"http://127.0.0.1:8080/hub"_s << u"dataset"_s << u"0123abc"_s
            << u"http://127.0.0.1:8080/hub/api/datasets/ns/repo/xet-read-token/0123abc"_s;
    }
    void theReadTokenUrlNamesRepoTypeAndRevision()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, type);
        QFETCH(QString, revision);
        QFETCH(QString, url);
        QCOMPARE(readTokenUrl(QUrl(endpoint), u"ns/repo"_s, revision, type).toString(QUrl::FullyEncoded), url);
    }

    void aReadTokenIsParsedAndRefreshedAMinuteEarly()
    {
        QString error;
        const auto token = ReadToken::parse(
            "{\"accessToken\":\"xet_abc.def\",\"exp\":1900000000,\"casUrl\":\"https://cas-server.xethub.hf.co\"}",
            &error);
        QVERIFY2(token, qPrintable(error));
        QCOMPARE(token->accessToken, u"xet_abc.def"_s);
        QCOMPARE(token->casUrl, QUrl(u"https://cas-server.xethub.hf.co"_s));
        QCOMPARE(token->expiresAt, QDateTime::fromSecsSinceEpoch(1900000000, Qt::UTC));
        QCOMPARE(token->authorization(), QByteArray("Bearer xet_abc.def"));
        const QDateTime expiry = token->expiresAt;
        QVERIFY(!token->needsRefresh(expiry.addSecs(-61)));
        QVERIFY(token->needsRefresh(expiry.addSecs(-60)));
        QVERIFY(token->needsRefresh(expiry.addSecs(10)));
        QVERIFY(ReadToken().needsRefresh(expiry.addSecs(-3600)));
    }

    void aBrokenReadTokenIsRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("not JSON") << QByteArray("nope") << u"is not a JSON object"_s;
        QTest::newRow("no token") << QByteArray("{\"exp\":1900000000,\"casUrl\":\"https://c.example\"}")
                                  << u"no usable access token"_s;
        QTest::newRow("a token that would end the header line")
            << QByteArray("{\"accessToken\":\"a\\r\\nX-Evil: 1\",\"exp\":1900000000,\"casUrl\":\"https://c.example\"}")
            << u"no usable access token"_s;
        QTest::newRow("no expiry") << QByteArray("{\"accessToken\":\"t\",\"casUrl\":\"https://c.example\"}")
                                   << u"no valid expiry time"_s;
        QTest::newRow("an expiry as text")
            << QByteArray("{\"accessToken\":\"t\",\"exp\":\"soon\",\"casUrl\":\"https://c\"}")
            << u"no valid expiry time"_s;
        QTest::newRow("no storage URL") << QByteArray("{\"accessToken\":\"t\",\"exp\":1900000000}")
                                        << u"names no valid storage URL"_s;
        QTest::newRow("a storage URL that is not http")
            << QByteArray("{\"accessToken\":\"t\",\"exp\":1900000000,\"casUrl\":\"file:///x\"}")
            << u"names no valid storage URL"_s;
    }
    void aBrokenReadTokenIsRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        QString problem;
        QVERIFY(!ReadToken::parse(body, &problem));
        QVERIFY2(problem.contains(error), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestXetFileInfo)
#include "tst_xetfileinfo.moc"
