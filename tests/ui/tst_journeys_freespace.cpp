// Library actions of the Model menu through the real window (issue 13). Free space… lists the
// earlier versions ModelDock replaced in the shared Hugging Face cache, and Remove deletes
// exactly those and the blobs only they used; a snapshot another tool pinned, and everything a
// ref points at, stay. Make available to LM Studio links a model's GGUF files into LM Studio's
// folder. The cache is laid out on disk as huggingface_hub lays it out.
#include "freespacedialog.h"
#include "journeyfixture.h"
#include "mainwindow.h"
#include "testfiles.h"
#include "updates/snapshotmanager.h"
#include "util/sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {
const QString kRepo = u"acme/retired-model"_s;
const QString kOld = QString(40, u'a');     // main pointed here before the update
const QString kNew = QString(40, u'b');     // main now
const QString kPinned = QString(40, u'c');  // downloaded by another tool at this commit, no ref
}  // namespace

class TestJourneysFreeSpace : public JourneyFixture
{
    Q_OBJECT
private:
    QTemporaryDir m_home;  // HOME for this run: LM Studio's folder is found under it
    QString repo() const { return cache() + u"/models--acme--retired-model"_s; }

    // A blob named by its SHA-256 and a snapshot entry linking to it, as huggingface_hub writes.
    QString addFile(const QString &commit, const QString &path, const QByteArray &content) const
    {
        const QString sha = Util::Sha256::hexOf(content);
        const QString blob = repo() + u"/blobs/"_s + sha;
        QDir().mkpath(QFileInfo(blob).path());
        QFile file(blob);
        if (!file.exists() && file.open(QIODevice::WriteOnly))
            file.write(content);
        const QString entry = repo() + u"/snapshots/"_s + commit + u'/' + path;
        QDir().mkpath(QFileInfo(entry).path());
        QFile::link(u"../../blobs/"_s + sha, entry);
        return blob;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("HOME", QFile::encodeName(m_home.path()));
        setUpJourneys();
    }
    void cleanupTestCase() { tearDownJourneys(); }

    void freeSpaceRemovesOnlyTheVersionsModelDockReplaced()
    {
        const QByteArray big(3 * 1024 * 1024, 'o');
        const QString oldOnly = addFile(kOld, u"model.gguf"_s, big);
        const QString shared = addFile(kOld, u"config.json"_s, "{}");
        addFile(kNew, u"config.json"_s, "{}");
        const QString newOnly = addFile(kNew, u"model.gguf"_s, QByteArray(1024, 'n'));
        const QString pinned = addFile(kPinned, u"model.gguf"_s, QByteArray(2048, 'p'));
        QDir().mkpath(repo() + u"/refs"_s);
        QFile ref(repo() + u"/refs/main"_s);
        QVERIFY(ref.open(QIODevice::WriteOnly));
        ref.write(kOld.toLatin1());
        ref.close();
        // An update moved main to the new commit (as the app's updater does).
        Updates::SnapshotManager snapshots(cache(), QDir(m_runtime.dataDir).filePath(u"snapshot-history.json"_s));
        QString error;
        QVERIFY2(snapshots.switchRef(kRepo, u"main"_s, kNew, &error), qPrintable(error));

        QVERIFY(m_window->freeSpaceAction());
        m_window->freeSpaceAction()->trigger();
        QTRY_VERIFY(m_window->freeSpaceDialog() && m_window->freeSpaceDialog()->isVisible());
        Ui::FreeSpaceDialog *dialog = m_window->freeSpaceDialog();
        QTRY_VERIFY(!dialog->isBusy());
        QCOMPARE(dialog->list()->topLevelItemCount(), 1);
        QCOMPARE(dialog->list()->topLevelItem(0)->text(0), kRepo + u" @ "_s + kOld.left(8));
        QVERIFY2(dialog->summary()->text().contains(u"1 earlier version can go, freeing 3.0 MiB"_s),
                 qPrintable(dialog->summary()->text()));
        // Nothing is removed before the user says so.
        QVERIFY(QFileInfo::exists(oldOnly));
        shot(u"freespace-listed"_s);

        QVERIFY(dialog->removeButton()->isEnabled());
        QTest::mouseClick(dialog->removeButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog->isBusy());
        QVERIFY2(dialog->summary()->text().contains(u"Removed 1 earlier version, freeing 3.0 MiB"_s),
                 qPrintable(dialog->summary()->text()));
        QVERIFY(!dialog->removeButton()->isEnabled());
        QVERIFY(!QFileInfo::exists(repo() + u"/snapshots/"_s + kOld));
        QVERIFY(!QFileInfo::exists(oldOnly));
        // What the new version uses, and what another tool downloaded, stay.
        QVERIFY(QFileInfo::exists(shared));
        QVERIFY(QFileInfo::exists(newOnly));
        QVERIFY(QFileInfo::exists(pinned));
        QVERIFY(QFileInfo::exists(repo() + u"/snapshots/"_s + kPinned + u"/model.gguf"_s));
        QCOMPARE(snapshots.currentCommit(kRepo, u"main"_s), kNew);
        shot(u"freespace-removed"_s);
        dialog->reject();
    }

    void aModelsGgufFilesAreMadeAvailableToLmStudio()
    {
        // TinyStories' Q2_K as a download left it: a blob, the snapshot entry, refs/main.
        const QString commit = QString(40, u'd');
        const QString tinyRepo = cache() + u"/models--modeldock-demo--TinyStories-GGUF"_s;
        const QByteArray content(4096, 'q');
        const QString sha = Util::Sha256::hexOf(content);
        QDir().mkpath(tinyRepo + u"/blobs"_s);
        QFile blob(tinyRepo + u"/blobs/"_s + sha);
        QVERIFY(blob.open(QIODevice::WriteOnly));
        blob.write(content);
        blob.close();
        QDir().mkpath(tinyRepo + u"/snapshots/"_s + commit);
        QVERIFY(
            QFile::link(u"../../blobs/"_s + sha, tinyRepo + u"/snapshots/"_s + commit + u"/tinystories.Q2_K.gguf"_s));
        QDir().mkpath(tinyRepo + u"/refs"_s);
        QFile ref(tinyRepo + u"/refs/main"_s);
        QVERIFY(ref.open(QIODevice::WriteOnly));
        ref.write(commit.toLatin1());
        ref.close();

        const QPersistentModelIndex model = findModel(kTiny);
        QVERIFY(model.isValid());
        click(model);
        QTRY_VERIFY(m_window->shareLmStudioAction()->isEnabled());
        m_window->shareLmStudioAction()->trigger();
        const QString shared =
            m_home.path() + u"/.lmstudio/models/modeldock-demo/TinyStories-GGUF/tinystories.Q2_K.gguf"_s;
        QVERIFY(QFileInfo::exists(shared));
        QCOMPARE(TestFiles::inodeOf(shared), TestFiles::inodeOf(blob.fileName()));
        QVERIFY2(m_window->statusBar()->currentMessage().contains(u"Shared 1 GGUF file of "_s + kTiny +
                                                                  u" with LM Studio"_s),
                 qPrintable(m_window->statusBar()->currentMessage()));
        shot(u"library-shared-with-lmstudio"_s);
        // Again: nothing new, nothing broken.
        m_window->shareLmStudioAction()->trigger();
        QCOMPARE(TestFiles::inodeOf(shared), TestFiles::inodeOf(blob.fileName()));
    }
};

QTEST_MAIN(TestJourneysFreeSpace)
#include "tst_journeys_freespace.moc"
