// The state column's delegate: a bar only while transferring, an icon and a word otherwise,
// colours from the palette, sharp at any device pixel ratio.
#include "itemstate.h"
#include "progressdelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTest>
#include <QTreeView>

using Ui::ItemState;

class TestProgressDelegate : public QObject
{
    Q_OBJECT
private:
    // Paints one cell with the delegate and returns the pixels.
    static QImage paintCell(ItemState state, double progress, const QString &text, const QPalette &palette,
                            qreal ratio = 1.0)
    {
        QStandardItemModel model(1, 1);
        QStandardItem *item = model.item(0, 0) ? model.item(0, 0) : new QStandardItem;
        model.setItem(0, 0, item);
        item->setData(text, Qt::DisplayRole);
        item->setData(int(state), Ui::ItemStateRole);
        item->setData(progress, Ui::ItemProgressRole);
        QTreeView view;
        view.setPalette(palette);
        view.setModel(&model);
        Ui::ProgressDelegate delegate;
        QStyleOptionViewItem option;
        option.initFrom(&view);
        option.palette = palette;
        option.rect = QRect(0, 0, 240, 24);
        option.state = QStyle::State_Enabled;
        option.widget = &view;
        QImage image(QSize(240, 24) * ratio, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(ratio);
        image.fill(palette.color(QPalette::Base));
        QPainter painter(&image);
        delegate.paint(&painter, option, model.index(0, 0));
        return image;
    }

    static int pixelsNear(const QImage &image, const QRect &area, const QColor &colour)
    {
        int count = 0;
        for (int y = area.top(); y <= area.bottom(); ++y) {
            for (int x = area.left(); x <= area.right(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) +
                        std::abs(c.blue() - colour.blue()) <
                    60)
                    ++count;
            }
        }
        return count;
    }

    static QPalette darkPalette()
    {
        QPalette dark = QApplication::palette();
        dark.setColor(QPalette::Base, QColor(25, 25, 28));
        dark.setColor(QPalette::Window, QColor(40, 40, 44));
        dark.setColor(QPalette::Text, QColor(235, 235, 235));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        return dark;
    }

private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    void aBarFillsWhileDownloadingAndOnlyThen_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("bar");
        QTest::newRow("downloading at half shows a half-filled bar") << int(ItemState::Downloading) << true;
        QTest::newRow("verifying shows a bar") << int(ItemState::Verifying) << true;
        QTest::newRow("verified shows no bar even with a progress value") << int(ItemState::Verified) << false;
        QTest::newRow("paused shows an icon and its word") << int(ItemState::Paused) << false;
        QTest::newRow("queued shows an icon and its word") << int(ItemState::Queued) << false;
    }

    void aBarFillsWhileDownloadingAndOnlyThen()
    {
        QFETCH(int, state);
        QFETCH(bool, bar);
        const QPalette palette = QApplication::palette();
        const QImage image = paintCell(ItemState(state), 0.5, QString(), palette);
        const QColor highlight = palette.color(QPalette::Highlight);
        const int left = pixelsNear(image, QRect(20, 8, 80, 8), highlight);
        const int right = pixelsNear(image, QRect(150, 8, 80, 8), highlight);
        if (bar) {
            QVERIFY2(left > 300, qPrintable(QString::number(left)));
            QVERIFY2(right < 20, qPrintable(QString::number(right)));
        } else {
            QVERIFY2(left < 20, qPrintable(QString::number(left)));
        }
    }

    void iconsKeepTheirContrastOnLightAndDarkBases_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("a light base gets a dark tick") << false;
        QTest::newRow("a dark base gets a light tick") << true;
    }

    void iconsKeepTheirContrastOnLightAndDarkBases()
    {
        QFETCH(bool, dark);
        const QPalette palette = dark ? darkPalette() : QApplication::palette();
        const QImage image = paintCell(ItemState::Verified, -1, QStringLiteral("Verified ✓"), palette);
        const QColor tone = Ui::ProgressDelegate::toneFor(130, palette);
        QVERIFY(pixelsNear(image, QRect(0, 0, 30, 24), tone) > 3);
        QCOMPARE(tone.lightnessF() > 0.5, dark);
    }

    void iconsAreDrawnAtTheDevicePixelRatio()
    {
        const QPalette palette = QApplication::palette();
        const QImage single = paintCell(ItemState::Failed, -1, QString(), palette, 1.0);
        const QImage twice = paintCell(ItemState::Failed, -1, QString(), palette, 2.0);
        const QColor tone = Ui::ProgressDelegate::toneFor(2, palette);
        const int atOne = pixelsNear(single, QRect(0, 0, 30, 24), tone);
        const int atTwo = pixelsNear(twice, QRect(0, 0, 60, 48), tone);
        QVERIFY(atOne > 0);
        // Vector icons: four times the device pixels, not a blown-up bitmap of the same count.
        QVERIFY2(atTwo > atOne * 2, qPrintable(QStringLiteral("%1 vs %2").arg(atTwo).arg(atOne)));
    }

    void statesMapFromBothDomainsOntoOneEnum()
    {
        // The old delegate read the catalog's Verified (3) as the task state Paused (3).
        QCOMPARE(Ui::itemStateFromLocal(Catalog::LocalState::Verified), ItemState::Verified);
        QCOMPARE(Ui::itemStateFromTask(Download::TaskState::Paused), ItemState::Paused);
        QCOMPARE(Ui::itemStateFromTask(Download::TaskState::Completed), ItemState::Verified);
        QCOMPARE(Ui::aggregateState({ItemState::Verified, ItemState::Downloading}, true), ItemState::Downloading);
        QCOMPARE(Ui::aggregateState({ItemState::Verified, ItemState::None}, true), ItemState::None);
        QCOMPARE(Ui::aggregateState({ItemState::Verified, ItemState::None}, false), ItemState::Verified);
        Ui::StateCounts counts;
        for (ItemState s : {ItemState::Verified, ItemState::Verified, ItemState::Failed, ItemState::None})
            counts.add(s);
        QCOMPARE(counts.text(), QStringLiteral("2/4 ✓ 1 ✗"));
    }
};

QTEST_MAIN(TestProgressDelegate)
#include "tst_progressdelegate.moc"
