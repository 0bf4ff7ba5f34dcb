// Free space through the real window (issue 13): Model → Free space… lists the earlier
// versions ModelDock replaced in the shared Hugging Face cache, and Remove deletes exactly those
// and the blobs only they used; a snapshot another tool pinned, and everything a ref points at,
// stay. The cache is laid out on disk as huggingface_hub lays it out.
#include "freespacedialog.h"
#include "journeyfixture.h"
#include "mainwindow.h"
#include "updates/snapshotmanager.h"
#include "util/sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
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
    void initTestCase() { setUpJourneys(); }
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
};

QTEST_MAIN(TestJourneysFreeSpace)
#include "tst_journeys_freespace.moc"
