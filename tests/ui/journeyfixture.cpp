#include "journeyfixture.h"

#include "catalog/syncengine.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "download/downloadpool.h"
#include "downloadrequester.h"
#include "downloadsummarydialog.h"
#include "settings/settingsschema.h"
#include "sourcesmodel.h"
#include "util/sha256.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDialog>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace Settings;

void JourneyFixture::setUpJourneys()
{
    QStandardPaths::setTestModeEnabled(true);
    m_translations = std::make_unique<Util::Translations>();
    QVERIFY2(m_hub.start({QStringLiteral("--big-file-mb"), QStringLiteral("4")}), qPrintable(m_hub.errorString()));
    m_dir = std::make_unique<QTemporaryDir>();
    QProcessEnvironment env;
    env.insert(QStringLiteral("HF_ENDPOINT"), m_hub.hfUrl().toString());
    env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), m_hub.civitaiUrl().toString());
    env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), m_dir->filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("HF_HUB_CACHE"), cache());
    env.insert(QStringLiteral("MODELDOCK_LIBRARY"), library());
    m_runtime = Config::RuntimeConfig::fromEnvironment(env);
    QDir().mkpath(m_runtime.dataDir);
    m_settings = std::make_unique<SettingsCenter>(SettingsSchema::standard(m_runtime),
                                                  QDir(m_runtime.dataDir).filePath(QStringLiteral("settings.sqlite")));
    QString error;
    QVERIFY2(m_settings->open(&error), qPrintable(error));
    QVERIFY(m_settings
                ->apply({{QString::fromLatin1(Keys::MaxActive), 8},
                         {QString::fromLatin1(Keys::MaxPerHost), 6},
                         // The machine's own LM Studio or Ollama models must not change a journey.
                         {QString::fromLatin1(Keys::ReuseFromApps), false}},
                        ChangeSource::Gui)
                .ok);
    QVERIFY(startApp());
    // F5, as a person refreshes; then the tree reads the synced catalog.
    QTest::keyClick(tree(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(m_app->engine()->isBusy(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->engine()->isBusy(), 60000);
    QVERIFY(settled());
}

void JourneyFixture::tearDownJourneys()
{
    m_window.reset();
    m_app.reset();
    m_settings.reset();
    m_dir.reset();
}

void JourneyFixture::closeDialogs()
{
    if (QDialog *open = m_window->requester()->summaryDialog())
        open->reject();
}

QTreeView *JourneyFixture::tree() const
{
    return m_window->catalogView();
}

QSortFilterProxyModel *JourneyFixture::proxy() const
{
    return m_window->catalogPane()->proxy();
}

bool JourneyFixture::startApp()
{
    QString error;
    m_app = App::GuiComposition::create(m_runtime, m_settings.get(), &error);
    if (!m_app) {
        qWarning() << error;
        return false;
    }
    m_window = std::make_unique<Ui::MainWindow>(m_app->services());
    // As App::runDesktop does: live settings reach the window's parts (the requester's folders).
    m_app->attach(m_window.get());
    m_window->resize(1400, 900);
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    // An X server without a window manager (screenshots under Xvfb) never activates a
    // window for the platform; Qt's own active window, which shortcuts follow, is set above.
    return QTest::qWaitForWindowExposed(m_window.get());
}

int JourneyFixture::slowDown(const QString &repo, const QString &revision, const QString &path, int rate)
{
    const QString sha = m_hub.fileInfo(repo, path, revision).value(QStringLiteral("sha256")).toString();
    return m_hub.addScenario(QJsonObject{{QStringLiteral("origin"), QStringLiteral("storage")},
                                         {QStringLiteral("path"), sha},
                                         {QStringLiteral("fault"), QStringLiteral("slow")},
                                         {QStringLiteral("rate"), rate}});
}

Download::GroupId JourneyFixture::startBranch(const QString &repo, const QString &branch)
{
    const QModelIndex row = childNamed(findModel(repo), branch);
    if (!row.isValid())
        return 0;
    click(row);
    Ui::DownloadSummaryDialog *summary = pressDownload();
    if (!summary)
        return 0;
    Download::DownloadPool *pool = m_app->pool();
    const qsizetype before = pool->groups().size();
    QTest::mouseClick(summary->downloadButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return pool->groups().size() == before + 1; }, 10000))
        return 0;
    const Download::GroupId group = pool->groups().last();
    const bool moving = QTest::qWaitFor(
        [&] {
            for (Download::TaskId id : pool->tasks(group)) {
                if (pool->request(id).expectedSize > 1024 * 1024 && pool->task(id).bytesDone > 0)
                    return true;
            }
            return false;
        },
        20000);
    return moving ? group : 0;
}

