#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Ui {

// The summary shown before a download starts: exactly the files that will be fetched, grouped
// by model and variant, with their sizes and what is already on disk, a few lines of totals
// and free space (the requester's), and a box per file to leave it out. Files already on disk
// are listed without a box. "Download all versions" appears when a Civitai model is in the
// order; toggling it asks the requester for a new plan.
class DownloadSummaryDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        SizeColumn,
        StateColumn,
        ColumnCount
    };
    enum Role
    {
        RowRole = Qt::UserRole + 1
    };  // index into the rows given to setRows

    struct Row
    {
        QString group;  // "cortexso/llama3.2 · 1b-gguf-q4-km"
        QString name;   // the file's path in its variant
        qint64 size = -1;
        bool onDisk = false;   // verified on disk: listed, never fetched
        bool present = false;  // its bytes are on disk already (another tool's): linked, not fetched
        bool ticked = true;
    };

    explicit DownloadSummaryDialog(QWidget *parent = nullptr);

    void setRows(const QList<Row> &rows);
    // Per row: will it be fetched (ticked and not on disk)?
    QList<bool> ticks() const;
    void setTicked(int row, bool ticked);
    void setSummary(const QString &text, bool canStart, const QString &whyNot = {});
    void offerAllVersions(bool on);

    QTreeWidget *fileTree() const { return m_tree; }
    QLabel *summaryLabel() const { return m_summary; }
    QCheckBox *allVersionsBox() const { return m_allVersions; }
    QPushButton *downloadButton() const { return m_download; }
    // The item of the row whose file name is `name` (in `group` when given), or null.
    QTreeWidgetItem *itemFor(const QString &name, const QString &group = {}) const;

Q_SIGNALS:
    void ticksChanged();
    void allVersionsToggled(bool on);

private:
    QLabel *m_summary;
    QTreeWidget *m_tree;
    QCheckBox *m_allVersions;
    QPushButton *m_download;
    QList<QTreeWidgetItem *> m_items;  // per row
    bool m_filling = false;
    bool m_ticksPending = false;
};

}  // namespace Ui
