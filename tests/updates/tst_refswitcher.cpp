// A plain re-download of a newer commit (what the Download action and `modeldock-cli
// download` do) never moves refs/main to a snapshot that is still filling up.
#include "library/storagelayout.h"
#include "updates/refswitcher.h"
#include "updates/snapshotmanager.h"
#include "updatetesthelpers.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Updates;
using UpdateTest::Stack;

class TestRefSwitcher : public QObject
{
    Q_OBJECT
private:
    QString m_repo;
    // One hub for the whole class: every `change` mutation hits the same repo and model again,
    // so each test downloads what the hub serves now, then changes it once more.
    std::unique_ptr<TestHub> m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;

    QString cache() const { return m_dir->filePath(QStringLiteral("hub")); }
    QString history() const { return m_dir->filePath(QStringLiteral("history.json")); }
    QString ref() const
    {
        return UpdateTest::readSmall(cache() + QLatin1Char('/') + Library::StorageLayout::hfRepoFolderName(m_repo) +
                                     QStringLiteral("/refs/main"));
    }
    Plan::DownloadPlanner::Options options() const
    {
        Plan::DownloadPlanner::Options o;
        o.hfCacheDir = cache();
        return o;
    }
    // Downloads the repo, then lets the hub move on; returns the commit downloaded first.
    QString downloadThenChange(Stack &stack)
    {
        if (!stack.downloadAll(stack.plan(m_repo, options()).files))
            return {};
        const QString first = ref();
        m_hub->mutateCatalog(0, 1, 0);
        return first;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_repo = UpdateTest::firstChanged().first;
        QVERIFY(!m_repo.isEmpty());
        m_hub = std::make_unique<TestHub>();
        QVERIFY2(m_hub->start({QStringLiteral("--big-file-mb"), QStringLiteral("2")}),
                 qPrintable(m_hub->errorString()));
    }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup()
    {
        m_hub->reset();  // scenarios and the request log
        m_dir.reset();
    }

    void theRefMovesOnlyOnceTheWholeNewCommitIsThere()
    {
        Stack stack(*m_hub);
        const QString oldCommit = downloadThenChange(stack);
        QCOMPARE(oldCommit.size(), 40);
        QVERIFY(m_hub->addScenario({{QStringLiteral("origin"), QStringLiteral("storage")},
                                    {QStringLiteral("fault"), QStringLiteral("slow")},
                                    {QStringLiteral("rate"), 160 * 1024}}) > 0);
        RefSwitcher switcher(&stack.pool, history());
        QSignalSpy switched(&switcher, &RefSwitcher::switched);
        const QList<Download::FileRequest> files = stack.plan(m_repo, options()).files;
        const QString newCommit = files.first().destination.commit;
        QVERIFY(newCommit != oldCommit);
        Download::GroupId group = 0;
        switcher.track(stack.add(files, &group), files);
        // While files of the new commit land one by one, readers keep the old one.
        int checks = 0;
        while (!stack.pool.group(group).isFinished()) {
            QCOMPARE(ref(), oldCommit);
            ++checks;
            QTest::qWait(10);
        }
        QVERIFY(checks > 5);
        QTRY_COMPARE(ref(), newCommit);
        QCOMPARE(switched.count(), 1);
        // And the switch is remembered, so Roll back works after a plain download too.
        QCOMPARE(SnapshotManager(cache(), history()).previousCommit(m_repo, QStringLiteral("main")), oldCommit);
    }

    void aFailedFileLeavesTheRefAtThePreviousVersion()
    {
        Stack stack(*m_hub);
        const QString oldCommit = downloadThenChange(stack);
        const QList<Download::FileRequest> files = stack.plan(m_repo, options()).files;
        // The file whose content changed is the one not on disk yet: the hub refuses it.
        QString changedPath;
        for (const Download::FileRequest &file : files) {
            if (!Library::StorageLayout::isPresent(file.destination, file.expectedSize) &&
                !file.destination.relativePath.startsWith(QLatin1String("notes-")))
                changedPath = file.destination.relativePath;
        }
        QVERIFY(!changedPath.isEmpty());
        QVERIFY(m_hub->addScenario({{QStringLiteral("path"), QFileInfo(changedPath).fileName()},
                                    {QStringLiteral("fault"), QStringLiteral("status")},
                                    {QStringLiteral("status"), 404}}) > 0);
        RefSwitcher switcher(&stack.pool, history());
        QSignalSpy held(&switcher, &RefSwitcher::held);
        Download::GroupId group = 0;
        switcher.track(stack.add(files, &group), files);
        QTRY_VERIFY_WITH_TIMEOUT(stack.pool.group(group).isFinished(), 30000);
        QVERIFY(stack.pool.group(group).failed >= 1);
        QTRY_COMPARE(held.count(), 1);
        QVERIFY2(held.first().first().toString().contains(oldCommit.left(8)),
                 qPrintable(held.first().first().toString()));
        QCOMPARE(ref(), oldCommit);
    }

    void aPartOfTheNewCommitDoesNotHideFilesOfThePreviousVersion()
    {
        Stack stack(*m_hub);
        const QString oldCommit = downloadThenChange(stack);
        Plan::DownloadPlanner::Options only = options();
        only.includes << QStringLiteral("notes-*");
        // Just the file the new commit added (earlier changes left notes that are on disk).
        QList<Download::FileRequest> files;
        for (const Download::FileRequest &file : stack.plan(m_repo, only).files) {
            if (!Library::StorageLayout::isPresent(file.destination, file.expectedSize))
                files << file;
        }
        QCOMPARE(files.size(), 1);
        RefSwitcher switcher(&stack.pool, history());
        QSignalSpy held(&switcher, &RefSwitcher::held);
        Download::GroupId group = 0;
        switcher.track(stack.add(files, &group), files);
        QTRY_COMPARE_WITH_TIMEOUT(held.count(), 1, 30000);
        QCOMPARE(stack.pool.group(group).completed, 1);
        QVERIFY2(held.first().first().toString().contains(QLatin1String("not complete")),
                 qPrintable(held.first().first().toString()));
        QCOMPARE(ref(), oldCommit);
    }
};

QTEST_GUILESS_MAIN(TestRefSwitcher)
#include "tst_refswitcher.moc"