bool JourneyFixture::settled() const
{
    return QTest::qWaitFor([this] { return !m_window->catalogPane()->model()->isQueryPending(); }, 10000);
}

QPersistentModelIndex JourneyFixture::findModel(const QString &key, const QString &words)
{
    // From every source, as after a click on "All sources".
    QListView *sources = m_window->sourcesView();
    if (sources->currentIndex().row() != 0) {
        const QModelIndex all = sources->model()->index(0, 0);
        QTest::mouseClick(sources->viewport(), Qt::LeftButton, {}, sources->visualRect(all).center());
    }
    QLineEdit *search = m_window->searchField();
    search->selectAll();
    QTest::keyClick(search, Qt::Key_Backspace);
    QTest::keyClicks(search, words.isEmpty() ? key.section(QLatin1Char('/'), -1) : words);
    QPersistentModelIndex found;
    // The rows of this very search (typing is debounced): not those of an earlier one.
    (void)QTest::qWaitFor(
        [&] {
            Ui::CatalogModel *model = m_window->catalogPane()->model();
            if (model->isQueryPending() || model->query().text != search->text().simplified() ||
                model->query().sourceId != sources->currentIndex().data(Ui::SourcesModel::SourceIdRole).toLongLong())
                return false;
            for (int row = 0; row < proxy()->rowCount(); ++row) {
                if (proxy()->index(row, 0).data(Ui::CatalogModel::ModelKeyRole).toString() == key)
                    found = proxy()->index(row, 0);
            }
            return found.isValid();
        },
        10000);
    return found;
}

QModelIndex JourneyFixture::childNamed(const QModelIndex &parent, const QString &variant)
{
    tree()->expand(parent);
    for (int row = 0; row < proxy()->rowCount(parent); ++row) {
        const QModelIndex child = proxy()->index(row, 0, parent);
        if (child.data(Ui::CatalogModel::VariantNameRole).toString() == variant)
            return child;
    }
    return {};
}

void JourneyFixture::click(const QModelIndex &index, Qt::KeyboardModifiers modifiers)
{
    tree()->scrollTo(index);
    const QRect rect = tree()->visualRect(index);
    QTest::mouseClick(tree()->viewport(), Qt::LeftButton, modifiers, rect.center() + QPoint(rect.width() / 4, 0));
}

Ui::DownloadSummaryDialog *JourneyFixture::pressDownload()
{
    // The offscreen platform does not give the window back its activation when a dialog
    // closes; a person's window is active when they press keys.
    QApplication::setActiveWindow(m_window.get());
    tree()->setFocus();
    QTest::keyClick(tree(), Qt::Key_D, Qt::ControlModifier);
    Ui::DownloadSummaryDialog *summary = nullptr;
    (void)QTest::qWaitFor([&] { return (summary = m_window->requester()->summary()) && summary->isVisible(); }, 30000);
    return summary;
}

QStringList JourneyFixture::ticked(const Ui::DownloadSummaryDialog *summary)
{
    QStringList out;
    const QList<bool> ticks = summary->ticks();
    QTreeWidget *files = summary->fileTree();
    for (int g = 0; g < files->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = files->topLevelItem(g);
        for (int f = 0; f < group->childCount(); ++f) {
            const int row = group->child(f)->data(0, Ui::DownloadSummaryDialog::RowRole).toInt();
            if (ticks.value(row))
                out << group->text(0) + QLatin1Char('/') + group->child(f)->text(0);
        }
    }
    out.sort();
    return out;
}

