// See before you download (issue 14) through the real window: clicking a GGUF model shows
// what its file header says, read from the test hub with Range requests, and every variant
// weighed against this machine (a pretend one: MODELDOCK_MACHINE_ROOT, 2 GiB of free RAM and
// a 512 MiB GPU); choosing another variant and another context length changes what is shown.
#include "detailspane.h"
#include "insightpanel.h"
#include "journeyfixture.h"
#include "mainwindow.h"
#include "testfiles.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestJourneysInsight : public JourneyFixture
{
    Q_OBJECT
private:
    QTemporaryDir m_machine;

    // Picks `text` in a combo box with the keyboard, as a person would.
    static bool pick(QComboBox *combo, const QString &text)
    {
        combo->setFocus();
        const int target = combo->findText(text);
        if (target < 0)
            return false;
        while (combo->currentIndex() != target) {
            const int before = combo->currentIndex();
            QTest::keyClick(combo, combo->currentIndex() < target ? Qt::Key_Down : Qt::Key_Up);
            if (combo->currentIndex() == before)
                return false;
        }
        return true;
    }

    int storageReads() { return int(m_hub.requests(u"storage"_s).size()); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(TestFiles::write(m_machine.filePath(u"proc/meminfo"_s),
                                 "MemTotal: 4194304 kB\nMemAvailable: 2097152 kB\n"));
        QVERIFY(
            TestFiles::write(m_machine.filePath(u"sys/class/drm/card0/device/mem_info_vram_total"_s), "536870912\n"));
        qputenv("MODELDOCK_MACHINE_ROOT", QFile::encodeName(m_machine.path()));
        setUpJourneys();
    }
    void cleanupTestCase() { tearDownJourneys(); }

    void aGgufModelShowsItsHeaderAndWhatFitsHere()
    {
        const QPersistentModelIndex model = findModel(u"cortexso/qwen2.5"_s);
        QVERIFY(model.isValid());
        m_hub.reset();
        click(model);
        Ui::InsightPanel *panel = m_window->detailsPane()->insightPanel();
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible() && !panel->isReading(), 20000);
        // The recommended variant first: both are Q4_K_M, the first one listed.
        QCOMPARE(panel->shownVariant(), u"0.5b-gguf-q4-km"_s);
        const QString facts = panel->factsLabel()->text();
        for (const QString &expected : {u"qwen2"_s, u"Q4_K_M"_s, u"32,768"_s, u"24"_s, u"gpt2, 4,096 tokens"_s})
            QVERIFY2(facts.contains(expected), qPrintable(expected + u" not in "_s + facts));
        QVERIFY2(storageReads() <= 2, qPrintable(QString::number(storageReads())));
        const QString fit = panel->fitLabel()->text();
        QVERIFY2(fit.contains(u"GPU 512.0 MiB"_s), qPrintable(fit));
        QVERIFY2(fit.contains(u"0.5b-gguf-q4-km: <b style=\"color:#2e7d32\">Fits in GPU</b>"_s), qPrintable(fit));
        // Another size on another branch: its own header tells, once it is read.
        QVERIFY2(fit.contains(u"1.5b-gguf-q4-km: another model; pick it to read its header"_s), qPrintable(fit));
        QCOMPARE(fit.count(u"recommended here"_s), 1);
        shot(u"insight-gguf"_s);

        // The other variant, picked in the details pane: its own header (Qwen's whole
        // vocabulary, read in two range requests).
        m_hub.reset();
        QVERIFY(pick(m_window->detailsPane()->variantPicker(), u"1.5b-gguf-q4-km"_s));
        QTRY_VERIFY_WITH_TIMEOUT(panel->shownVariant() == u"1.5b-gguf-q4-km"_s && !panel->isReading(), 20000);
        QVERIFY2(panel->factsLabel()->text().contains(u"gpt2, 151,936 tokens"_s),
                 qPrintable(panel->factsLabel()->text()));
        QCOMPARE(storageReads(), 2);
        QTRY_VERIFY2(panel->fitLabel()->text().contains(u"1.5b-gguf-q4-km: <b style=\"color:#8d6e00\">GPU + RAM</b>"_s),
                     qPrintable(panel->fitLabel()->text()));

        // A longer context: the cache grows and the 0.5b no longer fits the GPU alone.
        QVERIFY(pick(panel->contextPicker(), u"32,768 tokens"_s));
        QTRY_VERIFY2(panel->fitLabel()->text().contains(u"0.5b-gguf-q4-km: <b style=\"color:#8d6e00\">GPU + RAM</b>"_s),
                     qPrintable(panel->fitLabel()->text()));
        shot(u"insight-gguf-long-context"_s);

        // Back to the first: from the catalog's cache, nothing fetched.
        m_hub.reset();
        QVERIFY(pick(m_window->detailsPane()->variantPicker(), u"0.5b-gguf-q4-km"_s));
        QTRY_VERIFY(panel->shownVariant() == u"0.5b-gguf-q4-km"_s && !panel->isReading());
        QCOMPARE(storageReads(), 0);
    }

    void aLoraShowsItsTrainingMetadata()
    {
        const QPersistentModelIndex model = findModel(u"civitai:4201"_s, u"Demo Style LoRA Pack"_s);
        QVERIFY(model.isValid());
        click(model);
        Ui::InsightPanel *panel = m_window->detailsPane()->insightPanel();
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible() && !panel->isReading(), 20000);
        const QString facts = panel->factsLabel()->text();
        QVERIFY2(facts.contains(u"networks.lora, dim 32, alpha 16.0"_s), qPrintable(facts));
        QVERIFY2(facts.contains(u"Trigger words"_s), qPrintable(facts));
        QVERIFY(!panel->fitLabel()->isVisible());
        shot(u"insight-lora"_s);
    }

    // Last: the window closes (cleanupTestCase) while a header is still being read from a
    // slow hub; nothing may touch what is already gone (this crashed at exit once).
    void aHeaderReadInFlightWhenTheWindowClosesIsDropped()
    {
        QVERIFY(m_hub.addScenario(
                    QJsonObject{{u"fault"_s, u"slow"_s}, {u"origin"_s, u"storage"_s}, {u"rate"_s, 2000}}) >= 0);
        const QPersistentModelIndex model = findModel(u"modeldock-demo/SmolLM-Split-GGUF"_s, u"SmolLM"_s);
        QVERIFY(model.isValid());
        click(model);
        Ui::InsightPanel *panel = m_window->detailsPane()->insightPanel();
        QTRY_VERIFY(panel->isVisible() && panel->isReading());
    }
};

QTEST_MAIN(TestJourneysInsight)
#include "tst_journeys_insight.moc"
