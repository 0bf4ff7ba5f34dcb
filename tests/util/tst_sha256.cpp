#include "util/sha256.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

class TestSha256 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownVectors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("the empty input hashes to the FIPS 180-2 value")
            << QByteArray() << QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("\"abc\" hashes to the FIPS 180-2 value")
            << QByteArrayLiteral("abc")
            << QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("the two-block FIPS message hashes to its published value")
            << QByteArrayLiteral("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << QStringLiteral("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }
    void knownVectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        QCOMPARE(Util::Sha256::hexOf(input), expected);
    }

    void streamingInUnevenChunksEqualsOneShot()
    {
        QByteArray data(3 * 1024 * 1024 + 17, Qt::Uninitialized);
        QRandomGenerator generator(42);
        for (char &c : data)
            c = static_cast<char>(generator.generate() & 0xff);
        Util::Sha256 streaming;
        qsizetype offset = 0;
        for (qsizetype step : {1, 63, 64, 65, 4096, 1 << 20}) {
            streaming.addData(data.constData() + offset, step);
            offset += step;
        }
        streaming.addData(data.constData() + offset, data.size() - offset);
        const QString expected =
            QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
        QCOMPARE(streaming.hexResult(), expected);
        // result() starts a fresh digest
        QCOMPARE(streaming.hexResult(), Util::Sha256::hexOf({}));
    }

    void hashesAFileOnDisk()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("blob"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray chunk(1000003, 'x');
        for (int i = 0; i < 9; ++i)
            file.write(chunk);
        file.close();
        QCOMPARE(Util::Sha256::hexOfFile(path), Util::Sha256::hexOf(chunk.repeated(9)));
    }

    void aMissingFileIsAnErrorWithASentence()
    {
        QString error;
        QVERIFY(Util::Sha256::hexOfFile(QStringLiteral("/nonexistent/blob"), &error).isEmpty());
        QVERIFY2(error.contains(QLatin1String("/nonexistent/blob")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
