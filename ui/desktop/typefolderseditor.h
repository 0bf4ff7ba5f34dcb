#pragma once

#include "library/librarylayout.h"

#include <QMap>
#include <QTableWidget>

namespace Ui {

// The library.typeFolders editor of the settings dialog: one row per Civitai model type with
// the folder its files go to under the chosen layout. A folder typed over the layout's becomes
// the user's for that type (shown bold); an emptied cell, or the layout's own folder, gives
// the type back to the layout. Choosing another layout refreshes every row the user did not
// set. The value is the setting's JSON text; the core validates it on Apply.
class TypeFoldersEditor : public QTableWidget
{
    Q_OBJECT
public:
    explicit TypeFoldersEditor(QWidget *parent = nullptr);

    void setPreset(Library::LibraryLayout::Preset preset);
    // The setting's text ({"LORA": "models/loras"}); text that does not parse sets nothing.
    void setTypeFoldersJson(const QString &json);
    QString typeFoldersJson() const;

    // Where a type's files go now (the cell's text), for tests and tooltips.
    QString folderOf(const QString &type) const;
    int rowOf(const QString &type) const;

private:
    void onItemChanged(QTableWidgetItem *changed);
    void refresh();

    Library::LibraryLayout::Preset m_preset = Library::LibraryLayout::Preset::ModelDock;
    QMap<QString, QString> m_folders;  // the user's, by type; as typed
};

}  // namespace Ui
