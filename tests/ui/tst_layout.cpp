// The window at the smallest size people use, 1024×700 logical pixels, at 100 % and 200 %
// (ctest runs this twice, the second time with QT_SCALE_FACTOR=2): no button, label or box
// cut off, no tool bar button pushed out of sight, in the main window with a model shown, in
// the download summary and in the settings dialog.
#include "catalogmodel.h"
#include "detailspane.h"
#include "downloadrequester.h"
#include "downloadsummarydialog.h"
#include "journeyfixture.h"
#include "variantlist.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

namespace {
QString describe(const QWidget *widget)
{
    QString text;
    if (auto *button = qobject_cast<const QAbstractButton *>(widget))
        text = button->text();
    else if (auto *label = qobject_cast<const QLabel *>(widget))
        text = label->text().left(60);
    else if (auto *box = qobject_cast<const QComboBox *>(widget))
        text = box->currentText();
    return QStringLiteral("%1 \"%2\" (%3): %4×%5, needs %6×%7")
        .arg(QString::fromLatin1(widget->metaObject()->className()), text, widget->objectName())
        .arg(widget->width())
        .arg(widget->height())
        .arg(widget->sizeHint().width())
        .arg(widget->sizeHint().height());
}

// Every visible button, label and box in `top` that is smaller than its text needs.
QStringList clipped(const QWidget *top)
{
    QStringList out;
    for (QWidget *widget : top->findChildren<QWidget *>()) {
        if (!widget->isVisibleTo(top) || widget->window() != top)
            continue;
        // Inside an item view's viewport (editors, index widgets) rows elide by design.
        bool inView = false;
        for (QWidget *up = widget->parentWidget(); up && up != top; up = up->parentWidget())
            inView = inView || qobject_cast<QAbstractItemView *>(up);
        if (inView)
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(widget)) {
            // A button that shows only its icon (the line edit's own) has no text to cut.
            auto *tool = qobject_cast<QToolButton *>(button);
            if (button->text().isEmpty() || (tool && tool->toolButtonStyle() == Qt::ToolButtonIconOnly))
                continue;
            if (button->width() < button->sizeHint().width() || button->height() < button->minimumSizeHint().height())
                out << describe(button);
        } else if (auto *label = qobject_cast<QLabel *>(widget)) {
            if (label->text().isEmpty() || label->pixmap().isNull() == false)
                continue;
            const bool fits = label->wordWrap() ? label->height() >= label->heightForWidth(label->width())
                                                : label->width() >= label->sizeHint().width();
            if (!fits)
                out << describe(label);
        } else if (auto *box = qobject_cast<QComboBox *>(widget)) {
            if (box->width() < box->minimumSizeHint().width())
                out << describe(box);
        } else if (auto *bar = qobject_cast<QToolBar *>(widget)) {
            for (QAction *action : bar->actions()) {
                QWidget *face = bar->widgetForAction(action);
                if (action->isVisible() && face && !face->isVisible())
                    out << QStringLiteral("tool bar %1: \"%2\" is pushed out of sight")
                               .arg(bar->objectName(), action->text());
            }
        }
    }
    return out;
}
}  // namespace

class TestLayout : public JourneyFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        setUpJourneys();
        m_window->showNormal();
        m_window->resize(1024, 700);
        QTRY_COMPARE(m_window->size(), QSize(1024, 700));
    }
    void cleanupTestCase() { tearDownJourneys(); }
    void cleanup() { closeDialogs(); }

    void theMainWindowWithAModelShownCutsNothingOff()
    {
        const QPersistentModelIndex model = findModel(kLlama);
        QVERIFY(model.isValid());
        click(childNamed(model, QStringLiteral("1b-gguf-q4-km")));
        QTRY_COMPARE(m_window->detailsPane()->modelKey(), kLlama);
        // The variants are listed, each with its button.
        QTRY_VERIFY(m_window->detailsPane()->variantList()->buttonFor(QStringLiteral("1b-gguf-q8-0")));
        shot(QStringLiteral("layout-main-1024x700"));
        const QStringList cut = clipped(m_window.get());
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u'\n')));
    }

    void theDownloadSummaryCutsNothingOff()
    {
        const QPersistentModelIndex model = findModel(kTiny);
        QVERIFY(model.isValid());
        click(model);
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        QVERIFY(summary->width() <= 1024 && summary->height() <= 700);
        shot(QStringLiteral("layout-summary-1024x700"));
        const QStringList cut = clipped(summary);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u'\n')));
    }

    void theSettingsDialogCutsNothingOff()
    {
        QMetaObject::invokeMethod(m_window.get(), "showSettings", Qt::QueuedConnection);
        QDialog *settings = nullptr;
        QTRY_VERIFY((settings = m_window->findChild<QDialog *>(QStringLiteral("SettingsDialog"))) &&
                    settings->isVisible());
        QVERIFY2(settings->width() <= 1024 && settings->height() <= 700,
                 qPrintable(QStringLiteral("%1×%2").arg(settings->width()).arg(settings->height())));
        shot(QStringLiteral("layout-settings-1024x700"));
        const QStringList cut = clipped(settings);
        settings->reject();
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u'\n')));
    }
};

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
