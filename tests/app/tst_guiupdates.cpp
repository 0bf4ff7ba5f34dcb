// The desktop app as main() builds it, for what issue 6 adds there: Update and Roll back on a
// model the hub changed, the activity log with settings changes and refused edits, and new
// downloads going to a folder changed while the app runs. Real hub, real files, real SQLite.
#include "activity/activitylog.h"
#include "activitymodel.h"
#include "catalog/catalogstore.h"
#include "catalog/source.h"
#include "catalog/syncengine.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "download/downloadpool.h"
#include "downloadrequester.h"
#include "guicomposition.h"
#include "library/storagelayout.h"
#include "mainwindow.h"
#include "modelupdateactions.h"
#include "settings/bindings.h"
#include "settings/settingscenter.h"
#include "settings/settingsfilewatcher.h"
#include "settings/settingsschema.h"
#include "testhub.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDialog>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Settings;

class TestGuiUpdates : public QObject
{
    Q_OBJECT
private:
    QString m_changedRepo;  // what the hub's first change hits
    std::unique_ptr<TestHub> m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SettingsCenter> m_settings;
    std::unique_ptr<App::GuiComposition> m_app;
    std::unique_ptr<Ui::MainWindow> m_window;

    QString cache() const { return m_dir->filePath(QStringLiteral("hub")); }
    QString ref(const QString &root, const QString &repo) const
    {
        QFile file(root + QLatin1Char('/') + Library::StorageLayout::hfRepoFolderName(repo) +
                   QStringLiteral("/refs/main"));
        return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()) : QString();
    }
    bool syncAll()
    {
        m_window->refreshAction()->trigger();
        return QTest::qWaitFor([this] { return !m_app->engine()->isBusy(); }, 60000);
    }
    // Shows the one model whose key is `key` and makes it the current row.
    bool select(const QString &key)
    {
        m_window->searchField()->setText(key.section(QLatin1Char('/'), 1));
        QSortFilterProxyModel *proxy = m_window->catalogPane()->proxy();
        return QTest::qWaitFor(
            [&] {
                for (int row = 0; row < proxy->rowCount(); ++row) {
                    const QModelIndex index = proxy->index(row, 0);
                    if (index.data(Ui::CatalogModel::ModelKeyRole).toString() == key) {
                        m_window->catalogView()->setCurrentIndex(index);
                        return true;
                    }
                }
                return false;
            },
            10000);
    }
    // Downloads the current model and waits until the catalog records it as verified (the
    // catalog is written when the pool reports each task, a moment after the files land).
    bool downloadCurrent()
    {
        const QString key = m_window->catalogView()->currentIndex().data(Ui::CatalogModel::ModelKeyRole).toString();
        m_window->downloadAction()->trigger();
        if (!QTest::qWaitFor([this] { return m_window->requester()->summaryDialog() != nullptr; }, 30000))
            return false;
        m_window->requester()->summaryDialog()->accept();
        Download::DownloadPool *pool = m_app->pool();
        return QTest::qWaitFor(
            [this, pool, key] {
                for (Download::GroupId group : pool->groups()) {
                    if (!pool->group(group).isFinished())
                        return false;
                }
                return !pool->groups().isEmpty() && m_app->store()->modelState(key) == Catalog::LocalState::Verified;
            },
            60000);
    }
    QString activityText() const
    {
        QStringList lines;
        for (const Activity::Event &event : m_app->activityLog()->events())
            lines << event.source + QStringLiteral(": ") + event.text;
        return lines.join(QLatin1Char('\n'));
    }
    bool activityContains(const QString &text) const
    {
        for (const Activity::Event &event : m_app->activityLog()->events()) {
            if (event.text.contains(text))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        TestHub scout;
        QVERIFY2(scout.start({QStringLiteral("--big-file-mb"), QStringLiteral("2")}), qPrintable(scout.errorString()));
        m_changedRepo = scout.mutateCatalog(0, 1, 0).value(QLatin1String("changed")).toArray().first().toString();
        QVERIFY(!m_changedRepo.isEmpty());
    }

    void init()
    {
        m_hub = std::make_unique<TestHub>();
        QVERIFY2(m_hub->start({QStringLiteral("--big-file-mb"), QStringLiteral("2")}),
                 qPrintable(m_hub->errorString()));
        m_dir = std::make_unique<QTemporaryDir>();
        Config::RuntimeConfig runtime = Config::RuntimeConfig::defaults();
        runtime.dataDir = m_dir->filePath(QStringLiteral("data"));
        runtime.hfEndpoint = m_hub->hfUrl();
        runtime.civitaiEndpoint = m_hub->civitaiUrl();
        runtime.hfCacheDir = cache();
        runtime.libraryDir = m_dir->filePath(QStringLiteral("library"));
        QDir().mkpath(runtime.dataDir);
        m_settings = std::make_unique<SettingsCenter>(
            SettingsSchema::standard(runtime), QDir(runtime.dataDir).filePath(QStringLiteral("settings.sqlite")));
        QString error;
        QVERIFY2(m_settings->open(&error), qPrintable(error));
        m_app = App::GuiComposition::create(runtime, m_settings.get(), &error);
        QVERIFY2(m_app, qPrintable(error));
        m_window = std::make_unique<Ui::MainWindow>(m_app->services());
        m_app->attach(m_window.get());
        m_window->show();
        // The default sources list neither repo the tests use: follow them.
        for (const QString &repo : {m_changedRepo, QStringLiteral("modeldock-demo/plain-model-05")}) {
            Catalog::Source source;
            source.name = repo;
            source.kind = Catalog::Source::Kind::HfRepo;
            source.target = repo;
            QVERIFY2(m_app->engine()->addSource(&source, &error), qPrintable(error));
        }
    }

    void cleanup()
    {
        m_window.reset();
        m_app.reset();
        m_settings.reset();
        m_dir.reset();
        m_hub.reset();
    }

    void updateAndRollBackAModelTheHubChanged()
    {
        QVERIFY(syncAll());
        QVERIFY(select(m_changedRepo));
        Ui::ModelUpdateActions *actions = m_window->updateActions();
        QVERIFY(actions);
        QVERIFY(!actions->updateAction()->isEnabled());  // nothing downloaded yet
        QVERIFY(!actions->rollbackAction()->isEnabled());
        QVERIFY(downloadCurrent());
        const QString oldCommit = ref(cache(), m_changedRepo);
        QCOMPARE(oldCommit.size(), 40);
        QTRY_COMPARE(m_app->store()->modelState(m_changedRepo), Catalog::LocalState::Verified);

        // The hub moves on; the next sync says so and Update becomes available.
        m_hub->mutateCatalog(0, 1, 0);
        QVERIFY(syncAll());
        QTRY_COMPARE(m_app->store()->modelState(m_changedRepo), Catalog::LocalState::UpdateAvailable);
        QVERIFY(select(m_changedRepo));
        QTRY_VERIFY(actions->updateAction()->isEnabled());
        QVERIFY(m_window->catalogView()->actions().contains(actions->updateAction()));  // context menu too

        actions->updateAction()->trigger();
        QVERIFY(!actions->updateAction()->isEnabled());  // one update at a time
        QTRY_VERIFY_WITH_TIMEOUT(ref(cache(), m_changedRepo) != oldCommit, 60000);
        const QString newCommit = ref(cache(), m_changedRepo);
        QTRY_VERIFY(activityContains(QStringLiteral("Updated ") + m_changedRepo));
        // What it would fetch was said before it started.
        QVERIFY2(activityContains(m_changedRepo + QStringLiteral(" has a newer version: fetching ")),
                 qPrintable(activityText()));
        QTRY_COMPARE(m_app->store()->modelState(m_changedRepo), Catalog::LocalState::Verified);
        QTRY_VERIFY(actions->rollbackAction()->isEnabled());
        QVERIFY(!actions->updateAction()->isEnabled());

        actions->rollbackAction()->trigger();
        QCOMPARE(ref(cache(), m_changedRepo), oldCommit);
        QVERIFY(activityContains(QStringLiteral("Rolled ") + m_changedRepo));
        QCOMPARE(m_app->store()->modelState(m_changedRepo), Catalog::LocalState::UpdateAvailable);
        QVERIFY(actions->updateAction()->isEnabled());
        QVERIFY(!actions->rollbackAction()->isEnabled());
        // Updating again finds the newer snapshot still on disk.
        actions->updateAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ref(cache(), m_changedRepo), newCommit, 30000);
    }

    void aPlainReDownloadKeepsTheOldVersionUntilTheNewOneIsComplete()
    {
        QVERIFY(syncAll());
        QVERIFY(select(m_changedRepo));
        QVERIFY(downloadCurrent());
        const QString oldCommit = ref(cache(), m_changedRepo);
        m_hub->mutateCatalog(0, 1, 0);
        QVERIFY(syncAll());
        QVERIFY(m_hub->addScenario({{QStringLiteral("origin"), QStringLiteral("storage")},
                                    {QStringLiteral("fault"), QStringLiteral("slow")},
                                    {QStringLiteral("rate"), 64 * 1024}}) > 0);
        QVERIFY(select(m_changedRepo));
        m_window->downloadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->requester()->summaryDialog() != nullptr, 30000);
        m_window->requester()->summaryDialog()->accept();
        Download::DownloadPool *pool = m_app->pool();
        QTRY_COMPARE(pool->groups().size(), 2);
        const Download::GroupId group = pool->groups().last();
        while (!pool->group(group).isFinished()) {
            QCOMPARE(ref(cache(), m_changedRepo), oldCommit);
            QTest::qWait(10);
        }
        QTRY_VERIFY2(ref(cache(), m_changedRepo) != oldCommit, qPrintable(activityText()));
        QTRY_VERIFY(activityContains(QStringLiteral("switched from ") + oldCommit.left(8)));
        QVERIFY(select(m_changedRepo));
        QTRY_VERIFY(m_window->updateActions()->rollbackAction()->isEnabled());
    }

    void theActivityDockShowsChangesWithTheirSourceAndRefusedEdits()
    {
        QTreeView *view = m_window->activityView();
        QVERIFY(view);
        QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m_settings->apply({{QString::fromLatin1(Keys::MaxActive), 7}}, ChangeSource::Gui).ok);
        // The newest row with that text: syncs and downloads are in the log too.
        const auto lastRowWith = [view](const QString &text) {
            for (int row = view->model()->rowCount() - 1; row >= 0; --row) {
                const QModelIndex index = view->model()->index(row, Ui::ActivityModel::TextColumn);
                if (index.data().toString().contains(text))
                    return index;
            }
            return QModelIndex();
        };
        QTRY_VERIFY(lastRowWith(QStringLiteral("download.maxActive")).isValid());
        const QModelIndex applied = lastRowWith(QStringLiteral("download.maxActive"));
        QVERIFY2(applied.data().toString().contains(QStringLiteral("download.maxActive 4 → 7")),
                 qPrintable(applied.data().toString()));
        QVERIFY2(applied.data().toString().contains(QLatin1String("from gui")), qPrintable(applied.data().toString()));

        // A hand edit of the settings file that breaks a rule: refused, and the user sees why.
        const QString file = m_dir->filePath(QStringLiteral("data/modeldock.json"));
        SettingsFileWatcher watcher(m_settings.get(), file);
        bindActivityLog(&watcher, m_app->activityLog());
        QFile edit(file);
        QVERIFY(edit.open(QIODevice::WriteOnly));
        edit.write(R"({"download.maxPerHost": 40})");
        edit.close();
        QTRY_VERIFY_WITH_TIMEOUT(activityContains(QStringLiteral("was refused")), 5000);
        const QModelIndex refused = lastRowWith(QStringLiteral("was refused"));
        QVERIFY(refused.data().toString().contains(QLatin1String("download.maxPerHost")));
        QCOMPARE(refused.siblingAtColumn(Ui::ActivityModel::SourceColumn).data().toString(),
                 QStringLiteral("settings file"));
        QCOMPARE(refused.data(Ui::ActivityModel::LevelRole).toInt(), int(Activity::Event::Level::Warning));
        QCOMPARE(m_settings->integer(Keys::MaxPerHost), 4);
    }

    void newDownloadsGoToTheFolderSetWhileTheAppRuns()
    {
        QVERIFY(syncAll());
        const QString moved = m_dir->filePath(QStringLiteral("moved-cache"));
        QVERIFY(m_settings->apply({{QString::fromLatin1(Keys::HfCacheDir), moved}}, ChangeSource::Gui).ok);
        QCOMPARE(m_window->requester()->planOptions().hfCacheDir, moved);
        const QString repo = QStringLiteral("modeldock-demo/plain-model-05");
        QVERIFY(select(repo));
        QVERIFY(downloadCurrent());
        QCOMPARE(ref(moved, repo).size(), 40);
        QVERIFY(ref(cache(), repo).isEmpty());
        QTRY_COMPARE(m_app->store()->modelState(repo), Catalog::LocalState::Verified);
    }
};

QTEST_MAIN(TestGuiUpdates)
#include "tst_guiupdates.moc"
