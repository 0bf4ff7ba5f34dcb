#include "typefolderseditor.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalBlocker>

namespace Ui {

using Library::LibraryLayout;

TypeFoldersEditor::TypeFoldersEditor(QWidget *parent)
    : QTableWidget(parent)
{
    const QStringList types = LibraryLayout::civitaiTypes();
    setColumnCount(2);
    setRowCount(int(types.size()));
    setHorizontalHeaderLabels({tr("Civitai type"), tr("Folder in the library")});
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                    QAbstractItemView::AnyKeyPressed);
    for (int row = 0; row < rowCount(); ++row) {
        auto *type = new QTableWidgetItem(types.at(row));
        type->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        setItem(row, 0, type);
        setItem(row, 1, new QTableWidgetItem);
    }
    setMinimumHeight(8 * verticalHeader()->defaultSectionSize());
    connect(this, &QTableWidget::itemChanged, this, &TypeFoldersEditor::onItemChanged);
    refresh();
}

void TypeFoldersEditor::setPreset(LibraryLayout::Preset preset)
{
    m_preset = preset;
    refresh();
}

void TypeFoldersEditor::setTypeFoldersJson(const QString &json)
{
    QMap<QString, QString> folders;
    if (LibraryLayout::parseTypeFolders(json, &folders, nullptr))
        m_folders = folders;
    refresh();
}

QString TypeFoldersEditor::typeFoldersJson() const
{
    // As typed: the core cleans and checks each folder, and names a refused one.
    QJsonObject object;
    for (auto it = m_folders.cbegin(); it != m_folders.cend(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

int TypeFoldersEditor::rowOf(const QString &type) const
{
    return int(LibraryLayout::civitaiTypes().indexOf(LibraryLayout::canonicalType(type)));
}

QString TypeFoldersEditor::folderOf(const QString &type) const
{
    const int row = rowOf(type);
    return row < 0 ? QString() : item(row, 1)->text();
}

void TypeFoldersEditor::onItemChanged(QTableWidgetItem *changed)
{
    if (changed->column() != 1)
        return;
    const QString type = item(changed->row(), 0)->text();
    const QString text = changed->text().trimmed();
    if (text.isEmpty() || text == LibraryLayout::presetFolder(m_preset, type))
        m_folders.remove(type);
    else
        m_folders.insert(type, text);
    refresh();
}

void TypeFoldersEditor::refresh()
{
    const QSignalBlocker blocker(this);
    for (int row = 0; row < rowCount(); ++row) {
        const QString type = item(row, 0)->text();
        QTableWidgetItem *cell = item(row, 1);
        const bool own = m_folders.contains(type);
        const QString layoutFolder = LibraryLayout::presetFolder(m_preset, type);
        cell->setText(own ? m_folders.value(type) : layoutFolder);
        QFont font = cell->font();
        font.setBold(own);
        cell->setFont(font);
        cell->setToolTip(own ? tr("Your folder for %1 (the layout's: %2). Empty the cell to use the layout's.")
                                   .arg(type, layoutFolder)
                             : tr("The layout's folder for %1. Type another to send %1 files elsewhere.").arg(type));
    }
}

}  // namespace Ui
