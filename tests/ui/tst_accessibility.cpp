// What a screen reader hears: the accessibility tree of the real window, walked through
// QAccessible as assistive technology does, with a download running. Every control has a
// name; the totals and sync labels read their text; each cell of a Downloads row reads its
// own column (progress, size, speed), not the same "name: state" for all.
#include "download/downloadpool.h"
#include "downloadsdashboard.h"
#include "journeyfixture.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>
#include <QTreeView>

namespace {
// Every interface under `root`, depth first; item views' cells included.
void walk(QAccessibleInterface *root, QList<QAccessibleInterface *> *out, int depth = 0)
{
    if (!root || depth > 40)
        return;
    out->append(root);
    const int count = root->childCount();
    for (int i = 0; i < count; ++i)
        walk(root->child(i), out, depth + 1);
}

bool isControl(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::EditableText:
    case QAccessible::SpinBox:
    case QAccessible::Tree:
    case QAccessible::Table:
    case QAccessible::List:
        return true;
    default:
        return false;
    }
}
}  // namespace

class TestAccessibility : public JourneyFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        setUpJourneys();
        // A download in flight, so the Downloads rows have progress, size and speed.
        QVERIFY(slowDown(kLlama, QStringLiteral("3b-gguf-q4-km"), QStringLiteral("model.gguf"), 256 * 1024) > 0);
        QVERIFY(startBranch(kLlama, QStringLiteral("3b-gguf-q4-km")));
    }
    void cleanupTestCase() { tearDownJourneys(); }

    void everyControlHasANameAReaderCanSay()
    {
        QList<QAccessibleInterface *> all;
        walk(QAccessible::queryAccessibleInterface(m_window.get()), &all);
        QVERIFY(all.size() > 50);
        QStringList nameless;
        for (QAccessibleInterface *node : std::as_const(all)) {
            if (!isControl(node->role()) || node->state().invisible)
                continue;
            if (node->text(QAccessible::Name).trimmed().isEmpty()) {
                QObject *object = node->object();
                nameless << QStringLiteral("%1 %2").arg(object ? QString::fromLatin1(object->metaObject()->className())
                                                               : QStringLiteral("?"),
                                                        object ? object->objectName() : QString());
            }
        }
        QVERIFY2(nameless.isEmpty(), qPrintable(nameless.join(u'\n')));
    }

    void theTotalsAndTheSyncStateReadTheirText()
    {
        QLabel *totals = m_window->dashboard()->totalsLabel();
        QTRY_VERIFY(totals->text().contains(QStringLiteral("active")));
        QAccessibleInterface *node = QAccessible::queryAccessibleInterface(totals);
        QVERIFY(node);
        QCOMPARE(node->text(QAccessible::Name), totals->text());
        QCOMPARE(node->text(QAccessible::Description), QStringLiteral("Download totals"));
        QLabel *sync = m_window->syncStatusLabel();
        node = QAccessible::queryAccessibleInterface(sync);
        QVERIFY(node);
        QVERIFY(!sync->text().isEmpty());
        QCOMPARE(node->text(QAccessible::Name), sync->text());
    }

    void eachCellOfADownloadRowReadsItsOwnColumn()
    {
        QTreeView *view = m_window->dashboard()->view();
        view->expandAll();
        QAccessibleInterface *tree = QAccessible::queryAccessibleInterface(view);
        QVERIFY(tree);
        QAccessibleTableInterface *table = tree->tableInterface();
        QVERIFY(table);
        // The row of the running model.gguf: its cells, read one by one.
        int row = -1;
        for (int r = 0; r < table->rowCount() && row < 0; ++r) {
            QAccessibleInterface *name = table->cellAt(r, 0);
            if (name && name->text(QAccessible::Name).contains(QStringLiteral("model.gguf")) &&
                name->text(QAccessible::Name).contains(QStringLiteral("Downloading")))
                row = r;
        }
        QVERIFY2(row >= 0, "no running model.gguf row in the Downloads tree");
        QStringList cells;
        for (int c = 0; c < table->columnCount(); ++c) {
            QAccessibleInterface *cell = table->cellAt(row, c);
            QVERIFY(cell);
            cells << cell->text(QAccessible::Name);
        }
        QVERIFY2(cells.at(1).startsWith(QStringLiteral("Progress: ")) && cells.at(1).endsWith(u'%'),
                 qPrintable(cells.join(u'|')));
        QVERIFY2(cells.at(2).startsWith(QStringLiteral("Size: ")) && cells.at(2).contains(QStringLiteral(" / ")),
                 qPrintable(cells.join(u'|')));
        QVERIFY2(cells.at(3).startsWith(QStringLiteral("Speed: ")), qPrintable(cells.join(u'|')));
        // No two cells read the same.
        QCOMPARE(QSet<QString>(cells.cbegin(), cells.cend()).size(), cells.size());
    }

    void catalogCellsReadWithTheirColumn()
    {
        const QPersistentModelIndex model = findModel(kLlama);
        QVERIFY(model.isValid());
        QAccessibleInterface *tree = QAccessible::queryAccessibleInterface(tree_());
        QVERIFY(tree && tree->tableInterface());
        QAccessibleTableInterface *table = tree->tableInterface();
        QAccessibleInterface *downloads = table->cellAt(0, 2);
        QVERIFY(downloads);
        QVERIFY2(downloads->text(QAccessible::Name).startsWith(QStringLiteral("Downloads: ")),
                 qPrintable(downloads->text(QAccessible::Name)));
    }

private:
    QTreeView *tree_() const { return tree(); }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
