// Find my models (issue 13) through the real window: model files another app keeps (a
// ComfyUI-like folder named in Settings) are hashed, identified on the test hub's Civitai in
// one lookup, get their previews and sidecars from one click, and "Update all" downloads the
// newer version through the summary as one group in the Downloads dashboard.
#include "download/downloadpool.h"
#include "downloadrequester.h"
#include "downloadsdashboard.h"
#include "downloadsmodel.h"
#include "downloadsummarydialog.h"
#include "identifydialog.h"
#include "identifymodel.h"
#include "journeyfixture.h"
#include "settings/settingsschema.h"
#include "testfiles.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

class TestJourneysIdentify : public JourneyFixture
{
    Q_OBJECT
private:
    QString comfy() const { return m_dir->filePath(u"ComfyUI/models"_s); }

    int lookups()
    {
        int n = 0;
        for (const QJsonValue &r : m_hub.requests(u"civitai"_s))
            n += r[u"method"_s].toString() == u"POST"_s ? 1 : 0;
        return n;
    }

    int rowOf(const Ui::IdentifyModel *model, const QString &fileName)
    {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, Ui::IdentifyModel::FileColumn).data().toString() == fileName)
                return row;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase() { setUpJourneys(); }
    void cleanupTestCase() { tearDownJourneys(); }
    void cleanup() { closeDialogs(); }

    void findMyModelsIdentifiesWritesSidecarsAndUpdatesAll()
    {
        QVERIFY(TestFiles::write(comfy() + u"/loras/myStyle.safetensors"_s, m_hub.civitaiFile(420059)));
        QVERIFY(TestFiles::write(comfy() + u"/checkpoints/demo.safetensors"_s, m_hub.civitaiFile(420102)));
        QVERIFY(TestFiles::write(comfy() + u"/loras/homemade.safetensors"_s, "trained at home"));
        const QString newerName = m_hub.civitaiVersion(420060).value(u"name"_s).toString();
        QVERIFY(m_settings
                    ->apply({{QString::fromLatin1(Settings::Keys::ReuseFolders), m_dir->filePath(u"ComfyUI"_s)}},
                            Settings::ChangeSource::Gui)
                    .ok);
        QVERIFY(m_hub.reset());

        // File → Find my models…, as a person picks it from the menu.
        QAction *action = m_window->findMyModelsAction();
        QVERIFY(action && action->isEnabled());
        QMenu *file = nullptr;
        for (QAction *menu : m_window->menuBar()->actions()) {
            if (menu->menu() && menu->menu()->actions().contains(action))
                file = menu->menu();
        }
        QVERIFY2(file, "Find my models is in no menu");
        QCOMPARE(file->title(), u"&File"_s);
        action->trigger();
        Ui::IdentifyDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<Ui::IdentifyDialog *>()) && dialog->isVisible());
        QAbstractItemModelTester tester(dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // On failure, the dialog's status line says which step never ended (a hang seen once in CI).
        QTRY_VERIFY2_WITH_TIMEOUT(!dialog->isBusy() && dialog->model()->rowCount() > 0,
                                  qPrintable(dialog->statusLabel()->text()), 60000);
        const Ui::IdentifyModel *model = dialog->model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(lookups(), 1);
        // The catalog lists the LoRA pack (a source syncs it): its newest version is known
        // without reading the model from the hub.
        for (const QJsonValue &r : m_hub.requests(u"civitai"_s))
            QVERIFY2(r[u"path"_s].toString() != u"/api/v1/models/4201"_s, "the catalog's model was asked for");
        const int lora = rowOf(model, u"myStyle.safetensors"_s);
        const int checkpoint = rowOf(model, u"demo.safetensors"_s);
        QVERIFY(lora >= 0 && checkpoint >= 0);
        QCOMPARE(model->index(lora, Ui::IdentifyModel::ModelColumn).data().toString(), u"Demo Style LoRA Pack"_s);
        QCOMPARE(model->index(lora, Ui::IdentifyModel::HubColumn).data().toString(), u"Civitai"_s);
        QCOMPARE(model->index(lora, Ui::IdentifyModel::NewerColumn).data().toString(), newerName);
        QCOMPARE(
            model->index(lora, Ui::IdentifyModel::NewerColumn).data(Ui::IdentifyModel::NewerVersionIdRole).toLongLong(),
            420060);
        QCOMPARE(model->index(checkpoint, Ui::IdentifyModel::ModelColumn).data().toString(), u"Demo Checkpoint"_s);
        QCOMPARE(model->index(checkpoint, Ui::IdentifyModel::NewerColumn).data().toString(), QString());
        QVERIFY2(dialog->statusLabel()->text().startsWith(u"Identified 2 of "_s),
                 qPrintable(dialog->statusLabel()->text()));
        for (QWidget *widget : std::initializer_list<QWidget *>{dialog->view(), dialog->writeSidecarsButton(),
                                                                dialog->updateAllButton(), dialog->statusLabel()})
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
        dialog->view()->selectRow(lora);
        shot(u"identify-found"_s);

        // Write previews and sidecars: beside the files, where ComfyUI's managers read them.
        QVERIFY(dialog->writeSidecarsButton()->isEnabled());
        QTest::mouseClick(dialog->writeSidecarsButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(comfy() + u"/loras/myStyle.preview.png"_s), 20000);
        QTRY_VERIFY(QFileInfo::exists(comfy() + u"/checkpoints/demo.preview.png"_s));
        QTRY_VERIFY(dialog->writeSidecarsButton()->isEnabled());
        const QJsonObject info =
            QJsonDocument::fromJson(TestFiles::readAll(comfy() + u"/loras/myStyle.civitai.info"_s)).object();
        QCOMPARE(info.value(u"id"_s).toInteger(), 420059);
        QVERIFY(QFileInfo::exists(comfy() + u"/checkpoints/demo.civitai.info"_s));
        QVERIFY(!QFileInfo::exists(comfy() + u"/loras/homemade.civitai.info"_s));

        // Update all: the window's summary, then one group in the Downloads dashboard.
        QVERIFY(dialog->updateAllButton()->isEnabled());
        QTest::mouseClick(dialog->updateAllButton(), Qt::LeftButton);
        Ui::DownloadSummaryDialog *summary = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((summary = m_window->requester()->summary()) && summary->isVisible(), 30000);
        // The catalog lists the model: the summary names its version row, as a pick in the tree would.
        QCOMPARE(ticked(summary), QStringList{u"Demo Style LoRA Pack · "_s + newerName + u"/"_s +
                                              m_hub.civitaiVersion(420060)[u"files"_s][0][u"name"_s].toString()});
        shot(u"identify-update-all"_s);
        Download::GroupId group = 0;
        const qsizetype groups = m_app->pool()->groups().size();
        QVERIFY(confirmAndWait(summary, &group));
        QCOMPARE(m_app->pool()->groups().size(), groups + 1);
        // One group in the Downloads dashboard, named as the requester names one version.
        QTRY_VERIFY(m_window->dashboard()->model()->indexForGroup(group).isValid());
        const QModelIndex row = m_window->dashboard()->model()->indexForGroup(group);
        QCOMPARE(m_window->dashboard()->model()->rowCount(row), 1);
        QCOMPARE(row.data().toString(), u"civitai:4201@420060"_s);
        dialog->close();
        shot(u"identify-updated"_s);
        verifyCivitaiModelInLibrary(4201);
        QStringList found;
        QDirIterator it(library(), {u"*.safetensors"_s}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        QCOMPARE(found.size(), 1);
        QCOMPARE(TestFiles::readAll(found.first()), m_hub.civitaiFile(420060));
    }

    void aBrokenAnswerIsSaidInTheDialogAndAskedAgainLater()
    {
        // A file the first journey did not see (and the newer version it downloaded into the
        // library), so a lookup is needed.
        QVERIFY(TestFiles::write(comfy() + u"/loras/another.safetensors"_s, "another home-made LoRA"));
        QVERIFY(m_hub.reset());
        QVERIFY(m_hub.addScenario(QJsonObject{{u"origin"_s, u"civitai"_s},
                                              {u"path"_s, u"/by-hash"_s},
                                              {u"fault"_s, u"malformed_json"_s},
                                              {u"count"_s, 1}}) > 0);
        m_window->findMyModelsAction()->trigger();
        Ui::IdentifyDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<Ui::IdentifyDialog *>()) && dialog->isVisible());
        // On failure, the dialog's status line says which step never ended (a hang seen once in CI).
        QTRY_VERIFY2_WITH_TIMEOUT(!dialog->isBusy() && dialog->model()->rowCount() > 0,
                                  qPrintable(dialog->statusLabel()->text()), 60000);
        const QString status = dialog->statusLabel()->text();
        QVERIFY2(status.contains(u"\nCivitai sent a malformed answer for a lookup of 2 file hashes"_s),
                 qPrintable(status));
        // What was found before is still listed: it came from identities.sqlite.
        QCOMPARE(dialog->model()->rowCount(), 2);
        QCOMPARE(lookups(), 1);
        shot(u"identify-broken-answer"_s);
        dialog->close();

        // The next time the hub answers, and only the file not answered is asked about.
        QVERIFY(m_hub.reset());
        m_window->findMyModelsAction()->trigger();
        QTRY_VERIFY((dialog = m_window->findChild<Ui::IdentifyDialog *>()) && dialog->isVisible());
        // On failure, the dialog's status line says which step never ended (a hang seen once in CI).
        QTRY_VERIFY2_WITH_TIMEOUT(!dialog->isBusy() && dialog->model()->rowCount() > 0,
                                  qPrintable(dialog->statusLabel()->text()), 60000);
        QVERIFY2(!dialog->statusLabel()->text().contains(u"malformed"_s), qPrintable(dialog->statusLabel()->text()));
        QCOMPARE(lookups(), 1);
        QCOMPARE(dialog->model()->rowCount(), 3);  // now with the library's newer version
    }
};

QTEST_MAIN(TestJourneysIdentify)
#include "tst_journeys_identify.moc"
