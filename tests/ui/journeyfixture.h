// The fixture of the journey tests: the app built the way main() builds it (GuiComposition +
// MainWindow) against the local test hub, and what a person does with it: type in the search
// box, click rows, press Ctrl+D, read the summary dialog, click its buttons. Each journey
// checks what the dialog offered and the verified files on disk, in the Hugging Face cache
// layout or the Civitai library. Journeys are split by subject (tst_journeys_*.cpp); each
// file is its own process with its own hub and data folder.
//
// MODELDOCK_JOURNEY_SHOTS=<folder> saves a picture of the window (with its open dialog) at the
// moment each journey is judged: scripts/journey-screenshots.sh.
#pragma once

#include "download/types.h"
#include "guicomposition.h"
#include "mainwindow.h"
#include "settings/settingscenter.h"
#include "testhub.h"
#include "util/translations.h"

#include <QObject>
#include <QPersistentModelIndex>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class QSortFilterProxyModel;
class QTreeView;

namespace Ui {
class DownloadSummaryDialog;
}

inline const QString kLlama = QStringLiteral("cortexso/llama3.2");
inline const QString kTiny = QStringLiteral("modeldock-demo/TinyStories-GGUF");

class JourneyFixture : public QObject
{
protected:
    TestHub m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings::SettingsCenter> m_settings;
    std::unique_ptr<App::GuiComposition> m_app;
    std::unique_ptr<Ui::MainWindow> m_window;
    Config::RuntimeConfig m_runtime;
    // As main() builds it: "1 model", "2 models". No language is applied, so the journeys read
    // English whatever the machine's locale.
    std::unique_ptr<Util::Translations> m_translations;

    // initTestCase: the hub, a data folder, the app, and a first sync (F5).
    void setUpJourneys();
    // cleanupTestCase.
    void tearDownJourneys();
    // cleanup: a dialog a failed journey left open must not swallow the next journey's keys.
    void closeDialogs();

    // The app as main() builds it on the data folder of this run; a second call is a restart.
    bool startApp();
    // Storage serves this file at `rate` bytes/s, so it is still running when the journey acts.
    int slowDown(const QString &repo, const QString &revision, const QString &path, int rate);
    // Downloads a branch of a repo through the tree and Ctrl+D; returns the new group once
    // its first bytes arrived.
    Download::GroupId startBranch(const QString &repo, const QString &branch);

    QTreeView *tree() const;
    QSortFilterProxyModel *proxy() const;
    QString cache() const { return m_dir->filePath(QStringLiteral("hub")); }
    QString library() const { return m_dir->filePath(QStringLiteral("library")); }
    bool settled() const;

    // Types into the search box until the tree shows the model; returns its row.
    QPersistentModelIndex findModel(const QString &key, const QString &words = {});
    QModelIndex childNamed(const QModelIndex &parent, const QString &variant);
    // A mouse click on the row's name, as a person selects it.
    void click(const QModelIndex &index, Qt::KeyboardModifiers modifiers = {});
    // Ctrl+D over the tree; the summary once its files are listed.
    Ui::DownloadSummaryDialog *pressDownload();
    // "group/name" of each ticked file, the files the dialog will fetch.
    static QStringList ticked(const Ui::DownloadSummaryDialog *summary);
    // Clicks Download and waits until the new group's tasks are all verified.
    bool confirmAndWait(Ui::DownloadSummaryDialog *summary, Download::GroupId *groupOut = nullptr);
    // The file as the hub has it at `revision` is in snapshots/<commit>/ with refs/<revision>.
    void verifyHfFile(const QString &repo, const QString &revision, const QString &path);
    QString snapshotFolder(const QString &repo, const QString &revision);
    // A Civitai file of `modelId` in the library, checked against its sidecar's SHA-256.
    void verifyCivitaiModelInLibrary(qint64 modelId);
    // With MODELDOCK_JOURNEY_SHOTS set: <folder>/<name>.png, the window and its open dialogs.
    void shot(const QString &name) const;

    static QString sha256Of(const QString &path);
};
