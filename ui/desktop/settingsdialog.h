#pragma once

#include <QDialog>
#include <QHash>
#include <QPair>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeWidget;
class QWidget;

namespace Settings {
class SettingsCenter;
struct SettingDefinition;
}  // namespace Settings

namespace Ui {

// The settings dialog is generated from the declared schema, so a new setting needs no UI
// code. Apply hands the whole edited set to the settings center, which validates and applies
// it atomically and live; refused keys are shown with their rule and nothing changes. The
// history tab lists every version and rolls back to the selected one. A value the environment
// or the command line pins for this run is shown as it is in effect, read-only, its label
// naming the variable or option; Apply leaves it (and its stored value) alone.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(Settings::SettingsCenter *center, QWidget *parent = nullptr);

    // For tests and automation: the editor widget of a key.
    QWidget *editorFor(const QString &key) const { return m_editors.value(key); }
    QString lastError() const;

public Q_SLOTS:
    bool applyChanges();
    bool rollbackToSelected();

private:
    QWidget *createEditor(const Settings::SettingDefinition &definition, QWidget *parent);
    // A choice of known servers beside an endpoint field; the last entry is "Custom endpoint".
    QComboBox *createServerPresets(QLineEdit *endpoint, const QString &name, const QString &accessibleName,
                                   const QList<QPair<QString, QString>> &servers);
    QVariant editorValue(const Settings::SettingDefinition &definition) const;
    void loadValues();
    void loadHistory();

    Settings::SettingsCenter *m_center;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QLabel *> m_labels;  // each editor's row label, by key
    QLabel *m_status = nullptr;
    QTreeWidget *m_history = nullptr;
    QList<std::function<void()>> m_followers;  // widgets that follow others' values
};

}  // namespace Ui
