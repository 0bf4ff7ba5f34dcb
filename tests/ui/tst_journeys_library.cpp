// Journeys of the library (issue 13) through the real window: what another program does to
// the shared Hugging Face cache shows in the running app within a second, and a model that
// is already on disk elsewhere is linked instead of fetched.
#include "catalog/catalogstore.h"
#include "catalogmodel.h"
#include "clirun.h"
#include "download/downloadpool.h"
#include "downloadsummarydialog.h"
#include "itemstate.h"
#include "journeyfixture.h"
#include "settings/settingsschema.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

class TestJourneysLibrary : public JourneyFixture
{
    Q_OBJECT
private:
    // The variant's row as the tree shows it now (a refresh may rebuild the rows).
    QModelIndex variantRow(const QString &key, const QString &variant)
    {
        for (int row = 0; row < proxy()->rowCount(); ++row) {
            const QModelIndex model = proxy()->index(row, 0);
            if (model.data(Ui::CatalogModel::ModelKeyRole).toString() == key)
                return childNamed(model, variant);
        }
        return {};
    }
    Ui::ItemState stateOf(const QString &variant)
    {
        return Ui::ItemState(variantRow(kTiny, variant)
                                 .siblingAtColumn(Ui::CatalogModel::StateColumn)
                                 .data(Ui::CatalogModel::ItemStateRole)
                                 .toInt());
    }
    // modeldock-cli as another terminal runs it: the same cache, its own data folder.
    Cli::Result cli(const QStringList &arguments)
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(u"HF_ENDPOINT"_s, m_hub.hfUrl().toString());
        env.insert(u"MODELDOCK_CIVITAI_ENDPOINT"_s, m_hub.civitaiUrl().toString());
        env.insert(u"MODELDOCK_DATA_DIR"_s, m_dir->filePath(u"cli-data"_s));
        env.insert(u"HF_HUB_CACHE"_s, cache());
        env.insert(u"MODELDOCK_LIBRARY"_s, library());
        return Cli::run(arguments, env);
    }

private Q_SLOTS:
    void initTestCase() { setUpJourneys(); }
    void cleanupTestCase() { tearDownJourneys(); }
    void cleanup() { closeDialogs(); }

    void aDownloadByTheCliShowsInTheOpenWindowWithinASecond()
    {
        const QPersistentModelIndex model = findModel(kTiny);
        QVERIFY(model.isValid());
        const QPersistentModelIndex quant = childNamed(model, u"Q2_K"_s);
        QVERIFY(quant.isValid());
        QCOMPARE(stateOf(u"Q2_K"_s), Ui::ItemState::None);
        const Cli::Result result = cli({u"download"_s, kTiny, u"--include"_s, u"tinystories.Q2_K.gguf"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
        QElapsedTimer sinceTheCliEnded;
        sinceTheCliEnded.start();
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(u"Q2_K"_s) == Ui::ItemState::Verified, 1000);
        qInfo("the window showed the CLI's download %lld ms after the CLI ended", sinceTheCliEnded.elapsed());
        // What a person reads in the state column.
        QCOMPARE(variantRow(kTiny, u"Q2_K"_s).siblingAtColumn(Ui::CatalogModel::StateColumn).data().toString(),
                 Ui::itemStateText(Ui::ItemState::Verified));
        click(variantRow(kTiny, u"Q2_K"_s));
        shot(u"library-cli-download-shows"_s);
    }

    void aFileDeletedByHandIsNoLongerShownAsDownloaded()
    {
        const QPersistentModelIndex model = findModel(kTiny);
        const QPersistentModelIndex quant = childNamed(model, u"Q2_K"_s);
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(u"Q2_K"_s) == Ui::ItemState::Verified, 5000);
        const QString blob = cache() + u"/models--modeldock-demo--TinyStories-GGUF/blobs/"_s +
                             m_hub.fileInfo(kTiny, u"tinystories.Q2_K.gguf"_s).value(u"sha256"_s).toString();
        QVERIFY(QFile::remove(blob));
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(u"Q2_K"_s) == Ui::ItemState::None, 1000);
    }

    void aModelAlreadyInAnotherAppsFolderIsLinkedNotFetched()
    {
        // The Q8_0 file sits in a folder named in Settings (a ComfyUI or LM Studio folder).
        const QString sha = m_hub.fileInfo(kTiny, u"tinystories.Q8_0.gguf"_s).value(u"sha256"_s).toString();
        const Cli::Result first = cli({u"download"_s, kTiny, u"--include"_s, u"tinystories.Q8_0.gguf"_s});
        QVERIFY2(first.exitCode == 0, qPrintable(first.all()));
        const QString blob = cache() + u"/models--modeldock-demo--TinyStories-GGUF/blobs/"_s + sha;
        const QString elsewhere = m_dir->filePath(u"lmstudio/models/someone/tiny/tinystories.Q8_0.gguf"_s);
        QVERIFY(QDir().mkpath(QFileInfo(elsewhere).absolutePath()));
        QVERIFY(QFile::rename(blob, elsewhere));
        QVERIFY(m_settings
                    ->apply({{QString::fromLatin1(Settings::Keys::ReuseFolders), m_dir->filePath(u"lmstudio"_s)}},
                            Settings::ChangeSource::Gui)
                    .ok);
        const QPersistentModelIndex model = findModel(kTiny);
        const QPersistentModelIndex quant = childNamed(model, u"Q8_0"_s);
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(u"Q8_0"_s) == Ui::ItemState::None, 2000);
        QVERIFY(m_hub.reset());
        click(quant);
        Ui::DownloadSummaryDialog *summary = pressDownload();
        QVERIFY(summary);
        Download::GroupId group = 0;
        QVERIFY(confirmAndWait(summary, &group));
        for (const QJsonValue &request : m_hub.requests(u"storage"_s))
            QVERIFY2(!request[u"path"_s].toString().contains(sha), qPrintable(request[u"path"_s].toString()));
        const QList<Download::TaskId> tasks = m_app->pool()->tasks(group);
        QCOMPARE(tasks.size(), 1);
        QCOMPARE(m_app->pool()->task(tasks.first()).reusedFrom, elsewhere);
        verifyHfFile(kTiny, u"main"_s, u"tinystories.Q8_0.gguf"_s);
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(u"Q8_0"_s) == Ui::ItemState::Verified, 1000);
        if (qEnvironmentVariableIsSet("MODELDOCK_JOURNEY_SHOTS"))
            QTest::qWait(1500);  // the picture: the details pane's list catches up
        shot(u"library-reused-from-another-app"_s);
    }
};

QTEST_MAIN(TestJourneysLibrary)
#include "tst_journeys_library.moc"
