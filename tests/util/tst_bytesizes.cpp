#include "util/bytesizes.h"

#include <QTest>

using Util::ByteSizes;

class TestByteSizes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void twoSizesInOneSentenceShowTheirDifference_data()
    {
        QTest::addColumn<qint64>("first");
        QTest::addColumn<qint64>("second");
        QTest::addColumn<QString>("firstText");
        QTest::addColumn<QString>("secondText");
        QTest::newRow("sizes far apart stay rounded") << qint64(32) * 1024 * 1024 << qint64(16) * 1024 * 1024
                                                      << QStringLiteral("32.0 MiB") << QStringLiteral("16.0 MiB");
        QTest::newRow("4 KiB apart at 32 MiB are shown in bytes")
            << qint64(32) * 1024 * 1024 + 4096 << qint64(32) * 1024 * 1024 << QStringLiteral("33,558,528 bytes")
            << QStringLiteral("33,554,432 bytes");
        QTest::newRow("one byte apart at 2 GiB")
            << qint64(2147483649) << qint64(2147483648) << QStringLiteral("2,147,483,649 bytes")
            << QStringLiteral("2,147,483,648 bytes");
        QTest::newRow("equal sizes stay rounded") << qint64(5) * 1024 * 1024 << qint64(5) * 1024 * 1024
                                                  << QStringLiteral("5.0 MiB") << QStringLiteral("5.0 MiB");
        QTest::newRow("small sizes are bytes anyway")
            << qint64(512) << qint64(1) << QStringLiteral("512 bytes") << QStringLiteral("1 byte");
    }
    void twoSizesInOneSentenceShowTheirDifference()
    {
        QFETCH(qint64, first);
        QFETCH(qint64, second);
        QFETCH(QString, firstText);
        QFETCH(QString, secondText);
        const auto [a, b] = ByteSizes::distinct(first, second);
        QCOMPARE(a, firstText);
        QCOMPARE(b, secondText);
    }
};

QTEST_GUILESS_MAIN(TestByteSizes)
#include "tst_bytesizes.moc"
