// The digests a download is checked against: SHA-256, and the git blob id of files Hugging
// Face keeps in git, compared with what git itself computes.

#include "download/filedigest.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using Download::FileDigest;

class TestFileDigest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theGitBlobIdIsGitsOwn_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("oid");
        // Known values: `printf 'hello\n' | git hash-object --stdin` and the empty blob.
        QTest::newRow("a line of text") << QByteArray("hello\n")
                                        << QStringLiteral("ce013625030ba8dba906f756967f9e9ca394464a");
        QTest::newRow("an empty file") << QByteArray() << QStringLiteral("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    }
    void theGitBlobIdIsGitsOwn()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, oid);
        QCOMPARE(FileDigest::gitOidOf(content), oid);
    }

    void bothDigestsComeFromOnePassInPieces()
    {
        QByteArray content;
        for (int i = 0; i < 300000; ++i)
            content.append(char(i * 7));
        FileDigest whole(content.size());
        FileDigest pieces(content.size());
        whole.addData(content.constData(), content.size());
        for (qsizetype at = 0; at < content.size(); at += 4097)
            pieces.addData(content.constData() + at, qMin<qsizetype>(4097, content.size() - at));
        QVERIFY(pieces.hasGitOid());
        QCOMPARE(pieces.sha256Hex(), whole.sha256Hex());
        QCOMPARE(pieces.gitOidHex(), FileDigest::gitOidOf(content));

        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
            QSKIP("git is not installed to compare with");
        QProcess git;
        git.start(QStringLiteral("git"), {QStringLiteral("hash-object"), QStringLiteral("--stdin")});
        QVERIFY(git.waitForStarted());
        git.write(content);
        git.closeWriteChannel();
        QVERIFY(git.waitForFinished());
        QCOMPARE(QString::fromLatin1(git.readAllStandardOutput().trimmed()), FileDigest::gitOidOf(content));
    }

    void withoutASizeOnlyTheSha256IsComputed()
    {
        FileDigest digest;
        digest.addData("abc", 3);
        QVERIFY(!digest.hasGitOid());
        QCOMPARE(digest.sha256Hex(),
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QVERIFY(digest.gitOidHex().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFileDigest)
#include "tst_filedigest.moc"
