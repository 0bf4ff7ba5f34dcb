// Strings that count with %n read as English once the front ends install EnglishPlurals.
#include "util/englishplurals.h"

#include <QCoreApplication>
#include <QTest>

class TestEnglishPlurals : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countedWordsTakeTheirPlural_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << 0 << QStringLiteral("Pack: 0 files verified.");
        QTest::newRow("one") << 1 << QStringLiteral("Pack: 1 file verified.");
        QTest::newRow("many") << 60 << QStringLiteral("Pack: 60 files verified.");
    }
    void countedWordsTakeTheirPlural()
    {
        QFETCH(int, n);
        QFETCH(QString, expected);
        Util::EnglishPlurals plurals;
        QCoreApplication::installTranslator(&plurals);
        QCOMPARE(
            QCoreApplication::translate("Tray", "%1: %n file(s) verified.", nullptr, n).arg(QStringLiteral("Pack")),
            expected);
        QCoreApplication::removeTranslator(&plurals);
        // Without it, Qt leaves the marker as written.
        QVERIFY(QCoreApplication::translate("Tray", "%n file(s)", nullptr, n).endsWith(QStringLiteral("file(s)")));
    }
    void onlyTheMarkerAfterTheCountFollowsIt()
    {
        Util::EnglishPlurals plurals;
        QCoreApplication::installTranslator(&plurals);
        QCOMPARE(
            QCoreApplication::translate("Updates", "%n file(s) downloaded, %1 unchanged file(s) reused", nullptr, 1)
                .arg(3),
            QStringLiteral("1 file downloaded, 3 unchanged file(s) reused"));
        // Strings without a count, or without a marker, stay as they are.
        QCOMPARE(QCoreApplication::translate("Ctx", "Download (s)"), QStringLiteral("Download (s)"));
        QCOMPARE(QCoreApplication::translate("Ctx", "%n new", nullptr, 2), QStringLiteral("2 new"));
        QCoreApplication::removeTranslator(&plurals);
    }
};

QTEST_GUILESS_MAIN(TestEnglishPlurals)
#include "tst_englishplurals.moc"