bool JourneyFixture::confirmAndWait(Ui::DownloadSummaryDialog *summary, Download::GroupId *groupOut)
{
    Download::DownloadPool *pool = m_app->pool();
    const qsizetype before = pool->groups().size();
    QTest::mouseClick(summary->downloadButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return pool->groups().size() == before + 1; }, 10000))
        return false;
    const Download::GroupId group = pool->groups().last();
    if (groupOut)
        *groupOut = group;
    return QTest::qWaitFor(
        [&] {
            for (Download::TaskId id : pool->tasks(group)) {
                if (pool->task(id).state != Download::TaskState::Completed)
                    return false;
            }
            return true;
        },
        60000);
}

void JourneyFixture::verifyHfFile(const QString &repo, const QString &revision, const QString &path)
{
    const QJsonObject info = m_hub.fileInfo(repo, path, revision);
    const QString commit = info.value(QStringLiteral("commit")).toString();
    QVERIFY2(commit.size() == 40, qPrintable(repo + QLatin1Char('@') + revision));
    const QString folder = cache() + QStringLiteral("/models--") + QString(repo).replace(u'/', QStringLiteral("--"));
    const QString file = folder + QStringLiteral("/snapshots/") + commit + QLatin1Char('/') + path;
    QVERIFY2(QFileInfo::exists(file), qPrintable(file));
    QCOMPARE(sha256Of(file), info.value(QStringLiteral("sha256")).toString());
    QFile ref(folder + QStringLiteral("/refs/") + revision);
    QVERIFY2(ref.open(QIODevice::ReadOnly), qPrintable(ref.fileName()));
    QCOMPARE(QString::fromLatin1(ref.readAll()).trimmed(), commit);
}

QString JourneyFixture::snapshotFolder(const QString &repo, const QString &revision)
{
    const QString folder = cache() + QStringLiteral("/models--") + QString(repo).replace(u'/', QStringLiteral("--"));
    QFile ref(folder + QStringLiteral("/refs/") + revision);
    if (!ref.open(QIODevice::ReadOnly))
        return {};
    return folder + QStringLiteral("/snapshots/") + QString::fromLatin1(ref.readAll()).trimmed();
}
void JourneyFixture::verifyCivitaiModelInLibrary(qint64 modelId)
{
    QDirIterator it(m_dir->filePath(QStringLiteral("library")), {QStringLiteral("*.modeldock.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile sidecar(it.next());
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject meta = QJsonDocument::fromJson(sidecar.readAll()).object();
        if (meta.value(QLatin1String("modelId")).toInteger() != modelId)
            continue;
        // The file the sidecar describes (other sidecars and the preview sit beside it too).
        const QString path =
            QFileInfo(sidecar.fileName()).dir().filePath(meta.value(QLatin1String("fileName")).toString());
        QVERIFY2(QFileInfo(path).isFile(), qPrintable(path));
        QCOMPARE(Util::Sha256::hexOfFile(path), meta.value(QLatin1String("sha256")).toString());
        return;
    }
    QFAIL(qPrintable(QStringLiteral("no file of Civitai model %1 in the library").arg(modelId)));
}

void JourneyFixture::shot(const QString &name) const
{
    const QString folder = qEnvironmentVariable("MODELDOCK_JOURNEY_SHOTS");
    if (folder.isEmpty() || !m_window)
        return;
    QPixmap picture = m_window->grab();
    QPainter painter(&picture);
    // Dialogs are windows of their own: drawn over the main window where they stand, or
    // centred when the platform places them nowhere in particular.
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        auto *dialog = qobject_cast<QDialog *>(widget);
        if (!dialog || !dialog->isVisible())
            continue;
        const QPixmap face = dialog->grab();
        QPoint at = dialog->geometry().topLeft() - m_window->geometry().topLeft();
        if (!picture.rect().contains(QRect(at, face.size())))
            at = picture.rect().center() - face.rect().center();
        painter.drawPixmap(at, face);
    }
    painter.end();
    QDir().mkpath(folder);
    picture.save(QDir(folder).filePath(name + QStringLiteral(".png")));
}

QString JourneyFixture::sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}
