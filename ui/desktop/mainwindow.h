#pragma once

#include <QMainWindow>

class QTreeView;
class QTextBrowser;
class QDockWidget;
class QLabel;
class QLineEdit;
class QAction;

namespace Settings {
class SettingsCenter;
}

namespace Ui {

// The desktop shell: catalog tree in the centre, details on the right, downloads dashboard
// docked at the bottom, sync state in the status bar. It presents core objects handed in by
// the composition root; it owns no domain state of its own.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // settings may be null (tests of the bare shell); the Settings action is then disabled.
    explicit MainWindow(Settings::SettingsCenter *settings = nullptr, QWidget *parent = nullptr);

    QTreeView *catalogView() const { return m_catalogView; }
    QTextBrowser *detailsView() const { return m_details; }
    QTreeView *downloadsView() const { return m_downloadsView; }
    QLabel *syncStatusLabel() const { return m_syncStatus; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *settingsAction() const { return m_settingsAction; }

public Q_SLOTS:
    void showSettings();

Q_SIGNALS:
    void refreshRequested();

private:
    void createActions();
    void createCentralArea();
    void createDocks();

    QTreeView *m_catalogView = nullptr;
    QTextBrowser *m_details = nullptr;
    QTreeView *m_downloadsView = nullptr;
    QDockWidget *m_downloadsDock = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_syncStatus = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_settingsAction = nullptr;
    Settings::SettingsCenter *m_settings = nullptr;
};

} // namespace Ui
