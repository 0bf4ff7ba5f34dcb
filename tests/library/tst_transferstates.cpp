// The catalog's transfer states follow the download pool, whoever added the task: a file
// queued, downloading, verified or failed shows so in the catalog, and a task restored from
// the journal after a restart keeps saying what it is. Real catalog (synced from the test
// hub), real pool and journal, real files.

#include "../catalog/syncstack.h"
#include "download/downloadpool.h"
#include "download/journal.h"
#include "plan/downloadplanner.h"
#include "plan/transferstates.h"
#include "testhub.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Catalog::LocalState;
using Download::DownloadPool;
using Download::TaskState;
using Plan::TransferStates;

namespace {
const QString kTiny = u"modeldock-demo/TinyStories-GGUF"_s;
const QString kQ2 = u"tinystories.Q2_K.gguf"_s;

Download::PoolOptions quickOptions()
{
    Download::PoolOptions o;
    o.backoffBase = std::chrono::milliseconds(50);
    o.backoffCap = std::chrono::milliseconds(200);
    o.maxAttempts = 2;
    return o;
}
}  // namespace

class TestTransferStates : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SyncStack> m_stack;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    // The state the catalog stores for one file of a model.
    LocalState stateOf(const QString &modelKey, const QString &file) const
    {
        const std::optional<Catalog::ModelRecord> model = m_stack->store.model(modelKey);
        if (!model)
            return LocalState::None;
        for (const Catalog::VariantRecord &variant : model->variants) {
            for (const Catalog::FileRecord &f : variant.files) {
                if (f.path == file)
                    return f.state;
            }
        }
        return LocalState::None;
    }

    QList<Download::FileRequest> plan(const QString &text, const QStringList &include = {})
    {
        Plan::DownloadTarget target;
        QString error;
        if (!Plan::DownloadTarget::parse(text, &target, &error))
            qFatal("bad target: %s", qPrintable(error));
        Plan::DownloadPlanner::Options options;
        options.hfCacheDir = path(u"hub"_s);
        options.libraryDir = path(u"library"_s);
        options.includes = include;
        Plan::DownloadPlanner planner(&m_stack->hfClient, &m_stack->civitaiClient);
        std::optional<Plan::DownloadPlan> result;
        planner.plan(target, options, this, [&result](const Plan::DownloadPlan &p) { result = p; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
            qFatal("no plan for %s", qPrintable(text));
        return result->files;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString())); }

    void init()
    {
        QVERIFY(m_hub.reset());
        m_dir = std::make_unique<QTemporaryDir>();
        m_stack = std::make_unique<SyncStack>(m_dir->path(), m_hub.hfUrl(), m_hub.civitaiUrl());
        QVERIFY(m_stack->ok);
        Catalog::Source hf;
        hf.name = u"tiny"_s;
        hf.kind = Catalog::Source::Kind::HfRepo;
        hf.target = kTiny;
        QCOMPARE(m_stack->sync(m_stack->add(hf)).phase, Catalog::SyncState::Phase::Synced);
        Catalog::Source civitai;
        civitai.name = u"lora"_s;
        civitai.kind = Catalog::Source::Kind::CivitaiModel;
        civitai.target = u"4201"_s;
        QCOMPARE(m_stack->sync(m_stack->add(civitai)).phase, Catalog::SyncState::Phase::Synced);
    }

    void cleanup()
    {
        m_stack.reset();
        m_dir.reset();
    }

    void aDownloadGoesFromQueuedToVerifiedInTheCatalog()
    {
        Net::Session session;
        DownloadPool pool(&session, quickOptions(), nullptr);
        TransferStates states(&pool, &m_stack->database);
        QSignalSpy changed(&states, &TransferStates::statesChanged);
        const QList<Download::FileRequest> files = plan(kTiny, {kQ2});
        QCOMPARE(files.size(), 1);
        const Download::GroupId group = pool.createGroup(u"tiny"_s);
        const Download::TaskId id = pool.addTask(group, files.first());
        pool.pauseTask(id);  // held before it starts: the catalog says queued
        QTRY_COMPARE(stateOf(kTiny, kQ2), LocalState::Queued);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.last().first().toStringList(), QStringList{m_stack->store.model(kTiny)->key});
        pool.resumeTask(id);
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Completed, 20000);
        QTRY_COMPARE(stateOf(kTiny, kQ2), LocalState::Verified);
    }

    void aCivitaiFileIsFoundByItsHashAndAFailureShows()
    {
        Net::Session session;
        DownloadPool pool(&session, quickOptions(), nullptr);
        TransferStates states(&pool, &m_stack->database);
        const QList<Download::FileRequest> files = plan(u"civitai:4201"_s);
        QVERIFY(!files.isEmpty());
        const Download::FileRequest file = files.first();
        // Every answer for the file is a 500: the task fails after its attempts.
        m_hub.addScenario({{u"origin"_s, u"civitai"_s},
                           {u"path"_s, file.url.path()},
                           {u"fault"_s, u"status"_s},
                           {u"status"_s, 500},
                           {u"count"_s, 100}});
        const QString name = file.destination.relativePath.section(u'/', -1);
        const Download::TaskId id = pool.addTask(pool.createGroup(u"lora"_s), file);
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Failed, 20000);
        QTRY_COMPARE(stateOf(u"civitai:4201"_s, name), LocalState::Failed);
        QVERIFY(m_hub.reset());
        pool.retryTask(id);
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Completed, 20000);
        QTRY_COMPARE(stateOf(u"civitai:4201"_s, name), LocalState::Verified);
    }

    void aTaskRestoredFromTheJournalKeepsItsStateAndFinishes()
    {
        const QString journalPath = path(u"downloads.sqlite"_s);
        const QList<Download::FileRequest> files = plan(kTiny, {kQ2});
        Download::TaskId id = 0;
        {
            Download::Journal journal(journalPath);
            QVERIFY(journal.open());
            Net::Session session;
            DownloadPool pool(&session, quickOptions(), &journal);
            id = pool.addTask(pool.createGroup(u"tiny"_s), files.first());
            pool.pauseTask(id);
        }
        // Another session: the catalog forgot (as after a crash between the two writes).
        QString error;
        QVERIFY(m_stack->store.setFileState(kTiny, {}, kQ2, LocalState::None, &error));
        Download::Journal journal(journalPath);
        QVERIFY(journal.open());
        Net::Session session;
        DownloadPool pool(&session, quickOptions(), &journal);
        pool.restoreFromJournal();
        TransferStates states(&pool, &m_stack->database);
        states.refreshAll();
        QCOMPARE(pool.task(id).state, TaskState::Paused);
        QCOMPARE(stateOf(kTiny, kQ2), LocalState::Queued);
        pool.resumeTask(id);
        QTRY_COMPARE_WITH_TIMEOUT(pool.task(id).state, TaskState::Completed, 20000);
        QTRY_COMPARE(stateOf(kTiny, kQ2), LocalState::Verified);
    }

    void aCancelledDownloadPutsTheFileBackAsItWas()
    {
        Net::Session session;
        DownloadPool pool(&session, quickOptions(), nullptr);
        TransferStates states(&pool, &m_stack->database);
        const QList<Download::FileRequest> files = plan(kTiny, {kQ2});
        const Download::TaskId id = pool.addTask(pool.createGroup(u"new"_s), files.first());
        pool.pauseTask(id);
        QTRY_COMPARE(stateOf(kTiny, kQ2), LocalState::Queued);
        pool.cancelTask(id);
        QTRY_COMPARE(stateOf(kTiny, kQ2), LocalState::None);
        // Verified (on disk) and asked for again: a cancel leaves it verified.
        QString error;
        QVERIFY(m_stack->store.setFileState(kTiny, {}, kQ2, LocalState::Verified, &error));
        const Download::TaskId again = pool.addTask(pool.createGroup(u"again"_s), files.first());
        pool.pauseTask(again);
        QTRY_COMPARE(stateOf(kTiny, kQ2), LocalState::Queued);
        pool.cancelTask(again);
        QTRY_COMPARE(stateOf(kTiny, kQ2), LocalState::Verified);
    }
};

QTEST_GUILESS_MAIN(TestTransferStates)
#include "tst_transferstates.moc"
