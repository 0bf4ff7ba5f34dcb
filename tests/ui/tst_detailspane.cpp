// The details pane: variant picker and file list, shared ticks, trigger words, the gated notice
// and its link, a card that loads nothing, and preview images from the test hub.
#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalogmodel.h"
#include "detailspane.h"
#include "filelistmodel.h"
#include "imagecache.h"
#include "net/session.h"
#include "previewviewer.h"
#include "testhub.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Catalog;
using Ui::DetailsPane;
using Ui::FileListModel;

class TestDetailsPane : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    // QDesktopServices hands web links here instead of to a browser.
    void openUrl(const QUrl &url) { m_opened << url; }

private:
    TestHub m_hub;
    QTemporaryDir m_dir;
    QList<QUrl> m_opened;

    QUrl image(const QString &name) const
    {
        return QUrl(m_hub.storageUrl().toString() + QStringLiteral("/images/%1-300x400.png").arg(name));
    }

    ModelRecord lora() const
    {
        ModelRecord m;
        m.key = QStringLiteral("civitai:4201");
        m.hub = QStringLiteral("civitai");
        m.name = QStringLiteral("Demo Style LoRA Pack");
        m.author = QStringLiteral("demo");
        m.gated = QStringLiteral("manual");
        m.webUrl = QUrl(QStringLiteral("https://civitai.example/models/4201"));
        m.tags = {QStringLiteral("style")};
        m.description = QStringLiteral("A **style** pack.\n\n![pixel](http://tracker.invalid/p.png)\n\n"
                                       "<script>alert(1)</script><img src=\"file:///etc/passwd\">\n");
        FileRecord a{QStringLiteral("pack-v2.safetensors"),
                     2048,
                     QString(64, QLatin1Char('a')),
                     {},
                     {},
                     true,
                     LocalState::Verified};
        FileRecord b{QStringLiteral("pack-v2.yaml"), 100, QString(), {}, {}, false, LocalState::None};
        FileRecord c{QStringLiteral("pack-v1.safetensors"),
                     1024,
                     QString(64, QLatin1Char('c')),
                     {},
                     {},
                     true,
                     LocalState::Failed};
        VariantRecord v2{QStringLiteral("v2"), QStringLiteral("version"), QStringLiteral("2"), {}, {}, {a, b}, {}};
        v2.extra.insert(QStringLiteral("trainedWords"),
                        QJsonArray{QStringLiteral("pixel art"), QStringLiteral("retro")});
        v2.extra.insert(QStringLiteral("preview"), image(QStringLiteral("v2")).toString());
        VariantRecord v1{QStringLiteral("v1"), QStringLiteral("version"), QStringLiteral("1"), {}, {}, {c}, {}};
        v1.extra.insert(QStringLiteral("trainedWords"), QJsonArray{QStringLiteral("sketch"), QStringLiteral("retro")});
        v1.extra.insert(QStringLiteral("preview"), image(QStringLiteral("v1")).toString());
        m.variants = {v2, v1};
        return m;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        QDesktopServices::setUrlHandler(QStringLiteral("https"), this, "openUrl");
        QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
    }
    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    }
    void init() { m_opened.clear(); }

    void theVariantPickerFiltersTheFileList()
    {
        DetailsPane pane;
        QAbstractItemModelTester tester(pane.files(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.showModel(lora());
        QCOMPARE(pane.variantPicker()->count(), 3);
        QCOMPARE(pane.files()->rowCount(), 3);
        pane.variantPicker()->setCurrentIndex(pane.variantPicker()->findData(QStringLiteral("v1")));
        QCOMPARE(pane.files()->rowCount(), 1);
        const QModelIndex row = pane.files()->index(0, 0);
        QCOMPARE(row.data().toString(), QStringLiteral("pack-v1.safetensors"));
        QCOMPARE(row.siblingAtColumn(FileListModel::SizeColumn).data().toString(), QStringLiteral("1.0 KiB"));
        QCOMPARE(row.siblingAtColumn(FileListModel::Sha256Column).data().toString(), QString(64, QLatin1Char('c')));
        QCOMPARE(row.siblingAtColumn(FileListModel::StateColumn).data(Ui::ItemStateRole).toInt(),
                 int(Ui::ItemState::Failed));
        pane.variantPicker()->setCurrentIndex(pane.variantPicker()->findData(QStringLiteral("v2")));
        QCOMPARE(pane.files()->rowCount(), 2);
        QCOMPARE(pane.files()->index(1, FileListModel::Sha256Column).data().toString(),
                 QStringLiteral("not published"));
        QCOMPARE(pane.files()->index(0, FileListModel::StateColumn).data().toString(), QStringLiteral("Verified ✓"));
        pane.clear();
        QCOMPARE(pane.files()->rowCount(), 0);
        QVERIFY(pane.browser()->toPlainText().isEmpty());
    }

    void ticksInTheFileListAreTheCatalogsTicks()
    {
        CatalogDatabase database(m_dir.filePath(QStringLiteral("catalog.sqlite")));
        QVERIFY(database.open());
        CatalogStore store(&database);
        Ui::CatalogModel catalog(&store);
        DetailsPane pane;
        pane.setServices(&catalog, nullptr);
        QAbstractItemModelTester tester(pane.files(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.showModel(lora());
        const QModelIndex first = pane.files()->index(0, FileListModel::NameColumn);
        QVERIFY(first.flags() & Qt::ItemIsUserCheckable);
        QVERIFY(pane.files()->setData(first, Qt::Checked, Qt::CheckStateRole));
        const Ui::CatalogModel::FileRef ref{QStringLiteral("civitai:4201"), QStringLiteral("v2"),
                                            QStringLiteral("pack-v2.safetensors")};
        QVERIFY(catalog.isChecked(ref));
        QCOMPARE(catalog.checkedFiles(), QList<Ui::CatalogModel::FileRef>{ref});
        catalog.setChecked(ref, false);
        QCOMPARE(first.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    }

    void triggerWordsFollowTheVariantAndCopyToTheClipboard()
    {
        DetailsPane pane;
        pane.show();
        pane.showModel(lora());
        QCOMPARE(pane.triggerWordsLabel()->text(), QStringLiteral("pixel art, retro, sketch"));
        QVERIFY(pane.copyTriggerWordsButton()->isVisibleTo(&pane));
        pane.variantPicker()->setCurrentIndex(pane.variantPicker()->findData(QStringLiteral("v1")));
        QCOMPARE(pane.triggerWords(), (QStringList{QStringLiteral("sketch"), QStringLiteral("retro")}));
        QTest::mouseClick(pane.copyTriggerWordsButton(), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("sketch, retro"));
        ModelRecord plain = lora();
        for (VariantRecord &variant : plain.variants)
            variant.extra.remove(QStringLiteral("trainedWords"));
        pane.showModel(plain);
        QVERIFY(!pane.copyTriggerWordsButton()->isVisibleTo(&pane));
    }

    void theGatedNoticeLinksToTheModelPageAndOnlyWebLinksOpen()
    {
        DetailsPane pane;
        pane.show();
        pane.showModel(lora());
        QVERIFY(pane.gatedNotice()->isVisibleTo(&pane));
        QVERIFY(pane.gatedNotice()->text().contains(QStringLiteral("href=\"https://civitai.example/models/4201\"")));
        Q_EMIT pane.gatedNotice()->linkActivated(QStringLiteral("https://civitai.example/models/4201"));
        QCOMPARE(m_opened, QList<QUrl>{QUrl(QStringLiteral("https://civitai.example/models/4201"))});
        pane.openLink(QUrl(QStringLiteral("file:///etc/passwd")));
        pane.openLink(QUrl(QStringLiteral("javascript:alert(1)")));
        QCOMPARE(m_opened.size(), 1);
        ModelRecord open = lora();
        open.gated.clear();
        pane.showModel(open);
        QVERIFY(!pane.gatedNotice()->isVisibleTo(&pane));
    }

    void theCardLoadsNoResourceAndShowsMarkupAsText()
    {
        DetailsPane pane;
        pane.resize(600, 800);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.showModel(lora());
        QTRY_VERIFY(!pane.browser()->refusedResources().isEmpty());
        QVERIFY(pane.browser()->refusedResources().contains(QUrl(QStringLiteral("http://tracker.invalid/p.png"))));
        for (const QUrl &url : {QUrl(QStringLiteral("file:///etc/passwd")),
                                QUrl(QStringLiteral("https://example.com/x.png")), QUrl(QStringLiteral("README.md"))})
            QVERIFY(!pane.browser()->loadResource(QTextDocument::ImageResource, url).isValid());
        const QString text = pane.browser()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("<script>alert(1)</script>")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Demo Style LoRA Pack")));
        QVERIFY(!pane.browser()->openLinks());
    }

    void previewImagesArriveAsynchronously()
    {
        Net::Session session;
        Ui::ImageCache::Options options;
        options.directory = m_dir.filePath(QStringLiteral("previews"));
        Ui::ImageCache images(&session, options);
        DetailsPane pane;
        pane.setServices(nullptr, &images);
        pane.show();
        pane.showModel(lora());
        QCOMPARE(pane.previewUrls().size(), 2);
        QCOMPARE(pane.previewsShown(), 0);  // nothing blocks to fetch them
        QTRY_COMPARE_WITH_TIMEOUT(pane.previewsShown(), 2, 15000);
        // A click on a thumbnail opens it large, with the other preview a key press away.
        const QList<QLabel *> thumbnails = pane.findChildren<QLabel *>(QStringLiteral("preview"));
        QCOMPARE(thumbnails.size(), 2);
        QTest::mouseClick(thumbnails.at(1), Qt::LeftButton);
        auto *viewer = pane.findChild<Ui::PreviewViewer *>();
        QVERIFY(viewer && viewer->isVisible());
        QCOMPARE(viewer->current(), 1);
        QVERIFY(viewer->imageLabel()->pixmap().height() > thumbnails.at(1)->pixmap().height());
        QTest::keyClick(viewer, Qt::Key_Left);
        QCOMPARE(viewer->current(), 0);
        viewer->reject();
        pane.variantPicker()->setCurrentIndex(pane.variantPicker()->findData(QStringLiteral("v1")));
        QCOMPARE(pane.previewUrls(), QList<QUrl>{image(QStringLiteral("v1"))});
        QCOMPARE(pane.previewsShown(), 1);  // from memory at once
        // A preview that is not an image leaves a sentence, not a crash.
        ModelRecord broken = lora();
        broken.variants[0].extra.insert(
            QStringLiteral("preview"),
            QString(m_hub.hfUrl().toString() +
                    QStringLiteral("/modeldock-demo/TinyStories-GGUF/resolve/main/README.md")));
        pane.showModel(broken);
        QTRY_VERIFY_WITH_TIMEOUT(pane.findChild<QLabel *>(QStringLiteral("preview"))->text() ==
                                     QStringLiteral("Preview unavailable"),
                                 15000);
    }
};

QTEST_MAIN(TestDetailsPane)
#include "tst_detailspane.moc"
