#include "screenshotdriver.h"

#include "catalog/syncengine.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "downloadrequester.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "sourcesmodel.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QListView>
#include <QPixmap>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

namespace Tools {

ScreenshotDriver::ScreenshotDriver(Ui::MainWindow *window, Catalog::SyncEngine *engine, QString directory,
                                   QString packSource)
    : QObject(window)
    , m_window(window)
    , m_engine(engine)
    , m_directory(std::move(directory))
    , m_packSource(std::move(packSource))
{
    QDir().mkpath(m_directory);
    QTimer::singleShot(500, this, [this] {
        m_window->refreshAction()->trigger();
        waitUntilIdle(&ScreenshotDriver::afterSync);
    });
}

void ScreenshotDriver::waitUntilIdle(void (ScreenshotDriver::*next)())
{
    auto *poll = new QTimer(this);
    poll->setInterval(200);
    connect(poll, &QTimer::timeout, this, [this, poll, next] {
        // The catalog reads on its own thread after a sync: wait for the rows as well.
        if (m_engine->isBusy() || m_window->catalogPane()->model()->isQueryPending())
            return;
        poll->deleteLater();
        QTimer::singleShot(800, this, next);
    });
    poll->start();
}

bool ScreenshotDriver::save(QWidget *widget, const QString &name)
{
    return widget->grab().save(QDir(m_directory).filePath(name));
}

void ScreenshotDriver::afterSync()
{
    QTreeView *tree = m_window->catalogView();
    // A Hugging Face GGUF repo shows variants best; fall back to the top row.
    QModelIndex first = tree->model()->index(0, 0);
    for (int row = 0; row < tree->model()->rowCount(); ++row) {
        const QModelIndex index = tree->model()->index(row, 0);
        if (index.data(Ui::CatalogModel::ModelKeyRole)
                .toString()
                .contains(QStringLiteral("gguf"), Qt::CaseInsensitive)) {
            first = index;
            break;
        }
    }
    tree->setCurrentIndex(first);
    tree->expand(first);
    // The card and file list of the selected model arrive from the hub first.
    QTimer::singleShot(2500, this, [this] {
        save(m_window, QStringLiteral("main-window.png"));
        startPack();
    });
}

void ScreenshotDriver::startPack()
{
    QAbstractItemModel *sources = m_window->sourcesView()->model();
    for (int row = 0; row < sources->rowCount(); ++row) {
        const QModelIndex index = sources->index(row, 0);
        if (index.data(Ui::SourcesModel::SourceNameRole).toString() == m_packSource)
            m_window->sourcesView()->setCurrentIndex(index);
    }
    QTimer::singleShot(500, this, [this] {
        m_window->catalogView()->selectAll();
        m_window->downloadAction()->trigger();
        auto *poll = new QTimer(this);
        poll->setInterval(200);
        connect(poll, &QTimer::timeout, this, [this, poll] {
            QDialog *summary = m_window->requester()->summaryDialog();
            if (!summary)
                return;
            poll->deleteLater();
            summary->accept();
            QTimer::singleShot(4000, this, &ScreenshotDriver::grabDashboard);
        });
        poll->start();
    });
}

void ScreenshotDriver::grabDashboard()
{
    save(m_window, QStringLiteral("dashboard.png"));
    m_window->showSettings();
    QTimer::singleShot(800, this, &ScreenshotDriver::grabSettings);
}

void ScreenshotDriver::grabSettings()
{
    if (auto *dialog = m_window->findChild<Ui::SettingsDialog *>()) {
        // The page with the mirror preset, the masked tokens and the proxy.
        if (auto *tabs = dialog->findChild<QTabWidget *>()) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->widget(i)->findChild<QWidget *>(QStringLiteral("hfEndpointPreset")))
                    tabs->setCurrentIndex(i);
            }
        }
        QApplication::processEvents();
        save(dialog, QStringLiteral("settings.png"));
    }
    QApplication::quit();
}

}  // namespace Tools
