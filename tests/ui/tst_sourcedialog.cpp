// The dialog that adds or edits a catalog source, driven by keys and clicks: each kind shows
// its own fields, OK stays off while something is missing or refused, and what comes out is the
// source the user described.

#include "sourcedialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using Catalog::Source;
using namespace Qt::Literals::StringLiterals;

class TestSourceDialog : public QObject
{
    Q_OBJECT

private:
    static QLineEdit *edit(QDialog &dialog, const QString &label)
    {
        for (QLabel *l : dialog.findChildren<QLabel *>()) {
            if (l->text() == label && l->buddy())
                return qobject_cast<QLineEdit *>(l->buddy());
        }
        return nullptr;
    }
    static QPushButton *ok(QDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

private Q_SLOTS:
    void anAuthorSourceIsTypedIn()
    {
        Source fresh;
        fresh.name.clear();
        Ui::SourceDialog dialog(fresh, [](const Source &s) {
            return s.name == u"cortexso"_s ? u"A source named cortexso exists already."_s : QString();
        });
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!ok(dialog)->isEnabled());
        QLineEdit *name = edit(dialog, u"Name:"_s);
        QLineEdit *author = edit(dialog, u"Author:"_s);
        QVERIFY(name && author);
        QTest::keyClicks(name, u"cortexso"_s);
        QTest::keyClicks(author, u"cortexso"_s);
        QVERIFY(!ok(dialog)->isEnabled());
        QLabel *problem = nullptr;
        for (QLabel *l : dialog.findChildren<QLabel *>())
            problem = l->accessibleName() == u"Problem"_s ? l : problem;
        QVERIFY(problem && problem->isVisible());
        QCOMPARE(problem->text(), u"A source named cortexso exists already."_s);
        QTest::keyClicks(name, u" GGUF"_s);
        QVERIFY(ok(dialog)->isEnabled());
        const Source s = dialog.source();
        QCOMPARE(s.kind, Source::Kind::HfQuery);
        QCOMPARE(s.name, u"cortexso GGUF"_s);
        QCOMPARE(s.author, u"cortexso"_s);
        QTest::mouseClick(ok(dialog), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void aCivitaiSearchShowsItsOwnFields()
    {
        Ui::SourceDialog dialog(Source{}, {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *kind = dialog.findChildren<QComboBox *>().first();
        kind->setCurrentIndex(kind->findText(u"Civitai: a search"_s));
        QLineEdit *creator = edit(dialog, u"Creator:"_s);
        QLineEdit *base = edit(dialog, u"Base models:"_s);
        QVERIFY(creator && creator->isVisible() && base && base->isVisible());
        QVERIFY(!edit(dialog, u"Tags:"_s)->isVisible());
        QLineEdit *name = edit(dialog, u"Name:"_s);
        name->clear();
        QTest::keyClicks(name, u"SDXL LoRAs"_s);
        QTest::keyClicks(base, u"SDXL 1.0, Pony"_s);
        auto *type = dialog.findChildren<QComboBox *>().at(1);
        type->setCurrentIndex(type->findText(u"LORA"_s));
        QVERIFY(ok(dialog)->isEnabled());
        const Source s = dialog.source();
        QCOMPARE(s.kind, Source::Kind::CivitaiQuery);
        QCOMPARE(s.types, QStringList{u"LORA"_s});
        QCOMPARE(s.baseModels, (QStringList{u"SDXL 1.0"_s, u"Pony"_s}));
    }

    void aCollectionNeedsItsSlug()
    {
        Source existing;
        existing.id = 7;
        existing.name = u"Sixty LoRAs"_s;
        existing.kind = Source::Kind::HfCollection;
        existing.target = u"lora-pack/sixty-style-loras-0123"_s;
        Ui::SourceDialog dialog(existing, {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QLineEdit *slug = edit(dialog, u"Collection:"_s);
        QVERIFY(slug && slug->isVisible());
        QCOMPARE(slug->text(), existing.target);
        QVERIFY(ok(dialog)->isEnabled());
        slug->clear();
        QVERIFY(!ok(dialog)->isEnabled());
        QTest::keyClicks(slug, u"lora-pack/other-1"_s);
        const Source s = dialog.source();
        QCOMPARE(s.id, 7);
        QCOMPARE(s.kind, Source::Kind::HfCollection);
        QCOMPARE(s.target, u"lora-pack/other-1"_s);
    }
};

QTEST_MAIN(TestSourceDialog)
#include "tst_sourcedialog.moc"
